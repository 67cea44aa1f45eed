"""Seed 001 in the demo: Hướng dẫn 97-HD/BTGTU of Ban Tuyên giáo Tỉnh ủy Bắc Giang
(directives/seeds/seed_001.py): who it reaches, to whom its tasks fall, its reporting duties."""

from directives.demo.facts import demo_document, route
from directives.seeds import SEED_001

# fmt: off

DOCUMENT = demo_document(
    SEED_001,
    key="97-HD/BTGTU",
    issuer="bg-btgtu",
    relations=[
        {"kind": "implements", "target": "132-HD/BTGTW", "primary": True},
    ],
    kinh_gui=[],
    noi_nhan=[
        route("bao_cao", "unit", "tw-btgtw"),
        route("bao_cao", "unit", "tw-btgtw-vttdn"),
        route("bao_cao", "unit", "bg-tu"),
        route("de_biet", "unit", "bg-ubnd"),
        route("thuc_hien", "units", units=["bg-stttt", "bg-svhttdl", "bg-sngv"]),
        route("thuc_hien", "units", units=["bg-baobg", "bg-dptth"]),
        route("thuc_hien", "units", units=["bg-hnb", "bg-hvhnt"]),
        route("thuc_hien", "units", units=["bg-mttq", "bg-tinhdoan", "bg-hlhpn", "bg-hnd", "bg-hccb", "bg-ldld"]),
        route("thuc_hien", "units", units=["bg-tu-tpbacgiang-btg", "bg-tu-vietyen-btg", "bg-hu-hiephoa-btg", "bg-hu-tanyen-btg", "bg-hu-yenthe-btg", "bg-hu-langgiang-btg", "bg-hu-lucnam-btg", "bg-hu-lucngan-btg", "bg-hu-sondong-btg", "bg-hu-yendung-btg", "bg-dukcq", "bg-dukdn"]),
        route("de_biet"),
        route("de_biet"),
        route("luu"),
    ],
    tasks=[
        {"units": ["bg-stttt"], "due_date": None},
        {"units": ["bg-svhttdl"], "due_date": None},
        {"units": ["bg-sngv"], "due_date": None},
        {"units": ["bg-baobg", "bg-dptth", "bg-hvhnt", "bg-hnb"], "due_date": None},
        {"units": ["bg-tu-tpbacgiang-btg", "bg-tu-vietyen-btg", "bg-hu-hiephoa-btg", "bg-hu-tanyen-btg", "bg-hu-yenthe-btg", "bg-hu-langgiang-btg", "bg-hu-lucnam-btg", "bg-hu-lucngan-btg", "bg-hu-sondong-btg", "bg-hu-yendung-btg", "bg-dukcq", "bg-dukdn", "bg-mttq", "bg-tinhdoan", "bg-hlhpn", "bg-hnd", "bg-hccb", "bg-ldld"], "due_date": None},
    ],
    reporting=[
        {
            "frequency": "monthly",
            "due_date": None,
            "reporters": "recipients",
            "to": "bg-btgtu",
            "via": None,
            "as_written": "định kỳ báo cáo kết quả thực hiện về Ban Tuyên giáo Tỉnh ủy trong báo cáo công tác tháng, quý để Ban tổng hợp báo cáo Thường trực Tỉnh ủy và Ban Tuyên giáo Trung ương; Ban Chỉ đạo công tác thông tin đối ngoại Trung ương",
        },
        {
            "frequency": "quarterly",
            "due_date": None,
            "reporters": "recipients",
            "to": "bg-btgtu",
            "via": None,
            "as_written": "định kỳ báo cáo kết quả thực hiện về Ban Tuyên giáo Tỉnh ủy trong báo cáo công tác tháng, quý để Ban tổng hợp báo cáo Thường trực Tỉnh ủy và Ban Tuyên giáo Trung ương; Ban Chỉ đạo công tác thông tin đối ngoại Trung ương",
        },
    ],
)
