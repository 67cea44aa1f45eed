"""Seed 000 in the demo: the công văn of LĐLĐ tỉnh Bắc Giang forwarding 97-HD/BTGTU (directives/seeds/seed_000.py).

The seed is a draft awaiting signature, so ``status`` is "draft" and the register gives the number when
it is issued (directives/demo/load.py)."""

from directives.demo.facts import demo_document, route
from directives.seeds import SEED_000

# fmt: off

DOCUMENT = demo_document(
    SEED_000,
    key="cv-ldld-bg-2024",
    issuer="bg-ldld",
    status="draft",
    relations=[
        {"kind": "based_on", "target": "97-HD/BTGTU", "primary": True},
        {"kind": "forwards", "target": "97-HD/BTGTU"},
    ],
    kinh_gui=[
        route("thuc_hien", "kind_below", "bg-ldld", "union_district"),
        route("thuc_hien", "kind_below", "bg-ldld", "union_sector"),
        route("thuc_hien", "unit", "bg-nvhld"),
        route("thuc_hien", "units", units=["bg-ldld-cdcq", "bg-ldld-damhabac", "bg-ldld-thuyloisongcau"]),
    ],
    noi_nhan=[
        route("thuc_hien"),
        route("bao_cao", "unit", "tld-btg"),
        route("de_biet"),
        route("de_biet"),
        route("luu"),
    ],
    tasks=[],
    reporting=[],
)
