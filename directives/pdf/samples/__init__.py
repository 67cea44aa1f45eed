"""The five seed documents (shared/seeds/) as layouts: review material and golden-test input.

Transcribed from the seeds, with the scanner's page-break artefacts mended (split paragraphs
joined, footnotes moved back to their calls) and obvious misreadings corrected ("BCD" → "BCĐ",
"HUNG YÊN" → "HƯNG YÊN", "tình" → "tỉnh"). Where a seed lost its header (000, 002, 003 were
scanned without it) the header is reconstructed from the document itself; seed 003 does not name
its Đảng ủy, so a Lai Châu Party committee stands in. Seeds 000 and 002 are unnumbered, as in the
seeds: their number and day print as blanks.

Used by ``python -m directives.pdf.review`` and by ``tests/pdf``; the seed files are not read.
"""

from __future__ import annotations

from collections.abc import Callable

from directives.pdf.layout import OfficialLayout
from directives.pdf.samples.seed_000 import seed_000_cong_van
from directives.pdf.samples.seed_001 import seed_001_huong_dan
from directives.pdf.samples.seed_002 import seed_002_ke_hoach
from directives.pdf.samples.seed_003 import seed_003_huong_dan
from directives.pdf.samples.seed_004 import seed_004_ke_hoach

SAMPLES: dict[str, Callable[[], OfficialLayout]] = {
    "000-cong-van-ldld-bac-giang": seed_000_cong_van,
    "001-huong-dan-97-btgtu": seed_001_huong_dan,
    "002-ke-hoach-ldld-phu-rieng": seed_002_ke_hoach,
    "003-huong-dan-dang-uy-lai-chau": seed_003_huong_dan,
    "004-ke-hoach-84-bcdttdn": seed_004_ke_hoach,
}


def sample_layouts() -> dict[str, OfficialLayout]:
    """Fresh layouts (callers may change them) keyed by review file name."""
    return {name: build() for name, build in SAMPLES.items()}
