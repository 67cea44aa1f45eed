"""The authorisation matrix (issue 8): every view of the URL conf and every operation of the API schema, for
every role and every relation of the object to the user's unit, against what tests/security/matrix.py
declares. Roles, relations and outcomes are described there.

Each request runs inside a savepoint that is rolled back, so no check affects another; one small world
(the `world` fixture) holds an object of each kind for each relation. A view or an operation that nobody
declared fails the test, and so does a declaration naming a view that no longer exists.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import get_resolver, resolve, reverse

from tests.core.test_url_walk import ADMIN_PREFIX, _concrete, _walk
from tests.reporting.conftest import add_requirement, make_document
from tests.security.matrix import (
    CHILD_MARK,
    DECLARATIONS,
    FORBIDDEN,
    IGNORED,
    KINDS,
    LEADERS,
    LIST_URLS,
    LOGIN,
    MEMBERS,
    MIXED_DECLARATIONS,
    NOT_FOUND,
    OK,
    RELATIONS,
    ROLES,
    UNRELATED_MARKS,
    Decl,
)

pytestmark = pytest.mark.security

ROLE_USERS = {
    "reporter": "nga",
    "drafter": "mai",
    "clerk": "thu",
    "signer": "hung",
    "leader": "son",
    "admin": "admin",
}
PER_USER_KINDS = ("batch", "notification", "token")


# --- the URL conf and the schema ------------------------------------------------------------------------------


def _route_kwargs(route: str) -> list[str]:
    return re.findall(r"<(?:\w+:)?(\w+)>", route) + re.findall(r"\(\?P<(\w+)>", route)


def url_views() -> dict[str, str]:
    """Every named view of the URL conf (namespaced, as reverse() takes it) → its route; the admin is one
    entry; the API router's ".json"-style format variants are the same views and are left out."""
    found: dict[str, str] = {}
    for route, name in _walk(get_resolver()):
        if route.startswith(ADMIN_PREFIX):
            found["admin"] = ADMIN_PREFIX
            continue
        if name is None or "(?P<format>" in route or "<drf_format_suffix" in route:
            continue
        concrete = re.sub(r"\(\?P<\w+>[^)]*\)", "1", _concrete(route))
        found.setdefault(resolve(concrete).view_name, route)
    return found


def schema_operations() -> list[tuple[str, str]]:
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    return [
        (method.upper(), path)
        for path, ops in schema["paths"].items()
        for method in ops
        if method.upper() in ("GET", "POST", "PUT", "PATCH", "DELETE")
    ]


def _api_view_name(path: str) -> str:
    return resolve(re.sub(r"\{\w+\}", "1", path)).view_name


def coverage_problems() -> list[str]:
    views = url_views()
    operations = schema_operations()
    op_keys = {f"{m} {p}" for m, p in operations}
    declared_pages = {d.key for d in DECLARATIONS if not d.api}
    declared_ops = {d.key for d in DECLARATIONS if d.api}
    reached_by_ops = {_api_view_name(p) for _, p in operations}
    problems = []
    for name in sorted(set(views) - declared_pages - reached_by_ops):
        problems.append(f"view not declared: {name} ({views[name]})")
    for key in sorted(op_keys - declared_ops):
        problems.append(f"API operation not declared: {key}")
    for name in sorted(declared_pages - set(views)):
        problems.append(f"declared view no longer exists: {name}")
    for key in sorted(declared_ops - op_keys):
        problems.append(f"declared API operation no longer in the schema: {key}")
    for d in MIXED_DECLARATIONS:
        if d.key not in declared_pages | declared_ops:
            problems.append(f"mixed declaration names an undeclared view: {d.key}")
    seen = set()
    for d in DECLARATIONS:
        if (d.key, d.method) in seen:
            problems.append(f"declared twice: {d.method} {d.key}")
        seen.add((d.key, d.method))
    for d in [*DECLARATIONS, *MIXED_DECLARATIONS]:
        if d.api:
            wanted = set(re.findall(r"\{(\w+)\}", d.key))
        else:
            wanted = set(_route_kwargs(views[d.key])) if d.key in views else set()
        if wanted != set(d.objects):
            problems.append(
                f"{d.method} {d.key}: URL keywords {sorted(wanted)}, objects for {sorted(d.objects)}"
            )
        unknown = {kind.split("@")[0] for kind in d.objects.values()} - KINDS
        if unknown:
            problems.append(f"{d.method} {d.key}: no such object kind {sorted(unknown)}")
    return problems


