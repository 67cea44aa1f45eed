"""The demo content (org tree, accounts, seed documents) is consistent and faithful to the seeds.

Pure data tests: no database and no Django settings (run with ``-p no:django`` if settings are
unavailable). The faithfulness tests read the seed texts from ../shared/seeds beside the project and
skip when that folder is absent.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from directives.demo.documents import (
    AUTHORITIES,
    DOC_TYPES,
    DOCUMENTS,
    EXTERNAL_DOCUMENTS,
    FREQUENCIES,
    PURPOSES,
    RELATION_KINDS,
    SELECTS,
    STATUSES,
    document_by_key,
)
from portal.org.demo_tree import ACCOUNTS, HY_BCD_MEMBERS, KINDS, REGIMES, ROLES, SUPERUSER, UNITS, iter_units

SEEDS_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
UNITS_BY_CODE = {unit["code"]: unit for unit, _parent in iter_units()}
PARENT_OF = {unit["code"]: parent for unit, parent in iter_units()}
SEED_FILES = {doc["seed"] for doc in DOCUMENTS}


# --- helpers -----------------------------------------------------------------------------------


def _strings(obj):
    if isinstance(obj, dict):
        for value in obj.values():
            yield from _strings(value)
    elif isinstance(obj, list | tuple):
        for value in obj:
            yield from _strings(value)
    elif isinstance(obj, str):
        yield obj


def _nodes(nodes, depth=1):
    for node in nodes:
        yield node, depth
        yield from _nodes(node["children"], depth + 1)


def _recipients(doc):
    return [*doc["kinh_gui"], *doc["noi_nhan"]]


def _normalise(text: str) -> str:
    """Compare seed and data modulo layout: markdown stars, line breaks, spaces in symbols."""
    text = unicodedata.normalize("NFC", text).replace("*", "")
    text = re.sub(r"[¹²³⁴⁵⁶⁷⁸⁹]", "", text)
    text = re.sub(r"(\d+) ?- ?([A-Za-zĐđ]+/)", r"\1-\2", text)
    return " ".join(text.split())


def _plain(html_text: str) -> list[str]:
    paragraphs = re.findall(r"<p>(.*?)</p>", html_text, flags=re.S)
    return [html.unescape(re.sub(r"</?(em|strong|br)\s*/?>", "", p)) for p in paragraphs]


def _date_forms(iso: str) -> list[str]:
    d = date.fromisoformat(iso)
    forms = []
    for day in {str(d.day), f"{d.day:02d}"}:
        for month in {str(d.month), f"{d.month:02d}"}:
            forms += [f"{day}/{month}/{d.year}", f"ngày {day} tháng {month} năm {d.year}"]
    return forms


def _shingles(text: str, size: int = 5) -> list[str]:
    words = _normalise(text).split()
    return [" ".join(words[i : i + size]) for i in range(max(len(words) - size + 1, 0))]


@pytest.fixture(scope="module")
def seeds() -> dict[str, str]:
    if not SEEDS_DIR.is_dir():
        pytest.skip(f"the seed texts live in ../shared/seeds beside the project and are absent ({SEEDS_DIR})")
    return {name: (SEEDS_DIR / name).read_text(encoding="utf-8") for name in SEED_FILES}


def _mended_seed(doc, seeds) -> str:
    """The seed with the slips the transcription mends already mended, to compare with it."""
    text = " ".join(seeds[doc["seed"]].split())
    for seed_wording, transcribed in doc["corrections"]:
        text = text.replace(seed_wording, transcribed)
    return text


# --- the organisation ----------------------------------------------------------------------------


def test_unit_codes_are_unique_ascii_slugs():
    codes = [unit["code"] for unit, _parent in iter_units()]
    assert [code for code, n in Counter(codes).items() if n > 1] == []
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code) for code in codes)


def test_units_have_valid_kind_regime_and_header_lines():
    for unit, _parent in iter_units():
        assert unit["kind"] in KINDS, unit["code"]
        assert unit["regime"] in REGIMES, unit["code"]
        assert unit["name"] and unit["short_name"] and unit["place"], unit["code"]
        assert unit["parent_line"] == unit["parent_line"].upper(), unit["code"]
        assert unit["header_name"] == unit["header_name"].upper(), unit["code"]
        assert isinstance(unit["departments"], list)
        codes = [code for code, _name in unit["departments"]]
        assert len(codes) == len(set(codes)) and all(name for _code, name in unit["departments"]), unit[
            "code"
        ]


def test_successors_exist_and_closings_are_dated():
    for unit, _parent in iter_units():
        if unit["successor"]:
            assert unit["successor"] in UNITS_BY_CODE, unit["code"]
            assert unit["active_to"], unit["code"]
        if unit["active_to"]:
            date.fromisoformat(unit["active_to"])
    assert UNITS_BY_CODE["bp-ldld-phurieng"]["successor"] == "dn-ldld"
    assert UNITS_BY_CODE["bp-ldld"]["successor"] == "dn-ldld"
    bg_closed = [u for u in UNITS_BY_CODE.values() if u["successor"] == "bn-ldld"]
    assert bg_closed and all(PARENT_OF[u["code"]] == "bg-ldld" for u in bg_closed)


def test_key_units_sit_where_the_seeds_put_them():
    assert (
        PARENT_OF["bg-btgtu"] == "bg-tu" and UNITS_BY_CODE["bg-btgtu"]["parent_line"] == "TỈNH ỦY BẮC GIANG"
    )
    assert PARENT_OF["bg-ldld"] == "tld" and UNITS_BY_CODE["bg-ldld"]["parent_line"] == "TỔNG LĐLĐ VIỆT NAM"
    assert ("TG&NC", "Ban Tuyên giáo - Nữ công") in UNITS_BY_CODE["bg-ldld"]["departments"]
    assert PARENT_OF["hy-bcdttdn"] == "hy-tu" and UNITS_BY_CODE["hy-bcdttdn"]["short_name"] == "BCĐTTĐN"
    districts = [c for c in UNITS_BY_CODE["bg-ldld"]["children"] if c["kind"] == "union_district"]
    assert len(districts) == 10
    assert all(1 <= len(d["children"]) <= 4 for d in districts)
    assert len(HY_BCD_MEMBERS) == len(set(HY_BCD_MEMBERS)) == 14
    assert UNITS[0]["kind"] == "party_central"


def test_accounts_cover_every_role_and_point_to_units():
    assert {a["role"] for a in ACCOUNTS} == set(ROLES)
    names_by_username: dict[str, set[str]] = {}
    for account in ACCOUNTS:
        assert account["unit"] in UNITS_BY_CODE, account
        assert account["role"] in ROLES, account
        assert re.fullmatch(r"[a-z0-9.]+", account["username"]), account
        assert account["email"].endswith("@thongsuot.local")
        department = account["department"]
        assert department is None or department in dict(UNITS_BY_CODE[account["unit"]]["departments"]), (
            account
        )
        names_by_username.setdefault(account["username"], set()).add(account["full_name"])
    assert all(len(names) == 1 for names in names_by_username.values())
    held = {(a["full_name"], a["unit"], a["role"]) for a in ACCOUNTS}
    assert ("Nguyễn Mạnh Hùng", "bg-ldld", "signer") in held
    assert ("Nguyễn Văn Hạnh", "bg-btgtu", "signer") in held
    assert SUPERUSER["username"] not in names_by_username


def test_every_unit_with_a_signer_has_a_clerk_to_apply_its_seal():
    """A document its signer signs waits for the body's signature, which only a clerk of that unit applies."""
    signing_units = {a["unit"] for a in ACCOUNTS if a["role"] == "signer"}
    clerk_units = {a["unit"] for a in ACCOUNTS if a["role"] == "clerk"}
    assert signing_units - clerk_units == set()


