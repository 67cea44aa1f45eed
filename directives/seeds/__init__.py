"""The five seed documents (/work/shared/seeds beside the project), each transcribed once.

``SEEDS`` holds, per seed, its content as the document prints it (directives/content.py) and what the
transcription knows of its source: the file, the issuer as the seed names it, a date attested elsewhere,
a date line left blank, the seed's slips that the transcription mends. The demo (directives/demo/) adds
its own facts to these — which unit issues each, whom each line of "Nơi nhận" reaches, the reporting
duties — and the PDF samples (directives/pdf/samples/) lay them out.

Transcribed from the seed texts with the scanner's artefacts mended (paragraphs split by a page break
joined, footnotes moved back to their calls, "BCD" read as "BCĐ" where ``corrections`` says so).
Seeds 000, 002 and 003 were scanned without their head: the letterhead is the issuing unit's; seed 003
does not name its Đảng ủy, so a Lai Châu Party committee stands in. Seeds 000 and 002 are unnumbered, as
in the seeds: their number and day print as blanks.
"""

from __future__ import annotations

from directives.seeds.base import Seed
from directives.seeds.seed_000 import SEED as SEED_000
from directives.seeds.seed_001 import SEED as SEED_001
from directives.seeds.seed_002 import SEED as SEED_002
from directives.seeds.seed_003 import SEED as SEED_003
from directives.seeds.seed_004 import SEED as SEED_004

SEEDS: tuple[Seed, ...] = (SEED_000, SEED_001, SEED_002, SEED_003, SEED_004)

__all__ = ["SEEDS", "SEED_000", "SEED_001", "SEED_002", "SEED_003", "SEED_004", "Seed"]
