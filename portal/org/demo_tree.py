"""The demo organisation: every body that issues, receives or reports in the seed cascade.

Pure data (no Django import) so that tests and tools can read it without settings.
``UNITS`` is a forest of nested dicts; ``iter_units()`` walks it depth-first.

Every unit dict carries the same keys:

- ``code`` stable ascii slug, unique in the forest;
- ``name`` full Vietnamese name; ``short_name`` the abbreviation used in document symbols
  (``BTGTU``, ``LĐLĐ``, ``BCĐTTĐN``);
- ``header_name`` the issuer line as printed in the header when it differs from ``name``
  upper-cased (Party boards print "BAN TUYÊN GIÁO" under "TỈNH ỦY BẮC GIANG"), else "";
- ``kind`` one of ``KINDS``; ``regime`` one of ``REGIMES`` (STANDARDS.md §1);
- ``parent_line`` the governing body printed above the issuer ("TỈNH ỦY BẮC GIANG"), "" if none;
- ``place`` the place name of the date line; ``departments`` the unit's departments (ban, phòng) as
  ``(code, name)`` pairs in their order — the code is the one a công văn symbol carries (``…/LĐLĐ-TG&NC``);
- ``email``; ``active_to`` ("YYYY-MM-DD" or None) and ``successor`` (a code or None) for the
  2025 reorganisation (STANDARDS.md §7); ``children``.

The tree is the administrative one. Directives also cross lines (Ban Tuyên giáo Tỉnh ủy → LĐLĐ
tỉnh), which recipients express; the tree does not need to.
"""

from __future__ import annotations

from collections.abc import Iterator

# Hand-laid data tables: one unit or account per line reads better than the formatter's layout.
# fmt: off
KINDS = (
    "party_central", "party_committee", "party_board", "party_cell", "steering_committee",
    "state_agency", "union_national", "union_province", "union_district", "union_sector",
    "union_grassroots", "public_service", "press", "mass_org", "other",
)
REGIMES = ("party", "state", "union")
ROLES = ("drafter", "signer", "reporter", "clerk", "unit_admin")

# The 2025 reorganisation: district-level bodies ended and provinces merged from 01/7/2025.
REORG_LAST_DAY = "2025-06-30"


#: The names of the departments the demo units use, by the code their công văn symbols carry.
DEPARTMENT_NAMES = {
    "TG&NC": "Ban Tuyên giáo - Nữ công",
    "TG": "Ban Tuyên giáo",
    "TC": "Ban Tổ chức",
    "CSPL": "Ban Chính sách - Pháp luật",
    "VP": "Văn phòng",
    "UBKT": "Ủy ban Kiểm tra",
}


def _u(
    code: str, name: str, short_name: str, kind: str, regime: str, *, parent_line: str = "",
    place: str = "", header_name: str = "", departments: tuple[str, ...] = (), email: str = "",
    active_to: str | None = None, successor: str | None = None, children: list[dict] | None = None,
) -> dict:
    return {
        "code": code, "name": name, "short_name": short_name, "header_name": header_name,
        "header_lines": header_name,
        "kind": kind, "regime": regime, "parent_line": parent_line, "place": place,
        "departments": [(d, DEPARTMENT_NAMES[d]) for d in departments], "email": email or f"{code}@thongsuot.local",
        "active_to": active_to, "successor": successor, "children": list(children or []),
    }


def _cdcs(code: str, name: str, parent_line: str, place: str, **extra) -> dict:
    """A grassroots union (công đoàn cơ sở)."""
    return _u(code, name, "CĐCS", "union_grassroots", "union", parent_line=parent_line, place=place, **extra)


