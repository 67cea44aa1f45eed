"""Turning the seed cascade (directives/demo/documents.py) into documents of the demo units.

The seeds' documents go in with their real numbers and dates (legacy issue), then the story
the dashboards tell: LĐLĐ tỉnh Bắc Giang forwards 97-HD/BTGTU to its district federations;
some have issued their implementing plans, some are drafting, some have done nothing. The reporting
history that follows (quarter after quarter some report on time, some late, some not at all) is the
reporting floor's part, added by reporting/demo after this (reporting/demo/story.py).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction

from directives.content import Signature, authority_of
from directives.demo.documents import DOCUMENTS, EXTERNAL_DOCUMENTS
from directives.demo.signatures import demo_documents_sign
from directives.models import Delivery, Document, Purpose, Selection
from directives.services import compose, derive, external, receipt, signing
from directives.services.compose import CitationLine, DraftContent, RecipientLine, RequirementLine, TaskLine
from portal.org.models import Membership, Role, Unit
from portal.signing import conf as signing_conf

SELECTIONS = {
    "unit": Selection.UNIT,
    "subtree": Selection.SUBTREE,
    "kind_below": Selection.KIND_BELOW,
    "none": Selection.NONE,
}


def _person(unit: Unit, *roles: str):
    m = Membership.objects.filter(unit=unit, role__in=roles).select_related("user").first()
    return m.user if m else get_user_model().objects.filter(is_superuser=True).first()


def _recipients(lines: list[dict], units: dict[str, Unit], *, kinh_gui: bool) -> list[RecipientLine]:
    out = []
    for r in lines:
        unit = units.get(r.get("unit") or "")
        if r.get("select") == "units":
            out.append(
                RecipientLine(
                    label=r["label"], purpose=r["purpose"], selection=Selection.NONE, in_kinh_gui=kinh_gui
                )
            )
            out += [
                RecipientLine(
                    label=units[c].name,
                    purpose=r["purpose"],
                    selection=Selection.UNIT,
                    unit_id=units[c].pk,
                    printed=False,
                )
                for c in r.get("units", [])
                if c in units
            ]
            continue
        out.append(
            RecipientLine(
                label=r["label"],
                purpose=r["purpose"],
                selection=SELECTIONS.get(r.get("select"), Selection.NONE),
                unit_id=unit.pk if unit else None,
                kind=r.get("kind") or "",
                in_kinh_gui=kinh_gui,
            )
        )
    return out


def _content(d: dict, units: dict[str, Unit], docs: dict[str, Document]) -> DraftContent:
    issuer = units[d["issuer"]]
    reqs = []
    for r in d["reporting"]:
        named = [] if r["reporters"] == "recipients" else [units[c].pk for c in r["reporters"] if c in units]
        reqs.append(
            RequirementLine(
                title=r.get("title") or "Báo cáo kết quả thực hiện",
                frequency=r["frequency"],
                to_unit_id=units[r["to"]].pk,
                via_unit_id=units[r["via"]].pk if r.get("via") else None,
                due_date=dt.date.fromisoformat(r["due_date"]) if r.get("due_date") else None,
                reporters="recipients" if r["reporters"] == "recipients" else "named",
                named_unit_ids=named,
                as_written=r.get("as_written", ""),
            )
        )
    return DraftContent(
        doc_type=d["doc_type"],
        subject=d["subject"],
        department=d.get("department") or "",
        place=d.get("place") or issuer.place_name,
        bases=d.get("bases") or [],
        opening=d.get("opening", ""),
        body=d["body"],
        body_numbering=d.get("body_numbering", "roman"),
        closing="".join(f"<p>{p}</p>" for p in (d.get("closing") or "").split("\n") if p.strip()),
        signature=Signature(
            authority=authority_of(d["signer"].get("authority", "")),
            authority_body=d["signer"].get("authority_body", ""),
            title=d["signer"].get("title", "").replace("\n", " "),
            name=d["signer"].get("name", ""),
        ),
        recipients=_recipients(d.get("kinh_gui") or [], units, kinh_gui=True)
        + _recipients(d.get("noi_nhan") or [], units, kinh_gui=False),
        tasks=[
            TaskLine(
                title=t["title"],
                text=t["text"],
                unit_ids=[units[c].pk for c in t["units"] if c in units],
                due_date=dt.date.fromisoformat(t["due_date"]) if t.get("due_date") else None,
            )
            for t in d["tasks"]
        ],
        requirements=reqs,
        citations=[
            CitationLine(target_id=docs[r["target"]].pk, kind=r["kind"])
            for r in d["relations"]
            if r["target"] in docs
        ],
    )


def _link_reach(d: dict, units: dict[str, Unit]) -> None:
    """Let the issuer address the units its seed addresses, across lines (Unit.addressees)."""
    issuer = units[d["issuer"]]
    codes = {r.get("unit") for r in (d.get("kinh_gui") or []) + (d.get("noi_nhan") or []) if r.get("unit")}
    codes |= {c for r in (d.get("kinh_gui") or []) + (d.get("noi_nhan") or []) for c in r.get("units", [])}
    codes |= {c for t in d["tasks"] for c in t["units"]}
    codes |= {c for r in d["reporting"] if r["reporters"] != "recipients" for c in r["reporters"]}
    # Never an ancestor: linking one would put its whole subtree (a whole province, the whole federation)
    # within the issuer's downward reach; a unit above is addressed "để báo cáo" / "để biết" without a link.
    targets = [
        units[c]
        for c in codes
        if c in units
        and not units[c].path.startswith(issuer.path)
        and not issuer.path.startswith(units[c].path)
    ]
    issuer.addressees.add(*targets)


@transaction.atomic
def demo_documents_build() -> dict[str, Document]:
    units = {u.code: u for u in Unit.objects.all()}
    admin = get_user_model().objects.filter(is_superuser=True).first()
    docs: dict[str, Document] = {}
    for e in EXTERNAL_DOCUMENTS:
        docs[e["key"]] = external.external_document_register(
            actor=admin,
            number_symbol=e["number_symbol"],
            issuer_name=e["issuer_name"],
            doc_type=e["doc_type"],
            issue_date=dt.date.fromisoformat(e["issue_date"]) if e.get("issue_date") else None,
            subject=e["subject"],
        )
    for d in DOCUMENTS:
        issuer = units[d["issuer"]]
        _link_reach(d, units)
        drafter = _person(issuer, Role.DRAFTER, Role.SIGNER)
        doc = compose.document_create_draft(
            actor=drafter, issuer=issuer, doc_type=d["doc_type"], subject=d["subject"]
        )
        content = _content(d, units, docs)
        if d["key"] == "cv-ldld-bg-2024":
            content.requirements += _forwarded_duty(docs["97-HD/BTGTU"], issuer)
        doc = compose.document_save_draft(actor=drafter, document=doc, content=content)
        number, date = d.get("number"), d.get("issue_date")
        if d["key"] == "cv-ldld-bg-2024":  # the seed's blank number: the register gives 05 on 20/02/2024
            number, date = 5, "2024-02-20"
        signer = _person(issuer, Role.SIGNER)
        doc = signing.document_issue(
            actor=signer,
            document=doc,
            legacy_number=number,
            legacy_date=dt.date.fromisoformat(date),
            render=False,
        )
        docs[d["key"]] = doc
    _district_story(units, docs)
    # Every issued demo document carries the signer's and the body's digital signatures (issue 15, item 7) where
    # issuing is signed and the demo PKI is on (the embedded default); the tests turn signing off, so the demo
    # they build stays as quick as before and its files are rendered when first asked for.
    if signing_conf.required() and signing_conf.demo_pki():
        demo_documents_sign()
    return docs


def _forwarded_duty(source: Document, unit: Unit) -> list[RequirementLine]:
    """The công văn forwards 97-HD/BTGTU "gửi kèm", and with it the guidance's quarterly reporting duty, as
    document_forward would: the district federations report to LĐLĐ tỉnh, earlier by the cascade lead time,
    so it can report on to Ban Tuyên giáo Tỉnh ủy. (Its monthly report LĐLĐ tỉnh makes from its own work.)"""
    return [line for line in derive._carried_requirements(source, unit) if line.frequency == "quarterly"]


def _district_story(units: dict[str, Unit], docs: dict[str, Document]) -> None:
    """District federations answer the LĐLĐ công văn differently: the dashboard's story."""
    cv = docs["cv-ldld-bg-2024"]
    deliveries = {
        d.unit.code: d for d in Delivery.objects.filter(document=cv).select_related("unit", "document")
    }
    issued = ["bg-ldld-vietyen", "bg-ldld-hiephoa", "bg-ldld-tpbacgiang", "bg-ldld-yenthe"]
    drafting = ["bg-ldld-tanyen", "bg-ldld-langgiang"]
    acknowledged_only = ["bg-ldld-lucnam"]
    for n, code in enumerate(issued + drafting + acknowledged_only):
        delivery = deliveries.get(code)
        if delivery is None:
            continue
        unit = delivery.unit
        receipt.delivery_acknowledge(actor=_member(unit), delivery=delivery)
        if code in acknowledged_only:
            continue
        actor = _member(unit, Role.DRAFTER, Role.SIGNER)
        draft = derive.document_derive(actor=actor, delivery=delivery)
        content = compose.content_of(draft)
        content.signature = Signature(
            authority="TM",
            authority_body="BAN THƯỜNG VỤ",
            title="CHỦ TỊCH",
            name=actor.get_full_name() or "Chủ tịch LĐLĐ",
        )
        content.body[0]["text"] = (
            "<p>Quán triệt đến cán bộ, đoàn viên, người lao động nội dung công tác thông tin "
            "đối ngoại năm 2024 theo Hướng dẫn số 97-HD/BTGTU.</p>"
        )
        draft = compose.document_save_draft(actor=actor, document=draft, content=content)
        if code in issued:
            signing.document_issue(
                actor=_member(unit, Role.SIGNER),
                document=draft,
                legacy_number=10 + n,
                legacy_date=dt.date(2024, 3, 1) + dt.timedelta(days=3 * n),
                render=False,
            )


def _member(unit: Unit, *roles: str):
    """A person of the unit with one of the roles. Every demo person is an account of portal/org/demo_tree.py,
    created with the demo password by demo_org_build; one missing there is a mistake in the tree, not something
    to paper over here with an account nobody can log in to."""
    qs = Membership.objects.filter(unit=unit).select_related("user").order_by("id")
    if roles:
        qs = qs.filter(role__in=roles)
    m = qs.first()
    if m is None:
        raise LookupError(f"demo_tree.ACCOUNTS has no {'/'.join(roles) or 'member'} for {unit.code}")
    return m.user


__all__ = ["demo_documents_build", "Purpose"]