# --- the world ------------------------------------------------------------------------------------------------


def build_world(cast) -> SimpleNamespace:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from directives.handling.models import (
        Assignment,
        Decision,
        ExtensionRequest,
        IncomingEntry,
        Instruction,
        ProgressNote,
    )
    from directives.models import Attachment, Delivery, Document, RenderBatch
    from portal.core.services import api_token_create
    from portal.notifications.models import Notification
    from portal.org.models import Department
    from portal.org.services import UnitData, membership_grant, unit_create
    from reporting.models import Obligation, Report, ReportAttachment
    from reporting.services import obligations_create_for_document

    nga = get_user_model().objects.create_user("nga", "nga@thongsuot.test", "x", first_name="Vũ Thị Nga")
    membership_grant(actor=None, user=nga, unit=cast.ldld, role="reporter")
    lc_chibo = unit_create(
        actor=None,
        parent=cast.laichau,
        data=UnitData(
            code="lc-chibo",
            name="Chi bộ Bản Lang",
            short_name="CB",
            kind="party_cell",
            regime="party",
            place_name="Lai Châu",
        ),
    )
    lc_tu = unit_create(
        actor=None,
        parent=None,
        data=UnitData(
            code="lc-tu",
            name="Ban Thường vụ Bản Lang",
            short_name="TU",
            kind="party_committee",
            regime="party",
            place_name="Lai Châu",
        ),
    )
    # The parent relation: tld, its other child hn-ldld, and a root tw that tld reports to.
    hn_ldld = unit_create(
        actor=None,
        parent=cast.tld,
        data=UnitData(
            code="hn-ldld",
            name="Liên đoàn Lao động thành phố Hà Nội",
            short_name="LĐLĐ",
            kind="union_province",
            regime="union",
            place_name="Hà Nội",
        ),
    )
    tw = unit_create(
        actor=None,
        parent=None,
        data=UnitData(
            code="tw-bch",
            name="Ban Chấp hành Trung ương (thử)",
            short_name="BCH",
            kind="party_central",
            regime="party",
            place_name="Hà Nội",
        ),
    )
    khoa = get_user_model().objects.create_user("khoa", "khoa@thongsuot.test", "x", first_name="Lê Đăng Khoa")
    membership_grant(actor=None, user=khoa, unit=cast.tld, role="signer")
    units = {"own": cast.ldld, "child": cast.yenthe, "unrelated": cast.laichau, "parent": cast.tld}
    below = {"own": cast.yenthe, "child": cast.cdcs, "unrelated": lc_chibo, "parent": hn_ldld}
    above = {"own": cast.tld, "child": cast.ldld, "unrelated": lc_tu, "parent": tw}
    writer = {"own": nga, "child": cast.binh, "unrelated": cast.charlie, "parent": khoa}
    # What a member of ldld may not find in a list carries a mark (matrix.LIST_URLS); a leader of ldld
    # may not find the unit above's objects either.
    mark = {
        "own": "",
        "child": f" {CHILD_MARK}",
        "unrelated": f" {UNRELATED_MARKS[0]}",
        "parent": f" {UNRELATED_MARKS[0]}",
    }
    pairs: dict = {}

    def pair(issuer, recipient, mark):
        """An issued document of issuer to recipient with a semiannual report owed back, and its obligation."""
        key = (issuer.pk, recipient.pk)
        if key not in pairs:
            doc = make_document(issuer=issuer, recipients=[recipient], subject=f"Kế hoạch thông tin{mark}")
            req = add_requirement(doc, frequency="semiannual", to_unit=issuer, title=f"Báo cáo định kỳ{mark}")
            obligations_create_for_document(document=doc, actor=None)
            ob = Obligation.objects.filter(requirement=req, unit=recipient).order_by("due_at").first()
            pairs[key] = (doc, req, ob)
        return pairs[key]

    objects: dict[str, dict] = defaultdict(dict)
    for rel, unit in units.items():
        doc, req, ob_in = pair(unit, below[rel], mark[rel])
        ob_out = pair(above[rel], unit, mark[rel])[2]
        doc.pdf.save(f"matran-{doc.pk}.pdf", ContentFile(b"%PDF-1.4\n%matrix\n"), save=True)
        report = Report.objects.create(obligation=ob_out, data={}, created_by=writer[rel])
        objects["unit"][rel] = unit
        # Recorded by the unit from outside the system; readable by everyone signed in, so it carries no mark.
        objects["external"][rel] = Document.objects.create(
            doc_type="CT",
            is_external=True,
            status="external",
            owner=unit,
            external_issuer="Ban Bí thư",
            number_symbol=f"{90 + len(objects['unit'])}-CT/TW",
            subject="Chỉ thị về công tác thông tin đối ngoại",
        )
        objects["member"][rel] = writer[rel]  # holds a role in the unit (people pages)
        objects["issued"][rel] = doc
        objects["requirement"][rel] = req
        objects["ob_in"][rel] = ob_in
        objects["ob_out"][rel] = ob_out
        objects["draft"][rel] = Document.objects.create(
            doc_type="KH", issuer=unit, status="draft", subject=f"Dự thảo kế hoạch{mark[rel]}"
        )
        objects["submitted"][rel] = Document.objects.create(
            doc_type="KH", issuer=unit, status="submitted", subject=f"Kế hoạch chờ ký{mark[rel]}"
        )
        objects["inbound"][rel] = make_document(
            issuer=cast.tinhuy, recipients=[unit], subject=f"Hướng dẫn tuyên truyền{mark[rel]}"
        )
        # issue 16, helper A: the inbound document's delivery (not registered yet) and a paper entry of the
        # unit's incoming register with its scan.
        objects["delivery"][rel] = Delivery.objects.get(document=objects["inbound"][rel], unit=unit)
        objects["entry"][rel] = IncomingEntry.objects.create(
            unit=unit,
            year=timezone.localdate().year,
            number=1,
            arrived_at=timezone.now(),
            sender_name="Sở Nội vụ",
            subject=f"Công văn về công tác văn thư{mark[rel]}",
            registered_by=cast.thu,
            scan=ContentFile(b"%PDF-1.4\n%matrix\n", name="ban-quet.pdf"),
            scan_name="ban-quet.pdf",
        )
        objects["year"][rel] = str(timezone.localdate().year)
        # issue 16, helper C: the unit's leader assigned an incoming entry to the unit as a whole; its task carries
        # a progress note with an evidence file and a request for more time awaiting the decision.
        task_entry = IncomingEntry.objects.create(
            unit=unit,
            year=timezone.localdate().year,
            number=2,
            arrived_at=timezone.now(),
            sender_name="Sở Nội vụ",
            subject=f"Công văn giao nhiệm vụ{mark[rel]}",
            registered_by=cast.thu,
            state="handling",
        )
        instruction = Instruction.objects.create(
            entry=task_entry, author=writer[rel], decision=Decision.ASSIGN, text="Giao đơn vị thực hiện."
        )
        task = Assignment.objects.create(
            instruction=instruction,
            entry=task_entry,
            unit=unit,
            title=f"Nhiệm vụ tuyên truyền{mark[rel]}",
            due_date=timezone.localdate() + dt.timedelta(days=10),
            assigned_at=timezone.now(),
        )
        objects["task"][rel] = task
        objects["task_note"][rel] = ProgressNote.objects.create(
            assignment=task,
            author=writer[rel],
            text="Đã triển khai.",
            file=ContentFile(b"%PDF-1.4\n%matrix\n", name="minh-chung.pdf"),
            file_name="minh-chung.pdf",
            file_size=18,
        )
        objects["extension"][rel] = ExtensionRequest.objects.create(
            assignment=task,
            requested_by=writer[rel],
            current_due=task.due_date,
            new_due=timezone.localdate() + dt.timedelta(days=40),
            reason="Chờ kinh phí.",
        )
        # issue 16, helper E: a department of the unit (its administrator edits it).
        objects["department"][rel] = Department.objects.create(
            unit=unit, code="MT", name=f"Ban ma trận{mark[rel]}"
        )
        objects["doc_attachment"][rel] = Attachment.objects.create(
            document=doc,
            file=ContentFile(b"noi dung", name="phu-luc.txt"),
            original_name="phu-luc.txt",
            size=8,
            sha256="0" * 64,
        )
        objects["report_attachment"][rel] = ReportAttachment.objects.create(
            report=report,
            file=ContentFile(b"so lieu", name="so-lieu.txt"),
            original_name="so-lieu.txt",
            size=7,
            sha256="0" * 64,
        )
    assert all(objects["ob_in"].values()) and all(objects["ob_out"].values())

    users = {role: cast.users[name] if name != "nga" else nga for role, name in ROLE_USERS.items()}
    others = {"child": cast.binh, "unrelated": cast.charlie, "parent": khoa}
    per_user: dict[str, dict[int, object]] = defaultdict(dict)
    keys = {}
    for person in {*users.values(), *others.values()}:
        batch = RenderBatch.objects.create(
            requested_by=person, document=objects["issued"]["own"], status="done", total=1, done=1
        )
        batch.zip_file.save(f"lo-{person.pk}.zip", ContentFile(b"PK\x05\x06" + b"\0" * 18), save=True)
        per_user["batch"][person.pk] = batch
        per_user["notification"][person.pk] = Notification.objects.create(
            recipient=person,
            kind="test",
            url="/",
            wants_email=False,
            title="Thông báo thử" + ("" if person in users.values() else mark["unrelated"]),
        )
        token, key = api_token_create(user=person, name="Ma trận phân quyền")
        per_user["token"][person.pk] = token
        keys[person.pk] = key
    return SimpleNamespace(
        objects=objects, per_user=per_user, users=users, others=others, keys=keys, units=units
    )


