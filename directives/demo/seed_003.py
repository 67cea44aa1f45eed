"""Seed 003 in the demo: the Hướng dẫn of a Đảng ủy in Lai Châu (directives/seeds/seed_003.py).

The issuer is taken to be Đảng ủy Khối các cơ quan tỉnh Lai Châu and the number 05 is assumed
(``number_assumed``). The report is due "trước ngày 15/12/2014": ``due_date`` is that day."""

from directives.demo.facts import demo_document, route
from directives.seeds import SEED_003

# fmt: off

DOCUMENT = demo_document(
    SEED_003,
    key="hd-dukcq-laichau-2014",
    issuer="lc-dukcq",
    number=5,
    relations=[
        {"kind": "implements", "target": "135-HD/BTGTW", "primary": True},
    ],
    kinh_gui=[],
    noi_nhan=[
        route("bao_cao", "unit", "lc-btgtu"),
        route("thuc_hien", "units", units=["lc-dukcq-cb-stp", "lc-dukcq-cb-sngv", "lc-dukcq-cb-stttt", "lc-dukcq-cb-baolc", "lc-dukcq-db-sgddt"]),
        route("luu"),
    ],
    tasks=[
        {"units": ["lc-dukcq-btg"], "due_date": None},
        {"units": ["lc-dukcq"], "due_date": None},
        {"units": ["lc-dukcq-cb-stp", "lc-dukcq-cb-sngv", "lc-dukcq-cb-stttt", "lc-dukcq-cb-baolc", "lc-dukcq-db-sgddt"], "due_date": "2014-12-15"},
    ],
    reporting=[
        {
            "frequency": "once",
            "due_date": "2014-12-15",
            "reporters": "recipients",
            "to": "lc-dukcq",
            "via": "lc-dukcq-btg",
            "as_written": "gửi báo cáo về Đảng ủy qua Ban Tuyên giáo Đảng ủy (trước ngày 15/12/2014) để tổng hợp báo cáo cấp trên",
        },
    ],
)
