"""``manage.py parse_document``: the JSON draft, the Vietnamese summary and refusals on stderr."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
REQUIRED_KEYS = [
    "doc_type",
    "number_symbol",
    "issue_date",
    "place",
    "issuer",
    "parent_issuer",
    "subject",
    "parent_refs",
    "recipients",
    "reporting",
    "signer",
]


def seed_path(prefix: str) -> Path:
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt")) if SEEDS.is_dir() else []
    if not matches:
        pytest.skip(f"the seed texts live in ../shared/seeds beside the project and are absent ({SEEDS})")
    return matches[0]


def run(*args: str) -> str:
    out = StringIO()
    call_command("parse_document", *args, stdout=out)
    return out.getvalue()


def test_it_prints_one_json_object_with_exactly_the_keys() -> None:
    printed = run(str(seed_path("004")), "--json")
    parsed = json.loads(printed)
    assert list(parsed) == REQUIRED_KEYS
    assert parsed["number_symbol"] == "84-KH/BCĐTTĐN"
    assert parsed["issue_date"] == "2024-01-29"
    assert parsed["parent_issuer"] == "TỈNH ỦY HƯNG YÊN"
    assert "BCĐTTĐN" in printed  # ensure_ascii=False: Vietnamese stays readable
    assert printed.startswith("{\n  ")  # indent=2


def test_it_prints_a_vietnamese_summary_without_json() -> None:
    printed = run(str(seed_path("001")))
    assert "Loại văn bản: Hướng dẫn (HD)" in printed
    assert "Số, ký hiệu: 97-HD/BTGTU" in printed
    assert "132-HD/BTGTW ngày 29/12/2023 của Ban Tuyên giáo Trung ương" in printed
    assert "Người ký: K/T TRƯỞNG BAN / PHÓ TRƯỞNG BAN / Nguyễn Văn Hạnh" in printed


def test_it_refuses_an_unsupported_file_with_the_vietnamese_message(tmp_path: Path) -> None:
    path = tmp_path / "ke-hoach.doc"
    path.write_bytes(b"old word file")
    with pytest.raises(CommandError, match=r"Chỉ nhận tệp \.txt, \.docx hoặc \.pdf\."):
        run(str(path), "--json")


def test_it_refuses_a_corrupt_docx(tmp_path: Path) -> None:
    path = tmp_path / "hong.docx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    with pytest.raises(CommandError, match="bị hỏng"):
        run(str(path))


def test_it_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        run(str(tmp_path / "khong-co.txt"))
