"""Hostile input everywhere (issue 20): every query parameter and form field of the site, as generated from the
URL conf, the forms and the OpenAPI schema, gets the values of ``payloads.HOSTILE_VALUES`` — digits no column
holds, 1e400, bidi overrides, CR/LF, NUL, huge strings, deeply nested JSON — and no answer may be a 5xx.

Nothing is declared by hand: a new view, form field or API operation is swept the day it is added.
The parameter names are every field of every form of the portal's apps, and every name a view reads from
``request.GET`` / ``request.POST`` (read from the views' source). Each request runs inside a savepoint that is
rolled back, so one request's effects (or a failed statement) never leak into the next.

Who: the system administrator (past every access check, so the parsing behind them is reached) and tuan, a
reporter (the refusals' own paths), and a visitor who is signed out.

What each pass sends (so the sweep takes a few minutes of CI, not thirteen):
- The ten short values of ``HOSTILE_VALUES`` go to every route in every pass.
- The two huge ones (20,000 characters; 10,000 brackets — each GET carries them in all ~90 parameters, some ten
  megabytes of query, and most of the sweep's time went to them) go to every route for the system
  administrator, who reaches every parser, and, for tuan and the signed-out visitor, to every route that lets
  them in. A route that refuses them without looking at the parameters — a request without any parameter is
  already answered 403, 404 or 405, or sent to the login or second-factor page — decides before any parsing;
  what the huge values can still break there is the refusal itself (the login redirect carries the whole query
  in ``next``, the error pages), which is the same code for every route refused the same way: the first route
  of each kind of refusal gets them, the others the short values.
- One client per pass, signed in once (sessions are not the subject here; they have their own tests). Its
  cookies go back to the signed-in ones before each request, so a route that signs out or rotates the session
  cannot turn the rest of a pass into a signed-out one (the session row is restored by the savepoint). A GET's
  query is encoded once per pass, not once per route.
"""

from __future__ import annotations

import inspect
import json
import re
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.http import urlencode
from rest_framework.test import APIClient

from portal.core.services import api_token_create
from tests.security.hostile import build_sweep_world
from tests.security.payloads import DEEP_JSON, HOSTILE_VALUES

#: Every value but the two huge ones: what every route gets in every pass (see the module's docstring).
SHORT_VALUES = [value for value in HOSTILE_VALUES if len(value) <= 100]

pytestmark = pytest.mark.security

#: Outside the portal's own code: Django's admin (its own forms and checks) and the static files; the REST API is
#: swept from its schema below.
SKIPPED_PREFIXES = ("quan-tri/", "static/", "media/", "api/v1/")
APP_PACKAGES = ("portal", "directives", "reporting")
_READS = re.compile(r"""request\.(?:GET|POST|data)\.(?:get|getlist)\(\s*["']([\w-]+)["']""")


def _patterns(resolvers=None, prefix="", namespace=""):
    """(route, URL name, kwarg names) of every named URL of the site, walking the URL conf."""
    for entry in resolvers if resolvers is not None else get_resolver().url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry.url_patterns, route, ns)
        elif isinstance(entry, URLPattern) and entry.name and not route.startswith(SKIPPED_PREFIXES):
            yield route, namespace + entry.name, _kwarg_names(route)


def _kwarg_names(route: str) -> list[str]:
    return re.findall(r"<(?:\w+:)?(\w+)>", route)


def _form_classes():
    import importlib
    import pkgutil

    for package in APP_PACKAGES:
        root = importlib.import_module(package)
        for info in pkgutil.walk_packages(root.__path__, package + "."):
            if any(part in info.name for part in (".migrations", ".management", "demo", ".tests")):
                continue
            try:
                module = importlib.import_module(info.name)
            except Exception:  # noqa: BLE001 — a module that cannot be imported alone has no form for the sweep
                continue
            for _, obj in inspect.getmembers(module, inspect.isclass):
                if issubclass(obj, forms.BaseForm) and obj.__module__ == module.__name__:
                    yield obj


def parameter_names() -> list[str]:
    """Every form field name of the portal's forms and every request parameter its views read."""
    names = set()
    for form_class in _form_classes():
        names.update(getattr(form_class, "base_fields", {}))
    for package in APP_PACKAGES:
        for path in (Path(settings.BASE_DIR) / package).rglob("*.py"):
            if "migrations" not in path.parts:
                names.update(_READS.findall(path.read_text(encoding="utf-8")))
    # The editor's rows (directives/editor.py reads them by prefix): one of each kind.
    names.update(
        {
            "node-0-heading",
            "node-0-text",
            "node-0-depth",
            "rcp-0-unit",
            "rcp-0-purpose",
            "task-0-units",
            "req-0-to_unit",
            "version",
            "action",
            "cite_new-number_symbol",
        }
    )
    names.discard("csrfmiddlewaretoken")
    return sorted(names)


def _url(name: str, kwargs: list[str], world: dict) -> str:
    values = {k: world.get(k, "x" if k in ("uidb64", "token", "fmt") else 1) for k in kwargs}
    if name.startswith("directives:") and name.split(":")[1] in (
        "edit",
        "autosave",
        "submit",
        "cite",
        "attach",
    ):
        values["document_id"] = world["draft_id"]
    return reverse(name, kwargs=values)