@pytest.fixture
def world(cast, settings, tmp_path):
    from portal.celery import app

    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True  # nothing leaves the process (on_commit never fires in a test anyway)
    yield build_world(cast)
    app.conf.task_always_eager = eager


def _obj(world, role: str, relation: str, kind: str):
    if "@" in kind:  # pinned to one relation whatever the row
        kind, relation = kind.split("@")
    if kind == "fmt":
        return "xlsx"
    if kind in PER_USER_KINDS:
        owner = world.users.get(role, world.users["signer"]) if relation == "own" else world.others[relation]
        return world.per_user[kind][owner.pk]
    return world.objects[kind][relation]


# --- one request ----------------------------------------------------------------------------------------------


class _RefusalSpy:
    """Counts the services' NotAllowed refusals raised while a request is handled (one class for every app:
    portal.lib.errors.NotAllowed)."""

    def __init__(self, monkeypatch):
        from portal.lib.errors import NotAllowed

        self.count = 0
        original = NotAllowed.__init__

        def spied(instance, *args, **kwargs):
            self.count += 1
            original(instance, *args, **kwargs)

        monkeypatch.setattr(NotAllowed, "__init__", spied)


def _is_login_redirect(response) -> bool:
    if response.status_code not in (301, 302, 303):
        return False
    location = urlsplit(response["Location"])
    return "next=" in location.query and location.path in (
        resolve_url(settings.LOGIN_URL),
        reverse("admin:login"),
    )


