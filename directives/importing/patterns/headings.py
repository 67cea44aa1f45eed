"""Header patterns: the national/Party headings and the words that open the name of a body."""

from __future__ import annotations

from directives.importing.patterns.text import fold, squash

#: Folded national/Party headings; "ĐẢNG CÔNG SẢN" without the last words still counts.
STATE_HEADINGS = (
    "CONG HOA XA HOI CHU NGHIA VIET NAM",
    "DOC LAP - TU DO - HANH PHUC",
    "DOC LAP TU DO HANH PHUC",
)
PARTY_HEADINGS = ("DANG CONG SAN VIET NAM", "DANG CONG SAN")
#: The Youth Union prints its own name where the Party prints "ĐẢNG CỘNG SẢN VIỆT NAM" (a whole line).
YOUTH_HEADINGS = ("DOAN TNCS HO CHI MINH", "DOAN THANH NIEN CONG SAN HO CHI MINH")

#: Words that open the name of a body ("TỈNH ỦY …", "BAN …", "LIÊN ĐOÀN LAO ĐỘNG …"), folded.
#: In a header a line starting with one of these starts a new body; other lines continue the
#: previous one ("BAN CHỈ ĐẠO CÔNG TÁC" + "THÔNG TIN ĐỐI NGOẠI").
_BODY_HEAD_WORDS = (
    "Tỉnh ủy|Thành ủy|Huyện ủy|Thị ủy|Quận ủy|Đảng ủy|Đảng bộ|Đảng đoàn|Chi bộ|Ban|BTV|BCH|BCĐ|Bộ|Sở|Cục"
    "|Tổng cục|Chi cục|Vụ|Viện|Văn phòng|Phòng|Ủy ban|UBND|UBKT|HĐND|Hội đồng|Tổng Liên đoàn|Liên đoàn"
    "|LĐLĐ|Công đoàn|CĐCS|Mặt trận|MTTQ|Hội|Đoàn|Trường|Bệnh viện|Trung tâm|Công ty|Chính phủ|Quốc hội"
    "|Thường trực|Thường vụ|Nhà Văn hóa|Báo|Đài|Tạp chí|Công an|Bộ Chỉ huy"
)
BODY_HEADS = tuple(fold(word) for word in _BODY_HEAD_WORDS.split("|"))


def starts_with_body_head(text: str) -> bool:
    folded = fold(squash(text))
    return any(folded == head or folded.startswith(head + " ") for head in BODY_HEADS)


def national_heading(line: str) -> str | None:
    folded = fold(squash(line)).replace("–", "-")
    if any(folded.startswith(heading) for heading in PARTY_HEADINGS):
        return "party"
    if any(folded.startswith(heading) for heading in STATE_HEADINGS):
        return "state"
    if folded in YOUTH_HEADINGS:
        return "party"
    return None
