"""How well the importer reads real documents: per-field accuracy on a corpus with a hand-made answer key.

The corpus is a folder of ``.txt`` files (one document each) and ``answers.json`` (see
tests/directives/corpus/). A field counts as right for a document when the parser's reading equals
the key after the comparisons a clerk would accept: case and diacritics ignored for names (OCR and
web copies change the case of the header type), number-symbols compared in their normal form,
list fields (references, recipients) compared as sets of whole items. ``manage.py import_accuracy``
prints the result; tests/directives/test_import_corpus.py holds it to the targets.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from directives.importing import patterns as p
from directives.importing.extract import DEFAULT_MAX_BYTES, extract_text
from directives.importing.parser import ParsedDocument, parse_document

#: Fields in report order, and the group each one belongs to with its target (issue 17, item 7).
HEADER_FIELDS = ("doc_type", "number_symbol", "issue_date", "place", "issuer")
TAIL_FIELDS = ("references", "recipients", "signer")
FIELDS = HEADER_FIELDS + TAIL_FIELDS
TARGETS = {"header": 0.95, "references": 0.90, "recipients": 0.90, "signer": 0.90}

CORPUS_DIR = Path(__file__).resolve().parents[2] / "tests" / "directives" / "corpus"


def _text_key(value: str | None) -> str | None:
    return p.fold(p.squash(value)) if value else None


def _symbol_key(value: str | None) -> str | None:
    return (p.normalize_number_symbol(value) or p.squash(value)) if value else None


def _items(values: list[str]) -> set[str]:
    return {p.fold(p.squash(value)) for value in values}


def reading(parsed: ParsedDocument) -> dict[str, Any]:
    """The parser's reading of one document in the answer key's shape."""
    return {
        "doc_type": parsed.doc_type,
        "number_symbol": parsed.number_symbol,
        "issue_date": parsed.issue_date.isoformat() if parsed.issue_date else None,
        "place": parsed.place,
        "issuer": parsed.issuer,
        "references": [ref.number_symbol for ref in parsed.references],
        "recipients": list(parsed.recipients),
        "signer": {"title": parsed.signer.title or None, "name": parsed.signer.name or None},
    }


def field_matches(name: str, expected: Any, found: Any) -> bool:
    if name == "number_symbol":
        return _symbol_key(expected) == _symbol_key(found)
    if name in ("place", "issuer"):
        return _text_key(expected) == _text_key(found)
    if name == "references":
        return {_symbol_key(v) for v in expected} == {_symbol_key(v) for v in found}
    if name == "recipients":
        return _items(expected) == _items(found)
    if name == "signer":
        return _text_key(expected["title"]) == _text_key(found["title"]) and p.squash(
            expected["name"] or ""
        ) == p.squash(found["name"] or "")
    return bool(expected == found)


@dataclass
class DocumentResult:
    file: str
    body: str
    form: str
    expected: dict[str, Any]
    found: dict[str, Any]
    right: dict[str, bool]


@dataclass
class CorpusReport:
    documents: list[DocumentResult] = field(default_factory=list)

    def accuracy(self, name: str) -> float:
        if not self.documents:
            return 0.0
        return sum(doc.right[name] for doc in self.documents) / len(self.documents)

    def header_accuracy(self) -> float:
        cells = [doc.right[name] for doc in self.documents for name in HEADER_FIELDS]
        return sum(cells) / len(cells) if cells else 0.0

    def item_scores(self, name: str) -> tuple[float, float]:
        """(precision, recall) over the items of a list field, all documents together."""

        def normal(value: str) -> str | None:
            return _symbol_key(value) if name == "references" else p.fold(p.squash(value))

        true_pos = found_total = expected_total = 0
        for doc in self.documents:
            expected = {normal(v) for v in doc.expected[name]}
            found = {normal(v) for v in doc.found[name]}
            true_pos += len(expected & found)
            found_total += len(found)
            expected_total += len(expected)
        return (
            true_pos / found_total if found_total else 1.0,
            true_pos / expected_total if expected_total else 1.0,
        )

    def meets_targets(self) -> dict[str, bool]:
        return {
            "header": self.header_accuracy() >= TARGETS["header"],
            **{name: self.accuracy(name) >= TARGETS[name] for name in TAIL_FIELDS},
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "documents": len(self.documents),
            "issuing_bodies": len({doc.body for doc in self.documents}),
            "fields": {name: round(self.accuracy(name), 4) for name in FIELDS},
            "header": round(self.header_accuracy(), 4),
            "items": {
                name: dict(
                    zip(
                        ("precision", "recall"),
                        map(lambda v: round(v, 4), self.item_scores(name)),
                        strict=True,
                    )
                )
                for name in ("references", "recipients")
            },
            "targets": TARGETS,
            "meets_targets": self.meets_targets(),
            "misses": [
                {"file": doc.file, "field": name, "expected": doc.expected[name], "found": doc.found[name]}
                for doc in self.documents
                for name in FIELDS
                if not doc.right[name]
            ],
        }


def load_answers(corpus: Path = CORPUS_DIR) -> list[dict[str, Any]]:
    data = json.loads((corpus / "answers.json").read_text(encoding="utf-8"))
    return list(data["documents"])


def _read_text(path: Path) -> str:
    """The file read as an upload or a paste is: through ``extract_text`` (NFC, tabs kept)."""
    return extract_text(filename=path.name, data=path.read_bytes(), max_bytes=DEFAULT_MAX_BYTES)


def score_corpus(corpus: Path = CORPUS_DIR, *, read: Callable[[Path], str] = _read_text) -> CorpusReport:
    """Parse every document of ``corpus`` and compare with its answer key; ``read`` turns a corpus file into
    the text the parser sees (a test passes one that goes through a .docx and ``extract_text``)."""
    report = CorpusReport()
    for entry in load_answers(corpus):
        parsed = parse_document(read(corpus / entry["file"]))
        found = reading(parsed)
        expected = {name: entry[name] for name in FIELDS}
        right = {name: field_matches(name, expected[name], found[name]) for name in FIELDS}
        report.documents.append(
            DocumentResult(entry["file"], entry["body"], entry["form"], expected, found, right)
        )
    return report