def classify(response, *, api: bool, refused: bool, effect: bool, wrote_event: bool) -> str:
    status = response.status_code
    if status == 404:
        return NOT_FOUND
    if status == 401:  # "authenticate first" (the API and its pages, without credentials)
        return LOGIN
    if api and status == 403:
        code = (
            response.json().get("code")
            if response.get("Content-Type", "").startswith("application/json")
            else ""
        )
        if code in ("not_authenticated", "authentication_failed"):
            return LOGIN
    if status == 403 or refused:
        return FORBIDDEN
    if _is_login_redirect(response):
        return LOGIN
    if 200 <= status < 400:
        return IGNORED if effect and not wrote_event else OK
    if status in (400, 409):
        return OK
    return str(status)


@dataclass
class Result:
    decl: Decl
    role: str
    relation: str
    expected: str
    got: str
    status: int
    url: str


@dataclass
class Runner:
    world: SimpleNamespace
    spy: _RefusalSpy
    mode: str  # "page", "token" or "session"
    clients: dict = field(default_factory=dict)
    results: list = field(default_factory=list)

    def client(self, role: str) -> Client:
        if role not in self.clients:
            headers = {}
            if self.mode == "token" and role != "anonymous":
                headers["HTTP_AUTHORIZATION"] = f"Token {self.world.keys[self.world.users[role].pk]}"
            client = Client(raise_request_exception=False, **headers)
            if self.mode != "token" and role != "anonymous":
                client.force_login(self.world.users[role])
            self.clients[role] = client
        client = self.clients[role]
        if self.mode != "token" and role != "anonymous" and "_auth_user_id" not in client.session:
            client.force_login(self.world.users[role])  # a check logged the user out
        return client

    def url(self, decl: Decl, role: str, relation: str) -> str:
        def pk(kind):
            value = _obj(self.world, role, relation, kind)
            return value if isinstance(value, str) else value.pk

        if decl.api:
            path = decl.key.split(" ", 1)[1]
            return re.sub(r"\{(\w+)\}", lambda m: str(pk(decl.objects[m.group(1)])), path)
        if decl.key == "admin":
            return "/" + ADMIN_PREFIX
        return reverse(decl.key, kwargs={name: pk(kind) for name, kind in decl.objects.items()})

    def check(self, decl: Decl, role: str, relation: str) -> None:
        from portal.audit.models import Event

        url = self.url(decl, role, relation)
        client = self.client(role)
        body = decl.body(lambda kind: _obj(self.world, role, relation, kind)) if decl.body else {}
        with transaction.atomic():
            events = Event.objects.count()
            self.spy.count = 0
            if decl.api and decl.method != "GET":
                response = client.generic(decl.method, url, json.dumps(body), content_type="application/json")
            elif decl.method == "GET":
                response = client.get(url)
            else:
                response = client.post(url, body)
            wrote_event = Event.objects.count() > events
            refused = self.spy.count > 0
            transaction.set_rollback(True)
        got = classify(response, api=decl.api, refused=refused, effect=decl.effect, wrote_event=wrote_event)
        expect = decl.expect[role][RELATIONS.index(relation) if relation in RELATIONS else 0]
        self.results.append(Result(decl, role, relation, expect, got, response.status_code, url))

    def run(self, declarations) -> None:
        for decl in declarations:
            for role in ROLES:
                for relation in RELATIONS if decl.per_relation else ("-",):
                    self.check(decl, role, relation)


