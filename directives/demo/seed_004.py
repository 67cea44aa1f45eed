"""Seed 004 in the demo: Kế hoạch 84-KH/BCĐTTĐN of the Hưng Yên steering committee
(directives/seeds/seed_004.py).

Members report every 6 months and every year to the steering committee via Ban Tuyên giáo Tỉnh ủy,
which reports on to Ban Thường vụ Tỉnh ủy (6 months, year and đột xuất); ``as_written`` quotes the
seed verbatim, slips included."""

from directives.demo.facts import demo_document, route
from directives.demo.seed_004_tasks import TASKS
from directives.seeds import SEED_004

# fmt: off

DOCUMENT = demo_document(
    SEED_004,
    key="84-KH/BCĐTTĐN",
    issuer="hy-bcdttdn",
    relations=[
        {"kind": "implements", "target": "132-HD/BTGTW", "primary": True},
        {"kind": "based_on", "target": "42-QĐ/BCĐTTĐN"},
        {"kind": "implements", "target": "211-KH/TU"},
    ],
    kinh_gui=[],
    noi_nhan=[
        route("bao_cao", "unit", "tw-bcdttdn"),
        route("bao_cao", "unit", "hy-tu"),
        route("thuc_hien", "units", units=["hy-btgtu", "hy-vptu", "hy-vpubnd", "hy-stttt", "hy-svhttdl", "hy-stc", "hy-skhdt", "hy-sct", "hy-bqlkcn", "hy-dptth", "hy-baohy", "hy-tcphohien", "hy-bchqs", "hy-ca"]),
        route("de_biet"),
        route("luu"),
    ],
    tasks=TASKS,
    reporting=[
        {
            "frequency": "semiannual",
            "due_date": None,
            "reporters": ["hy-btgtu", "hy-vptu", "hy-vpubnd", "hy-stttt", "hy-svhttdl", "hy-stc", "hy-skhdt", "hy-sct", "hy-bqlkcn", "hy-dptth", "hy-baohy", "hy-tcphohien", "hy-bchqs", "hy-ca"],
            "to": "hy-bcdttdn",
            "via": "hy-btgtu",
            "as_written": "báo cáo kết quả về Ban Chỉ đạo Công tác thông tin đối ngoại tình (qua Ban Tuyên giáo Tỉnh ủy, định kỳ 6 tháng, 1 năm)",
        },
        {
            "frequency": "annual",
            "due_date": None,
            "reporters": ["hy-btgtu", "hy-vptu", "hy-vpubnd", "hy-stttt", "hy-svhttdl", "hy-stc", "hy-skhdt", "hy-sct", "hy-bqlkcn", "hy-dptth", "hy-baohy", "hy-tcphohien", "hy-bchqs", "hy-ca"],
            "to": "hy-bcdttdn",
            "via": "hy-btgtu",
            "as_written": "báo cáo kết quả về Ban Chỉ đạo Công tác thông tin đối ngoại tình (qua Ban Tuyên giáo Tỉnh ủy, định kỳ 6 tháng, 1 năm)",
        },
        {
            "frequency": "semiannual",
            "due_date": None,
            "reporters": ["hy-btgtu"],
            "to": "hy-tu",
            "via": None,
            "as_written": "tổng hợp kết quả công tác thông tin đối ngoại của BCD tỉnh báo cáo Ban Thường vụ Tỉnh ủy và Ban Chỉ đạo Công tác thông tin đối ngoại Trung ương (định kỳ 6 tháng, 1 năm và đột xuất)",
        },
        {
            "frequency": "annual",
            "due_date": None,
            "reporters": ["hy-btgtu"],
            "to": "hy-tu",
            "via": None,
            "as_written": "tổng hợp kết quả công tác thông tin đối ngoại của BCD tỉnh báo cáo Ban Thường vụ Tỉnh ủy và Ban Chỉ đạo Công tác thông tin đối ngoại Trung ương (định kỳ 6 tháng, 1 năm và đột xuất)",
        },
        {
            "frequency": "adhoc",
            "due_date": None,
            "reporters": ["hy-btgtu"],
            "to": "hy-tu",
            "via": None,
            "as_written": "tổng hợp kết quả công tác thông tin đối ngoại của BCD tỉnh báo cáo Ban Thường vụ Tỉnh ủy và Ban Chỉ đạo Công tác thông tin đối ngoại Trung ương (định kỳ 6 tháng, 1 năm và đột xuất)",
        },
    ],
)
