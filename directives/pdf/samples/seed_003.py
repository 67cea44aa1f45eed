"""Seed 003: Hướng dẫn of a Đảng ủy in Lai Châu on thông tin đối ngoại in 2014."""

from __future__ import annotations

import datetime as dt

from directives.pdf.layout import BodyNode, OfficialLayout, Signer
from directives.pdf.samples._text import _html


def seed_003_huong_dan() -> OfficialLayout:
    """Hướng dẫn of a Đảng ủy in Lai Châu (02/4/2014); reports due before 15/12/2014."""
    return OfficialLayout(
        regime="party",
        parent_body="ĐẢNG BỘ TỈNH LAI CHÂU",
        issuer_name="ĐẢNG ỦY KHỐI\nDOANH NGHIỆP TỈNH",
        number=None,
        symbol="HD/ĐUK",
        doc_type_code="HD",
        doc_type_name="Hướng dẫn",
        is_cong_van=False,
        place="Lai Châu",
        issue_date=dt.date(2014, 4, 2),
        subject="Công tác thông tin đối ngoại năm 2014",
        opening=_html(
            "Thực hiện Hướng dẫn số 135-HD/BTGTW, ngày 21/3/2014 của Ban Tuyên giáo Tỉnh uỷ Lai Châu về “Công tác thông tin đối ngoại năm 2014”, Ban Thường vụ Đảng uỷ hướng dẫn các chi, đảng bộ cơ sở tổ chức thực hiện như sau:",
        ),
        body=[
            BodyNode(
                "MỤC ĐÍCH, YÊU CẦU",
                _html(
                    "- Nhằm nâng cao nhận thức của cán bộ, đảng viên, công nhân viên chức và người lao động trong Đảng bộ về vị trí, vai trò, tầm quan trọng của các hoạt động thông tin đối ngoại; triển khai thực hiện tốt các nội dung, nhiệm vụ theo tinh thần Chỉ thị số 26-CT/TW, ngày 10/9/2008 của Ban Bí thư (khóa X) về “Tiếp tục đổi mới và tăng cường công tác thông tin đối ngoại trong tình hình mới”, Kế luận số 16-KL/TW, ngày 14/2/2012 của Bộ Chính trị về “Chiến lược phát triển thông tin đối ngoại giai đoạn 2011 - 2020”, và “Chương trình hành động của Chính phủ về thông tin đối ngoại giai đoạn 2013 - 2020” nhằm tranh thủ sự đồng tình, ủng hộ của cộng đồng quốc tế và kiều bào ta ở nước ngoài đối với công cuộc bảo vệ và phát triển đất nước, góp phần thực hiện thắng lợi các nhiệm vụ chính trị, kinh tế, xã hội năm 2014.",
                    "- Tiếp tục đẩy mạnh các hoạt động tuyên truyền thông tin đối ngoại nhằm giới thiệu, quảng bá với bạn bè trong và ngoài nước sự nghiệp phát triển kinh tế - xã hội của tỉnh, những nét văn hóa đặc trưng, tiềm năng và thế mạnh trong hợp tác, đầu tư phát triển thương mại, dịch vụ, du lịch, phát triển nông - lâm nghiệp, công nghiệp... qua đó thu hút sự quan tâm đầu tư của các doanh nghiệp trong và ngoài nước vào địa phương.",
                ),
            ),
            BodyNode(
                "NHIỆM VỤ, NỘI DUNG, HÌNH THỨC TUYÊN TRUYỀN",
                children=[
                    BodyNode(
                        "Nhiệm vụ trọng tâm",
                        _html(
                            "- Triển khai thực hiện tốt các nhiệm vụ thông tin, tuyên truyền nâng cao nhận thức của cán bộ, đảng viên, công nhân viên chức, người lao động các cơ quan, đơn vị về tầm quan trọng của công tác thông tin đối ngoại của Đảng, Nhà nước và đối ngoại nhân dân.",
                            "- Chỉ đạo thống nhất hoạt động thông tin đối ngoại các cấp, các ngành, địa phương từ tỉnh đến cơ sở. Thực hiện tốt các nhiệm vụ thông tin đối ngoại nêu trong Kết luận số 16-KL/TW, ngày 14/2/2012 của Bộ Chính trị về “Chiến lược phát triển thông tin đối ngoại giai đoạn 2011-2020”; Quyết định số 368/QĐ-TTg, ngày 28/2/2013 của Thủ tướng Chính phủ phê duyệt “Chương trình hành động của Chính phủ về thông tin đối ngoại giai đoạn 2013 - 2020”.",
                            "- Nâng cao chất lượng công tác dự báo, hiệu quả phối hợp giữa các lực lượng tham gia hoạt động thông tin đối ngoại trong công tác đấu tranh phản bác những thông tin sai sự thật, luận điệu xuyên tạc của các thế lực thù địch, các phần tử cơ hội, nhất là xung quanh vấn đề dân tộc, tôn giáo, dân chủ, nhân quyền...",
                            "- Tập trung đổi mới hình thức, nội dung, hiệu quả các thông tin, sản phẩm phục vụ mục đích tuyên truyền đối ngoại, chú trọng tính chính xác, phù hợp với từng nhóm đối tượng cụ thể.",
                        ),
                    ),
                    BodyNode(
                        "Nội dung",
                        _html(
                            "- Tuyên truyền các thành tựu toàn diện của công cuộc đổi mới; tuyên truyền đường lối, chủ trương của Đảng, chính sách, pháp luật của Nhà nước trên các lĩnh vực chính trị, kinh tế, văn hóa, xã hội, đối ngoại, quốc phòng, an ninh, xây dựng Đảng, xây dựng hệ thống chính trị vững mạnh; tuyên truyền và cổ vũ thực hiện Hiến pháp nước CHXHCN Việt Nam; tổng kết 30 năm đổi mới, các ngày lễ lớn và kỷ niệm các sự kiện quan trọng của đất nước, của tỉnh; các vấn đề quốc tế và khu vực biên giới liên quan đến địa phận của tỉnh. Tập trung tuyên truyền, giới thiệu quảng bá hình ảnh, miền đất, con người Lai Châu; những nét văn hóa truyền thống; tiềm năng, thế mạnh của tỉnh, qua đó nhằm thu hút đầu tư của các tổ chức, cá nhân, doanh nghiệp trong và ngoài nước, góp phần thúc đẩy kinh tế - xã hội địa phương phát triển.",
                            "- Tăng cường sử dụng các công cụ truyền thông mới, hiện đại phục vụ mục đích thông tin, tuyên truyền đối ngoại. Chú trọng thông tin về những vấn đề trong nước và quốc tế được dư luận quan tâm, nhất là các vấn đề về chủ quyền quốc gia biên giới, lãnh thổ, dân chủ, nhân quyền, tôn giáo...",
                        ),
                    ),
                    BodyNode(
                        "Hình thức tuyên truyền",
                        _html(
                            "Tuyên truyền các nội dung trên qua các hoạt động tuyên truyền miệng của đội ngũ báo cáo viên ở cơ sở, thông qua sinh hoạt chi bộ, họp cơ quan, đơn vị.",
                        ),
                    ),
                ],
            ),
            BodyNode(
                "TỔ CHỨC THỰC HIỆN",
                children=[
                    BodyNode(
                        "",
                        _html(
                            "Ban Tuyên giáo Đảng uỷ tham mưu cho cấp uỷ hướng dẫn các chi, đảng bộ cơ sở tuyên truyền theo nội dung trên phù hợp với tình hình thực tế của cơ quan, đơn vị.",
                        ),
                    ),
                    BodyNode(
                        "",
                        _html(
                            "Đội ngũ báo cáo viên Đảng bộ đẩy mạnh công tác tuyên truyền miệng công tác đối ngoại năm 2014.",
                        ),
                    ),
                    BodyNode(
                        "",
                        _html(
                            "Các chi, đảng bộ cơ sở triển khai tuyên truyền và gửi báo cáo về Đảng ủy qua Ban Tuyên giáo Đảng ủy (trước ngày 15/12/2014) để tổng hợp báo cáo cấp trên./.",
                        ),
                    ),
                ],
            ),
        ],
        signer=Signer(authority="TM", authority_body="BAN THƯỜNG VỤ", title="PHÓ BÍ THƯ", name="Hồ Xuân Lộc"),
        noi_nhan=[
            "Ban Tuyên giáo Tỉnh ủy (b/c)",
            "Các chi, đảng bộ cơ sở",
            "Lưu Văn phòng Đảng ủy",
        ],
    )
