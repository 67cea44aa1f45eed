"""Seed 003: Hướng dẫn (02/4/2014) of a Đảng ủy in Lai Châu on công tác thông tin đối ngoại 2014.

Transcribed from ../shared/seeds/003_f2b003db15dbc5a2.txt, scanned without its head. The seed gives
neither the issuer's name nor the number: the letterhead is that of Đảng ủy Khối các cơ quan tỉnh Lai
Châu (a Đảng ủy under the Tỉnh ủy leading "các chi, đảng bộ cơ sở" of "cơ quan, đơn vị") and the number
prints as a blank. The seed's opening attributes 135-HD/BTGTW to "Ban Tuyên giáo Tỉnh uỷ Lai Châu",
although the symbol is that of Ban Tuyên giáo Trung ương; the opening is kept as written."""

from __future__ import annotations

import datetime as dt

from directives.content import DocumentContent, Letterhead, Section, Signature, TaskItem, paragraphs
from directives.seeds.base import Seed

# Generated once from the seed text and then kept by hand: each paragraph on its own line.
# fmt: off

SEED = Seed(
    file="003_f2b003db15dbc5a2.txt",
    issuer_as_written="Ban Thường vụ Đảng uỷ",
    date_as_written="Lai Châu, ngày 02 tháng 4 năm 2014",
    date_source=None,
    corrections=(
        ("Kế luận số 16-KL/TW", "Kết luận số 16-KL/TW"),
        ("PHÓ Bí THƯ", "PHÓ BÍ THƯ"),
    ),
    content=DocumentContent(
        doc_type="HD",
        type_name="Hướng dẫn",
        letterhead=Letterhead(regime="party", parent_line="ĐẢNG BỘ TỈNH LAI CHÂU", issuer_lines=("ĐẢNG ỦY KHỐI", "DOANH NGHIỆP TỈNH")),
        number=None,
        symbol="HD/ĐUK",
        place="Lai Châu",
        issue_date=dt.date(2014, 4, 2),
        subject="Công tác thông tin đối ngoại năm 2014",
        opening=paragraphs(
            "Thực hiện Hướng dẫn số 135-HD/BTGTW, ngày 21/3/2014 của Ban Tuyên giáo Tỉnh uỷ Lai Châu về “Công tác thông tin đối ngoại năm 2014”, Ban Thường vụ Đảng uỷ hướng dẫn các chi, đảng bộ cơ sở tổ chức thực hiện như sau:",
        ),
        body_numbering="roman",
        body=(
            Section(
                heading="MỤC ĐÍCH, YÊU CẦU",
                text=(
                    "<p>- Nhằm nâng cao nhận thức của cán bộ, đảng viên, công nhân viên chức và người lao động trong Đảng bộ về vị trí, vai trò, tầm quan trọng của các hoạt động thông tin đối ngoại; triển khai thực hiện tốt các nội dung, nhiệm vụ theo tinh thần Chỉ thị số 26-CT/TW, ngày 10/9/2008 của Ban Bí thư (khóa X) về “Tiếp tục đổi mới và tăng cường công tác thông tin đối ngoại trong tình hình mới”, Kết luận số 16-KL/TW, ngày 14/2/2012 của Bộ Chính trị về “Chiến lược phát triển thông tin đối ngoại giai đoạn 2011 - 2020”, và “Chương trình hành động của Chính phủ về thông tin đối ngoại giai đoạn 2013 - 2020” nhằm tranh thủ sự đồng tình, ủng hộ của cộng đồng quốc tế và kiều bào ta ở nước ngoài đối với công cuộc bảo vệ và phát triển đất nước, góp phần thực hiện thắng lợi các nhiệm vụ chính trị, kinh tế, xã hội năm 2014.</p>"
                    "<p>- Tiếp tục đẩy mạnh các hoạt động tuyên truyền thông tin đối ngoại nhằm giới thiệu, quảng bá với bạn bè trong và ngoài nước sự nghiệp phát triển kinh tế - xã hội của tỉnh, những nét văn hóa đặc trưng, tiềm năng và thế mạnh trong hợp tác, đầu tư phát triển thương mại, dịch vụ, du lịch, phát triển nông - lâm nghiệp, công nghiệp... qua đó thu hút sự quan tâm đầu tư của các doanh nghiệp trong và ngoài nước vào địa phương.</p>"
                ),
            ),
            Section(
                heading="NHIỆM VỤ, NỘI DUNG, HÌNH THỨC TUYÊN TRUYỀN",
                children=(
                    Section(
                        heading="Nhiệm vụ trọng tâm",
                        text=(
                            "<p>- Triển khai thực hiện tốt các nhiệm vụ thông tin, tuyên truyền nâng cao nhận thức của cán bộ, đảng viên, công nhân viên chức, người lao động các cơ quan, đơn vị về tầm quan trọng của công tác thông tin đối ngoại của Đảng, Nhà nước và đối ngoại nhân dân.</p>"
                            "<p>- Chỉ đạo thống nhất hoạt động thông tin đối ngoại các cấp, các ngành, địa phương từ tỉnh đến cơ sở. Thực hiện tốt các nhiệm vụ thông tin đối ngoại nêu trong Kết luận số 16-KL/TW, ngày 14/2/2012 của Bộ Chính trị về “Chiến lược phát triển thông tin đối ngoại giai đoạn 2011-2020”; Quyết định số 368/QĐ-TTg, ngày 28/2/2013 của Thủ tướng Chính phủ phê duyệt “Chương trình hành động của Chính phủ về thông tin đối ngoại giai đoạn 2013 - 2020”.</p>"
                            "<p>- Nâng cao chất lượng công tác dự báo, hiệu quả phối hợp giữa các lực lượng tham gia hoạt động thông tin đối ngoại trong công tác đấu tranh phản bác những thông tin sai sự thật, luận điệu xuyên tạc của các thế lực thù địch, các phần tử cơ hội, nhất là xung quanh vấn đề dân tộc, tôn giáo, dân chủ, nhân quyền...</p>"
                            "<p>- Tập trung đổi mới hình thức, nội dung, hiệu quả các thông tin, sản phẩm phục vụ mục đích tuyên truyền đối ngoại, chú trọng tính chính xác, phù hợp với từng nhóm đối tượng cụ thể.</p>"
                        ),
                    ),
                    Section(
                        heading="Nội dung",
                        text=(
                            "<p>- Tuyên truyền các thành tựu toàn diện của công cuộc đổi mới; tuyên truyền đường lối, chủ trương của Đảng, chính sách, pháp luật của Nhà nước trên các lĩnh vực chính trị, kinh tế, văn hóa, xã hội, đối ngoại, quốc phòng, an ninh, xây dựng Đảng, xây dựng hệ thống chính trị vững mạnh; tuyên truyền và cổ vũ thực hiện Hiến pháp nước CHXHCN Việt Nam; tổng kết 30 năm đổi mới, các ngày lễ lớn và kỷ niệm các sự kiện quan trọng của đất nước, của tỉnh; các vấn đề quốc tế và khu vực biên giới liên quan đến địa phận của tỉnh. Tập trung tuyên truyền, giới thiệu quảng bá hình ảnh, miền đất, con người Lai Châu; những nét văn hóa truyền thống; tiềm năng, thế mạnh của tỉnh, qua đó nhằm thu hút đầu tư của các tổ chức, cá nhân, doanh nghiệp trong và ngoài nước, góp phần thúc đẩy kinh tế - xã hội địa phương phát triển.</p>"
                            "<p>- Tăng cường sử dụng các công cụ truyền thông mới, hiện đại phục vụ mục đích thông tin, tuyên truyền đối ngoại. Chú trọng thông tin về những vấn đề trong nước và quốc tế được dư luận quan tâm, nhất là các vấn đề về chủ quyền quốc gia biên giới, lãnh thổ, dân chủ, nhân quyền, tôn giáo...</p>"
                        ),
                    ),
                    Section(
                        heading="Hình thức tuyên truyền",
                        text="<p>Tuyên truyền các nội dung trên qua các hoạt động tuyên truyền miệng của đội ngũ báo cáo viên ở cơ sở, thông qua sinh hoạt chi bộ, họp cơ quan, đơn vị.</p>",
                    ),
                ),
            ),
            Section(heading="TỔ CHỨC THỰC HIỆN", tasks_here=True),
        ),
        tasks=(
            TaskItem(
                "Ban Tuyên giáo Đảng uỷ",
                (
                "Ban Tuyên giáo Đảng uỷ tham mưu cho cấp uỷ hướng dẫn các chi, đảng bộ cơ sở tuyên truyền theo nội dung trên phù hợp với tình hình thực tế của cơ quan, đơn vị."
                ),
                title_inline=True,
            ),
            TaskItem(
                "Đội ngũ báo cáo viên Đảng bộ",
                (
                "Đội ngũ báo cáo viên Đảng bộ đẩy mạnh công tác tuyên truyền miệng công tác đối ngoại năm 2014."
                ),
                title_inline=True,
            ),
            TaskItem(
                "Các chi, đảng bộ cơ sở",
                (
                "Các chi, đảng bộ cơ sở triển khai tuyên truyền và gửi báo cáo về Đảng ủy qua Ban Tuyên giáo Đảng ủy (trước ngày 15/12/2014) để tổng hợp báo cáo cấp trên./."
                ),
                title_inline=True,
            ),
        ),
        signer=Signature(authority="TM", authority_body="BAN THƯỜNG VỤ", title="PHÓ BÍ THƯ",
                          name="Hồ Xuân Lộc"),
        noi_nhan=(
            "Ban Tuyên giáo Tỉnh ủy (b/c)",
            "Các chi, đảng bộ cơ sở",
            "Lưu",
        ),
    ),
)