# --- Bắc Giang: the ten district-level units of 2024 (Việt Yên became a thị xã in 2024) ---------
# (slug, "huyện X" label, place of the date line, Party committee name and symbol, grassroots unions)
_BG_DISTRICTS = [
    ("tpbacgiang", "thành phố Bắc Giang", "Bắc Giang", "Thành ủy Bắc Giang", "TU", [
        ("ngosilien", "Công đoàn Trường THCS Ngô Sĩ Liên"),
        ("hoangvanthu", "Công đoàn phường Hoàng Văn Thụ"),
        ("mnhoasen", "Công đoàn Trường Mầm non Hoa Sen"),
    ]),
    ("vietyen", "thị xã Việt Yên", "Việt Yên", "Thị ủy Việt Yên", "TU", [
        ("bichdong", "Công đoàn phường Bích Động"),
        ("thcsnenh", "Công đoàn Trường THCS Nếnh"),
        ("ttytvietyen", "Công đoàn Trung tâm Y tế thị xã Việt Yên"),
    ]),
    ("hiephoa", "huyện Hiệp Hòa", "Hiệp Hòa", "Huyện ủy Hiệp Hòa", "HU", [
        ("ttthang", "Công đoàn thị trấn Thắng"),
        ("thcsthang", "Công đoàn Trường THCS thị trấn Thắng"),
        ("ttythiephoa", "Công đoàn Trung tâm Y tế huyện Hiệp Hòa"),
    ]),
    ("tanyen", "huyện Tân Yên", "Tân Yên", "Huyện ủy Tân Yên", "HU", [
        ("caothuong", "Công đoàn thị trấn Cao Thượng"),
        ("ngocthien", "Công đoàn xã Ngọc Thiện"),
    ]),
    ("yenthe", "huyện Yên Thế", "Yên Thế", "Huyện ủy Yên Thế", "HU", [
        ("phonxuong", "Công đoàn thị trấn Phồn Xương"),
        ("thcsphonxuong", "Công đoàn Trường THCS thị trấn Phồn Xương"),
    ]),
    ("langgiang", "huyện Lạng Giang", "Lạng Giang", "Huyện ủy Lạng Giang", "HU", [
        ("ttvoi", "Công đoàn thị trấn Vôi"),
        ("tandinh", "Công đoàn xã Tân Dĩnh"),
        ("thtanthanh", "Công đoàn Trường Tiểu học Tân Thanh"),
    ]),
    ("lucnam", "huyện Lục Nam", "Lục Nam", "Huyện ủy Lục Nam", "HU", [
        ("doingo", "Công đoàn thị trấn Đồi Ngô"),
        ("ttytlucnam", "Công đoàn Trung tâm Y tế huyện Lục Nam"),
    ]),
    ("lucngan", "huyện Lục Ngạn", "Lục Ngạn", "Huyện ủy Lục Ngạn", "HU", [
        ("ttchu", "Công đoàn thị trấn Chũ"),
        ("phuongson", "Công đoàn xã Phượng Sơn"),
        ("thcschu", "Công đoàn Trường THCS thị trấn Chũ"),
    ]),
    ("sondong", "huyện Sơn Động", "Sơn Động", "Huyện ủy Sơn Động", "HU", [
        ("anchau", "Công đoàn thị trấn An Châu"),
        ("ttytsondong", "Công đoàn Trung tâm Y tế huyện Sơn Động"),
    ]),
    ("yendung", "huyện Yên Dũng", "Yên Dũng", "Huyện ủy Yên Dũng", "HU", [
        ("nhambien", "Công đoàn thị trấn Nham Biền"),
        ("tumai", "Công đoàn xã Tư Mại"),
    ]),
]

# One Bắc Giang district federation modelled through the 2025 reorganisation: Bắc Giang merged
# into Bắc Ninh from 01/7/2025 and the district level ended, so its duties pass to LĐLĐ Bắc Ninh.
_BG_CLOSED_DISTRICT = "sondong"


def _bg_district_federation(slug: str, label: str, place: str, unions: list[tuple[str, str]]) -> dict:
    code = f"bg-ldld-{slug}"
    closed = slug == _BG_CLOSED_DISTRICT
    return _u(
        code, f"Liên đoàn Lao động {label}", "LĐLĐ", "union_district", "union",
        parent_line="LĐLĐ TỈNH BẮC GIANG", place=place,
        active_to=REORG_LAST_DAY if closed else None, successor="bn-ldld" if closed else None,
        children=[_cdcs(f"{code}-{s}", n, f"LĐLĐ {label}".upper(), place) for s, n in unions],
    )


def _bg_district_party(slug: str, label: str, place: str, committee: str, symbol: str) -> dict:
    code = f"bg-{symbol.lower()}-{slug}"
    return _u(
        code, committee, symbol, "party_committee", "party", parent_line="ĐẢNG BỘ TỈNH BẮC GIANG",
        place=place,
        children=[_u(
            f"{code}-btg", f"Ban Tuyên giáo {committee}", f"BTG{symbol}", "party_board", "party",
            parent_line=committee.upper(), header_name="BAN TUYÊN GIÁO", place=place,
        )],
    )


BG_DISTRICT_FEDERATIONS = [f"bg-ldld-{d[0]}" for d in _BG_DISTRICTS]
BG_DISTRICT_PROPAGANDA_BOARDS = [f"bg-{d[4].lower()}-{d[0]}-btg" for d in _BG_DISTRICTS]

# --- Hưng Yên: the 14 member units ("ngành thành viên") of seed 004, in its order -----------------
HY_BCD_MEMBERS = [
    "hy-btgtu", "hy-vptu", "hy-vpubnd", "hy-stttt", "hy-svhttdl", "hy-stc", "hy-skhdt", "hy-sct",
    "hy-bqlkcn", "hy-dptth", "hy-baohy", "hy-tcphohien", "hy-bchqs", "hy-ca",
]

_HY = dict(place="Hưng Yên")
_BG = dict(place="Bắc Giang")
_LC = dict(place="Lai Châu")