def _refusal(response) -> tuple[int, str] | None:
    """How the route refused a request without any parameter (status, where it sends), or None if it let the
    person in: no parameter decided a refusal."""
    if response.status_code in (401, 403, 404, 405):
        return response.status_code, ""
    location = response.get("Location", "").split("?")[0] if response.status_code in (301, 302, 303) else ""
    if location in {reverse("login"), reverse("otp_verify"), reverse("otp_enrol")}:
        return response.status_code, location
    return None


def _sweep(user, world, method: str) -> list[str]:
    """One pass: every route, every parameter name at once, each value in turn (see the module's docstring)."""
    names = parameter_names()
    assert len(names) > 60, names  # the generator found the forms and the views' parameters
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    signed_in = {key: morsel.value for key, morsel in client.cookies.items()}
    queries = {value: urlencode(dict.fromkeys(names, value), doseq=True) for value in HOSTILE_VALUES}

    def request(url, value=None):
        client.cookies = SimpleCookie(signed_in)  # a route that signed out or rotated the session is undone
        sid = transaction.savepoint()
        try:
            if method == "GET":
                return client.get(url, QUERY_STRING=queries[value] if value is not None else "")
            return client.post(url, dict.fromkeys(names, value) if value is not None else {})
        finally:
            transaction.savepoint_rollback(sid)

    failures, refusals_met, let_in = [], set(), 0
    for _route, name, kwargs in _patterns():
        url = _url(name, kwargs, world)
        values = HOSTILE_VALUES
        if user is None or not user.is_superuser:
            probe = request(url)
            if probe.status_code >= 500:
                failures.append(f"{method} {url} [no parameter] → {probe.status_code}")
            kind = _refusal(probe)
            if kind is None:
                let_in += 1
            elif kind in refusals_met:
                values = SHORT_VALUES
            else:
                refusals_met.add(kind)
        for value in values:
            response = request(url, value)
            if response.status_code >= 500:
                failures.append(f"{method} {url} [{value[:20]!r}…] → {response.status_code}")
    if user is not None and not user.is_superuser:
        assert let_in and refusals_met  # tuan has pages of his own (every value) and is refused elsewhere
    return failures


@pytest.fixture
def world(cast, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build_sweep_world(cast, tmp_path / "media")


def test_only_the_huge_values_are_spared_on_routes_refused_alike():
    """The short values are all but the two huge ones (module docstring): the digits, 1e400, the empty value,
    the bidi override, CR/LF, NUL, the far dates and the odd ids still reach every route in every pass."""
    huge = [value for value in HOSTILE_VALUES if value not in SHORT_VALUES]
    assert len(huge) == 2 and min(len(value) for value in huge) >= 10_000
    assert {"x\x00y", "a\r\nSet-Cookie: x=1\r\n", "\u202egnp.exe\u202c", "9" * 30, ""} <= set(SHORT_VALUES)


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("who", ["admin", "tuan"])
def test_no_page_answers_a_hostile_parameter_with_a_5xx(cast, world, method, who):
    failures = _sweep(cast.users[who], world, method)
    assert not failures, f"{len(failures)} answers ≥ 500:\n" + "\n".join(failures[:60])


def test_no_page_answers_a_hostile_parameter_with_a_5xx_when_signed_out(cast, world):
    failures = _sweep(None, world, "GET")
    failures += _sweep(None, world, "POST")
    assert not failures, "\n".join(failures[:60])


# --- the API, from its OpenAPI schema ------------------------------------------------------------------------


def _operations():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema.get("components", {}).get("schemas", {})
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method not in ("get", "post", "patch", "put", "delete"):
                continue
            query = [p["name"] for p in operation.get("parameters", []) if p.get("in") == "query"]
            body = (
                operation.get("requestBody", {})
                .get("content", {})
                .get("application/json", {})
                .get("schema", {})
            )
            ref = body.get("$ref", "").rsplit("/", 1)[-1]
            props = list(components.get(ref, {}).get("properties", {})) if ref else []
            yield path, method, query, props


def test_no_api_operation_answers_hostile_input_with_a_5xx(cast, world):
    _, key = api_token_create(user=cast.admin, name="Quét")
    client = APIClient(raise_request_exception=False)
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    ids = {
        "id": world["document_id"],
        "unit_id": world["unit_id"],
        "document_id": world["document_id"],
        "requirement_id": world["requirement_id"],
    }
    failures, operations = [], list(_operations())
    assert len(operations) > 15
    for path, method, query, props in operations:
        fallback = world["obligation_id"] if "obligations" in path else 1
        url = re.sub(r"\{(\w+)\}", lambda m, fallback=fallback: str(ids.get(m.group(1), fallback)), path)
        for value in HOSTILE_VALUES:
            bodies = [json.dumps(dict.fromkeys(props or ["data"], value))]
            if method != "get":
                bodies += [
                    json.dumps(dict.fromkeys(props or ["data"], json.loads("[[[[[[1]]]]]]"))),
                    DEEP_JSON,
                ]
            for body in bodies:
                sid = transaction.savepoint()
                try:
                    call = getattr(client, method)
                    response = (
                        call(
                            url + "?" + "&".join(f"{q}={value[:2000]}" for q in query),
                            body,
                            content_type="application/json",
                        )
                        if method != "get"
                        else call(url, dict.fromkeys(query, value))
                    )
                    if response.status_code >= 500:
                        failures.append(
                            f"{method.upper()} {url} [{value[:20]!r}…] body {body[:30]!r} → "
                            f"{response.status_code}"
                        )
                finally:
                    transaction.savepoint_rollback(sid)
    assert not failures, f"{len(failures)} answers ≥ 500:\n" + "\n".join(failures[:60])
