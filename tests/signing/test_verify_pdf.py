"""``manage.py verify_pdf PATH [--json]`` (issue 15, item 5): every signature of a file, as a recipient's clerk
checks it. The document is signed once per module (person, number, body) with the throwaway PKI, which the
command is pointed at in place of the configured validation context."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from portal.signing import validation
from tests.signing.throwaway_pki import BODY, build, document_stages


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    pki = build()
    stages = document_stages(pki)
    folder = tmp_path_factory.mktemp("verify-pdf")
    paths = {}
    for name in ("prepared", "sealed"):
        paths[name] = folder / f"{name}.pdf"
        paths[name].write_bytes(stages[name])
    changed = bytearray(stages["sealed"])
    at = changed.index(b"Nguy")
    changed[at] = ord("X")
    paths["changed"] = folder / "changed.pdf"
    paths["changed"].write_bytes(bytes(changed))
    paths["broken"] = folder / "broken.pdf"
    paths["broken"].write_bytes(b"%PDF-1.7\nnot really")
    return pki, paths


@pytest.fixture
def run(files, monkeypatch, capsys):
    pki, paths = files
    monkeypatch.setattr(validation, "validation_context", pki.validation_context)

    def command(name, *args):
        try:
            call_command("verify_pdf", str(paths[name]), *args)
            status = 0
        except SystemExit as exc:
            status = exc.code
        return status, capsys.readouterr().out

    return command


def test_it_prints_both_signatures_as_json(run):
    status, out = run("sealed", "--json")

    report = json.loads(out)
    assert status == 0 and report["ok"] and report["error"] == ""
    person, body = report["signatures"]
    assert (person["field"], body["field"]) == ("chu_ky_ca_nhan", "chu_ky_co_quan")
    assert person["signer_name"] == "Nguyễn Thị Hạnh" and person["organisation"] == BODY
    assert body["signer_name"] == BODY
    for signature in (person, body):
        assert signature["intact"] and signature["trusted"] and signature["timestamped"]
        assert signature["signing_time"] and signature["timestamp_time"]
    assert (person["coverage"], person["later_changes"], person["covers_whole_file"]) == (
        "ENTIRE_REVISION",
        "FORM_FILLING",
        False,
    )
    assert (body["coverage"], body["later_changes"], body["covers_whole_file"]) == (
        "ENTIRE_FILE",
        "NONE",
        True,
    )


def test_it_prints_a_readable_report(run):
    status, out = run("sealed")

    assert status == 0
    assert "Chữ ký 1 (chu_ky_ca_nhan): HỢP LỆ" in out and "Chữ ký 2 (chu_ky_co_quan): HỢP LỆ" in out
    assert "Người ký:          Nguyễn Thị Hạnh" in out
    assert "+07:00" in out and "Bao trùm cả tệp:   có" in out
    assert out.rstrip().endswith("Kết luận: tệp hợp lệ")


def test_it_fails_a_changed_file(run):
    status, out = run("changed", "--json")

    report = json.loads(out)
    assert status == 1 and not report["ok"]
    assert any("Tệp đã bị thay đổi sau khi ký" in s["problems"] for s in report["signatures"])


def test_it_says_when_there_is_no_signature_or_no_pdf(run):
    assert run("prepared") == (1, "Tệp không có chữ ký số\n")
    status, out = run("broken", "--json")
    assert status == 1 and json.loads(out)["error"].startswith("Không đọc được tệp PDF")


def test_it_refuses_a_missing_path():
    with pytest.raises(CommandError, match="Không đọc được tệp"):
        call_command("verify_pdf", "/nonexistent/khong-co.pdf")