# --- The Party line: Ban Chấp hành Trung ương and the provincial committees ---------------------
_PARTY = _u(
    "tw", "Ban Chấp hành Trung ương Đảng", "TW", "party_central", "party", place="Hà Nội",
    header_name="BAN CHẤP HÀNH TRUNG ƯƠNG",
    children=[
        _u("tw-bct", "Bộ Chính trị", "TW", "party_central", "party", place="Hà Nội",
           header_name="BAN CHẤP HÀNH TRUNG ƯƠNG"),
        _u("tw-bbt", "Ban Bí thư", "TW", "party_central", "party", place="Hà Nội",
           header_name="BAN CHẤP HÀNH TRUNG ƯƠNG"),
        _u("tw-btgtw", "Ban Tuyên giáo Trung ương", "BTGTW", "party_board", "party",
           parent_line="BAN CHẤP HÀNH TRUNG ƯƠNG", header_name="BAN TUYÊN GIÁO", place="Hà Nội",
           children=[_u("tw-btgtw-vttdn", "Vụ Thông tin đối ngoại và Hợp tác quốc tế", "VTTĐN&HTQT",
                        "other", "party", parent_line="BAN TUYÊN GIÁO TRUNG ƯƠNG", place="Hà Nội")]),
        _u("tw-bcdttdn", "Ban Chỉ đạo công tác thông tin đối ngoại Trung ương", "BCĐTTĐN",
           "steering_committee", "party", parent_line="BAN CHẤP HÀNH TRUNG ƯƠNG",
           header_name="BAN CHỈ ĐẠO CÔNG TÁC THÔNG TIN ĐỐI NGOẠI", place="Hà Nội"),
        _u("bg-tu", "Tỉnh ủy Bắc Giang", "TU", "party_committee", "party", **_BG, children=[
            _u("bg-btgtu", "Ban Tuyên giáo Tỉnh ủy Bắc Giang", "BTGTU", "party_board", "party",
               parent_line="TỈNH ỦY BẮC GIANG", header_name="BAN TUYÊN GIÁO", **_BG),
            _u("bg-baobg", "Báo Bắc Giang", "BBG", "press", "party", parent_line="TỈNH ỦY BẮC GIANG", **_BG),
            _u("bg-dukcq", "Đảng ủy Khối các cơ quan tỉnh Bắc Giang", "ĐUK", "party_committee", "party",
               parent_line="ĐẢNG BỘ TỈNH BẮC GIANG", header_name="ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH", **_BG),
            _u("bg-dukdn", "Đảng ủy Khối Doanh nghiệp tỉnh Bắc Giang", "ĐUK", "party_committee", "party",
               parent_line="ĐẢNG BỘ TỈNH BẮC GIANG", header_name="ĐẢNG ỦY KHỐI DOANH NGHIỆP TỈNH", **_BG),
            # The political-social organisations of the province (their own line of work; LĐLĐ tỉnh,
            # also one of them, sits in the trade-union line below).
            _u("bg-mttq", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Bắc Giang", "MTTQ", "mass_org", "state",
               **_BG),
            _u("bg-tinhdoan", "Tỉnh đoàn Bắc Giang", "TĐTN", "mass_org", "state", **_BG),
            _u("bg-hlhpn", "Hội Liên hiệp Phụ nữ tỉnh Bắc Giang", "HLHPN", "mass_org", "state", **_BG),
            _u("bg-hnd", "Hội Nông dân tỉnh Bắc Giang", "HND", "mass_org", "state", **_BG),
            _u("bg-hccb", "Hội Cựu chiến binh tỉnh Bắc Giang", "CCB", "mass_org", "state", **_BG),
            _u("bg-hnb", "Hội Nhà báo tỉnh Bắc Giang", "HNB", "mass_org", "state", **_BG),
            _u("bg-hvhnt", "Hội Văn học - Nghệ thuật tỉnh Bắc Giang", "HVHNT", "mass_org", "state", **_BG),
            *[_bg_district_party(s, label, place, committee, symbol)
              for s, label, place, committee, symbol, _unions in _BG_DISTRICTS],
        ]),
        _u("hy-tu", "Tỉnh ủy Hưng Yên", "TU", "party_committee", "party", **_HY, children=[
            _u("hy-bcdttdn", "Ban Chỉ đạo công tác thông tin đối ngoại tỉnh Hưng Yên", "BCĐTTĐN",
               "steering_committee", "party", parent_line="TỈNH ỦY HƯNG YÊN",
               header_name="BAN CHỈ ĐẠO CÔNG TÁC THÔNG TIN ĐỐI NGOẠI", **_HY),
            _u("hy-btgtu", "Ban Tuyên giáo Tỉnh ủy Hưng Yên", "BTGTU", "party_board", "party",
               parent_line="TỈNH ỦY HƯNG YÊN", header_name="BAN TUYÊN GIÁO", **_HY),
            _u("hy-vptu", "Văn phòng Tỉnh ủy Hưng Yên", "VPTU", "party_board", "party",
               parent_line="TỈNH ỦY HƯNG YÊN", header_name="VĂN PHÒNG", **_HY),
            _u("hy-baohy", "Báo Hưng Yên", "BHY", "press", "party", parent_line="TỈNH ỦY HƯNG YÊN", **_HY),
            _u("hy-hvhnt", "Hội Văn học Nghệ thuật tỉnh Hưng Yên", "HVHNT", "mass_org", "state", **_HY,
               children=[_u("hy-tcphohien", "Tạp chí Phổ Hiến", "TCPH", "press", "state",
                            parent_line="HỘI VĂN HỌC NGHỆ THUẬT TỈNH HƯNG YÊN", **_HY)]),
        ]),
        _u("lc-tu", "Tỉnh ủy Lai Châu", "TU", "party_committee", "party", **_LC, children=[
            _u("lc-btgtu", "Ban Tuyên giáo Tỉnh ủy Lai Châu", "BTGTU", "party_board", "party",
               parent_line="TỈNH ỦY LAI CHÂU", header_name="BAN TUYÊN GIÁO", **_LC),
            # Seed 003 leaves the issuer's name blank: a Đảng ủy directly under the Tỉnh ủy that
            # leads "các chi, đảng bộ cơ sở" of "cơ quan, đơn vị" — a Đảng ủy Khối.
            _u("lc-dukcq", "Đảng ủy Khối các cơ quan tỉnh Lai Châu", "ĐUK", "party_committee", "party",
               parent_line="ĐẢNG BỘ TỈNH LAI CHÂU", header_name="ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH", **_LC,
               children=[
                   _u("lc-dukcq-btg", "Ban Tuyên giáo Đảng ủy Khối các cơ quan tỉnh Lai Châu", "BTGĐUK",
                      "party_board", "party", parent_line="ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH LAI CHÂU",
                      header_name="BAN TUYÊN GIÁO", **_LC),
                   *[_u(f"lc-dukcq-{slug}", name, sym, kind, "party",
                        parent_line="ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH LAI CHÂU", **_LC)
                     for slug, name, sym, kind in [
                         ("cb-stp", "Chi bộ Sở Tư pháp", "CB", "party_cell"),
                         ("cb-sngv", "Chi bộ Sở Ngoại vụ", "CB", "party_cell"),
                         ("cb-stttt", "Chi bộ Sở Thông tin và Truyền thông", "CB", "party_cell"),
                         ("cb-baolc", "Chi bộ Báo Lai Châu", "CB", "party_cell"),
                         ("db-sgddt", "Đảng bộ Sở Giáo dục và Đào tạo", "ĐU", "party_committee"),
                     ]],
               ]),
        ]),
        _u("bp-tu", "Tỉnh ủy Bình Phước", "TU", "party_committee", "party", place="Bình Phước", children=[
            _u("bp-hu-phurieng", "Huyện ủy Phú Riềng", "HU", "party_committee", "party",
               parent_line="ĐẢNG BỘ TỈNH BÌNH PHƯỚC", place="Phú Riềng", children=[
                   _u("bp-hu-phurieng-bdv", "Ban Dân vận Huyện ủy Phú Riềng", "BDVHU", "party_board",
                      "party", parent_line="HUYỆN ỦY PHÚ RIỀNG", header_name="BAN DÂN VẬN",
                      place="Phú Riềng"),
               ]),
        ]),
    ],
)