# --- the documents: internal consistency ---------------------------------------------------------


def test_document_keys_are_unique_and_relations_resolve():
    keys = [doc["key"] for doc in [*EXTERNAL_DOCUMENTS, *DOCUMENTS]]
    assert [k for k, n in Counter(keys).items() if n > 1] == []
    seen = {doc["key"] for doc in EXTERNAL_DOCUMENTS}
    for doc in DOCUMENTS:
        assert doc["relations"] and doc["relations"][0].get("primary") is True, doc["key"]
        for relation in doc["relations"]:
            assert relation["kind"] in RELATION_KINDS
            assert relation["target"] in seen, (doc["key"], relation)
        seen.add(doc["key"])
    assert set(document_by_key()) == set(keys)


def test_external_documents_are_well_formed():
    for doc in EXTERNAL_DOCUMENTS:
        assert doc["doc_type"] in DOC_TYPES and doc["subject"] and doc["issuer_name"], doc["key"]
        date.fromisoformat(doc["issue_date"])
        assert doc["issuer"] is None or doc["issuer"] in UNITS_BY_CODE, doc["key"]
        assert set(doc["cited_in"]) <= SEED_FILES, doc["key"]


def test_documents_reference_existing_units_and_valid_codes():
    for doc in DOCUMENTS:
        key = doc["key"]
        assert doc["issuer"] in UNITS_BY_CODE, key
        assert doc["doc_type"] in DOC_TYPES and doc["status"] in STATUSES, key
        assert doc["body_numbering"] in ("roman", "arabic"), key
        department = doc["department"]
        assert department is None or department in dict(UNITS_BY_CODE[doc["issuer"]]["departments"]), key
        if doc["status"] == "issued":
            assert doc["number"] and doc["issue_date"], key
        for recipient in _recipients(doc):
            assert recipient["purpose"] in PURPOSES and recipient["select"] in SELECTS, (key, recipient)
            if recipient["select"] in ("unit", "subtree", "kind_below"):
                assert recipient["unit"] in UNITS_BY_CODE, (key, recipient)
            if recipient["select"] == "kind_below":
                assert recipient["kind"] in KINDS, (key, recipient)
            if recipient["select"] == "units":
                assert recipient["units"] and set(recipient["units"]) <= set(UNITS_BY_CODE), (key, recipient)
        for task in doc["tasks"]:
            assert task["title"] and task["text"] and task["units"], (key, task["title"])
            assert set(task["units"]) <= set(UNITS_BY_CODE), (key, task["title"])
        for duty in doc["reporting"]:
            assert duty["frequency"] in FREQUENCIES, key
            assert (duty["due_date"] is not None) == (duty["frequency"] == "once"), key
            assert duty["to"] in UNITS_BY_CODE and (duty["via"] is None or duty["via"] in UNITS_BY_CODE), key
            assert duty["reporters"] == "recipients" or set(duty["reporters"]) <= set(UNITS_BY_CODE), key
        assert doc["signer"]["authority"] in AUTHORITIES, key


