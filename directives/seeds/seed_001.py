"""Seed 001: Hướng dẫn 97-HD/BTGTU (06/02/2024) of Ban Tuyên giáo Tỉnh ủy Bắc Giang.

Transcribed from ../shared/seeds/001_ae91674dcfbe727e.txt. The seed has no date line; the date
comes from seed 000, which cites "97-HD/BTGTU ngày 06/02/2024" (``date_source``). Sections II.2.1-2.8 are
numbered "2.1." in the seed, hence ``child_numbering="decimal"`` on their parent. ``corrections`` lists
the typing errors of the seed that the transcription mends (seed wording, transcribed wording)."""

from __future__ import annotations

import datetime as dt

from directives.content import DocumentContent, Letterhead, Section, Signature, TaskItem, paragraphs
from directives.seeds.base import Seed

# Generated once from the seed text and then kept by hand: each paragraph on its own line.
# fmt: off

SEED = Seed(
    file="001_ae91674dcfbe727e.txt",
    issuer_as_written="Ban Tuyên giáo Tỉnh ủy",
    date_as_written=None,
    date_source="000_ee574a7ca55b8a2f.txt",
    corrections=(
        ("lãnh Đảng, Nhà nước", "lãnh đạo Đảng, Nhà nước"),
        ("Ban Thường vụ Tỉnh;", "Ban Thường vụ Tỉnh ủy;"),
        ("bảo tôn, tôn tạo", "bảo tồn, tôn tạo"),
        ("nền triển nên đối ngoại", "nền đối ngoại"),
        ("văn hóa- xã hội", "văn hóa - xã hội"),
        ("chính trị- xã hội", "chính trị - xã hội"),
    ),
    content=DocumentContent(
        doc_type="HD",
        type_name="Hướng dẫn",
        letterhead=Letterhead(regime="party", parent_line="TỈNH ỦY BẮC GIANG", issuer_lines=("BAN TUYÊN GIÁO",)),
        number=97,
        symbol="HD/BTGTU",
        place="Bắc Giang",
        issue_date=dt.date(2024, 2, 6),
        subject="Công tác thông tin đối ngoại năm 2024",
        opening=paragraphs(
            "Thực hiện Hướng dẫn số 132-HD/BTGTW, ngày 29/12/2023 của Ban Tuyên giáo Trung ương về công tác thông tin đối ngoại (TTĐN) năm 2024, Ban Tuyên giáo Tỉnh ủy hướng dẫn công tác thông tin đối ngoại năm 2024 trên địa bàn tỉnh như sau:",
        ),
        body_numbering="roman",
        body=(
            Section(
                heading="MỤC ĐÍCH, YÊU CẦU",
                children=(
                    Section(
                        text=(
                            "<p>Tạo sự thống nhất về nhận thức của cấp ủy, chính quyền các cấp và các tầng lớp nhân dân về vị trí, tầm quan trọng của công tác TTĐN; tiếp tục triển khai hiệu quả Kế hoạch số 101-KH/TU ngày 20/9/2023 của Ban Thường vụ Tỉnh ủy thực hiện Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị về tiếp tục nâng cao chất lượng, hiệu quả công tác thông tin đối ngoại trong tình hình mới; góp phần hoàn thành thắng lợi các mục tiêu phát triển kinh tế - xã hội, hội nhập quốc tế của tỉnh Bắc Giang trong năm 2024.</p>"
                            "<p>Thông qua công tác TTĐN khẳng định tỉnh Bắc Giang nói riêng, Việt Nam nói chung là điểm đến an toàn, hấp dẫn về đầu tư, thương mại, văn hoá, du lịch... Đồng thời, tăng cường đấu tranh phản bác làm thất bại những âm mưu chống phá, vu cáo, bôi xấu hình ảnh tỉnh Bắc Giang và đất nước Việt Nam của các thế lực thù địch, cơ hội chính trị trên mặt trận truyền thông; giảm thiểu những đánh giá, nhận định thiên kiến, thiếu khách quan của một số nước, tổ chức quốc tế về Việt Nam, đặc biệt trong lĩnh vực dân tộc, tôn giáo, dân chủ, nhân quyền.</p>"
                        ),
                    ),
                    Section(
                        text="<p>Công tác TTĐN theo đúng chỉ đạo, định hướng bảo đảm chủ động, kịp thời, đồng bộ, sáng tạo, hiệu quả, bám sát tình hình thực tiễn, đặc biệt là Kế hoạch số 101-KH/TU ngày 20/9/2023 của Ban Thường vụ Tỉnh ủy thực hiện Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị về tiếp tục nâng cao chất lượng, hiệu quả công tác thông tin đối ngoại trong tình hình mới; Kế hoạch số 57-KH/UBND ngày 23/10/2023 về hoạt động thông tin đối ngoại tỉnh Bắc Giang năm 2024.</p>",
                    ),
                ),
            ),
            Section(
                heading="MỘT SỐ NHIỆM VỤ TRỌNG TÂM NĂM 2024",
                children=(
                    Section(
                        heading="Công tác phổ biến, hướng dẫn, đôn đốc, kiểm tra, giám sát việc thực hiện đường lối, chủ trương, quan điểm của Đảng, chính sách pháp luật của Nhà nước về công tác TTĐN và phối hợp trong triển khai thực hiện nhiệm vụ",
                        text=(
                            "<p>- Các cấp ủy đảng, chính quyền, các cơ quan, đơn vị tiếp tục tuyên truyền, phổ biến, nâng cao nhận thức cho cán bộ, đảng viên và các tầng lớp Nhân dân về đường lối, chủ trương, quan điểm của Đảng, chính sách pháp luật của Nhà nước trong lĩnh vực TTĐN được nêu trong văn kiện Đại hội đại biểu toàn quốc lần thứ XIII của Đảng; các chỉ thị, nghị quyết, kết luận của Đảng và văn bản chỉ đạo điều hành, quản lý của Nhà nước; các văn bản của tỉnh về công tác TTĐN[^1]; ý kiến chỉ đạo, kết luận của các đồng chí lãnh đạo Đảng, Nhà nước, nhất là ý kiến chỉ đạo của đồng chí Tổng Bí thư Nguyễn Phú Trọng tại Hội nghị Văn hóa, Hội nghị Đối ngoại toàn quốc triển khai thực hiện Nghị quyết Đại hội XIII của Đảng trong năm 2021, Hội nghị Ngoại giao lần thứ 32 (12/23). Tổ chức phổ biến, nghiên cứu, học tập và chỉ đạo triển khai thực hiện Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị về tiếp tục nâng cao chất lượng, hiệu quả công tác thông tin đối ngoại trong tình hình mới.</p>"
                            "<p>- Các cấp ủy, tổ chức đảng, chính quyền quán triệt, cụ thể hoá nhiệm vụ, giải pháp của Kết luận số 57-KL/TW; Kế hoạch số 101-KH/TU ngày 20/9/2023 của Ban Thường vụ Tỉnh ủy; Kế hoạch số 57-KH/UBND ngày 23/10/2023 về hoạt động thông tin đối ngoại tỉnh Bắc Giang năm 2024; Kế hoạch số 192/KH-UBND ngày 26 tháng 11 năm 2023 của UBND tỉnh thành nội dung lãnh đạo, chỉ đạo và tổ chức thực hiện có hiệu quả các chủ trương của Đảng về công tác thông tin đối ngoại ở địa phương, đơn vị; nâng cao nhận thức, trách nhiệm của người đứng đầu, cán bộ, đảng viên và Nhân dân, nhất là những cơ quan, tổ chức được giao nhiệm vụ làm công tác thông tin đối ngoại; bảo đảm cao nhất lợi ích quốc gia - dân tộc, phù hợp với quan hệ giữa Việt Nam và các nước, Hiến chương Liên hợp quốc, luật pháp quốc tế trong TTĐN; đồng thời tích cực đôn đốc, kiểm tra việc thực hiện công tác TTĐN tại cơ quan, đơn vị, địa phương mình.</p>"
                            "<p>- Các cơ quan chức năng và các địa phương tích cực phối hợp trao đổi, tham mưu, đề xuất trong công tác TTĐN, nhất là đối với những vấn đề được dư luận đặc biệt quan tâm, tăng cường phối hợp, chia sẻ thông tin, chỉ đạo hoạt động TTĐN giữa các tuyến một cách thông suốt, đồng bộ, kịp thời, khoa học trên cơ sở ứng dụng tiến bộ của công nghệ truyền thông hiện đại.</p>"
                        ),
                        footnotes=(
                            "Chỉ thị số 25-CT/TW, ngày 08/8/2018 của Ban Bí thư về đẩy mạnh và nâng tầm đối ngoại đa phương đến năm 2030; Chỉ thị số 32-CT/TW, ngày 18/2/2019 của Bộ Chính trị về tăng cường và nâng cao hiệu quả quan hệ đối ngoại Đảng trong tình hình mới; Kết luận số 85-KL/TW, ngày 19/8/2021 của Ban Bí thư về việc tiếp tục tăng cường tuyên truyền, giới thiệu, tôn vinh Chủ tịch Hồ Chí Minh, anh hùng giải phóng dân tộc, danh nhân văn hóa thế giới với cộng đồng quốc tế; Nghị quyết số 34-NQ/TW ngày 09/01/2023 của Bộ Chính trị về một số định hướng, chủ trương lớn triển khai đường lối đối ngoại Đại hội XIII của Đảng; Kế hoạch số 101-KH/TU ngày 20/9/2023 của Ban Thường vụ Tỉnh ủy thực hiện Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị về tiếp tục nâng cao chất lượng, hiệu quả công tác thông tin đối ngoại trong tình hình mới; Kế hoạch số 57-KH/TU ngày 23/10/2023 về hoạt động thông tin đối ngoại tỉnh Bắc Giang năm 2024; Kế hoạch số 192/KH-UBND ngày 26 tháng 11 năm 2023 của UBND tỉnh về việc triển khai thực hiện Kế hoạch số 101-KH/TU ngày 20/9/2023 của Ban Thường vụ Tỉnh ủy thực hiện Kết luận số 57-KL/TW của Bộ Chính trị về tiếp tục nâng cao chất lượng, hiệu quả công tác thông tin đối ngoại trong tình hình mới...",
                        ),
                    ),
                    Section(
                        heading="Về nội dung",
                        text="<p>Duy trì tính chủ lưu của luồng thông tin tích cực. Kiên trì, thường xuyên thông tin, tuyên truyền về đường lối, chủ trương, quan điểm của Đảng, chính sách pháp luật của Nhà nước trên các lĩnh vực, hình ảnh đất nước, con người, văn hóa tỉnh Bắc Giang nói riêng, Việt Nam nói chung; thành tựu phát triển của đất nước, của tỉnh thời kỳ đổi mới; sự tham gia tích cực, có trách nhiệm và hiệu quả của Việt Nam trong giải quyết các vấn đề quốc tế và khu vực; các vấn đề liên quan đến dân tộc, tôn giáo, bảo vệ chủ quyền biển, đảo, biên giới lãnh thổ, bảo đảm quyền con người. Phản ánh niềm tin của quần chúng Nhân dân vào sự lãnh đạo của Đảng trước những thành tựu phát triển và uy tín, vai trò, vị thế của đất nước ngày một nâng cao trên trường quốc tế; không khí phấn khởi, vui tươi trên cả nước tại những sự kiện chính trị - xã hội, đối ngoại quan trọng trong năm. Thúc đẩy và lan tỏa dư luận tích cực của cộng đồng quốc tế về tỉnh Bắc Giang và Việt Nam. Chú trọng tuyên truyền, TTĐN về những vấn đề sau:</p>",
                        child_numbering="decimal",
                        children=(
                            Section(
                                text="<p>Thông tin toàn diện về đường lối, chủ trương của Đảng, chính sách pháp luật của Nhà nước trên các lĩnh vực, nhất là những lĩnh vực được dư luận quốc tế quan tâm như kinh tế, đối ngoại, an ninh, quốc phòng, văn hóa, du lịch; thành tựu chung của đất nước trong gần 40 năm đổi mới và nửa nhiệm kỳ thực hiện Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng. Trong đó, điểm sáng là kết quả phát triển kinh tế-xã hội và đối ngoại, hội nhập quốc tế; thành tựu trong bảo đảm quyền con người tại Việt Nam và những đóng góp của Việt Nam đối với phát triển quyền con người trên thế giới\".</p>",
                            ),
                            Section(
                                text="<p>Các sự kiện chính trị, văn hóa, xã hội, đối ngoại nổi bật trong năm; các ngày lễ lớn và sự kiện lịch sử quan trọng của Đảng và đất nước, ngày thiết lập quan hệ ngoại giao với các nước, các đối tác của Việt Nam trong năm 2024.</p>",
                            ),
                            Section(
                                text="<p>Tiếp tục đẩy mạnh tuyên truyền, thông tin về giá trị, di sản, tư tưởng Hồ Chí Minh; những bước phát triển mới trong công tác nghiên cứu lý luận, vận dụng sáng tạo chủ nghĩa Mác-Lênin tại Việt Nam của Đảng ta; tư tưởng, quan điểm của Tổng Bí thư Nguyễn Phú Trọng về xây dựng và phát triển đất nước, công tác an ninh, quốc phòng, đối ngoại, xây dựng Đảng được dư luận quốc tế đặc biệt quan tâm\".</p>",
                                footnotes=(
                                    "Được thể hiện qua các cuốn sách đã xuất bản như \"Một số vấn đề lý luận và thực tiễn về chủ nghĩa xã hội và con đường đi lên chủ nghĩa xã hội ở Việt Nam\"; \"Kiên quyết, kiên trì đấu tranh phòng, chống tham nhũng, tiêu cực, góp phần xây dựng Đảng và Nhà nước ta ngày càng trong sạch, vững mạnh\", \"Phát huy truyền thống đại đoàn kết toàn dân tộc, xây dựng đất nước ta ngày càng giàu mạnh, văn minh, hạnh phúc\", \"Một số vấn đề về đường lối quân sự, chiến lược quốc phòng trong sự nghiệp xây dựng và bảo vệ Tổ quốc Việt Nam xã hội chủ nghĩa thời kỳ mới\"; \"Cả nước đồng lòng, tranh thủ mọi thời cơ, vượt qua mọi khó khăn, thách thức, quyết tâm thực hiện thắng lợi Nghị quyết Đại hội XIII của Đảng\": \"Xây dựng và phát triển nền đối ngoại, ngoại giao Việt Nam\"...",
                                ),
                            ),
                            Section(
                                text="<p>Đối với các vấn đề liên quan đến biển, đảo, biên giới lãnh thổ, tiếp tục nêu bật những kết quả đã đạt được của công tác phân giới, cắm mốc, quản lý biên giới trên đất liền; quan điểm, lập trường về việc giải quyết các tranh chấp trên Biển Đông và những đóng góp của Việt Nam để xây dựng Biển Đông thành vùng biển hòa bình, an ninh, ổn định, hợp tác, tôn trọng luật pháp quốc tế; bảo tồn, khai thác, phát triển kinh tế biển bền vững, chống khai thác hải sản bất hợp pháp, không báo cáo, không theo quy định IUU; hợp tác quốc tế phát triển kinh tế biển bền vững. Tuyên truyền rộng rãi, đậm nét nhận thức chung của lãnh đạo cấp cao Đảng, Nhà nước ta với lãnh đạo cấp cao các nước Lào, Trung Quốc, Campuchia về những nội dung liên quan đến Biển Đông, quản lý biên giới trên đất liền\"; tình đoàn kết, gắn bó, kết quả hợp tác tốt đẹp giữa các chính quyền địa phương, lực lượng biên phòng và nhân dân vùng biên giới Việt Nam và các nước Lào, Trung Quốc, Campuchia.</p>",
                            ),
                            Section(
                                text="<p>Xây dựng và hoàn thiện Nhà nước pháp quyền xã hội chủ nghĩa Việt Nam trong giai đoạn mới, với các nội dung như bảo đảm quyền làm chủ của Nhân dân, thượng tôn Hiến pháp và pháp luật, tôn trọng, bảo đảm và bảo vệ quyền con người, quyền công dân; hoàn thiện hệ thống pháp luật, tháo gỡ khó khăn vướng mắc phục vụ yêu cầu phát triển đất nước nhanh và bền vững; phòng chống tham nhũng, tiêu cực...</p>",
                            ),
                            Section(
                                text="<p>Phát triển kinh tế - xã hội, bao gồm kết quả phục hồi, phát triển kinh tế sau đại dịch, nhấn mạnh những thành tựu của tỉnh Bắc Giang, của Việt Nam trong tạo dựng môi trường đầu tư thuận lợi cho các nhà đầu tư nước ngoài, tăng cường hợp tác thương mại, thu hút đầu tư vào các lĩnh vực ưu tiên như kinh tế xanh, kinh tế số, kinh tế tuần hoàn, bảo vệ môi trường, thích ứng với biến đổi khí hậu, đào tạo nguồn nhân lực, khoa học và công nghệ cao...</p>",
                            ),
                            Section(
                                text="<p>Các nội dung về văn hóa, thể thao, du lịch, gồm có: hệ giá trị quốc gia, các giá trị văn hóa tỉnh Bắc Giang, của Việt Nam, giá trị quốc gia - dân tộc, tinh thần dân tộc; tiếp tục đổi mới về nội dung quảng bá du lịch theo hướng chú trọng cung cấp thông tin dựa trên nhu cầu của du khách, các chủ đề liên quan đến du lịch xanh, du lịch thông minh, du lịch số.</p>",
                            ),
                            Section(
                                text="<p>Hoạt động đối ngoại song phương và đa phương trên cả ba kênh Đảng, Nhà nước, Nhân dân, đặc biệt là các hoạt động có sự tham gia của các đồng chí lãnh đạo chủ chốt của Đảng và Nhà nước; các hoạt động kỷ niệm năm tròn, sự kiện lịch sử quan trọng của đất nước, ngày thiết lập quan hệ ngoại giao với các nước, các đối tác của Việt Nam trong năm 2024....</p>",
                            ),
                        ),
                    ),
                    Section(
                        heading="Về phương thức",
                        text=(
                            "<p>- Triển khai toàn diện công tác TTĐN trên cả ba trụ cột: đối ngoại Đảng, ngoại giao Nhà nước và đối ngoại Nhân dân. Tranh thủ tối đa các sự kiện đối ngoại để truyền tải nội dung TTĐN đến lãnh đạo, chính giới, cộng đồng doanh nghiệp, chuyên gia các nước và đối tác; tăng cường sự hiểu biết, tình đoàn kết, hữu nghị với bạn bè quốc tế.</p>"
                            "<p>- Các địa phương, nhất là các địa phương khu vực miền núi, vùng đồng bào dân tộc thiểu số căn cứ đặc điểm tình hình thực tiễn, các nguồn lực hiện có để áp dụng phương thức tuyên truyền, thông tin đối ngoại phù hợp, đảm bảo tính hiệu quả. Tích cực lồng ghép nội dung TTĐN vào các hoạt động chính trị, kinh tế, văn hóa, xã hội... ở địa phương.</p>"
                            "<p>- Tiếp tục đổi mới các tài liệu, ấn phẩm, sản phẩm tuyên truyền, TTĐN đảm bảo hấp dẫn, lôi cuốn về hình thức, dễ đọc, dễ hiểu về nội dung, phù hợp với thói quen, sở thích của các nhóm đối tượng, nhất là giới trẻ và người nước ngoài. Tăng cường hơn nữa áp dụng các phương thức truyền thông mới, ứng dụng khoa học công nghệ, chuyển đổi số trong hoạt động TTĐN.</p>"
                            "<p>- Thúc đẩy hợp tác quốc tế về truyền thông; nỗ lực tranh thủ, vận động nhóm đối tượng người nước ngoài là chính giới, doanh nhân, phóng viên, chuyên gia, học giả, người nổi tiếng, học sinh, sinh viên... thông tin những đánh giá, nhận định tốt đẹp về tỉnh Bắc Giang và đất nước Việt Nam để tăng cường tính khách quan, thuyết phục của thông tin.</p>"
                            "<p>- Nghiên cứu, phát huy những mô hình tốt, cách làm sáng tạo, kinh nghiệm quý trong thực hiện nhiệm vụ tuyên truyền, thông tin đối ngoại; quan tâm, động viên, khuyến khích các tập thể, cá nhân, các đơn vị làm công tác tuyên truyền thông tin đối ngoại.</p>"
                        ),
                    ),
                ),
            ),
            Section(heading="TỔ CHỨC THỰC HIỆN", tasks_here=True),
        ),
        tasks=(
            TaskItem(
                "Sở Thông tin và Truyền thông",
                (
                "Sở Thông tin và Truyền thông đẩy mạnh hoạt động thông tin đối ngoại trên các phương tiện thông tin đại chúng, các cơ quan báo chí của tỉnh, hệ thống đài truyền thanh cơ sở. Phối hợp tổ chức nâng cao chất lượng các buổi họp báo định kỳ và đột xuất để cung cấp kịp thời các thông tin về kết quả phát triển kinh tế, văn hóa - xã hội, an ninh - quốc phòng, các chính sách thu hút đầu tư của tỉnh cho cơ quan báo chí trong nước và nước ngoài, cộng đồng người Bắc Giang ở nước ngoài; thông tin về tình hình quốc tế cho cán bộ, đảng viên và nhân dân trong tỉnh.\n"
                "Phối hợp với các cơ quan chuyên môn tham mưu giúp UBND tỉnh xây dựng và triển khai các nhiệm vụ công tác thông tin đối ngoại năm 2024."
                ),
                title_inline=True,
            ),
            TaskItem(
                "Sở Văn hóa - Thể thao và Du lịch",
                (
                "Sở Văn hóa - Thể thao và Du lịch tham mưu xây dựng các chương trình, kế hoạch cụ thể về phát triển du lịch; gìn giữ và phát huy các loại hình nghệ thuật truyền thống của tỉnh như: Quan họ, Chèo, Ca trù, dân ca các dân tộc thiểu số; bảo tồn, tôn tạo và phát huy giá trị của Mộc bản kinh Chùa Vĩnh Nghiêm, khu di tích khởi nghĩa Yên Thế, An Toàn Khu II và các di tích lịch sử cách mạng khác; khu du lịch tâm linh Tây Yên Tử... từ đó phối hợp với các cơ quan chức năng tham mưu các hình thức giới thiệu, quảng bá đến bạn bè trong nước và nước ngoài."
                ),
                title_inline=True,
            ),
            TaskItem(
                "Sở Ngoại vụ",
                (
                "Sở Ngoại vụ phối hợp với các cơ quan liên quan tăng cường tập huấn nghiệp vụ đối ngoại và công tác thông tin đối ngoại; nâng cao nhận thức về vai trò của công tác thông tin đối ngoại đối với sự phát triển kinh tế - xã hội, thu hút đầu tư và thúc đẩy du lịch trong tỉnh. Thường xuyên phối hợp với các đơn vị của các bộ, ngành chuyên môn ở Trung ương về công tác đối ngoại và thông tin đối ngoại, với các sở, ban, ngành liên quan trong việc cung cấp, chia sẻ thông tin, thực hiện chế độ báo cáo định kỳ, góp phần tích cực trong công tác chỉ đạo định hướng thông tin đối ngoại đảm bảo kịp thời, thống nhất, đồng bộ, nhất là đối với những vấn đề quan trọng, nhạy cảm được dư luận quan tâm."
                ),
                title_inline=True,
            ),
            TaskItem(
                "Báo Bắc Giang, Đài Phát thanh - Truyền hình, Hội Văn học - Nghệ thuật, Hội Nhà báo tỉnh",
                (
                "- Chủ động triển khai thực hiện tốt các nhiệm vụ thông tin đối ngoại trong năm 2024. Tiếp tục đổi mới phương thức hoạt động thông tin đối ngoại, tăng cường trao đổi học hỏi kinh nghiệm các báo lớn, có uy tín ở trong nước và nước ngoài. Ưu tiên mở rộng, nâng cấp, phát triển các kênh tiếng nước ngoài như Tiếng Anh, Trung Quốc,... Nâng cao chất lượng, tính thuyết phục của tuyến tin, bài đấu tranh phản bác các thông tin sai lệch, xuyên tạc; chú trọng thông tin, tuyên truyền đối ngoại trong các lĩnh vực thu hút đầu tư, quảng bá tiềm năng, thế mạnh của tỉnh, vấn đề biên giới, biển, đảo; tôn giáo, dân tộc, dân chủ, nhân quyền.\n"
                "- Làm tốt công tác bồi dưỡng cho đội ngũ phóng viên, biên tập viên, phát thanh viên, nâng cao nhận thức, bản lĩnh chính trị, trình độ chuyên môn, hiểu biết xã hội; làm chủ khoa học, công nghệ, nhạy bén, sẵn sàng khắc phục mọi khó khăn để hoàn thành tốt nhiệm vụ của người làm báo chí đối ngoại.\n"
                "- Phối hợp tổ chức tốt các hoạt động giúp đội ngũ phóng viên, hội viên tích cực tham gia Giải báo chí về công tác thông tin đối ngoại."
                ),
            ),
            TaskItem(
                "Ban Tuyên giáo các huyện ủy, thành ủy, thị ủy, đảng ủy trực thuộc; ban tuyên giáo MTTQ và các tổ chức chính trị - xã hội tỉnh",
                (
                "- Phối hợp chặt chẽ với các cơ quan chức năng tham mưu giúp cấp ủy, thủ trưởng xây dựng kế hoạch và triển khai các nhiệm vụ thông tin đối ngoại của địa phương, đơn vị theo Hướng dẫn gắn với việc thực hiện nhiệm vụ chính trị của cơ quan, địa phương, đơn vị đảm bảo thiết thực, hiệu quả.\n"
                "- Phối hợp chặt chẽ các sở, ban, ngành trong các chương trình quảng bá, xúc tiến thương mại, du lịch, đầu tư ở trong tỉnh, trong nước và nước ngoài; thường xuyên quan tâm, hỗ trợ trong việc kết nối thông tin với các cơ quan đại diện ngoại giao của Việt Nam ở nước ngoài và các cơ quan đại diện ngoại giao nước ngoài tại Việt Nam; tăng cường các hoạt động quảng bá, giới thiệu hình ảnh, văn hóa, tiềm năng và các chính sách ưu đãi của địa phương tới bạn bè quốc tế.\n"
                "- Tăng cường tham mưu kiểm tra, đôn đốc, đánh giá việc thực hiện các hoạt động thông tin đối ngoại; kịp thời tham mưu hình thức động viên, khen thưởng, khuyến khích các tập thể, cá nhân có thành tích xuất sắc trong công tác thông tin đối ngoại ở địa phương, đơn vị mình."
                ),
            ),
        ),
        closing=paragraphs(
            "Ngoài những nội dung chủ yếu trên, các địa phương, đơn vị căn cứ vào tình hình, đặc điểm của tỉnh và điều kiện cụ thể của từng địa phương, đơn vị, xác định rõ nội dung và hình thức tuyên truyền cho phù hợp, đạt hiệu quả thiết thực; định kỳ báo cáo kết quả thực hiện về Ban Tuyên giáo Tỉnh ủy trong báo cáo công tác tháng, quý để Ban tổng hợp báo cáo Thường trực Tỉnh ủy và Ban Tuyên giáo Trung ương; Ban Chỉ đạo công tác thông tin đối ngoại Trung ương./.",
        ),
        signer=Signature(authority="KT", authority_body="TRƯỞNG BAN", title="PHÓ TRƯỞNG BAN",
                          name="Nguyễn Văn Hạnh"),
        noi_nhan=(
            "Ban Tuyên giáo Trung ương (B/c)",
            "Vụ TTĐN và Hợp tác quốc tế BTGTW (B/c)",
            "Thường trực Tỉnh ủy (B/c)",
            "Ban Cán sự Đảng UBND tỉnh",
            "Sở TT & TT, Sở VH TT & DL, Sở Ngoại vụ",
            "Báo Bắc Giang, Đài PT & TH",
            "Hội Nhà báo tỉnh, Hội VHNT tỉnh",
            "MTTQ và các tổ chức chính trị - xã hội tỉnh",
            "Ban Tuyên giáo các huyện ủy, thành ủy, thị ủy, đảng ủy trực thuộc Tỉnh ủy",
            "Lãnh đạo Ban",
            "Phòng Tuyên truyền",
            "Lưu Ban Tuyên giáo Tỉnh ủy",
        ),
    ),
)