# --- The state line: provincial people's committees and their departments ----------------------
_STATE_BG = _u(
    "bg-ubnd", "Ủy ban nhân dân tỉnh Bắc Giang", "UBND", "state_agency", "state", **_BG, children=[
        _u("bg-stttt", "Sở Thông tin và Truyền thông tỉnh Bắc Giang", "STTTT", "state_agency", "state",
           parent_line="UBND TỈNH BẮC GIANG", header_name="SỞ THÔNG TIN VÀ TRUYỀN THÔNG", **_BG),
        _u("bg-svhttdl", "Sở Văn hóa, Thể thao và Du lịch tỉnh Bắc Giang", "SVHTTDL", "state_agency",
           "state", parent_line="UBND TỈNH BẮC GIANG", header_name="SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", **_BG),
        _u("bg-sngv", "Sở Ngoại vụ tỉnh Bắc Giang", "SNgV", "state_agency", "state",
           parent_line="UBND TỈNH BẮC GIANG", header_name="SỞ NGOẠI VỤ", **_BG),
        _u("bg-dptth", "Đài Phát thanh và Truyền hình Bắc Giang", "ĐPTTH", "press", "state",
           parent_line="UBND TỈNH BẮC GIANG", **_BG),
    ],
)


def _hy_state(code: str, name: str, short: str, header: str, kind: str = "state_agency") -> dict:
    return _u(code, f"{name} tỉnh Hưng Yên", short, kind, "state", parent_line="UBND TỈNH HƯNG YÊN",
              header_name=header, **_HY)