def test_bodies_follow_the_node_conventions():
    for doc in DOCUMENTS:
        nodes = list(_nodes(doc["body"]))
        task_nodes = [node for node, _depth in nodes if node["tasks_here"]]
        assert len(task_nodes) == (1 if doc["tasks"] else 0), doc["key"]
        for node, depth in nodes:
            assert depth <= 3, doc["key"]
            assert not re.match(r"^([IVX]+|\d+(\.\d+)*|[a-z])[.\-)]\s", node["heading"]), node["heading"]
            tags = set(re.findall(r"</?([a-z]+)", node["text"]))
            assert tags <= {"p", "em", "strong", "br"}, (doc["key"], tags)
            assert node["text"] == "" or node["text"].startswith("<p>"), doc["key"]
            assert node["heading"] or node["text"] or node["tasks_here"], doc["key"]


def test_seed_004_assigns_one_task_block_to_each_member_unit():
    plan = document_by_key()["84-KH/BCĐTTĐN"]
    assert [task["units"] for task in plan["tasks"]] == [[code] for code in HY_BCD_MEMBERS]
    for duty in plan["reporting"][:2]:
        assert duty["reporters"] == HY_BCD_MEMBERS and duty["via"] == "hy-btgtu"


def test_all_text_is_nfc():
    for text in _strings([UNITS, ACCOUNTS, SUPERUSER, DOCUMENTS, EXTERNAL_DOCUMENTS]):
        assert unicodedata.is_normalized("NFC", text), text


