"""The authorisation matrix (issue 8): for every view of the URL conf and every operation of the API schema,
what each role may do with an object of its own unit, of a child unit and of an unrelated unit.

Roles (columns) and how they map onto the portal (SPEC.md §3, portal/org/access.py). Everyone but the
anonymous visitor and the system administrator belongs to ``ldld`` (LĐLĐ tỉnh Bắc Giang) of the cast:

  anonymous  nobody signed in
  reporter   nga   — Membership role ``reporter`` (created by the world fixture; the cast has none at ldld)
  drafter    mai   — Membership role ``drafter``
  clerk      thu   — Membership role ``clerk`` (văn thư)
  signer     hung  — Membership role ``signer``. SPEC §3 names one role "signer/leader": the signer is the
                     unit's leader, signs, and sees the unit's whole subtree (``SUBTREE_ROLES``).
  leader     son   — Membership role ``unit_admin``: the other role of ``SUBTREE_ROLES``, so it *leads* the
                     subtree (``Scope.leads``: dashboards, the audit log, the subtree list, receiving reports)
                     without signing and without drafting; it also administers the units below it.
  admin      admin — system administrator (``is_superuser``; also staff for /quan-tri/)

Relations (the third axis): the object a URL names belongs to

  own        ldld
  child      yenthe (child of ldld); its child is cdcs
  unrelated  laichau (another tree; its child lc-chibo, and the unrelated root lc-tu above it by reporting)
  parent     tld (the parent of ldld) — objects of the unit *above* that were not sent to ldld: a member
             or leader of ldld sees none of them (SPEC §3: the own unit, or the subtree — never upwards).
             Its objects are those of tld with its other child hn-ldld and the root tw above it by
             reporting. Unless a rule says otherwise, "parent" expects what "unrelated" expects.

For an object that belongs to a person rather than to a unit (a ZIP batch, a notification, an API key)
"own" is the acting user's, "child" belongs to binh (signer of yenthe), "unrelated" to charlie and
"parent" to khoa (signer of tld, created by the world fixture).
A view without an object in its URL is checked once per role (relation ``-``).

Outcomes (what the test reads from the answer):

  ok     ALLOWED: reached — any 2xx or 3xx that is not a redirect to a login page, or a 400/409 (a write with
         a minimal body that the service refused as invalid data: the request got past authorisation)
  404    NOT_FOUND: 404 — no hint that the object exists
  403    FORBIDDEN: 403, or a service's ``NotAllowed`` refusal (directives.errors / reporting.errors) raised
         while handling the request — pages show that refusal as a message on a 302 back, the API as a 403
  login  LOGIN: 302 to /dang-nhap/?next=… (or the admin's own login), or for the API 401/403 with code
         ``not_authenticated`` / ``authentication_failed``
  ign    IGNORED: for a declaration with ``effect=True`` only — a 2xx/3xx that wrote no audit event (the
         request was answered but did nothing, e.g. revoking someone else's API key)

Expected answers are written as rules: ``rule(default, **per_role)`` where each value is one outcome for
every relation or three (own child unrelated; parent as unrelated) or four (own child unrelated parent), e.g. ``members="ok 404 404", leaders="ok ok 404"``.
``members`` = reporter, drafter, clerk; ``leaders`` = signer, leader; a single role overrides its group;
``anonymous`` defaults to ``login``; ``admin`` defaults to the default.

Every named URL pattern must be declared here (by its namespaced name and a method) or be reached by a
declared API operation; every operation of the generated OpenAPI schema must be declared (``METHOD path``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

OK, NOT_FOUND, FORBIDDEN, LOGIN, IGNORED = "ok", "404", "403", "login", "ign"
OUTCOMES = {OK, NOT_FOUND, FORBIDDEN, LOGIN, IGNORED}
ROLES = ("anonymous", "reporter", "drafter", "clerk", "signer", "leader", "admin")
MEMBERS = ("reporter", "drafter", "clerk")
LEADERS = ("signer", "leader")
RELATIONS = ("own", "child", "unrelated", "parent")

# The kinds of object the world fixture holds for each relation; every URL keyword names one of them
# ("fmt" is the export format, always xlsx).
KINDS = {
    "unit",
    "member",
    "draft",
    "submitted",
    "issued",
    "inbound",
    "doc_attachment",
    "requirement",
    "ob_in",
    "ob_out",
    "report_attachment",
    "batch",
    "notification",
    "token",
    "fmt",
    "external",
    # issue 16, helper A: the inbound document's delivery to the unit, an entry of the unit's incoming register
    # (a paper one, with its scan), and this year (the yearly registers' URLs)
    "delivery",
    "entry",
    "year",
    # issue 16, helper C: a task of the unit as a whole (from its leader's instruction on an incoming entry), its
    # progress note with an evidence file and a pending request for more time
    "task",
    "task_note",
    "extension",
    # issue 16, helper E: a department (ban, phòng) of the unit
    "department",
}


def _per_relation(value: str) -> tuple[str, ...]:
    parts = value.split()
    if len(parts) == 1:
        parts *= len(RELATIONS)
    elif len(parts) == 3:
        parts.append(parts[2])  # parent: as unrelated
    if len(parts) != len(RELATIONS) or not set(parts) <= OUTCOMES:
        raise ValueError(f"bad outcome spec {value!r}")
    return tuple(parts)  # type: ignore[return-value]


def rule(
    default: str,
    *,
    anonymous: str = LOGIN,
    members: str | None = None,
    leaders: str | None = None,
    **roles: str,
) -> dict[str, tuple[str, ...]]:
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles {unknown}")
    out = {"anonymous": _per_relation(anonymous)}
    for role in ROLES[1:]:
        group = members if role in MEMBERS else leaders if role in LEADERS else None
        out[role] = _per_relation(roles.get(role) or group or default)
    return out


@dataclass(frozen=True)
class Decl:
    key: str  # a namespaced URL name ("directives:detail"), or "METHOD /api/path/{id}/"
    method: str
    expect: dict[str, tuple[str, ...]]
    objects: dict[str, str] = field(default_factory=dict)  # URL keyword → object kind ("kind@relation")
    body: Callable | None = None  # obj(kind) → request body (relation-bound)
    relational: bool = False  # the body names an object, so the check runs for each relation
    effect: bool = False  # ALLOWED needs an audit event; a quiet 2xx/3xx is IGNORED
    api: bool = False

    @property
    def per_relation(self) -> bool:
        return self.relational or any(kind != "fmt" and "@" not in kind for kind in self.objects.values())


def page(name: str, method: str, expect, *, body=None, relational=False, effect=False, **objects) -> Decl:
    return Decl(
        key=name,
        method=method,
        expect=expect,
        objects=objects,
        body=body,
        relational=relational,
        effect=effect,
    )


def api(key: str, expect, *, body=None, relational=False, effect=False, **objects) -> Decl:
    method, _ = key.split(" ", 1)
    return Decl(
        key=key,
        method=method,
        expect=expect,
        objects=objects,
        body=body,
        relational=relational,
        effect=effect,
        api=True,
    )


# --- the rules, named once --------------------------------------------------------------------------------
PUBLIC = rule(OK, anonymous=OK)
SIGNED_IN = rule(OK)
# SPEC §3: leaders see the unit's whole subtree, everyone else the own unit; the system admin everything.
SEES_UNIT = rule(NOT_FOUND, members="ok 404 404", leaders="ok ok 404", admin=OK)
# reporting/dashboard/access.py: a leader of the unit or of an ancestor; 404 for anyone else.
LEADS = rule(NOT_FOUND, leaders="ok ok 404", admin=OK)
# directives.access.document_for_editing: a drafting role (drafter, signer, clerk) of the issuing unit.
EDITS_DRAFT = rule(NOT_FOUND, drafter="ok 404 404", clerk="ok 404 404", signer="ok 404 404")
# signing services: a signer of the issuing unit; anyone who can read the document but not sign: refused.
SIGNS = rule(NOT_FOUND, members="403 404 404", signer="ok 403 404", leader="403 403 404", admin=FORBIDDEN)
# The body's signature (the electronic seal): a clerk of the issuing unit; anyone else who reads it is refused.
SEALS = rule(NOT_FOUND, members="403 404 404", clerk="ok 404 404", leaders="403 403 404", admin=FORBIDDEN)
# The recipient side of a delivery: members of the receiving unit only (not the leader above, not the admin).
RECEIVES = rule(NOT_FOUND, members="ok 404 404", leaders="ok 404 404", admin=NOT_FOUND)
# reporting.access.obligation_for_writer: the reporting unit's reporter, drafter, signer or unit admin; a
# reader who may not write (the clerk, the receiving unit, the admin) is refused with 403.
# ob_out(child) is yenthe's report *to ldld*, so ldld's members read it but may not write it.
WRITES_REPORT = rule(
    NOT_FOUND, members="ok 403 404", clerk="403 403 404", leaders="ok 403 404", admin=FORBIDDEN
)
READS_REPORT = rule(NOT_FOUND, members="ok ok 404", leaders="ok ok 404", admin=OK)
# Sending a report up is its unit's signer's act (issue 17, helper A): obligation_for_writer as WRITES_REPORT, then
# the service refuses the unit's other writers (reporter, drafter, unit admin) with NotAllowed (report_not_signer).
SENDS_REPORT = rule(
    NOT_FOUND, members="403 403 404", signer="ok 403 404", leader="403 403 404", admin=FORBIDDEN
)
# reporting.access.obligation_for_receiver on ob_in: a leader (signer, unit admin) of the receiving unit.
RECEIVES_REPORT = rule(NOT_FOUND, members="403 404 404", leaders="ok 403 404", admin=FORBIDDEN)
OWNER_ONLY = rule(NOT_FOUND, members="ok 404 404", leaders="ok 404 404", admin="ok ok ok")
EDITS_EXTERNAL = rule(NOT_FOUND, drafter="ok 404 404", clerk="ok 404 404", signer="ok 404 404", admin=OK)

DECLARATIONS: list[Decl] = [
    # --- core -------------------------------------------------------------------------------------------
    page("home", "GET", SIGNED_IN),
    page("health", "GET", PUBLIC),
    page("security_txt", "GET", PUBLIC),
    page("favicon", "GET", PUBLIC),
    page("login", "GET", PUBLIC),
    page("logout", "POST", PUBLIC),
    page("password_change", "GET", SIGNED_IN),
    page("password_change", "POST", SIGNED_IN),
    page("password_change_done", "GET", SIGNED_IN),
    # «Quên mật khẩu?» and the set-password link: for anyone (the link itself carries the proof); the uid and
    # token here are not a real pair, so the page says the link is no longer valid (200).
    page("password_reset", "GET", PUBLIC),
    page("password_reset", "POST", PUBLIC),
    page("password_reset_done", "GET", PUBLIC),
    page("password_reset_confirm", "GET", PUBLIC, uidb64="fmt", token="fmt"),
    page("password_reset_complete", "GET", PUBLIC),
    page("account", "GET", SIGNED_IN),
    page("api_tokens", "GET", SIGNED_IN),
    page("api_tokens", "POST", SIGNED_IN),
    # Only the owner's key is revoked; anyone else's answers the same redirect and changes nothing.
    page(
        "api_token_revoke",
        "POST",
        rule(IGNORED, members="ok ign ign", leaders="ok ign ign", admin="ok ign ign"),
        effect=True,
        token_id="token",
    ),
    # The second factor's own pages (portal/core/twofactor_views.py): with OTP_REQUIRED off, as here, nobody owes
    # a step, so each answers by sending the person on (home, or «Tài khoản»); a wrong code is refused on the page.
    page("otp_verify", "GET", SIGNED_IN),
    page("otp_verify", "POST", SIGNED_IN),
    page("otp_enrol", "GET", SIGNED_IN),
    page("otp_enrol", "POST", SIGNED_IN),
    page("otp_reenrol", "GET", SIGNED_IN),
    page("otp_reenrol", "POST", SIGNED_IN),
    page("set_language", "POST", PUBLIC),
    # The demo PKI's CRLs (portal/signing/views.py) are public, as a CA's are: nobody is sent to the login page.
    # The matrix's only value for the name is "xlsx", no CRL: 404 for everyone (tests/signing/test_pki.py fetches real ones).
    page("signing:crl", "GET", rule(NOT_FOUND, anonymous=NOT_FOUND), crl_name="fmt"),
    # /quan-tri/ (the Django admin) as one entry: staff only, with its own login page.
    page("admin", "GET", rule(LOGIN, admin=OK)),
    # --- org --------------------------------------------------------------------------------------------
    page("org:unit_list", "GET", SIGNED_IN),
    page("org:unit_import", "GET", rule(FORBIDDEN, leader=OK, admin=OK)),
    page("org:unit_import", "POST", rule(FORBIDDEN, leader=OK, admin=OK)),
    page("org:unit_detail", "GET", SEES_UNIT, unit_id="unit"),
    page(
        "org:unit_subtree",
        "GET",
        rule(NOT_FOUND, members="403 404 404", leaders="ok ok 404", admin=OK),
        unit_id="unit",
    ),
    page("org:unit_members", "GET", SEES_UNIT, unit_id="unit"),
    # portal.org.access.unit_for_admin: a unit admin of the unit or an ancestor, the system admin.
    page("org:unit_rename", "GET", rule(NOT_FOUND, leader="ok ok 404", admin=OK), unit_id="unit"),
    page("org:unit_rename", "POST", rule(NOT_FOUND, leader="ok ok 404", admin=OK), unit_id="unit"),
    page("org:unit_letterhead", "GET", rule(NOT_FOUND, leader="ok ok 404", admin=OK), unit_id="unit"),
    page("org:unit_letterhead", "POST", rule(NOT_FOUND, leader="ok ok 404", admin=OK), unit_id="unit"),
    page("org:unit_identifiers", "GET", rule(NOT_FOUND, leader="ok ok 404", admin=OK), unit_id="unit"),
    page("org:unit_identifiers", "POST", rule(NOT_FOUND, leader="ok ok 404", admin=OK), unit_id="unit"),
    page("org:unit_close", "GET", rule(NOT_FOUND, leader="ok ok 404", admin=OK), unit_id="unit"),
    page("org:unit_close", "POST", rule(NOT_FOUND, leader="ok ok 404", admin=OK), unit_id="unit"),
    page("org:successor_options", "GET", rule(NOT_FOUND, leader="ok ok 404", admin=OK), unit_id="unit"),
    # People of a unit (portal/org/people_views.py): access.member_for_admin, a person holding a role there.
    page("org:person_add", "GET", rule(NOT_FOUND, leader="ok ok 404", admin=OK), unit_id="unit"),
    page("org:person_add", "POST", rule(NOT_FOUND, leader="ok ok 404", admin=OK), unit_id="unit"),
    page("org:person_options", "GET", rule(NOT_FOUND, leader="ok ok 404", admin=OK), unit_id="unit"),
    page(
        "org:person_detail",
        "GET",
        rule(NOT_FOUND, leader="ok ok 404", admin=OK),
        unit_id="unit",
        person_id="member",
    ),
    page(
        "org:person_detail",
        "POST",
        rule(NOT_FOUND, leader="ok ok 404", admin=OK),
        unit_id="unit",
        person_id="member",
    ),
    page(
        "org:person_send_link",
        "POST",
        rule(NOT_FOUND, leader="ok ok 404", admin=OK),
        unit_id="unit",
        person_id="member",
    ),
    # A member's second factor (portal/core/twofactor_views.py): the same administrators as the person's page.
    page(
        "otp_person", "GET", rule(NOT_FOUND, leader="ok ok 404", admin=OK), unit_id="unit", person_id="member"
    ),
    page(
        "otp_person",
        "POST",
        rule(NOT_FOUND, leader="ok ok 404", admin=OK),
        unit_id="unit",
        person_id="member",
    ),
    # --- directives -------------------------------------------------------------------------------------
    page("directives:inbox", "GET", SIGNED_IN),
    page("directives:outgoing", "GET", SIGNED_IN),
    # The clerk's desk: a clerk (văn thư) of some unit; anyone else is refused.
    page("directives:sealing_desk", "GET", rule(FORBIDDEN, clerk=OK)),
    page("directives:search", "GET", SIGNED_IN),
    page("directives:cite_lookup", "GET", SIGNED_IN),
    page("directives:new", "GET", rule(OK, reporter=FORBIDDEN, leader=FORBIDDEN, admin=FORBIDDEN)),
    # A draft for the unit named in the form: only a unit where the user drafts is offered; another is
    # refused by the form (200, nothing created).
    page(
        "directives:new",
        "POST",
        rule(
            IGNORED,
            reporter=FORBIDDEN,
            leader=FORBIDDEN,
            admin=FORBIDDEN,
            drafter="ok ign ign",
            clerk="ok ign ign",
            signer="ok ign ign",
        ),
        effect=True,
        relational=True,
        body=lambda obj: {"issuer": obj("unit").pk, "doc_type": "KH", "subject": "Kế hoạch thử ma trận"},
    ),
    page("directives:detail", "GET", SEES_UNIT, document_id="issued"),
    page("directives:edit", "GET", EDITS_DRAFT, document_id="draft"),
    page("directives:edit", "POST", EDITS_DRAFT, document_id="draft"),
    page("directives:autosave", "POST", EDITS_DRAFT, document_id="draft"),
    page("directives:attach", "POST", EDITS_DRAFT, document_id="draft"),
    page("directives:unit_lookup", "GET", EDITS_DRAFT, document_id="draft"),
    page("directives:attachment", "GET", SEES_UNIT, document_id="issued", attachment_id="doc_attachment"),
    # signing.document_submit: a drafting role of the issuing unit, or the system admin.
    page(
        "directives:submit",
        "POST",
        rule(
            NOT_FOUND,
            reporter="403 404 404",
            drafter="ok 404 404",
            clerk="ok 404 404",
            signer="ok 403 404",
            leader="403 403 404",
            admin=OK,
        ),
        document_id="draft",
    ),
    page("directives:issue", "GET", SIGNS, document_id="submitted"),  # the confirmation page
    page("directives:issue", "POST", SIGNS, document_id="submitted"),
    # Ký số: the signer of the issuing unit (an empty PIN is refused as invalid); «Đóng dấu»: its clerk.
    page("directives:sign", "GET", SIGNS, document_id="submitted"),
    page("directives:sign", "POST", SIGNS, document_id="submitted"),
    page("directives:seal", "GET", SEALS, document_id="submitted"),
    page("directives:seal", "POST", SEALS, document_id="submitted"),
    page("directives:return", "POST", SIGNS, document_id="submitted"),
    page("directives:revoke", "POST", SIGNS, document_id="issued"),
    page("directives:acknowledge", "POST", RECEIVES, document_id="inbound"),
    # Returning a received document that fails the signature check (Art. 21.2): the receiving unit's clerk
    # only (refused as invalid here, the test's document not failing it); another member is refused.
    page(
        "directives:delivery_return",
        "POST",
        rule(NOT_FOUND, members="403 404 404", clerk="ok 404 404", leaders="403 404 404"),
        document_id="inbound",
    ),
    # Deriving drafts a document of the receiving unit: a drafting role there.
    page(
        "directives:derive",
        "POST",
        rule(
            NOT_FOUND,
            reporter="403 404 404",
            drafter="ok 404 404",
            clerk="ok 404 404",
            signer="ok 404 404",
            leader="403 404 404",
        ),
        document_id="inbound",
    ),
    # directives.access.document_for_cascade: a leader's view as the dashboards (a reporter, or a drafter of a
    # receiving unit, gets the same 404), and the issuing unit's drafting roles; rows filtered by visibility.
    page(
        "directives:cascade",
        "GET",
        rule(NOT_FOUND, drafter="ok 404 404", clerk="ok 404 404", leaders="ok ok 404", admin=OK),
        document_id="issued",
    ),
    # A record of a document from outside the system: its owner unit's drafting roles (and the system
    # admin) correct or remove it; everyone else, who reads it, gets 404 here (directives.access).
    page("directives:external_edit", "GET", EDITS_EXTERNAL, document_id="external"),
    page("directives:external_edit", "POST", EDITS_EXTERNAL, document_id="external"),
    page("directives:external_remove", "POST", EDITS_EXTERNAL, effect=True, document_id="external"),
    page("directives:pdf", "GET", SEES_UNIT, document_id="issued"),
    # Word both ways (helper B, issue 17 item 6): the download as the PDF's, the upload as the editor's.
    page("directives:docx", "GET", SEES_UNIT, document_id="issued"),
    page("directives:docx_upload", "GET", EDITS_DRAFT, document_id="draft"),
    page("directives:docx_upload", "POST", EDITS_DRAFT, document_id="draft"),
    page("directives:batch_request", "POST", SEES_UNIT, document_id="issued"),
    page("directives:batch", "GET", OWNER_ONLY, batch_id="batch"),
    page("directives:batch_download", "GET", OWNER_ONLY, batch_id="batch"),
    page("directives:import", "GET", rule(OK, reporter=FORBIDDEN, leader=FORBIDDEN, admin=FORBIDDEN)),
    page("directives:import", "POST", rule(OK, reporter=FORBIDDEN, leader=FORBIDDEN, admin=FORBIDDEN)),
    page(
        "directives:import_confirm", "POST", rule(OK, reporter=FORBIDDEN, leader=FORBIDDEN, admin=FORBIDDEN)
    ),
    # --- reporting --------------------------------------------------------------------------------------
    page("reporting:obligations", "GET", SIGNED_IN),
    page("reporting:unit_obligations", "GET", SEES_UNIT, unit_id="unit"),
    page("reporting:unit_calendar", "GET", SEES_UNIT, unit_id="unit"),
    page("reporting:received_reports", "GET", SIGNED_IN),
    # The list of reports a unit received: its own members (and the system admin).
    page(
        "reporting:received_reports_unit",
        "GET",
        rule(NOT_FOUND, members="ok 404 404", leaders="ok 403 404", admin=OK),
        unit_id="unit",
    ),
    # đột xuất requests: a leader (signer, unit admin) of exactly that unit.
    page(
        "reporting:adhoc_request",
        "GET",
        rule(NOT_FOUND, members="403 404 404", leaders="ok 403 404", admin=FORBIDDEN),
        unit_id="unit",
    ),
    page(
        "reporting:adhoc_request",
        "POST",
        rule(NOT_FOUND, members="403 404 404", leaders="ok 403 404", admin=FORBIDDEN),
        unit_id="unit",
    ),
    page(
        "reporting:adhoc_units",
        "GET",
        rule(NOT_FOUND, members="403 404 404", leaders="ok 403 404", admin=FORBIDDEN),
        unit_id="unit",
    ),
    page(
        "reporting:chase_letter",
        "POST",
        rule(NOT_FOUND, members="ok 404 404", leaders="ok 403 404", admin=FORBIDDEN),
        unit_id="unit",
    ),
    page("reporting:calendar_token", "POST", SIGNED_IN),
    page("reporting:report_detail", "GET", READS_REPORT, obligation_id="ob_out"),
    page("reporting:report_pdf", "GET", READS_REPORT, obligation_id="ob_out"),
    page("reporting:report_docx", "GET", READS_REPORT, obligation_id="ob_out"),
    page("reporting:attachment_download", "GET", READS_REPORT, attachment_id="report_attachment"),
    page("reporting:report_edit", "GET", WRITES_REPORT, obligation_id="ob_out"),
    page("reporting:report_edit", "POST", WRITES_REPORT, obligation_id="ob_out"),
    page("reporting:report_autosave", "POST", WRITES_REPORT, obligation_id="ob_out"),
    # The roll-up beside the draft (reporting.access.obligation_for_writer, as the editor).
    page("reporting:report_rollup", "GET", WRITES_REPORT, obligation_id="ob_out"),
    page("reporting:report_rollup", "POST", WRITES_REPORT, obligation_id="ob_out"),
    page("reporting:attachment_upload", "POST", WRITES_REPORT, obligation_id="ob_out"),
    page(
        "reporting:attachment_remove",
        "POST",
        WRITES_REPORT,
        obligation_id="ob_out",
        attachment_id="report_attachment",
    ),
    page("reporting:report_return", "POST", RECEIVES_REPORT, obligation_id="ob_in"),
    page("reporting:report_accept", "POST", RECEIVES_REPORT, obligation_id="ob_in"),
    page("reporting:obligation_excuse", "POST", RECEIVES_REPORT, obligation_id="ob_in"),
    # --- dashboards -------------------------------------------------------------------------------------
    page("dashboards:home", "GET", SIGNED_IN),
    page("dashboards:units", "GET", SIGNED_IN),
    page("dashboards:unit", "GET", LEADS, unit_id="unit"),
    page("dashboards:emulation", "GET", LEADS, unit_id="unit"),
    page("dashboards:emulation_export", "GET", LEADS, unit_id="unit", fmt="fmt"),
    page("dashboards:directive", "GET", LEADS, document_id="issued", unit_id="unit"),
    page("dashboards:directive_export", "GET", LEADS, document_id="issued", unit_id="unit", fmt="fmt"),
    page("dashboards:requirement", "GET", LEADS, requirement_id="requirement", unit_id="unit"),
    page(
        "dashboards:requirement_export", "GET", LEADS, requirement_id="requirement", unit_id="unit", fmt="fmt"
    ),
    page("dashboards:requirement_action", "POST", LEADS, requirement_id="requirement", unit_id="unit"),
    # The «Nhiệm vụ» figures (issue 16, helper D): the same leaders' rule as the dashboards they sit in.
    page("dashboards:tasks", "GET", LEADS, unit_id="unit"),
    page("dashboards:tasks_export", "GET", LEADS, unit_id="unit", fmt="fmt"),
    page("dashboards:directive_tasks", "GET", LEADS, document_id="issued", unit_id="unit"),
    page("dashboards:directive_tasks_export", "GET", LEADS, document_id="issued", unit_id="unit", fmt="fmt"),
    # --- notifications, audit ---------------------------------------------------------------------------
    page("notifications:inbox", "GET", SIGNED_IN),
    page(
        "notifications:open",
        "POST",
        rule(NOT_FOUND, members="ok 404 404", leaders="ok 404 404", admin="ok 404 404"),
        notification_id="notification",
    ),
    page("notifications:mark_all_read", "POST", SIGNED_IN),
    page("audit:event_list", "GET", rule(FORBIDDEN, leaders=OK, admin=OK)),
    # --- the API's own pages (the operations are declared below) -----------------------------------------
    page("api-root", "GET", SIGNED_IN),
    page("api-docs", "GET", SIGNED_IN),
    # --- API operations (token and session) -------------------------------------------------------------
    api("GET /api/schema/", SIGNED_IN),
    api("GET /api/v1/units/", SIGNED_IN),
    api("GET /api/v1/units/{id}/", SEES_UNIT, id="unit"),
    api(
        "GET /api/v1/units/{id}/subtree/",
        rule(NOT_FOUND, members="403 404 404", leaders="ok ok 404", admin=OK),
        id="unit",
    ),
    api("GET /api/v1/documents/", SIGNED_IN),
    api(
        "POST /api/v1/documents/",
        rule(FORBIDDEN, drafter="ok 403 403", clerk="ok 403 403", signer="ok 403 403", admin=OK),
        relational=True,
        body=lambda obj: {"issuer": obj("unit").pk, "doc_type": "KH", "subject": "Kế hoạch thử ma trận"},
    ),
    api("GET /api/v1/documents/{id}/", SEES_UNIT, id="issued"),
    # _editable: a drafting role of the issuing unit or the system admin (directives.access.can_draft_for).
    api(
        "PATCH /api/v1/documents/{id}/",
        rule(NOT_FOUND, drafter="ok 404 404", clerk="ok 404 404", signer="ok 404 404", admin=OK),
        id="draft",
    ),
    api(
        "POST /api/v1/documents/{id}/submit/",
        rule(
            NOT_FOUND,
            reporter="403 404 404",
            drafter="ok 404 404",
            clerk="ok 404 404",
            signer="ok 403 404",
            leader="403 403 404",
            admin=OK,
        ),
        id="draft",
    ),
    api("POST /api/v1/documents/{id}/issue/", SIGNS, id="submitted"),
    api("POST /api/v1/documents/{id}/sign/", SIGNS, id="submitted", body=lambda obj: {"pin": "000000"}),
    api("POST /api/v1/documents/{id}/seal/", SEALS, id="submitted", body=lambda obj: {"pin": "000000"}),
    api(
        "POST /api/v1/documents/{id}/return/", SIGNS, id="submitted", body=lambda obj: {"comment": "Sửa lại."}
    ),
    api("POST /api/v1/documents/{id}/revoke/", SIGNS, id="issued", body=lambda obj: {"reason": "Thay thế."}),
    api("POST /api/v1/documents/{id}/acknowledge/", RECEIVES, id="inbound"),
    api(
        "POST /api/v1/documents/{id}/derive/",
        rule(
            NOT_FOUND,
            reporter="403 404 404",
            drafter="ok 404 404",
            clerk="ok 404 404",
            signer="ok 404 404",
            leader="403 404 404",
        ),
        id="inbound",
    ),
    # The delivery list is the issuing side's: drafting roles of the issuer and its leaders.
    api(
        "GET /api/v1/documents/{id}/deliveries/",
        rule(
            NOT_FOUND,
            reporter="403 404 404",
            drafter="ok 404 404",
            clerk="ok 404 404",
            leaders="ok ok 404",
            admin=OK,
        ),
        id="issued",
    ),
    api("GET /api/v1/obligations/", SIGNED_IN),
    api("GET /api/v1/obligations/{id}/", READS_REPORT, id="ob_out"),
    api("POST /api/v1/obligations/{id}/draft/", WRITES_REPORT, id="ob_out", body=lambda obj: {"data": {}}),
    # «Ký và gửi» (issue 17): a writer who is not the unit's signer is refused (NotAllowed: report_not_signer).
    api("POST /api/v1/obligations/{id}/submit/", SENDS_REPORT, id="ob_out", body=lambda obj: {"data": {}}),
    api(
        "POST /api/v1/obligations/{id}/return/",
        RECEIVES_REPORT,
        id="ob_in",
        body=lambda obj: {"comment": "Bổ sung số liệu."},
    ),
    api("POST /api/v1/obligations/{id}/accept/", RECEIVES_REPORT, id="ob_in"),
    # Dashboards over the API: the same rule as the dashboard pages.
    api("GET /api/v1/dashboards/units/{unit_id}/", LEADS, unit_id="unit"),
    api(
        "GET /api/v1/dashboards/units/{unit_id}/requirements/{requirement_id}/",
        LEADS,
        unit_id="unit",
        requirement_id="requirement",
    ),
    api(
        "GET /api/v1/dashboards/units/{unit_id}/documents/{document_id}/",
        LEADS,
        unit_id="unit",
        document_id="issued",
    ),
    api("GET /api/v1/dashboards/units/{unit_id}/emulation/", LEADS, unit_id="unit"),
    # the tasks figures (issue 16, helper D)
    api("GET /api/v1/dashboards/units/{unit_id}/tasks/", LEADS, unit_id="unit"),
    api(
        "GET /api/v1/dashboards/units/{unit_id}/documents/{document_id}/tasks/",
        LEADS,
        unit_id="unit",
        document_id="issued",
    ),
]


# --- objects of two relations in one URL ------------------------------------------------------------------
# "kind@relation" pins an object to a relation whatever the row: a parent object the user may use with a
# child object of an unrelated unit must not reach the child object (no IDOR through the second id).
# Also: the same views with the other kinds of document (a draft, a document received from outside).
MIXED_DECLARATIONS: list[Decl] = [
    page("directives:detail", "GET", SEES_UNIT, document_id="draft"),
    page("directives:detail", "GET", SEES_UNIT, document_id="inbound"),
    page("directives:cascade", "GET", LEADS, document_id="inbound"),
    api("GET /api/v1/documents/{id}/", SEES_UNIT, id="draft"),
    api("GET /api/v1/documents/{id}/", SEES_UNIT, id="submitted"),
    # A document received from outside: the delivery list stays with the issuer (tinhuy), not the recipients.
    api(
        "GET /api/v1/documents/{id}/deliveries/",
        rule(NOT_FOUND, members="403 404 404", leaders="403 403 404", admin=OK),
        id="inbound",
    ),
    page(
        "directives:attachment",
        "GET",
        rule(NOT_FOUND),
        document_id="issued@own",
        attachment_id="doc_attachment@unrelated",
    ),
    # The service looks the attachment up within the report: nothing is removed, nothing is told.
    page(
        "reporting:attachment_remove",
        "POST",
        rule(IGNORED, clerk=FORBIDDEN, admin=FORBIDDEN),
        effect=True,
        obligation_id="ob_out@own",
        attachment_id="report_attachment@unrelated",
    ),
    page(
        "dashboards:directive",
        "GET",
        rule(NOT_FOUND, admin=OK),
        document_id="issued@unrelated",
        unit_id="unit@own",
    ),
    page(
        "dashboards:directive_export",
        "GET",
        rule(NOT_FOUND, admin=OK),
        document_id="issued@unrelated",
        unit_id="unit@own",
        fmt="fmt",
    ),
    page(
        "dashboards:directive_tasks",
        "GET",
        rule(NOT_FOUND, admin=OK),
        document_id="issued@unrelated",
        unit_id="unit@own",
    ),
    page(
        "dashboards:directive_tasks_export",
        "GET",
        rule(NOT_FOUND, admin=OK),
        document_id="issued@unrelated",
        unit_id="unit@own",
        fmt="fmt",
    ),
    page(
        "dashboards:requirement",
        "GET",
        rule(NOT_FOUND, admin=OK),
        requirement_id="requirement@unrelated",
        unit_id="unit@own",
    ),
    page(
        "dashboards:requirement_action",
        "POST",
        rule(NOT_FOUND, admin=OK),
        requirement_id="requirement@unrelated",
        unit_id="unit@own",
    ),
    api(
        "GET /api/v1/dashboards/units/{unit_id}/requirements/{requirement_id}/",
        rule(NOT_FOUND, admin=OK),
        unit_id="unit@own",
        requirement_id="requirement@unrelated",
    ),
    api(
        "GET /api/v1/dashboards/units/{unit_id}/documents/{document_id}/",
        rule(NOT_FOUND, admin=OK),
        unit_id="unit@own",
        document_id="issued@unrelated",
    ),
]

# --- issue 16, helper A: the incoming register (directives/handling/views/incoming.py, api/incoming.py) ------------
# access.register_for_user: the clerks, leaders (signers) and unit admins of a unit read its register; the bare page
# opens the user's first such unit (403 for someone who reads none: reporters, drafters, the admin without a unit).
READS_REGISTER = rule(FORBIDDEN, clerk=OK, leaders=OK)
# access.register_units: only a clerk (văn thư) registers; anyone else is refused the clerk's pages.
CLERK_DESK = rule(FORBIDDEN, clerk=OK)
# access.entries_visible_to: the unit's clerk, its leaders and those above; nobody else learns the entry exists.
READS_ENTRY = rule(NOT_FOUND, clerk="ok 404 404", leaders="ok ok 404", admin=OK)
# access.entry_for_clerk: a reader of the entry who is not its unit's clerk is refused.
ROUTES_ENTRY = rule(NOT_FOUND, clerk="ok 404 404", leaders="403 403 404", admin=FORBIDDEN)

DECLARATIONS += [
    page("handling:register", "GET", READS_REGISTER),
    page("handling:awaiting", "GET", CLERK_DESK),
    page("handling:register_paper", "GET", CLERK_DESK),
    page("handling:register_paper", "POST", CLERK_DESK),
    # access.delivery_for_clerk: a delivery to a unit whose register the user keeps; 404 for anyone else.
    page("handling:register_delivery", "POST", rule(NOT_FOUND, clerk="ok 404 404"), delivery_id="delivery"),
    page("handling:entry", "GET", READS_ENTRY, entry_id="entry"),
    page("handling:entry_route", "POST", ROUTES_ENTRY, entry_id="entry"),
    page("handling:entry_scan", "GET", READS_ENTRY, entry_id="entry"),
    page("handling:register_pdf", "GET", READS_REGISTER, year="year@own"),
    page("handling:outgoing_register_pdf", "GET", READS_REGISTER, year="year@own"),
    api("GET /api/v1/incoming/", SIGNED_IN),
    # An empty body: 400 for everyone signed in (the service, reached with a delivery or a unit, decides who may).
    api("POST /api/v1/incoming/", SIGNED_IN),
    api("GET /api/v1/incoming/awaiting/", SIGNED_IN),
    api("GET /api/v1/incoming/{id}/", READS_ENTRY, id="entry"),
    api("POST /api/v1/incoming/{id}/route/", ROUTES_ENTRY, id="entry"),
    api("GET /api/v1/incoming/{id}/scan/", READS_ENTRY, id="entry"),
]

# --- issue 18, helper D: edXML packets in and out (directives/exchange/api.py, views.py) ------------------------------
# The files an entry received through the hub came with: whoever reads the entry (without ?tep= the page goes back
# to the entry). Importing a packet: a clerk or unit administrator of some unit (an empty body is 400 for them; the
# unit the packet names is checked once it is read); everyone else 403. A document's packet: the issuing unit's
# clerk or administrator (400 without ?to=); nobody else learns more than «not found».
DECLARATIONS += [
    page("exchange:entry_file", "GET", READS_ENTRY, entry_id="entry"),
    # «Gói tin liên thông»: the packets of the units a clerk or unit administrator keeps; everyone else 403.
    page("exchange:packets", "GET", rule(FORBIDDEN, clerk=OK, leader=OK, admin=OK)),
    api("POST /api/v1/exchange/packets/", rule(FORBIDDEN, clerk=OK, leader=OK, admin=OK)),
    api(
        "GET /api/v1/documents/{document_id}/edxml/",
        rule(NOT_FOUND, clerk="ok 404 404", leader="ok 404 404", admin=OK),
        document_id="issued",
    ),
]

# --- issue 16, helper C: tasks (directives/handling/views/tasks.py, api/tasks.py) -----------------------------------
# The world's task is assigned to the unit as a whole by its own leader's instruction on an incoming entry.
# access.assignments_visible_to: every member of the unit, its leaders and those above; nobody else learns it exists.
READS_TASK = rule(NOT_FOUND, members="ok 404 404", leaders="ok ok 404", admin=OK)
# access.assignment_for_worker: a unit-wide task is carried out by the unit's leaders, specialists, reporters and
# administrators — not its clerk, and not a leader above (he follows it; the unit below carries it out).
WORKS_TASK = rule(NOT_FOUND, members="ok 404 404", clerk="403 404 404", leaders="ok 403 404", admin=FORBIDDEN)
# access.assignment_for_director: whoever assigned it or a leader (signer) of the assigning unit.
DIRECTS_TASK = rule(
    NOT_FOUND, members="403 404 404", signer="ok 403 404", leader="403 403 404", admin=FORBIDDEN
)

DECLARATIONS += [
    page("handling:tasks", "GET", SIGNED_IN),
    # a person's own figures of the tasks they may see (helper D)
    page("handling:figures", "GET", SIGNED_IN),
    page("handling:task", "GET", READS_TASK, assignment_id="task"),
    page("handling:task_note", "POST", WORKS_TASK, assignment_id="task"),
    page("handling:task_complete", "POST", WORKS_TASK, assignment_id="task"),
    page("handling:task_extension", "POST", WORKS_TASK, assignment_id="task"),
    page("handling:task_decide", "POST", DIRECTS_TASK, assignment_id="task", request_id="extension"),
    page("handling:task_chase", "POST", DIRECTS_TASK, assignment_id="task"),
    page("handling:task_file", "GET", READS_TASK, assignment_id="task", note_id="task_note"),
    api("GET /api/v1/tasks/", SIGNED_IN),
    api("GET /api/v1/tasks/{id}/", READS_TASK, id="task"),
    api("POST /api/v1/tasks/{id}/notes/", WORKS_TASK, id="task"),
    api("POST /api/v1/tasks/{id}/complete/", WORKS_TASK, id="task"),
    api("POST /api/v1/tasks/{id}/extension/", WORKS_TASK, id="task"),
    api("POST /api/v1/tasks/{id}/decide/", DIRECTS_TASK, id="task"),
    api("POST /api/v1/tasks/{id}/chase/", DIRECTS_TASK, id="task"),
]

# --- issue 16, helper E: departments (portal/org/department_views.py) and the recall's confirmation -------------
# access.unit_for_admin: a unit admin of the unit or an ancestor, the system admin (404 for anyone else, as the
# people pages). Everyone who sees the unit reads its departments.
ADMINISTERS = rule(NOT_FOUND, leader="ok ok 404", admin=OK)
# receipt.delivery_recall_confirm: the receiving unit's clerk (refused as invalid here, the world's document not
# being recalled); another member of the receiving unit is refused (NotAllowed); nobody else learns of the copy.
CONFIRMS_RECALL = rule(NOT_FOUND, members="403 404 404", clerk="ok 404 404", leaders="403 404 404")

DECLARATIONS += [
    page("org:departments", "GET", SEES_UNIT, unit_id="unit"),
    page("org:departments", "POST", ADMINISTERS, unit_id="unit"),
    page("org:department_edit", "GET", ADMINISTERS, unit_id="unit", department_id="department"),
    page("org:department_edit", "POST", ADMINISTERS, unit_id="unit", department_id="department"),
    page("org:person_department", "POST", ADMINISTERS, unit_id="unit", person_id="member"),
    page("directives:recall_confirm", "POST", CONFIRMS_RECALL, document_id="inbound"),
    api("POST /api/v1/documents/{id}/recall-confirm/", CONFIRMS_RECALL, id="inbound"),
    api("GET /api/v1/units/{id}/departments/", SEES_UNIT, id="unit"),
]

# --- issue 16, helper B: the leader's instruction (directives/handling/views/instruction.py, api/instruction.py) ----
# selectors.instruction.instructing_units: the desk of entries awaiting the instruction is a signer's (403 for anyone
# who leads no unit by signing, the unit admin and the system admin included).
INSTRUCTION_DESK = rule(FORBIDDEN, signer=OK)
# access.entry_for_leader: a reader of the entry who is not a leader (signer) of its unit is refused; the world's
# entry awaits its instruction with no leader named, so the own unit's signer decides it.
INSTRUCTS_ENTRY = rule(
    NOT_FOUND, clerk="403 404 404", signer="ok 403 404", leader="403 403 404", admin=FORBIDDEN
)

DECLARATIONS += [
    page("handling:awaiting_instruction", "GET", INSTRUCTION_DESK),
    page("handling:instruct", "GET", INSTRUCTS_ENTRY, entry_id="entry"),
    page("handling:instruct", "POST", INSTRUCTS_ENTRY, entry_id="entry"),
    page("handling:reassign", "GET", INSTRUCTS_ENTRY, entry_id="entry"),
    page("handling:reassign", "POST", INSTRUCTS_ENTRY, entry_id="entry"),
    page("handling:entry_return", "POST", INSTRUCTS_ENTRY, entry_id="entry"),
    page("handling:entry_file", "POST", INSTRUCTS_ENTRY, entry_id="entry"),
    page("handling:entry_delegate", "POST", INSTRUCTS_ENTRY, entry_id="entry"),
    api("GET /api/v1/incoming/{entry_id}/instructions/", READS_ENTRY, entry_id="entry"),
    # An empty body: 400 for the entry's leader (the decision is missing), refused before it for anyone else.
    api("POST /api/v1/incoming/{entry_id}/instructions/", INSTRUCTS_ENTRY, entry_id="entry"),
]

# --- issue 17, helper A: a report's signing step (reporting/views.py) ---------------------------------------------
# «Báo cáo chờ ký» is a signer's list (403 to anyone who signs for no unit, the unit admin and the system admin
# too); «Ký và gửi» and the leader's «Trả lại» pass obligation_for_writer, then the service refuses a non-signer
# (NotAllowed, shown as a message on the report's page).
DECLARATIONS += [
    page("reporting:awaiting_signature", "GET", INSTRUCTION_DESK),
    page("reporting:report_sign_send", "POST", SENDS_REPORT, obligation_id="ob_out"),
    page("reporting:report_sign_return", "POST", SENDS_REPORT, obligation_id="ob_out"),
    api(
        "POST /api/v1/obligations/{id}/sign-request/",
        WRITES_REPORT,
        id="ob_out",
        body=lambda obj: {"data": {}},
    ),
    api(
        "POST /api/v1/obligations/{id}/sign-return/",
        SENDS_REPORT,
        id="ob_out",
        body=lambda obj: {"comment": "Bổ sung số liệu."},
    ),
]

# --- lists: what a list shows, its detail would show -------------------------------------------------------
# The world marks the objects of the child unit (documents, requirements) with CHILD_MARK and those of the
# unrelated unit with UNRELATED_MARK (its units are named "… Bản Lang"). A member (reporter, drafter, clerk)
# must find neither mark in any list, a leader not the unrelated one; the system admin sees both.
CHILD_MARK = "MTXCHILD"
UNRELATED_MARKS = ("MTXUNR", "Bản Lang")
LIST_URLS = [
    "home",
    "directives:inbox",
    "directives:outgoing",
    "directives:search?q=MTX",
    "directives:cite_lookup?q=MTX",
    "directives:search?q=Ban+Lang",
    "reporting:obligations",
    "reporting:received_reports",
    "notifications:inbox",
    "audit:event_list",
    "dashboards:home",
    "/api/v1/documents/",
    "/api/v1/documents/?q=mtx",
    "/api/v1/obligations/",
    "/api/v1/units/",
    "/api/v1/units/?q=Lang",
    # issue 16, helper A: the incoming register (the bare page opens the user's own unit's register)
    "handling:register",
    "handling:awaiting",
    "/api/v1/incoming/",
    "/api/v1/incoming/?q=mtx",
    "/api/v1/incoming/awaiting/",
    # issue 16, helper C: the tasks' tabs (a tab the user does not have falls back to «Của tôi»)
    # issue 16, helper B: the leader's desk of entries awaiting the instruction
    "handling:awaiting_instruction",
    "handling:tasks",
    "handling:tasks?tab=don-vi",
    "handling:tasks?tab=toi-giao",
    "handling:tasks?tab=don-vi&trang_thai=tat-ca&q=nhiem+vu",
    "/api/v1/tasks/",
    "/api/v1/tasks/?tab=don-vi",
    "/api/v1/tasks/?tab=toi-giao",
]


# --- expansions (issue 20): what an action names *indirectly* --------------------------------------------------
# The declarations above check the ids a URL names. These check what an action expands to or writes through:
# the recipient lines of a draft (a unit, its subtree, its children, every unit of a kind below it), a
# requirement's "gửi về" (to) and "qua" (via), its named reporters, a task's units, a merger's successor, a
# citation's target and an imported account. tests/security/test_authz_expansions.py runs each one through
# every door that writes it (the editor's service, the API's PATCH, submit and issue for a draft written
# before the rule) and, for REFUSED, checks that nothing was written.
#
# The cast (tests/conftest.py): tinhuy > btgtu; tld > ldld > yenthe > cdcs and ldld > tanyen; laichau alone.
# binh signs (and so drafts) for yenthe, a district federation: it may make its own subtree act, and report
# to or inform one unit above it; lan drafts for btgtu, a Party board, which reaches ldld only once it is
# linked to it across lines (Unit.addressees).

ALLOWED, REFUSED = "allowed", "refused"


@dataclass(frozen=True)
class Reach:
    name: str  # what is tried, as a test id
    issuer: str  # a unit of the cast (its drafter writes, its signer issues)
    line: str  # recipient | task | to | via | named
    unit: str  # the unit the line names
    expect: str
    selection: str = "unit"
    purpose: str = "thuc_hien"
    kind: str = ""
    addressees: tuple[str, ...] = ()


REACH: list[Reach] = [
    # Recipient lines: what they expand to.
    Reach(
        "subtree-of-the-national-federation-to-carry-out",
        "yenthe",
        "recipient",
        "tld",
        REFUSED,
        selection="subtree",
    ),
    Reach(
        "children-of-the-province-to-carry-out", "yenthe", "recipient", "ldld", REFUSED, selection="children"
    ),
    Reach(
        "every-grassroots-union-of-the-province",
        "yenthe",
        "recipient",
        "ldld",
        REFUSED,
        selection="kind_below",
        kind="union_grassroots",
    ),
    Reach(
        "subtree-of-the-province-for-information",
        "yenthe",
        "recipient",
        "ldld",
        REFUSED,
        selection="subtree",
        purpose="de_biet",
    ),
    Reach("the-province-alone-to-carry-out", "yenthe", "recipient", "ldld", REFUSED),
    Reach("the-province-alone-to-coordinate", "yenthe", "recipient", "ldld", REFUSED, purpose="phoi_hop"),
    Reach("the-province-alone-to-report", "yenthe", "recipient", "ldld", ALLOWED, purpose="bao_cao"),
    Reach("the-province-alone-for-information", "yenthe", "recipient", "ldld", ALLOWED, purpose="de_biet"),
    Reach("a-sibling-district-for-information", "yenthe", "recipient", "tanyen", REFUSED, purpose="de_biet"),
    Reach(
        "another-province-line-for-information", "yenthe", "recipient", "laichau", REFUSED, purpose="de_biet"
    ),
    Reach("own-subtree-to-carry-out", "yenthe", "recipient", "yenthe", ALLOWED, selection="subtree"),
    Reach("own-grassroots-union-to-carry-out", "yenthe", "recipient", "cdcs", ALLOWED),
    Reach("another-line-without-a-link", "btgtu", "recipient", "ldld", REFUSED, selection="subtree"),
    Reach(
        "another-line-linked-as-addressee",
        "btgtu",
        "recipient",
        "ldld",
        ALLOWED,
        selection="subtree",
        addressees=("ldld",),
    ),
    # Tasks: work, so downward only.
    Reach("a-task-for-the-province", "yenthe", "task", "ldld", REFUSED),
    Reach("a-task-for-a-sibling-district", "yenthe", "task", "tanyen", REFUSED),
    Reach("a-task-for-an-own-grassroots-union", "yenthe", "task", "cdcs", ALLOWED),
    # Requirements: where reports go, through whom, and who must report.
    Reach("reports-sent-to-another-province-line", "yenthe", "to", "laichau", REFUSED),
    Reach("reports-sent-to-a-sibling-district", "yenthe", "to", "tanyen", REFUSED),
    Reach("reports-sent-to-the-province", "yenthe", "to", "ldld", ALLOWED),
    Reach("reports-sent-via-a-sibling-district", "yenthe", "via", "tanyen", REFUSED),
    Reach("reports-sent-via-an-own-grassroots-union", "yenthe", "via", "cdcs", ALLOWED),
    Reach("reports-owed-by-a-sibling-district", "yenthe", "named", "tanyen", REFUSED),
    Reach("reports-owed-by-the-province", "yenthe", "named", "ldld", REFUSED),
    Reach("reports-owed-by-an-own-grassroots-union", "yenthe", "named", "cdcs", ALLOWED),
]


@dataclass(frozen=True)
class Indirect:
    """One of the other expansions: who tries, what it names, what must happen."""

    name: str
    actor: str
    target: str
    expect: str


# A merger's successor: son administers ldld's subtree (portal.org.access.administers).
SUCCESSORS: list[Indirect] = [
    Indirect("successor-in-another-province-line", "son", "laichau", REFUSED),
    Indirect("successor-above-the-administered-unit", "son", "tld", REFUSED),
    Indirect("successor-within-the-administered-subtree", "son", "tanyen", ALLOWED),
]

# A citation's target: lan drafts for btgtu; the target is a document of the named kind and issuer.
CITATIONS: list[Indirect] = [
    Indirect("another-districts-draft", "lan", "draft@tanyen", REFUSED),
    Indirect("another-lines-issued-document-not-sent-here", "lan", "issued@laichau", REFUSED),
    Indirect("an-issued-document-sent-here", "lan", "issued-to-btgtu@tinhuy", ALLOWED),
    Indirect("an-external-document", "lan", "external", ALLOWED),
]

# A people import: son (unit admin of ldld) names an existing account in a row with a unit he administers.
IMPORTED_ACCOUNTS: list[Indirect] = [
    Indirect("a-leader-of-another-province-line", "son", "charlie", REFUSED),
    Indirect("a-person-with-one-role-outside", "son", "hanh+yenthe", REFUSED),
    Indirect("the-system-administrator", "son", "admin", REFUSED),
    Indirect("an-account-with-no-role", "son", "orphan", REFUSED),
    Indirect("a-person-wholly-inside", "son", "binh", ALLOWED),
]

# A đột xuất request: hung leads ldld and asks units for a report by a date (reporting.services).
ADHOC_REQUESTS: list[Indirect] = [
    Indirect("a-unit-of-another-province-line", "hung", "laichau", REFUSED),
    Indirect("the-unit-above", "hung", "tld", REFUSED),
    Indirect("a-grassroots-union-two-levels-below", "hung", "cdcs", ALLOWED),
]