_STATE_HY = _u(
    "hy-ubnd", "Ủy ban nhân dân tỉnh Hưng Yên", "UBND", "state_agency", "state", **_HY, children=[
        _hy_state("hy-vpubnd", "Văn phòng Ủy ban nhân dân", "VP", "VĂN PHÒNG"),
        _hy_state("hy-stttt", "Sở Thông tin và Truyền thông", "STTTT", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"),
        _hy_state("hy-svhttdl", "Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"),
        _hy_state("hy-stc", "Sở Tài chính", "STC", "SỞ TÀI CHÍNH"),
        _hy_state("hy-skhdt", "Sở Kế hoạch và Đầu tư", "SKHĐT", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ"),
        _hy_state("hy-sct", "Sở Công Thương", "SCT", "SỞ CÔNG THƯƠNG"),
        _hy_state("hy-bqlkcn", "Ban Quản lý các khu công nghiệp", "BQLKCN", "BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP"),
        _hy_state("hy-dptth", "Đài Phát thanh và Truyền hình", "ĐPTTH", "", kind="press"),
        # Armed forces and police answer to their ministries; they sit here as the province's
        # state-side members of the steering committee.
        _hy_state("hy-bchqs", "Bộ Chỉ huy Quân sự", "BCH", "BỘ CHỈ HUY QUÂN SỰ TỈNH"),
        _hy_state("hy-ca", "Công an", "CAT", "CÔNG AN TỈNH HƯNG YÊN"),
    ],
)

# --- The trade-union line ----------------------------------------------------------------------
_BG_LDLD_LINE = "LĐLĐ TỈNH BẮC GIANG"
_PR = dict(parent_line="LĐLĐ HUYỆN PHÚ RIỀNG", place="Phú Riềng")

BG_LDLD_DIRECT_CDCS = ["bg-ldld-cdcq", "bg-ldld-damhabac", "bg-ldld-thuyloisongcau"]

_UNION = _u(
    "tld", "Tổng Liên đoàn Lao động Việt Nam", "TLĐ", "union_national", "union", place="Hà Nội",
    departments=("TG", "TC", "CSPL", "VP"),
    children=[
        _u("tld-btg", "Ban Tuyên giáo Tổng Liên đoàn Lao động Việt Nam", "BTG", "other", "union",
           parent_line="TỔNG LĐLĐ VIỆT NAM", place="Hà Nội"),
        _u("bg-ldld", "Liên đoàn Lao động tỉnh Bắc Giang", "LĐLĐ", "union_province", "union",
           parent_line="TỔNG LĐLĐ VIỆT NAM", departments=("TG&NC", "TC", "CSPL", "VP", "UBKT"), **_BG,
           children=[
               *[_bg_district_federation(s, label, place, unions)
                 for s, label, place, _c, _s, unions in _BG_DISTRICTS],
               _u("bg-cdgd", "Công đoàn ngành Giáo dục tỉnh Bắc Giang", "CĐGD", "union_sector", "union",
                  parent_line=_BG_LDLD_LINE, **_BG, children=[
                      _cdcs("bg-cdgd-thptngosilien", "Công đoàn Trường THPT Ngô Sĩ Liên",
                            "CĐ NGÀNH GIÁO DỤC BẮC GIANG", "Bắc Giang"),
                      _cdcs("bg-cdgd-thptchuyen", "Công đoàn Trường THPT Chuyên Bắc Giang",
                            "CĐ NGÀNH GIÁO DỤC BẮC GIANG", "Bắc Giang"),
                      _cdcs("bg-cdgd-thpthiephoa1", "Công đoàn Trường THPT Hiệp Hòa số 1",
                            "CĐ NGÀNH GIÁO DỤC BẮC GIANG", "Hiệp Hòa"),
                  ]),
               _u("bg-cdyt", "Công đoàn ngành Y tế tỉnh Bắc Giang", "CĐYT", "union_sector", "union",
                  parent_line=_BG_LDLD_LINE, **_BG, children=[
                      _cdcs("bg-cdyt-bvdk", "Công đoàn Bệnh viện Đa khoa tỉnh Bắc Giang",
                            "CĐ NGÀNH Y TẾ BẮC GIANG", "Bắc Giang"),
                      _cdcs("bg-cdyt-bvsannhi", "Công đoàn Bệnh viện Sản Nhi Bắc Giang",
                            "CĐ NGÀNH Y TẾ BẮC GIANG", "Bắc Giang"),
                  ]),
               _u("bg-cdvc", "Công đoàn Viên chức tỉnh Bắc Giang", "CĐVC", "union_sector", "union",
                  parent_line=_BG_LDLD_LINE, **_BG, children=[
                      _cdcs("bg-cdvc-stp", "Công đoàn Sở Tư pháp", "CĐ VIÊN CHỨC TỈNH BẮC GIANG", "Bắc Giang"),
                      _cdcs("bg-cdvc-vpubnd", "Công đoàn Văn phòng UBND tỉnh",
                            "CĐ VIÊN CHỨC TỈNH BẮC GIANG", "Bắc Giang"),
                  ]),
               _u("bg-cdkcn", "Công đoàn Các khu công nghiệp tỉnh Bắc Giang", "CĐKCN", "union_sector",
                  "union", parent_line=_BG_LDLD_LINE, **_BG, children=[
                      _cdcs("bg-cdkcn-fuhong", "Công đoàn Công ty TNHH Fuhong Precision Component (Bắc Giang)",
                            "CĐ CÁC KCN TỈNH BẮC GIANG", "Việt Yên"),
                      _cdcs("bg-cdkcn-hosiden", "Công đoàn Công ty TNHH Hosiden Việt Nam (Bắc Giang)",
                            "CĐ CÁC KCN TỈNH BẮC GIANG", "Việt Yên"),
                      _cdcs("bg-cdkcn-luxshare", "Công đoàn Công ty TNHH Luxshare-ICT (Vân Trung)",
                            "CĐ CÁC KCN TỈNH BẮC GIANG", "Việt Yên"),
                  ]),
               _u("bg-nvhld", "Nhà Văn hóa Lao động tỉnh Bắc Giang", "NVHLĐ", "public_service", "union",
                  parent_line=_BG_LDLD_LINE, **_BG),
               _cdcs("bg-ldld-cdcq", "Công đoàn Cơ quan Liên đoàn Lao động tỉnh", _BG_LDLD_LINE, "Bắc Giang"),
               _cdcs("bg-ldld-damhabac", "Công đoàn Công ty Cổ phần Phân đạm và Hóa chất Hà Bắc",
                     _BG_LDLD_LINE, "Bắc Giang"),
               _cdcs("bg-ldld-thuyloisongcau", "Công đoàn Công ty TNHH MTV Khai thác công trình thủy lợi Sông Cầu",
                     _BG_LDLD_LINE, "Bắc Giang"),
           ]),
        _u("bp-ldld", "Liên đoàn Lao động tỉnh Bình Phước", "LĐLĐ", "union_province", "union",
           parent_line="TỔNG LĐLĐ VIỆT NAM", place="Bình Phước", departments=("TG", "TC", "CSPL", "VP"),
           active_to=REORG_LAST_DAY, successor="dn-ldld",
           children=[
               _u("bp-ldld-phurieng", "Liên đoàn Lao động huyện Phú Riềng", "LĐLĐ", "union_district", "union",
                  parent_line="LĐLĐ TỈNH BÌNH PHƯỚC", place="Phú Riềng",
                  active_to=REORG_LAST_DAY, successor="dn-ldld",
                  children=[
                      _cdcs("bp-ldld-phurieng-cqhu", "Công đoàn Cơ quan Ủy ban nhân dân huyện Phú Riềng", **_PR),
                      _cdcs("bp-ldld-phurieng-bunho", "Công đoàn xã Bù Nho", **_PR),
                      _cdcs("bp-ldld-phurieng-longhung", "Công đoàn xã Long Hưng", **_PR),
                      _cdcs("bp-ldld-phurieng-phutrung", "Công đoàn xã Phú Trung", **_PR),
                      _cdcs("bp-ldld-phurieng-thbunho", "Công đoàn Trường Tiểu học Bù Nho", **_PR),
                      _cdcs("bp-ldld-phurieng-ttyt", "Công đoàn Trung tâm Y tế huyện Phú Riềng", **_PR),
                  ]),
           ]),
        # Successors after 01/7/2025: Bình Phước merged into Đồng Nai, Bắc Giang into Bắc Ninh.
        _u("dn-ldld", "Liên đoàn Lao động tỉnh Đồng Nai", "LĐLĐ", "union_province", "union",
           parent_line="TỔNG LĐLĐ VIỆT NAM", place="Đồng Nai", departments=("TG", "TC", "CSPL", "VP")),
        _u("bn-ldld", "Liên đoàn Lao động tỉnh Bắc Ninh", "LĐLĐ", "union_province", "union",
           parent_line="TỔNG LĐLĐ VIỆT NAM", place="Bắc Ninh", departments=("TG", "TC", "CSPL", "VP")),
    ],
)

UNITS: list[dict] = [_PARTY, _STATE_BG, _STATE_HY, _UNION]


def iter_units(units: list[dict] | None = None, parent: str | None = None) -> Iterator[tuple[dict, str | None]]:
    """Yield ``(unit, parent_code)`` depth-first, parents before children."""
    for unit in UNITS if units is None else units:
        yield unit, parent
        yield from iter_units(unit["children"], unit["code"])


def unit_by_code() -> dict[str, dict]:
    return {unit["code"]: unit for unit, _parent in iter_units()}


# --- Demo people -------------------------------------------------------------------------------
# One dict per (person, unit, role); a person with two roles appears twice under one username.
# Passwords are set by the command that loads the demo. Every unit with a signer has a clerk (văn thư): the
# body's digital signature is the clerk's to apply (Nghị định 30/2020, Art. 14.3, 32), so a document signed
# there never waits at a desk nobody holds.


def _a(username: str, full_name: str, unit: str, role: str, title: str, department: str | None = None) -> dict:
    """One role of a person; ``department`` the code of the unit's department they work in (None: the unit's
    leadership, or a unit without departments)."""
    return {"username": username, "full_name": full_name, "email": f"{username}@thongsuot.local",
            "unit": unit, "role": role, "title": title, "department": department}


ACCOUNTS: list[dict] = [
    # Ban Tuyên giáo Tỉnh ủy Bắc Giang — issues 97-HD/BTGTU (seed 001).
    _a("btgbg.chuyenvien", "Trần Thị Thu Hà", "bg-btgtu", "drafter", "Chuyên viên Phòng Tuyên truyền"),
    _a("btgbg.photruongban", "Nguyễn Văn Hạnh", "bg-btgtu", "signer", "Phó Trưởng ban"),
    _a("btgbg.vanthu", "Ngô Thị Hồng", "bg-btgtu", "clerk", "Văn thư"),
    # LĐLĐ tỉnh Bắc Giang — forwards it (seed 000) and reports back to the Ban Tuyên giáo.
    _a("bg.tgnc", "Lê Thị Minh Phương", "bg-ldld", "drafter", "Chuyên viên Ban Tuyên giáo - Nữ công", "TG&NC"),
    _a("bg.tgnc", "Lê Thị Minh Phương", "bg-ldld", "reporter", "Chuyên viên Ban Tuyên giáo - Nữ công", "TG&NC"),
    _a("bg.phochutich", "Nguyễn Mạnh Hùng", "bg-ldld", "signer", "Phó Chủ tịch"),
    _a("bg.vanthu", "Đỗ Thị Lan", "bg-ldld", "clerk", "Văn thư", "VP"),
    _a("bg.quantri", "Phạm Quốc Khánh", "bg-ldld", "unit_admin", "Chánh Văn phòng", "VP"),
    # Their departments' other specialists: the leader assigns incoming work to a department (issue 16).
    _a("bg.tgnc2", "Nguyễn Thị Thanh Thủy", "bg-ldld", "drafter", "Chuyên viên Ban Tuyên giáo - Nữ công", "TG&NC"),
    _a("bg.vanphong", "Trần Đức Long", "bg-ldld", "drafter", "Chuyên viên Văn phòng", "VP"),
    # A district federation and grassroots unions under LĐLĐ Bắc Giang.
    _a("vietyen.chuyenvien", "Dương Văn Tiến", "bg-ldld-vietyen", "drafter", "Chuyên viên"),
    _a("vietyen.chutich", "Thân Thị Huệ", "bg-ldld-vietyen", "signer", "Chủ tịch"),
    _a("vietyen.vanthu", "Nguyễn Thị Hoa", "bg-ldld-vietyen", "clerk", "Văn thư"),
    _a("vietyen.baocao", "Nguyễn Thị Ngọc Anh", "bg-ldld-vietyen", "reporter", "Phó Chủ tịch"),
    _a("sondong.chutich", "Hoàng Văn Phúc", "bg-ldld-sondong", "signer", "Chủ tịch"),
    _a("sondong.vanthu", "Lăng Thị Thúy", "bg-ldld-sondong", "clerk", "Văn thư"),
    # A grassroots union's chair writes its report and signs it: reporter and signer of the unit (a report sent
    # upward is signed by the unit's head, issue 17), so «Ký và gửi» is theirs; with no office of its own, the
    # chair also keeps the seal (clerk), as a small union's chair usually does.
    _a("cdcs.bichdong", "Vũ Thị Thanh Xuân", "bg-ldld-vietyen-bichdong", "reporter", "Chủ tịch Công đoàn"),
    _a("cdcs.bichdong", "Vũ Thị Thanh Xuân", "bg-ldld-vietyen-bichdong", "signer", "Chủ tịch Công đoàn"),
    _a("cdcs.bichdong", "Vũ Thị Thanh Xuân", "bg-ldld-vietyen-bichdong", "clerk", "Chủ tịch Công đoàn"),
    _a("cdcs.ngosilien", "Trần Văn Quang", "bg-ldld-tpbacgiang-ngosilien", "reporter", "Chủ tịch Công đoàn"),
    _a("cdcs.ngosilien", "Trần Văn Quang", "bg-ldld-tpbacgiang-ngosilien", "signer", "Chủ tịch Công đoàn"),
    _a("cdcs.ngosilien", "Trần Văn Quang", "bg-ldld-tpbacgiang-ngosilien", "clerk", "Chủ tịch Công đoàn"),
    _a("cdcs.fuhong", "Lý Thị Hằng", "bg-cdkcn-fuhong", "reporter", "Chủ tịch Công đoàn"),
    _a("cdcs.fuhong", "Lý Thị Hằng", "bg-cdkcn-fuhong", "signer", "Chủ tịch Công đoàn"),
    _a("cdcs.fuhong", "Lý Thị Hằng", "bg-cdkcn-fuhong", "clerk", "Chủ tịch Công đoàn"),
    # The other district federations of the dashboards' story (directives/demo/load.py _district_story):
    # each acknowledges the LĐLĐ công văn and some draft or issue their own plan, so each needs its chair.
    _a("tpbacgiang.chutich", "Nguyễn Thị Thu Hường", "bg-ldld-tpbacgiang", "signer", "Chủ tịch"),
    _a("tpbacgiang.vanthu", "Phan Thị Ngân", "bg-ldld-tpbacgiang", "clerk", "Văn thư"),
    _a("hiephoa.chutich", "Ngô Văn Tuấn", "bg-ldld-hiephoa", "signer", "Chủ tịch"),
    _a("hiephoa.vanthu", "Đỗ Thị Quyên", "bg-ldld-hiephoa", "clerk", "Văn thư"),
    _a("tanyen.chutich", "Trần Thị Mai", "bg-ldld-tanyen", "signer", "Chủ tịch"),
    _a("tanyen.vanthu", "Vi Thị Duyên", "bg-ldld-tanyen", "clerk", "Văn thư"),
    _a("yenthe.chutich", "Hoàng Văn Sơn", "bg-ldld-yenthe", "signer", "Chủ tịch"),
    _a("yenthe.vanthu", "Hà Thị Loan", "bg-ldld-yenthe", "clerk", "Văn thư"),
    _a("langgiang.chutich", "Lương Thị Hạnh", "bg-ldld-langgiang", "signer", "Chủ tịch"),
    _a("langgiang.vanthu", "Thân Thị Nga", "bg-ldld-langgiang", "clerk", "Văn thư"),
    _a("lucnam.chutich", "Phạm Văn Bình", "bg-ldld-lucnam", "signer", "Chủ tịch"),
    _a("lucnam.vanthu", "Giáp Thị Hằng", "bg-ldld-lucnam", "clerk", "Văn thư"),
    # Hưng Yên — the steering committee (seed 004), its secretariat and two member units.
    _a("hy.bcd.chuyenvien", "Nguyễn Thị Thanh Huyền", "hy-bcdttdn", "drafter",
       "Chuyên viên Phòng Tổng hợp, Ban Tuyên giáo Tỉnh ủy"),
    _a("hy.bcd.truongban", "Đào Hồng Vận", "hy-bcdttdn", "signer",
       "Trưởng Ban Tuyên giáo Tỉnh ủy, Trưởng Ban Chỉ đạo"),
    _a("hy.bcd.truongban", "Đào Hồng Vận", "hy-btgtu", "signer", "Trưởng Ban Tuyên giáo Tỉnh ủy"),
    _a("hy.btg.vanthu", "Lưu Thị Phương", "hy-btgtu", "clerk", "Văn thư"),
    _a("hy.btg.vanthu", "Lưu Thị Phương", "hy-bcdttdn", "clerk", "Văn thư Ban Chỉ đạo"),
    _a("hy.btg.baocao", "Phạm Văn Tuấn", "hy-btgtu", "reporter", "Trưởng phòng Tổng hợp"),
    _a("hy.stttt.baocao", "Bùi Thị Thu Trang", "hy-stttt", "reporter", "Phó Chánh Văn phòng Sở"),
    _a("hy.stttt.giamdoc", "Nguyễn Văn Phong", "hy-stttt", "signer", "Giám đốc Sở"),
    _a("hy.stttt.vanthu", "Vũ Thị Hạnh", "hy-stttt", "clerk", "Văn thư"),
    _a("hy.baohy.baocao", "Đặng Quang Minh", "hy-baohy", "reporter", "Thư ký tòa soạn"),
    _a("hy.baohy.tongbientap", "Lê Thị Thu Hương", "hy-baohy", "signer", "Tổng Biên tập"),
    _a("hy.baohy.vanthu", "Trần Thị Mến", "hy-baohy", "clerk", "Văn thư"),
    # LĐLĐ huyện Phú Riềng (seed 002) and its grassroots unions.
    _a("phurieng.chuyenvien", "Lê Thị Kim Oanh", "bp-ldld-phurieng", "drafter", "Chuyên viên"),
    _a("phurieng.phochutich", "Hoàng Thạch Sơn", "bp-ldld-phurieng", "signer", "Phó Chủ tịch"),
    _a("phurieng.vanthu", "Trịnh Thị Lý", "bp-ldld-phurieng", "clerk", "Văn thư"),
    _a("phurieng.baocao", "Điểu Thị Hoa", "bp-ldld-phurieng", "reporter", "Chuyên viên"),
    _a("cdcs.bunho", "Nguyễn Văn Thành", "bp-ldld-phurieng-bunho", "reporter", "Chủ tịch Công đoàn"),
    _a("cdcs.bunho", "Nguyễn Văn Thành", "bp-ldld-phurieng-bunho", "signer", "Chủ tịch Công đoàn"),
    _a("cdcs.bunho", "Nguyễn Văn Thành", "bp-ldld-phurieng-bunho", "clerk", "Chủ tịch Công đoàn"),
    # Lai Châu (seed 003).
    _a("laichau.chuyenvien", "Lò Văn Hải", "lc-dukcq", "drafter", "Chuyên viên Ban Tuyên giáo Đảng ủy Khối"),
    _a("laichau.phobithu", "Hồ Xuân Lộc", "lc-dukcq", "signer", "Phó Bí thư Đảng ủy Khối"),
    _a("laichau.vanthu", "Lù Thị Thanh", "lc-dukcq", "clerk", "Văn thư Văn phòng Đảng ủy Khối"),
    _a("laichau.chibo", "Tẩy Thị Mai", "lc-dukcq-cb-stp", "reporter", "Bí thư Chi bộ"),
    _a("laichau.chibo", "Tẩy Thị Mai", "lc-dukcq-cb-stp", "signer", "Bí thư Chi bộ"),
    _a("laichau.chibo", "Tẩy Thị Mai", "lc-dukcq-cb-stp", "clerk", "Bí thư Chi bộ"),
]

SUPERUSER = {"username": "quantri", "full_name": "Quản trị hệ thống", "email": "quantri@thongsuot.local"}

# --- Electronic identifier codes (mã định danh điện tử, issue 18) --------------------------------------------
# Illustrative codes in the shape the national coding decisions use (QĐ 20/2020/QĐ-TTg, "000.00.12.H10"), not the
# codes the government actually assigned. Each is valid from ORGAN_IDS_FROM; a unit closed by the 2025
# reorganisation has its code closed on its last day, and the unit that carries on keeps its own (Đồng Nai keeps
# 000.00.00.H39, Bình Phước's 000.00.00.H70 closes). HUB_UNITS are reached through the national exchange hub
# rather than hosted here: what is issued to them travels as an edXML packet.
ORGAN_IDS_FROM = "2020-01-01"
ORGAN_IDS = {
    "tw": "000.00.00.A01", "tw-btgtw": "000.00.02.A01",
    "bg-tu": "000.00.00.T10", "bg-btgtu": "000.00.02.T10",
    "hy-tu": "000.00.00.T33", "hy-btgtu": "000.00.02.T33", "hy-vptu": "000.00.01.T33",
    "lc-tu": "000.00.00.T12", "lc-btgtu": "000.00.02.T12", "lc-dukcq": "000.00.05.T12",
    "bg-ubnd": "000.00.00.H10", "bg-stttt": "000.00.12.H10", "bg-svhttdl": "000.00.13.H10",
    "bg-sngv": "000.00.14.H10",
    "hy-ubnd": "000.00.00.H33", "hy-vpubnd": "000.00.01.H33", "hy-stttt": "000.00.12.H33",
    "tld": "000.00.00.C01", "bg-ldld": "000.00.10.C01", "bn-ldld": "000.00.27.C01",
    "dn-ldld": "000.00.00.H39", "bp-ldld": "000.00.00.H70", "bp-ldld-phurieng": "000.00.71.H70",
    "bg-ldld-sondong": "000.10.05.C01", "bg-ldld-yenthe": "000.10.06.C01", "bg-ldld-tanyen": "000.10.07.C01",
}
HUB_UNITS = ("bg-sngv",)