# --- the documents: faithful to the seeds ----------------------------------------------------------


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda doc: doc["key"])
def test_header_facts_are_found_in_the_seed(doc, seeds):
    text = _normalise(seeds[doc["seed"]])
    if doc["number_symbol"]:
        assert _normalise(doc["number_symbol"]) in text
        assert doc["number_symbol"].startswith(f"{doc['number']}-")
    if doc["issue_date"] and not doc["issue_date_assumed"]:
        source = _normalise(seeds[doc["date_source"]] if doc["date_source"] else seeds[doc["seed"]])
        assert any(form in source for form in _date_forms(doc["issue_date"])), doc["issue_date"]
    assert _normalise(doc["issuer_as_written"]) in text
    assert UNITS_BY_CODE[doc["issuer"]]["place"] in text
    assert doc["place"] in text
    assert _normalise(doc["signer"]["name"]) in text
    assert _normalise(doc["signer"]["title"]).casefold() in text.casefold()
    assert _normalise(doc["subject"]) in text
    assert _normalise(doc["opening"]) in text
    for duty in doc["reporting"]:
        assert _normalise(duty["as_written"]) in text, duty["as_written"]
    if doc["emulation"]:
        assert _normalise(doc["emulation"]) in text
    mended = _normalise(_mended_seed(doc, seeds)).casefold()
    for task in doc["tasks"]:
        assert _normalise(task["title"]).casefold() in mended, task["title"]


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda doc: doc["key"])
def test_paragraphs_are_transcribed_faithfully_and_completely(doc, seeds):
    seed_shingles = set(_shingles(_mended_seed(doc, seeds)))
    paragraphs = [doc["subject"], doc["opening"], *doc["closing"].split("\n")]
    paragraphs += [recipient["label"] for recipient in _recipients(doc)]
    paragraphs += [doc["date_as_written"] or "", doc["signer"]["title"], doc["signer"]["name"]]
    for node, _depth in _nodes(doc["body"]):
        paragraphs += [node["heading"], *_plain(node["text"]), *node["footnotes"]]
    for task in doc["tasks"]:
        paragraphs += task["text"].split("\n")
    covered: set[str] = set()
    for paragraph in filter(None, paragraphs):
        shingles = _shingles(paragraph)
        missing = [s for s in shingles if s not in seed_shingles]
        # A paragraph joined across a page break misses only the few shingles that span the join.
        assert len(missing) <= 4, (doc["key"], paragraph[:80], missing[:3])
        covered.update(shingles)
    # Completeness: a seed character counts as transcribed when a 5-word run (or a whole shorter
    # paragraph: a heading, a name) containing it is; what is left is layout at the seams between
    # paragraphs: numbers, "Số", "Kính gửi:", "Nơi nhận:", the type name.
    seed_text = _normalise(_mended_seed(doc, seeds))
    pieces = covered | {_normalise(p) for p in paragraphs if p and len(p.split()) < 5}
    hit = bytearray(len(seed_text))
    for piece in pieces:
        start = seed_text.find(piece)
        while start != -1:
            hit[start : start + len(piece)] = b"\x01" * len(piece)
            start = seed_text.find(piece, start + 1)
    letters = [i for i, ch in enumerate(seed_text) if not ch.isspace()]
    coverage = sum(hit[i] for i in letters) / len(letters)
    assert coverage >= 0.95, f"{doc['key']}: only {coverage:.0%} of the seed is transcribed"


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda doc: doc["key"])
def test_mended_slips_do_not_survive_outside_quotations(doc, seeds):
    transcribed = [*_strings({k: v for k, v in doc.items() if k not in ("reporting", "corrections")})]
    for seed_wording, transcribed_wording in doc["corrections"]:
        assert _normalise(seed_wording) in _normalise(seeds[doc["seed"]]), seed_wording
        if seed_wording not in transcribed_wording:
            assert not any(seed_wording in text for text in transcribed), seed_wording


def test_external_documents_are_cited_as_the_seeds_cite_them(seeds):
    for doc in EXTERNAL_DOCUMENTS:
        texts = [_normalise(seeds[name]) for name in doc["cited_in"]]
        assert all(_normalise(doc["number_symbol"]) in text for text in texts), doc["key"]
        assert any(form in text for text in texts for form in _date_forms(doc["issue_date"])), doc["key"]


def test_seed_004_task_units_are_the_units_its_headings_name(seeds):
    def words(text: str) -> set[str]:
        text = text.casefold().replace("ubnd", "ủy ban nhân dân").replace("uỷ", "ủy")
        return set(re.findall(r"\w+", text))

    plan = document_by_key()["84-KH/BCĐTTĐN"]
    seed_text = _normalise(_mended_seed(plan, seeds)).casefold()
    for task in plan["tasks"]:
        assert _normalise(task["title"]).casefold() in seed_text, task["title"]
        (unit,) = task["units"]
        assert words(task["title"]) <= words(UNITS_BY_CODE[unit]["name"]), (task["title"], unit)