def _label(decl: Decl) -> str:
    kinds = " ".join(kind for kind in decl.objects.values() if kind not in (None, "fmt"))
    key = decl.key if decl.api else f"{decl.method} {decl.key}"
    return f"{key} ({kinds})" if kinds else key


def summary(results: list[Result], title: str) -> str:
    """Views × roles; each cell one mark per relation: '.' as declared, else the outcome found."""
    marks: dict[str, dict[str, str]] = defaultdict(dict)
    for r in results:
        marks[_label(r.decl)].setdefault(r.role, "")
        marks[_label(r.decl)][r.role] += "." if r.got == r.expected else f"[{r.got}]"
    width = max(len(label) for label in marks) + 1
    lines = [
        title,
        "cells: one mark per relation (own child unrelated parent); '.' = as declared, [x] = found x",
        " " * width + " ".join(f"{role[:9]:<11}" for role in ROLES),
    ]
    for label, cells in marks.items():
        if all(set(c) <= {"."} for c in cells.values()):
            continue
        lines.append(f"{label:<{width}}" + " ".join(f"{cells.get(role, ''):<11}" for role in ROLES))
    failures = [r for r in results if r.got != r.expected]
    lines.append(f"\n{len(failures)} of {len(results)} checks differ from the declarations:")
    lines += [
        f"  {r.decl.method} {r.url} ({r.decl.key}) as {r.role}/{r.relation}: expected {r.expected}, "
        f"got {r.got} (HTTP {r.status})"
        for r in failures[:80]
    ]
    return "\n".join(lines)


def _run(world, monkeypatch, mode: str, declarations) -> list[Result]:
    runner = Runner(world=world, spy=_RefusalSpy(monkeypatch), mode=mode)
    runner.run(declarations)
    return runner.results


# --- the tests ------------------------------------------------------------------------------------------------


def test_every_view_and_operation_is_declared(db):
    problems = coverage_problems()
    assert not problems, "\n".join(problems)


def test_the_pages_answer_as_declared(world, monkeypatch):
    results = _run(world, monkeypatch, "page", [d for d in DECLARATIONS if not d.api])
    assert len(results) > 500
    assert all(r.got == r.expected for r in results), summary(results, "Pages (session)")


@pytest.mark.parametrize("mode", ["token", "session"])
def test_the_api_answers_as_declared(world, monkeypatch, mode):
    results = _run(world, monkeypatch, mode, [d for d in DECLARATIONS if d.api])
    assert len(results) > 200
    assert all(r.got == r.expected for r in results), summary(results, f"API ({mode})")


def test_other_objects_and_second_ids_answer_as_declared(world, monkeypatch):
    results = _run(world, monkeypatch, "page", [d for d in MIXED_DECLARATIONS if not d.api])
    results += _run(world, monkeypatch, "token", [d for d in MIXED_DECLARATIONS if d.api])
    assert all(r.got == r.expected for r in results), summary(results, "Other objects, second ids")


