"""Seed 002 in the demo: the Kế hoạch of LĐLĐ huyện Phú Riềng (directives/seeds/seed_002.py).

The seed shows neither number nor date (it was issued after 25/7/2024): the demo issues it as
45/KH-LĐLĐ of 06/8/2024, flagged by ``number_assumed`` and ``issue_date_assumed``. The seed names no
frequency for the grassroots reports ("theo quy định"); the demo reads it as annual, the period the plan
is scored in for emulation."""

from directives.demo.facts import demo_document, route
from directives.seeds import SEED_002

# fmt: off

DOCUMENT = demo_document(
    SEED_002,
    key="kh-ldld-phurieng-2024",
    issuer="bp-ldld-phurieng",
    number=45,
    issue_date="2024-08-06",
    relations=[
        {"kind": "implements", "target": "76/KH-LĐLĐ", "primary": True},
        {"kind": "implements", "target": "57-KL/TW"},
    ],
    kinh_gui=[],
    noi_nhan=[
        route("bao_cao", "unit", "bp-ldld"),
        route("de_biet", "unit", "bp-hu-phurieng"),
        route("de_biet", "unit", "bp-hu-phurieng-bdv"),
        route("thuc_hien", "kind_below", "bp-ldld-phurieng", "union_grassroots"),
        route("luu"),
    ],
    tasks=[
        {"units": ["bp-ldld-phurieng"], "due_date": None},
        {"units": ["bp-ldld-phurieng-cqhu", "bp-ldld-phurieng-bunho", "bp-ldld-phurieng-longhung", "bp-ldld-phurieng-phutrung", "bp-ldld-phurieng-thbunho", "bp-ldld-phurieng-ttyt"], "due_date": None},
    ],
    reporting=[
        {
            "frequency": "annual",
            "due_date": None,
            "reporters": ["bp-ldld-phurieng-cqhu", "bp-ldld-phurieng-bunho", "bp-ldld-phurieng-longhung", "bp-ldld-phurieng-phutrung", "bp-ldld-phurieng-thbunho", "bp-ldld-phurieng-ttyt"],
            "to": "bp-ldld-phurieng",
            "via": None,
            "as_written": "Báo cáo kết quả thực hiện về Công đoàn huyện theo quy định.",
        },
        {
            "frequency": "adhoc",
            "due_date": None,
            "reporters": ["bp-ldld-phurieng"],
            "to": "bp-ldld",
            "via": None,
            "as_written": "nắm bắt tình hình dư luận trong đoàn viên, người lao động báo cáo kịp thời, định kỳ về Công đoàn tỉnh, Ban TT Ủy ban MTTQ Việt Nam huyện",
        },
    ],
    emulation="Kế hoạch này sẽ đưa vào tiêu chí thi đua khen thưởng, đánh giá tổ chức và cán bộ công đoàn hàng năm.",
)
