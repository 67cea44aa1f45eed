"""The load test's accounts on the national dataset: every role of its working day (reporters, the unions' chairs,
provincial and upper-level leaders, clerks), chosen from the statuses the dataset stores for its fixed reference
day, each with a logged-in session made beforehand."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path


def sessions_for(usernames: list[str]) -> dict[str, str]:
    """A logged-in session per account, written in bulk: what a login would leave, without paying the
    password hash (PBKDF2, deliberately slow) once per simulated user."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    expire = timezone.now() + dt.timedelta(hours=8)
    keys, rows = {}, []
    for user in get_user_model().objects.filter(username__in=usernames):
        key = get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789")
        data = {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
        rows.append(Session(session_key=key, session_data=SessionStore().encode(data), expire_date=expire))
        keys[user.username] = key
    Session.objects.bulk_create(rows, batch_size=5_000)
    return keys


def _people(prefix: str, role: str, units: list[tuple[int, str]], title: str) -> dict[str, int]:
    """A person with `role` in each unit ({prefix}.{code}, the dataset's password), bulk-created once (a second
    call finds them): {username: user id}."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from national import PASSWORD

    from portal.org.models import Membership

    User = get_user_model()
    hashed = make_password(PASSWORD)
    User.objects.bulk_create(
        [
            User(username=f"{prefix}.{code}", password=hashed, first_name=f"{title} {code}")
            for _, code in units
        ],
        batch_size=5_000,
        ignore_conflicts=True,
    )
    ids = dict(
        User.objects.filter(username__in=[f"{prefix}.{c}" for _, c in units]).values_list("username", "id")
    )
    Membership.objects.bulk_create(
        [Membership(user_id=ids[f"{prefix}.{code}"], unit_id=uid, role=role) for uid, code in units],
        batch_size=5_000,
        ignore_conflicts=True,
    )
    return ids


def load_accounts(
    path: Path,
    year: int,
    reporters: int,
    leaders: int,
    signers: int = 300,
    clerks: int = 200,
    issuers: int = 40,
    drafts_each: int = 4,
) -> dict:
    """The accounts of the working day, from the national dataset as stored (statuses of its fixed reference day,
    so the same whatever the run date), with a logged-in session each:

    * reporters of grassroots unions holding open obligations with no report yet (each prepared once and handed
      to the unit's leader, «Trình ký»). The dataset gives leaders only down to the upper-level unions, so each
      of these unions gets its chair here (ky.<code>, a signer), as the demo gives every reporting unit one;
    * signers of other grassroots unions (ky.<code>) whose open obligations their reporter has already handed
      over (reports awaiting signature, written here set-based), each signed and sent once («Ký và gửi»);
    * leaders of provincial and upper-level federations: their dashboards and the document search;
    * clerks (vt.<code>) of provincial and upper-level federations with deliveries waiting to be registered;
    * issuing desks of upper-level unions (issuing_desks): a leader who signs and a clerk who seals.
    """
    from django.conf import settings
    from django.db import connection
    from django.urls import reverse
    from django.utils import timezone
    from national import PASSWORD

    with connection.cursor() as c:
        c.execute(
            """
            SELECT u.id, u.code, array_agg(o.id ORDER BY o.id)
            FROM reporting_obligation o JOIN org_unit u ON u.id = o.unit_id
            LEFT JOIN reporting_report r ON r.obligation_id = o.id
            WHERE o.status = 'open' AND u.kind = 'union_grassroots' AND r.id IS NULL
            GROUP BY u.id, u.code ORDER BY md5(u.code) LIMIT %s""",
            [reporters + signers],
        )
        units = c.fetchall()
        c.execute("""
            SELECT DISTINCT ON (u.id) 'ld.' || u.code, u.id, d.id, r.id
            FROM org_unit u JOIN directives_document d ON d.issuer_id = u.id AND d.status = 'issued'
            JOIN reporting_reportingrequirement r ON r.document_id = d.id AND r.frequency = 'semiannual'
            WHERE u.depth IN (2, 3) AND u.kind LIKE 'union_%%'
            ORDER BY u.id, d.issue_date""")
        lead = c.fetchall()
        c.execute(
            """
            SELECT u.id, u.code FROM org_unit u
            WHERE u.depth IN (2, 3) AND u.kind LIKE 'union_%%' AND EXISTS (
                SELECT 1 FROM directives_delivery dl
                LEFT JOIN handling_incomingentry e ON e.delivery_id = dl.id
                WHERE dl.unit_id = u.id AND e.id IS NULL AND dl.returned_at IS NULL)
            ORDER BY md5(u.code) LIMIT %s""",
            [clerks],
        )
        clerk_units = c.fetchall()
    chairs = _people("ky", "signer", [(uid, code) for uid, code, _ in units], "Chủ tịch")
    clerk_ids = _people("vt", "clerk", clerk_units, "Văn thư")
    rep_units, sign_units = units[:reporters], units[reporters:]
    # What the signers' reporters handed over before the day: every open obligation of their unions, awaiting
    # the chair's signature, with the data a reporter types (the dataset's report text and figures).
    with connection.cursor() as c:
        c.execute(
            """
            INSERT INTO reporting_report (obligation_id, state, data, created_by_id, updated_by_id, created_at,
                updated_at, is_late, version_count, return_comment, search_text, revision, number_symbol,
                sign_comment, signature, sign_requested_to_id, sign_requested_by_id, sign_requested_at)
            SELECT o.id, 'signing', s.data, m.user_id, m.user_id, %(now)s, %(now)s, false, 0, '', s.search_text, 1,
                   '', '', '{}'::jsonb, k.id, m.user_id, %(now)s
            FROM reporting_obligation o
            JOIN org_unit u ON u.id = o.unit_id
            JOIN auth_user k ON k.username = 'ky.' || u.code
            JOIN org_membership m ON m.unit_id = o.unit_id AND m.role = 'reporter'
            CROSS JOIN LATERAL (SELECT data, search_text FROM reporting_report WHERE state = 'accepted' LIMIT 1) s
            WHERE o.id = ANY(%(ids)s) AND NOT EXISTS (SELECT 1 FROM reporting_report r WHERE r.obligation_id = o.id)
            """,
            {"now": timezone.now(), "ids": [i for _, _, ids in sign_units for i in ids]},
        )
    lead = sorted(lead, key=lambda r: (r[0].count("-"), r[0]))[:leaders]
    rep_names = [f"bc.{code}" for _, code, _ in rep_units]
    sign_names = [f"ky.{code}" for _, code, _ in sign_units]
    desks = issuing_desks(issuers, drafts_each)
    desk_names = [d[who] for d in desks for who in ("signer", "clerk")]
    sessions = sessions_for(rep_names + sign_names + [r[0] for r in lead] + list(clerk_ids) + desk_names)
    accounts = {
        "password": PASSWORD,
        "cookie": settings.SESSION_COOKIE_NAME,
        "reporters": [
            {
                "username": f"bc.{code}",
                "session": sessions[f"bc.{code}"],
                "obligations": ids,
                "signer": chairs[f"ky.{code}"],
            }
            for _, code, ids in rep_units
        ],
        "signers": [{"username": name, "session": sessions[name]} for name in sign_names],
        "leaders": [
            {
                "username": name,
                "session": sessions[name],
                "requirement_url": reverse("dashboards:requirement", args=[req, uid]) + f"?ky={year}-S1",
                "directive_url": reverse("dashboards:directive", args=[doc, uid]),
            }
            for name, uid, doc, req in lead
        ],
        "clerks": [{"username": name, "session": sessions[name]} for name in clerk_ids],
        "issuers": [
            {**d, "signer_session": sessions[d["signer"]], "clerk_session": sessions[d["clerk"]]}
            for d in desks
        ],
    }
    path.write_text(json.dumps(accounts))
    return accounts


def issuing_desks(units: int, drafts_each: int) -> list[dict]:
    """Upper-level unions that issue on the day, each with its leader (ld.<code>, a signer) and its clerk
    (vt.<code>): a PKCS#12 key for each (the demo PKI; the PIN is typed at signing time, as with a token), and
    `drafts_each` plans prepared and handed to the leader («Trình ký») through the services a drafter uses —
    each the unit's own 2025 plan written again, so addressed to its grassroots unions. On the day the leader
    signs («Ký số») and the clerk seals («Đóng dấu»), which numbers the plan and sends it to every recipient.
    Returns one entry per unit: {"signer": username, "clerk": username, "drafts": [document ids]}."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from directives.models import Document
    from directives.services.compose import content_of, document_create_draft, document_save_draft
    from directives.services.signing import document_submit
    from portal.org.models import Unit
    from portal.signing.models import CredentialKind
    from portal.signing.services import credential_issue_demo

    with connection.cursor() as c:
        c.execute(
            """
            SELECT id, code, plan FROM (
                SELECT DISTINCT ON (u.id) u.id, u.code, d.id AS plan
                FROM org_unit u JOIN directives_document d ON d.issuer_id = u.id AND d.status = 'issued'
                WHERE u.depth = 3 AND u.kind LIKE 'union_%%'
                ORDER BY u.id, d.issue_date) p
            ORDER BY md5(code) LIMIT %s""",
            [units],
        )
        chosen = c.fetchall()
    clerks = _people("vt", "clerk", [(uid, code) for uid, code, _ in chosen], "Văn thư")
    User = get_user_model()
    desks = []
    for uid, code, plan_id in chosen:
        unit, leader = Unit.objects.get(pk=uid), User.objects.get(username=f"ld.{code}")
        clerk = User.objects.get(pk=clerks[f"vt.{code}"])
        credential_issue_demo(actor=leader, user=leader, kind=CredentialKind.PKCS12)
        credential_issue_demo(actor=clerk, unit=unit, kind=CredentialKind.PKCS12)
        plan = Document.objects.get(pk=plan_id)
        content = _plan_content(content_of(plan), unit, leader)
        drafts = []
        for _ in range(drafts_each):
            draft = document_create_draft(
                actor=leader, issuer=unit, doc_type=plan.doc_type, subject=plan.subject
            )
            document_save_draft(actor=leader, document=draft, content=content)
            drafts.append(document_submit(actor=leader, document=draft).pk)
        desks.append({"signer": leader.username, "clerk": clerk.username, "drafts": drafts})
    return desks


def _plan_content(content, unit, leader):
    """The plan as its drafter writes it: the dataset stores the plans' subjects and links, not their text, so
    the body, the signature and the recipients (the union's grassroots unions, «để thực hiện») are written
    here, the same for every desk."""
    from dataclasses import replace

    from directives.content import Section, Signature
    from directives.models import Purpose, Selection
    from directives.services.compose import RecipientLine

    paragraph = (
        "Tổ chức quán triệt, tuyên truyền sâu rộng đến cán bộ, đoàn viên, người lao động nội dung văn bản cấp "
        "trên; lồng ghép vào sinh hoạt công đoàn định kỳ; báo cáo kết quả theo quy định."
    )
    return replace(
        content,
        opening=content.opening
        or "Thực hiện văn bản chỉ đạo của cấp trên, Ban Thường vụ xây dựng kế hoạch như sau:",
        body=content.body
        or [
            Section(heading="MỤC ĐÍCH, YÊU CẦU", text=paragraph),
            Section(heading="NỘI DUNG VÀ GIẢI PHÁP", text=paragraph),
            Section(heading="TỔ CHỨC THỰC HIỆN", text=paragraph),
        ],
        signature=Signature(
            authority="TM", authority_body="BAN THƯỜNG VỤ", title="CHỦ TỊCH", name=leader.get_full_name()
        ),
        recipients=[
            RecipientLine(
                label="Các công đoàn cơ sở trực thuộc",
                purpose=Purpose.THUC_HIEN,
                selection=Selection.CHILDREN,
                unit_id=unit.pk,
            ),
            RecipientLine(label="Lưu: VT", purpose=Purpose.LUU, selection=Selection.NONE),
        ],
    )