def _list_url(entry: str) -> str:
    if entry.startswith("/"):
        return entry
    name, _, query = entry.partition("?")
    return reverse(name) + (f"?{query}" if query else "")


def test_lists_show_only_what_the_role_may_open(world, monkeypatch):
    """Every list (pages and API) as every role: no mark of an object the role's detail pages would refuse."""
    leaks, seen = [], defaultdict(str)
    for mode in ("page", "token"):
        runner = Runner(world=world, spy=_RefusalSpy(monkeypatch), mode=mode)
        for entry in LIST_URLS:
            if (mode == "token") != entry.startswith("/api/"):
                continue
            url = _list_url(entry)
            for role in ROLES[1:]:
                response = runner.client(role).get(url)
                assert response.status_code in (200, 302, 403), (
                    f"{url} as {role}: HTTP {response.status_code}"
                )
                text = response.content.decode()
                seen[role] += text
                forbidden = (
                    [*UNRELATED_MARKS, CHILD_MARK]
                    if role in MEMBERS
                    else list(UNRELATED_MARKS)
                    if role in LEADERS
                    else []
                )
                leaks += [f"{url} as {role} shows «{m}»" for m in forbidden if m in text]
    assert not leaks, "\n".join(leaks)
    # The marks are there to be found by whoever may see them: the check above can fail.
    assert all(m in seen["admin"] for m in (*UNRELATED_MARKS, CHILD_MARK))
    assert CHILD_MARK in seen["signer"] and CHILD_MARK in seen["leader"]


def test_the_calendar_token_and_a_revoked_api_key_open_nothing_more(world):
    """The two ways in without a session: a calendar token opens the feeds of the units its owner sees; a
    revoked API key is a refused log-in."""
    from portal.core.services import api_token_revoke
    from reporting.services import calendar_token_issue

    secret = calendar_token_issue(user=world.users["drafter"])
    client = Client(raise_request_exception=False)
    for relation, status in (("own", 200), ("child", 404), ("unrelated", 404)):
        url = reverse("reporting:unit_calendar", args=[world.units[relation].pk])
        assert client.get(url, {"token": secret}).status_code == status, (relation, status)
        assert client.get(url, {"token": "sai-" + secret}).status_code == 404
    user = world.users["signer"]
    token = world.per_user["token"][user.pk]
    api = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Token {world.keys[user.pk]}")
    assert api.get("/api/v1/units/").status_code == 200
    assert api_token_revoke(user=user, token_id=token.pk)
    response = api.get("/api/v1/units/")
    assert response.status_code == 401 and response.json()["code"] == "authentication_failed"


def test_the_refusal_outcomes_are_told_apart(world, monkeypatch):
    """The classifier itself: a stranger's draft is a 404, a reader who may not sign is refused, a signed-out
    visitor is sent to log in, someone else's API key is left alone — so the matrix cannot pass vacuously."""
    runner = Runner(world=world, spy=_RefusalSpy(monkeypatch), mode="page")
    by_key = {(d.key, d.method): d for d in DECLARATIONS}
    runner.check(by_key[("directives:edit", "GET")], "drafter", "unrelated")
    runner.check(by_key[("directives:issue", "POST")], "drafter", "own")
    runner.check(by_key[("directives:detail", "GET")], "anonymous", "own")
    runner.check(by_key[("api_token_revoke", "POST")], "drafter", "child")
    runner.check(by_key[("api_token_revoke", "POST")], "drafter", "own")
    assert [r.got for r in runner.results] == [NOT_FOUND, FORBIDDEN, LOGIN, IGNORED, OK]
    assert runner.results[1].status == 302  # the page shows the service's refusal on a redirect


def test_the_coverage_check_notices_an_undeclared_and_a_stale_view(db, monkeypatch):
    from tests.security import matrix

    trimmed = [d for d in DECLARATIONS if d.key not in ("directives:pdf", "GET /api/v1/units/")]
    stale = matrix.page("directives:khong-con", "GET", matrix.SIGNED_IN)
    monkeypatch.setattr(f"{__name__}.DECLARATIONS", [*trimmed, stale])
    problems = "\n".join(coverage_problems())
    assert "view not declared: directives:pdf" in problems
    assert "API operation not declared: GET /api/v1/units/" in problems
    assert "declared view no longer exists: directives:khong-con" in problems
