"""/api/v1/incoming/<id>/instructions/: Hùng (leader of LĐLĐ tỉnh) assigns, reassigns, returns, files and delegates
over the API; Thu (the clerk) reads the decisions and is refused deciding; Charlie and Bình (another unit) do not see
the entry; a department or person of another unit is refused as outside the unit, with nothing written."""

from __future__ import annotations

import pytest

from directives.handling.models import Assignment, EntryState, Instruction
from tests.clients import token_client
from tests.handling import test_instruction as base
from tests.handling.test_instruction import make_entry

pytestmark = pytest.mark.django_db

# The instruction tests' fixtures: the same day, LĐLĐ tỉnh's departments, the entry, a second leader.
_on_the_day, depts, entry, phong = base._on_the_day, base.depts, base.entry, base.phong


def url(entry) -> str:
    return f"/api/v1/incoming/{entry.pk}/instructions/"


def assign_body(cast, depts, **kw):
    body = {
        "decision": "assign",
        "text": "Ban Tuyên giáo - Nữ công chủ trì; Văn phòng phối hợp.",
        "lead": {"department": depts["tgnc"].pk},
        "supports": [{"department": depts["vp"].pk, "due_date": "2026-02-20"}],
        "informs": [{"person": cast.mai.pk}],
        "due_date": "2026-02-28",
    }
    body.update(kw)
    return body


def test_the_leader_assigns_and_everyone_who_reads_the_entry_sees_it(cast, entry, depts):
    response = token_client(cast.hung).post(url(entry), assign_body(cast, depts), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["decision"] == "assign" and body["author_name"] == "Nguyễn Mạnh Hùng"
    rows = {a["role"]: a for a in body["assignments"]}
    assert rows["lead"]["assignee"] == "Ban Tuyên giáo - Nữ công" and rows["lead"]["due_date"] == "2026-02-28"
    assert rows["support"]["due_date"] == "2026-02-20" and rows["inform"]["due_date"] is None
    entry.refresh_from_db()
    assert entry.state == EntryState.HANDLING
    listed = token_client(cast.thu).get(url(entry))
    assert listed.status_code == 200 and [i["decision"] for i in listed.json()] == ["assign"]

    again = token_client(cast.hung).post(
        url(entry),
        assign_body(cast, depts, decision="reassign", lead={"department": depts["vp"].pk}, supports=[]),
        format="json",
    )
    assert again.status_code == 201
    assert Assignment.objects.filter(entry=entry, state="cancelled").count() == 3
    second = token_client(cast.hung).post(url(entry), assign_body(cast, depts), format="json")
    assert second.status_code == 409 and second.json()["code"] == "handling_already_done"


@pytest.mark.parametrize(
    ("who", "status"), [("thu", 403), ("son", 403), ("mai", 404), ("charlie", 404), ("binh", 404)]
)
def test_anyone_but_the_leader_is_refused(cast, entry, depts, who, status):
    response = token_client(getattr(cast, who)).post(url(entry), assign_body(cast, depts), format="json")
    assert response.status_code == status
    assert set(response.json()) == {"code", "message", "fields"}
    assert not Instruction.objects.exists() and not Assignment.objects.exists()


def test_a_department_or_person_of_another_unit_is_refused(cast, entry, depts):
    api = token_client(cast.hung)
    for body in (
        assign_body(cast, depts, lead={"department": depts["yenthe_vp"].pk}),
        assign_body(cast, depts, supports=[{"person": cast.binh.pk}]),
        assign_body(cast, depts, informs=[{"department": 999999}]),
    ):
        response = api.post(url(entry), body, format="json")
        assert response.status_code == 403 and response.json()["code"] == "handling_outside_unit"
    missing = api.post(url(entry), assign_body(cast, depts, lead=None), format="json")
    assert missing.status_code == 400
    assert not Instruction.objects.exists() and not Assignment.objects.exists()
    entry.refresh_from_db()
    assert entry.state == EntryState.REGISTERED


def test_return_file_and_delegate(cast, depts, phong):
    api = token_client(cast.hung)
    a, b, c = (make_entry(cast, number=n) for n in (1, 2, 3))
    refused = api.post(url(a), {"decision": "return", "text": ""}, format="json")
    assert refused.status_code == 400 and "text" in refused.json()["fields"]
    assert (
        api.post(url(a), {"decision": "return", "text": "Sai trích yếu."}, format="json").status_code == 201
    )
    assert api.post(url(b), {"decision": "file"}, format="json").status_code == 201
    outside = api.post(url(c), {"decision": "delegate", "to_user": cast.binh.pk}, format="json")
    assert outside.status_code == 403
    assert api.post(url(c), {"decision": "delegate", "to_user": phong.pk}, format="json").status_code == 201
    a.refresh_from_db(), b.refresh_from_db(), c.refresh_from_db()
    assert (a.state, b.state, c.handler) == (EntryState.RETURNED, EntryState.FILED, phong)
