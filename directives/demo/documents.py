"""The seed cascade as structured documents, for the demo and for tests.

Pure data, no Django: the command that builds the demo turns these dicts into units' documents. Each
dict is a seed's one transcription (directives/seeds/, shared with the PDF samples) with the demo's own
facts added (directives/demo/facts.py).
``EXTERNAL_DOCUMENTS`` are the documents the seeds cite that are outside the system (Kết luận
57-KL/TW …); ``DOCUMENTS`` are the five seeds, ordered so that every relation target is external or
an earlier document (97-HD/BTGTU before the công văn that forwards it).

Conventions every consumer relies on (the README of the brief, restated):

- ``body`` nodes carry headings without numbers; the renderer numbers them from depth (level 1
  roman when ``body_numbering`` is "roman", else arabic; level 2 arabic; level 3 a), b) …) unless
  the node says ``numbered: False`` or its parent says ``child_numbering: "decimal"`` (seed 001's
  "2.1.", "2.2." …). ``text`` is minimal HTML (p, em); footnote markers are not in the text, the
  footnotes hang on their node.
- A recipient's ``label`` is printed as written, purpose mark included ("(B/c)"); ``purpose``
  drives delivery. ``select``: "unit" (``unit``), "subtree" (``unit`` and below), "kind_below"
  (every unit of ``kind`` below ``unit``), "units" (the explicit list ``units``, for groups such as
  the 14 member units of seed 004 or the CĐCS directly under LĐLĐ tỉnh), "none" (text only).
- A task with ``title_inline`` True starts its ``text`` with its title ("Sở Ngoại vụ phối hợp …"),
  so the renderer prints the text only; otherwise it prints the title as a heading above the text.
- ``reporting[].reporters`` "recipients" means the recipients whose purpose is "thuc_hien".
- ``number_assumed`` / ``issue_date_assumed``: the seed leaves them blank and the demo chooses them;
  ``status`` "draft" (seed 000) has neither, the register numbers it when it is issued.
- The first relation, marked ``primary``, is the parent in the cascade tree.
- ``issuer_as_written`` is how the seed names its issuer ("Ban Tuyên giáo Tỉnh ủy"); ``number_symbol``
  is set only where the seed prints one; ``date_source`` names the seed that attests ``issue_date``
  when the document's own seed has no date line (97-HD/BTGTU); ``date_as_written`` keeps a date line
  with blanks ("Bắc Giang, ngày tháng 02 năm 2024"); ``emulation`` quotes the seed's link to the
  annual emulation scoring (seed 002).
- ``closing`` is plain text, paragraphs separated by "\n"; task ``text`` likewise, one dash item per
  line. ``signer.title`` may hold several lines ("\n"), as seed 004's "… Kiêm …" block does.
- ``as_written`` quotes the seed verbatim (its slips included); ``corrections`` lists the slips the
  transcription mends elsewhere, as (seed wording, transcribed wording).
"""

from directives.demo.external import EXTERNAL_DOCUMENTS
from directives.demo.seed_000 import DOCUMENT as SEED_000
from directives.demo.seed_001 import DOCUMENT as SEED_001
from directives.demo.seed_002 import DOCUMENT as SEED_002
from directives.demo.seed_003 import DOCUMENT as SEED_003
from directives.demo.seed_004 import DOCUMENT as SEED_004

DOC_TYPES = (
    "HD",
    "KH",
    "CV",
    "KL",
    "CT",
    "NQ",
    "QD",
    "TB",
    "BC",
    "CTR",
    "QC",
    "QYD",
    "TT",
    "TTR",
    "DA",
    "PA",
    "BB",
)
RELATION_KINDS = ("implements", "based_on", "forwards")
PURPOSES = ("thuc_hien", "bao_cao", "phoi_hop", "de_biet", "luu")
SELECTS = ("unit", "subtree", "kind_below", "units", "none")
FREQUENCIES = ("monthly", "quarterly", "semiannual", "nine_month", "annual", "once", "adhoc")
AUTHORITIES = ("TM", "KT", "TL", "TUQ", "Q", "")
STATUSES = ("issued", "draft")

DOCUMENTS: list[dict] = [SEED_001, SEED_000, SEED_004, SEED_002, SEED_003]

__all__ = ["DOCUMENTS", "EXTERNAL_DOCUMENTS", "document_by_key"]


def document_by_key() -> dict[str, dict]:
    """Every document, external or seed, by its key."""
    return {doc["key"]: doc for doc in [*EXTERNAL_DOCUMENTS, *DOCUMENTS]}
