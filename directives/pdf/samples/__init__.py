"""The five seed documents (directives/seeds/) as layouts: review material and golden-test input.

Laid out from the one transcription the demo loads too (directives/content.py ``layout_of``), so a slip
mended there is mended in both. Used by ``python -m directives.pdf.review`` and by ``tests/pdf``; the
seed files are not read.
"""

from __future__ import annotations

from directives.content import layout_of
from directives.pdf.layout import OfficialLayout
from directives.seeds import SEED_000, SEED_001, SEED_002, SEED_003, SEED_004
from directives.seeds.base import Seed

SAMPLES: dict[str, Seed] = {
    "000-cong-van-ldld-bac-giang": SEED_000,
    "001-huong-dan-97-btgtu": SEED_001,
    "002-ke-hoach-ldld-phu-rieng": SEED_002,
    "003-huong-dan-dang-uy-lai-chau": SEED_003,
    "004-ke-hoach-84-bcdttdn": SEED_004,
}


def sample_layouts() -> dict[str, OfficialLayout]:
    """Fresh layouts (callers may change them) keyed by review file name."""
    return {name: layout_of(seed.content) for name, seed in SAMPLES.items()}
