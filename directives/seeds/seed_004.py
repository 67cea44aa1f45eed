"""Seed 004: Kế hoạch 84-KH/BCĐTTĐN (29/01/2024) of the Hưng Yên steering committee for external
information work (Ban Chỉ đạo công tác thông tin đối ngoại tỉnh).

Transcribed from ../shared/seeds/004_1665b853a9b0f110.txt. Symbols in the text are written as the seed
writes them, spaced ("42 - QĐ/BCĐTTĐN") or not ("34-NQ/TW"); the number line is the format's. The 14
task blocks of "III- TỔ CHỨC THỰC HIỆN" are one per member unit of the steering committee, ``title`` the
block heading as written, ``text`` its dash items, one per line. ``corrections`` lists the mended
slips."""

from __future__ import annotations

import datetime as dt

from directives.content import DocumentContent, Letterhead, Section, Signature, TaskItem, paragraphs
from directives.seeds.base import Seed

# Generated once from the seed text and then kept by hand: each paragraph on its own line.
# fmt: off

SEED = Seed(
    file="004_1665b853a9b0f110.txt",
    issuer_as_written="BAN CHỈ ĐẠO CÔNG TÁC THÔNG TIN ĐỐI NGOẠI",
    date_as_written="Hưng Yên, ngày 29 tháng 01 năm 2024",
    date_source=None,
    corrections=(
        ("BCD tỉnh", "BCĐ tỉnh"),
        ("đối ngoại tình năm 2024", "đối ngoại tỉnh năm 2024"),
        ("đối ngoại tình yêu cầu", "đối ngoại tỉnh yêu cầu"),
        ("đối ngoại tình (qua", "đối ngoại tỉnh (qua"),
        ("(<http://www.vietnam.vn>)", "(http://www.vietnam.vn)"),
        ("Hung Yên", "Hưng Yên"),
        ("BCD CTTĐTNTW", "BCĐ CTTĐTNTW"),
        ("BCDCTTĐTNTW", "BCĐCTTĐTNTW"),
        ("Lưu BCD", "Lưu BCĐ"),
    ),
    content=DocumentContent(
        doc_type="KH",
        type_name="Kế hoạch",
        letterhead=Letterhead(regime="party", parent_line="TỈNH ỦY HƯNG YÊN", issuer_lines=("BAN CHỈ ĐẠO CÔNG TÁC", "THÔNG TIN ĐỐI NGOẠI")),
        number=84,
        symbol="KH/BCĐTTĐN",
        place="Hưng Yên",
        issue_date=dt.date(2024, 1, 29),
        subject="Hoạt động thông tin đối ngoại tỉnh Hưng Yên năm 2024",
        opening=paragraphs(
            "Căn cứ Quyết định số 42 - QĐ/BCĐTTĐN ngày 17/02/2017 của Ban Chỉ đạo Công tác thông tin đối ngoại tỉnh Hưng Yên về việc ban hành Quy chế hoạt động của Ban Chỉ đạo công tác thông tin đối ngoại tỉnh; Hướng dẫn số 132 - HD/BTGTW ngày 29/12/2023 của Ban Tuyên giáo Trung ương về hướng dẫn công tác thông tin đối ngoại năm 2024; Ban Chỉ đạo công tác thông tin đối ngoại tỉnh (sau đây gọi tắt là BCĐ tỉnh) xây dựng Kế hoạch hoạt động thông tin đối ngoại tỉnh Hưng Yên năm 2024 như sau:",
        ),
        body_numbering="roman",
        body=(
            Section(
                heading="MỤC ĐÍCH, YÊU CẦU",
                children=(
                    Section(
                        heading="Mục đích",
                        text=(
                            "<p>- Phát huy những kết quả trong hoạt động công tác thông tin đối ngoại của tỉnh đã đạt được trong năm 2023, khắc phục vấn đề còn tồn tại, hoàn thành tốt nhiệm vụ thông tin đối ngoại năm 2024. Tiếp tục thực hiện tốt các văn bản chỉ đạo của Trung ương và của tỉnh về công tác thông tin đối ngoại, đặc biệt là triển khai hiệu quả Kết luận số 57 - KL/TW ngày 15/6/2023 của Bộ Chính trị về tiếp tục nâng cao chất lượng, hiệu quả công tác thông tin đối ngoại trong tình hình mới, Kế hoạch số 211 - KH/TU ngày 25/7/2023 của Ban Thường vụ Tỉnh ủy triển khai thực hiện Kết luận số 57 - KL/TW của Bộ Chính trị, góp phần nâng cao nhận thức của các cấp ủy, tổ chức đảng, chính quyền, các tổ chức đoàn thể, cán bộ, đảng viên và nhân dân trong tỉnh về công tác thông tin đối ngoại nhằm phát huy sức mạnh tổng hợp của cả hệ thống chính trị, duy trì môi trường hòa bình, ổn định, thu hút tối đa các nguồn lực thúc đẩy hoạt động đầu tư, hợp tác, phát triển kinh tế - xã hội của tỉnh và của đất nước, góp phần nâng cao vai trò, vị thế của tỉnh; bảo vệ vững chắc chủ quyền và toàn vẹn lãnh thổ của Tổ quốc.</p>"
                            "<p>- Tiếp tục đổi mới, nâng cao hiệu quả công tác thông tin, tuyên truyền đối ngoại; đẩy mạnh thông tin quảng bá hình ảnh đất nước và của tỉnh, các chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước và những thành tựu phát triển kinh tế - xã hội của tỉnh; giúp cộng đồng người Việt Nam nói chung, người Hưng Yên nói riêng ở nước ngoài, bạn bè quốc tế hiểu đúng và đầy đủ về tình hình của đất nước và của tỉnh; tăng cường quan hệ đối ngoại của tỉnh với các địa phương, các nước trong khu vực và trên thế giới; đảm bảo phương châm “<em>chủ động, đồng bộ, kịp thời, sáng tạo, hiệu quả</em>”.</p>"
                            "<p>- Tăng cường sự lãnh đạo, chỉ đạo, điều hành đảm bảo thường xuyên và thống nhất giữa Tỉnh ủy, Ủy ban nhân dân tỉnh; sự phối hợp giữa các sở, ngành tỉnh trong công tác quản lý nhà nước về thông tin đối ngoại; giữa các ngành thành viên Ban Chỉ đạo tỉnh trong việc thực hiện nhiệm vụ thông tin đối ngoại năm 2024.</p>"
                            "<p>- Đấu tranh tích cực và hiệu quả với những âm mưu, luận điệu xuyên tạc của các thế lực cơ hội, thù địch; đặc biệt liên quan đến các vấn đề chủ quyền biển, đảo, biên giới, lãnh thổ, tôn giáo, dân tộc, dân chủ, nhân quyền; tạo sự đồng thuận trong xã hội, góp phần ổn định dư luận, bảo vệ vững chắc nền tảng tư tưởng của Đảng, tăng cường khối đại đoàn kết toàn dân tộc, thực hiện thắng lợi nghị quyết Đại hội Đảng toàn quốc lần thứ XIII, nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIX và nghị quyết đại hội đảng bộ các cấp nhiệm kỳ 2020 - 2025; các nhiệm vụ chính trị, kinh tế, văn hóa, xã hội, quốc phòng, an ninh của tỉnh và đất nước trong năm 2024, tạo không khí phấn khởi để tổ chức thành công đại hội đảng bộ các cấp nhiệm kỳ 2025 - 2030, tiến tới Đại hội đại biểu Đảng bộ tỉnh Hưng Yên lần thứ XX, Đại hội đại biểu toàn quốc lần thứ XIV của Đảng.</p>"
                        ),
                    ),
                    Section(
                        heading="Yêu cầu",
                        text=(
                            "<p>- Việc thực hiện công tác thông tin đối ngoại cần theo đúng chỉ đạo, định hướng của Ban Chỉ đạo Công tác thông tin đối ngoại Trung ương, BCĐ tỉnh, đồng thời được triển khai phù hợp với đặc điểm, tình hình của các địa phương, cơ quan, đơn vị. Chú trọng tính sáng tạo, lấy đổi mới để tạo đột phá nâng cao chất lượng, hiệu quả triển khai các hoạt động công tác thông tin đối ngoại, trên cơ sở bám sát các nội dung của Kết luận số 57 - KL/TW ngày 15/6/2023 của Bộ Chính trị về tiếp tục nâng cao chất lượng, hiệu quả công tác thông tin đối ngoại trong tình hình mới, Kế hoạch số 211 - KH/TU ngày 25/7/2023 của Ban Thường vụ Tỉnh ủy triển khai thực hiện Kết luận số 57 - KL/TW của Bộ Chính trị.</p>"
                            "<p>- Bảo đảm sự thống nhất trong công tác chỉ đạo, định hướng tuyên truyền; sự phối hợp đồng bộ, hiệu quả giữa tỉnh Hưng Yên với các ban, bộ, ngành Trung ương, các địa phương nước ngoài; giữa các địa phương, cơ quan, đơn vị trong tỉnh trong các hoạt động thông tin, tuyên truyền đối ngoại, bảo đảm sự gắn kết chặt chẽ giữa thông tin đối ngoại và thông tin đối nội.</p>"
                            "<p>- Hoạt động thông tin đối ngoại trên địa bàn tỉnh cần phải bảo đảm tính chủ động, kịp thời, đồng bộ, sáng tạo, hiệu quả, bám sát tình hình thực tiễn trong tỉnh, trong nước và nước ngoài; phản ánh sinh động tinh thần và việc triển khai thực hiện chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước về công tác thông tin đối ngoại và kế hoạch phát triển kinh tế - xã hội của tỉnh năm 2024.</p>"
                            "<p>- Phát huy sức mạnh tổng hợp của cả hệ thống chính trị, vai trò của các ngành thành viên Ban Chỉ đạo tỉnh, nhất là trước các sự kiện chính trị - xã hội quan trọng của đất nước, của tỉnh, các hoạt động đối ngoại với sự tham gia của Lãnh đạo Đảng và Nhà nước, lãnh đạo tỉnh.</p>"
                        ),
                    ),
                ),
            ),
            Section(
                heading="NỘI DUNG THỰC HIỆN",
                children=(
                    Section(
                        text="<p>Các cấp ủy đảng, chính quyền, các cơ quan, đơn vị, đặc biệt là các ngành thành viên BCĐ tỉnh tiếp tục nghiên cứu, học tập, quán triệt đường lối, chủ trương, quan điểm, chính sách của Đảng và Nhà nước về lĩnh vực Thông tin đối ngoại được nêu trong văn kiện Đại hội đại biểu toàn quốc lần thứ XIII của Đảng, các chỉ thị, nghị quyết, kết luận của Đảng và văn bản chỉ đạo, điều hành, quản lý của Nhà nước của Trung ương và của tỉnh[^1]; ý kiến chỉ đạo, kết luận của các đồng chí lãnh đạo Đảng, Nhà nước, nhất là ý kiến chỉ đạo của đồng chí Tổng Bí thư Nguyễn Phú Trọng tại Hội nghị Văn hoá, Hội nghị Đối ngoại toàn quốc triển khai thực hiện Nghị quyết Đại hội XIII của Đảng trong năm 2021, Hội nghị Ngoại giao lần thứ 32 (tháng 12/2023).</p>",
                        footnotes=(
                            "Chỉ thị số 25-CT/TW, ngày 08/8/2018 của Ban Bí thư về đẩy mạnh và nâng tầm đối ngoại đa phương đến năm 2030; Chỉ thị số 32-CT/TW, ngày 18/02/2019 của Bộ Chính trị về tăng cường và nâng cao hiệu quả quan hệ đối ngoại Đảng trong tình hình mới; Kết luận số 12-KL/TW ngày 12/8/2021 của Bộ Chính trị về công tác người Việt Nam ở nước ngoài trong tình hình mới; Kết luận số 85-KL/TW ngày 19/8/2021 của Ban Bí thư về việc tiếp tục tăng cường tuyên truyền, giới thiệu, tôn vinh Chủ tịch Hồ Chí Minh, anh hùng giải phóng dân tộc, danh nhân văn hóa thế giới với cộng đồng quốc tế; Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị về tiếp tục nâng cao chất lượng, hiệu quả công tác thông tin đối ngoại trong tình hình mới; Nghị quyết số 34-NQ/TW ngày 09/01/2023 của Bộ Chính trị về một số định hướng, chủ trương lớn triển khai đường lối đối ngoại Đại hội XIII của Đảng; Quyết định số 362/QĐ-TTg, ngày 03/4/2019 của Thủ tướng Chính phủ về Quy hoạch phát triển và quản lý báo chí toàn quốc đến năm 2025; Quyết định số 2013/QĐ-TTg ngày 30/11/2021 của Thủ tướng Chính phủ về phê duyệt chiến lược ngoại giao văn hóa đến năm 2023; Kế hoạch số 211 - KH/TU ngày 25/7/2023 của Ban Thường vụ Tỉnh uỷ triển khai thực hiện Kết luận số 57 - KL/TW của Bộ Chính trị; Chương trình hành động số 39 - CTr/TU ngày 28/8/2023 của Ban Thường vụ Tỉnh uỷ thực hiện Nghị quyết số 34 - NQ/TW ngày 09/01/2023 của Bộ Chính trị;...",
                        ),
                    ),
                    Section(
                        text="<p>Tuyên truyền đối ngoại các hoạt động nổi bật, các sự kiện chính trị quan trọng của tỉnh, của đất nước, trọng tâm tuyên truyền nghị quyết Đại hội Đảng toàn quốc lần thứ XIII, nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIX và nghị quyết đại hội đảng bộ các cấp nhiệm kỳ 2020 - 2025; các ngày lễ, ngày kỷ niệm lớn của đất nước, của tỉnh theo Kế hoạch 254 - KH/TU ngày 08/01/2024 của Ban Thường vụ Tỉnh uỷ.</p>",
                    ),
                    Section(
                        text="<p>Tuyên truyền, quảng bá hình ảnh của tỉnh, truyền thống lịch sử và văn hóa, những thành tựu phát triển kinh tế - xã hội, nhất là những kết quả phát triển kinh tế - xã hội của tỉnh trong năm 2024 nói riêng và nửa nhiệm kỳ thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIX; những tiềm năng, thế mạnh, công tác xúc tiến thương mại, xúc tiến đầu tư của tỉnh... nhằm thu hút sự quan tâm của các nhà đầu tư, bạn bè trong và ngoài nước, kiều bào người Hưng Yên ở nước ngoài tích cực tham gia, đóng góp xây dựng quê hương, đất nước.</p>",
                    ),
                    Section(
                        text="<p>Đẩy mạnh hợp tác và triển khai có hiệu quả các hoạt động đối ngoại, công tác thông tin đối ngoại của tỉnh; tăng cường mở rộng, thiết lập quan hệ với các quốc gia, vùng lãnh thổ hoặc các tỉnh, thành phố của các quốc gia, vùng lãnh thổ trên thế giới nhằm giao lưu văn hóa, hợp tác phát triển kinh tế, văn hóa, xã hội.</p>",
                    ),
                    Section(
                        text="<p>Đổi mới, đa dạng hóa các hình thức xúc tiến, thu hút đầu tư vào các khu, cụm công nghiệp của tỉnh; chủ động, tích cực mời gọi, hỗ trợ, tư vấn, cung cấp kịp thời, đầy đủ thông tin liên quan đến chính sách ưu đãi cho các doanh nghiệp trong việc tìm hiểu môi trường đầu tư tại tỉnh; tăng cường đối thoại với doanh nghiệp.</p>",
                    ),
                    Section(
                        text="<p>Triển khai toàn diện công tác thông tin đối ngoại trên cả ba trụ cột: đối ngoại Đảng, ngoại giao Nhà nước và đối ngoại Nhân dân. Tranh thủ tối đa các sự kiện đối ngoại, giao lưu hợp tác để truyền tải nội dung thông tin đối ngoại; tăng cường sự hiểu biết, làm sâu sắc hơn tình đoàn kết và mối quan hệ hợp tác giữa tỉnh Hưng Yên với các tỉnh bạn cả ở trong và ngoài nước.</p>",
                    ),
                    Section(
                        text="<p>Tiếp tục đổi mới phương thức tuyên truyền, thông tin đối ngoại theo hướng hiện đại, bắt nhịp xu hướng truyền thông; tăng cường hơn nữa việc ứng dụng khoa học công nghệ, chuyển đổi số trong hoạt động thông tin đối ngoại. Tích cực xây dựng các tài liệu, ấn phẩm, sản phẩm tuyên truyền, thông tin đối ngoại bằng nhiều thứ tiếng, quảng bá hình ảnh của tỉnh theo hướng đa ngôn ngữ (tiếng Anh, tiếng Trung, tiếng Nhật, tiếng Pháp,...), đa kênh (Báo, tạp chí, kênh phát thanh, truyền hình đối ngoại quốc gia, trên mạng xã hội...) với phương châm hấp dẫn, lôi cuốn về hình thức, dễ đọc, dễ hiểu về nội dung, phù hợp với thói quen, sở thích của các nhóm đối tượng. Nghiên cứu, lồng ghép nội dung thông tin đối ngoại vào các hoạt động ở các lĩnh vực khác nhau của đời sống xã hội nhằm đưa thông tin tới đông đảo các tầng lớp nhân dân, nhất là thế hệ trẻ.</p>",
                    ),
                    Section(
                        text="<p>Tăng cường quản lý và cung cấp thông tin cho báo chí về các vấn đề có liên quan đến tỉnh được dư luận trong và ngoài nước quan tâm, giải thích làm rõ những sai lệch gây ảnh hưởng xấu đến uy tín, hình ảnh của tỉnh.</p>",
                    ),
                    Section(
                        text="<p>Đẩy mạnh tuyên truyền đấu tranh phản bác các thông tin sai trái, luận điệu xuyên tạc của các thế lực thù địch, cơ hội chính trị nhằm chống phá sự nghiệp xây dựng và bảo vệ Tổ quốc, chia rẽ khối đại đoàn kết dân tộc, nhất là trong vấn đề biên giới, lãnh thổ quốc gia, vấn đề biển đảo, tôn giáo, dân tộc, dân chủ, nhân quyền.</p>",
                    ),
                    Section(
                        text="<p>Tổ chức các lớp bồi dưỡng, tập huấn nâng cao kiến thức, kỹ năng, nghiệp vụ công tác thông tin đối ngoại, chính sách đối ngoại và hội nhập quốc tế; tăng cường khả năng ứng dụng khoa học công nghệ, các phương thức truyền thông mới trên nền tảng internet, mạng xã hội... góp phần nâng cao chất lượng nguồn nhân lực làm công tác thông tin đối ngoại trên địa bàn tỉnh.</p>",
                    ),
                ),
            ),
            Section(heading="TỔ CHỨC THỰC HIỆN", tasks_here=True),
            Section(
                heading="KINH PHÍ THỰC HIỆN",
                text="<p>Dựa trên nguồn ngân sách đảm bảo cho các hoạt động thông tin đối ngoại tỉnh năm 2024 theo phân cấp ngân sách hiện hành.</p>",
            ),
        ),
        tasks=(
            TaskItem(
                "Ban Tuyên giáo Tỉnh ủy",
                (
                "- Tham mưu giúp Ban Chỉ đạo Công tác Thông tin đối ngoại tỉnh xây dựng Kế hoạch hoạt động thông tin đối ngoại tỉnh Hưng Yên năm 2024.\n"
                "- Chủ trì tổ chức các hội nghị báo cáo viên cấp tỉnh có nội dung thông tin, tuyên truyền đối ngoại như: tình hình thời sự; biển đảo, biên giới; tình hình phát triển kinh tế - xã hội và hoạt động thông tin đối ngoại quan trọng của tỉnh, của đất nước. Tập trung tuyên truyền nghị quyết Đại hội Đảng toàn quốc lần thứ XIII, nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIX và nghị quyết đại hội đảng bộ các cấp nhiệm kỳ 2020 - 2025; các ngày lễ, ngày kỷ niệm lớn của đất nước, của tỉnh theo Kế hoạch 254 - KH/TU ngày 08/01/2024 của Ban Thường vụ Tỉnh ủy...\n"
                "- Tăng cường thông tin, tuyên truyền, quảng bá về đất và người Hưng Yên, về truyền thống văn hóa - lịch sử, tiềm năng, thế mạnh phát triển kinh tế - xã hội của tỉnh, của đất nước trên Bản tin Thông báo nội bộ và Cổng thông tin điện tử Đảng bộ tỉnh Hưng Yên.\n"
                "- Đẩy mạnh hoạt động của đội ngũ cộng tác viên dư luận xã hội các cấp; chủ động nắm tình hình tư tưởng, tâm trạng của cán bộ, đảng viên và nhân dân trước những vấn đề nhạy cảm, phức tạp, mới phát sinh trên địa bàn tỉnh để kịp thời tham mưu, đề xuất cho tỉnh biện pháp giải quyết phù hợp, tạo môi trường hài hòa, ổn định cho phát triển.\n"
                "- Định hướng nội dung thông tin, tuyên truyền với các cơ quan báo chí tại Hội nghị giao ban báo chí hàng quý; chú trọng các nhiệm vụ tuyên truyền, quảng bá, nâng cao vai trò, vị thế của tỉnh nhằm thu hút đầu tư, thương mại, hợp tác, du lịch đảm bảo phối hợp chặt chẽ giữa thông tin đối nội và đối ngoại, phát huy vai trò của các cơ quan báo chí trong công tác thông tin đối ngoại.\n"
                "- Tiếp tục tham mưu Ban Thường vụ Tỉnh ủy chỉ đạo Ban Chỉ đạo 35 Tỉnh ủy thực hiện tốt nhiệm vụ đấu tranh chống âm mưu “diễn biến hòa bình” trên lĩnh vực tư tưởng - văn hóa, phản bác những luận điệu sai trái, xuyên tạc của các thế lực thù địch, cơ hội, đặc biệt là trong vấn đề biên giới, lãnh thổ quốc gia, vấn đề biển đảo, tôn giáo, dân tộc, dân chủ, nhân quyền.\n"
                "- Chủ trì, theo dõi, đôn đốc việc triển khai thực hiện kế hoạch hoạt động thông tin đối ngoại năm 2024 của các ngành thành viên; tổng hợp kết quả công tác thông tin đối ngoại của BCĐ tỉnh báo cáo Ban Thường vụ Tỉnh ủy và Ban Chỉ đạo Công tác thông tin đối ngoại Trung ương (định kỳ 6 tháng, 1 năm và đột xuất).\n"
                "- Dự trù kinh phí và hoạt động của Ban Chỉ đạo Công tác thông tin đối ngoại tỉnh năm 2025."
                ),
            ),
            TaskItem(
                "Văn phòng Tỉnh ủy",
                (
                "- Hướng dẫn lập dự toán ngân sách cho hoạt động của Ban Chỉ đạo Công tác thông tin đối ngoại tỉnh năm 2025.\n"
                "- Phối hợp với Ban Tuyên giáo Tỉnh ủy và các cơ quan, đơn vị có liên quan cung cấp thông tin cho các cơ quan thông tấn, báo chí trong và ngoài nước về tình hình phát triển kinh tế - xã hội của tỉnh; các chính sách thu hút đầu tư, thương mại, hợp tác du lịch tại tỉnh.\n"
                "- Chủ trì, phối hợp với các ngành thành viên Ban Chỉ đạo tỉnh, các cơ quan, đơn vị liên quan thực hiện tốt hoạt động đón tiếp các Đoàn công tác của các cơ quan, tổ chức, các địa phương, doanh nghiệp trong và ngoài nước đến thăm và làm việc tại tỉnh."
                ),
            ),
            TaskItem(
                "Văn phòng UBND tỉnh",
                (
                "- Tiếp tục tham mưu UBND tỉnh chỉ đạo các cơ quan, đơn vị trên địa bàn tỉnh đẩy mạnh hơn nữa việc quán triệt các Chỉ thị, Nghị quyết của Trung ương và của tỉnh về hội nhập quốc tế.\n"
                "- Tham mưu UBND tỉnh chỉ đạo triển khai Kế hoạch hoạt động đối ngoại năm 2024 trên địa bàn tỉnh\n"
                "- Tham mưu xây dựng và phối hợp triển khai các chương trình, hoạt động đối ngoại năm 2024 của các đồng chí lãnh đạo tỉnh; các hoạt động xúc tiến đầu tư thương mại; gặp gỡ và đối thoại với các doanh nghiệp, doanh nhân, đối tác nước ngoài của lãnh đạo tỉnh, lãnh đạo Văn phòng UBND tỉnh.\n"
                "- Tăng cường phối hợp với Bộ Ngoại giao, các bộ, ngành liên quan, cơ quan đại diện ngoại giao Việt Nam ở nước ngoài trong việc trao đổi thông tin phục vụ công tác tuyên truyền, quảng bá về tỉnh; đẩy mạnh hơn nữa các hoạt động xúc tiến đầu tư thông qua các cơ quan đại diện ngoại giao, các cơ quan trung ương quản lý về đầu tư, các tổ chức xúc tiến thương mại của các nước tại Việt Nam và qua các kênh doanh nghiệp nước ngoài hoạt động trên địa bàn tỉnh.\n"
                "- Tăng cường nội dung thông tin trên Cổng thông tin điện tử của Ủy ban nhân dân tỉnh để phục vụ công tác thông tin đối ngoại của tỉnh.\n"
                "- Phối hợp với các cơ quan, đơn vị liên quan trong việc quản lý, hướng dẫn, cung cấp thông tin về tình hình kinh tế - xã hội, chính sách thu hút đầu tư của tỉnh cho các đoàn phóng viên, báo chí nước ngoài đến hoạt động trên địa bàn tỉnh.\n"
                "- Tham mưu UBND tỉnh tăng cường thiết lập, mở rộng quan hệ hợp tác quốc tế với các quốc gia, vùng lãnh thổ, các tỉnh, thành phố của các quốc gia, vùng lãnh thổ trên thế giới nhằm giao lưu văn hóa, hợp tác kinh tế, trao đổi thông tin về tình hình kinh tế - xã hội, tiềm năng phát triển của tỉnh, góp phần thu hút các nguồn lực phục vụ cho sự phát triển của tỉnh."
                ),
            ),
            TaskItem(
                "Sở Thông tin và Truyền thông",
                (
                "- Tham mưu UBND tỉnh ban hành các văn bản chỉ đạo, hướng dẫn và tổ chức triển khai thực hiện các văn bản của Trung ương, của tỉnh về công tác thông tin đối ngoại.\n"
                "- Phối hợp với các ngành thành viên Ban Chỉ đạo tỉnh, các cơ quan, đơn vị liên quan triển khai thực hiện các nhiệm vụ công tác thông tin đối ngoại năm 2024 của tỉnh.\n"
                "- Duy trì, cập nhật thông tin tuyên truyền về hoạt động đối ngoại, thành tựu phát triển kinh tế - xã hội; tiềm năng, thế mạnh của tỉnh; về chủ quyền biển, đảo, biên giới, lãnh thổ quốc gia, dân tộc, tôn giáo, dân chủ, nhân quyền; tuyên truyền các sự kiện quan trọng của ASEAN... trên Trang thông tin điện tử Đối ngoại Hưng Yên.\n"
                "- Đẩy mạnh công tác truyền thông quảng bá về tỉnh theo cách làm mới, tận dụng lợi thế của các phương tiện truyền thông trên internet, phương tiện thông tin đại chúng (các sản phẩm báo chí, truyền thông đa phương tiện, đa ngôn ngữ của các báo, tạp chí, kênh phát thanh, truyền hình đối ngoại quốc gia...) để kết nối, chia sẻ, quảng bá hình ảnh về vùng đất, con người, các tiềm năng thế mạnh, các thành tựu về mọi mặt của tỉnh Hưng Yên ra toàn quốc và nước ngoài. Làm đầu mối phối hợp với các cơ quan, đơn vị liên quan sản xuất clip; cung cấp tin, bài, tư liệu, hình ảnh quảng bá về tỉnh ra nước ngoài trên Cổng thông tin điện tử đối ngoại (http://www.vietnam.vn) của Bộ Thông tin và Truyền thông và Trang doingoaihungyen.vn.\n"
                "- Theo dõi, tổng hợp dư luận báo chí phản ánh về tỉnh, kịp thời báo cáo lãnh đạo tỉnh để chỉ đạo, triển khai kịp thời các biện pháp thông tin, tuyên truyền, giải thích làm rõ các thông tin sai lệch ảnh hưởng đến uy tín, hình ảnh của tỉnh.\n"
                "- Phối hợp với Văn phòng Ủy ban nhân dân tỉnh quản lý, hướng dẫn các đoàn phóng viên, báo chí nước ngoài đến hoạt động trên địa bàn tỉnh theo quy định."
                ),
            ),
            TaskItem(
                "Sở Văn hóa, Thể thao và Du lịch",
                (
                "- Đẩy mạnh hoạt động tuyên truyền, quảng bá về tỉnh thông qua việc tổ chức các hoạt động văn hoá, thể thao, du lịch như: hội diễn nghệ thuật, hội thi tuyên truyền lưu động; liên hoan nghệ thuật quần chúng, trưng bày các chuyên đề tại Bảo tàng tỉnh; tham gia các cuộc thi độc tấu, hoà tấu nhạc cụ dân tộc toàn quốc; tổ chức biểu diễn nghệ thuật trong và ngoài tỉnh, gắn với tuyên truyền các ngày lễ, ngày kỷ niệm lớn của đất nước, của tỉnh theo Kế hoạch 254 - KH/TU ngày 08/01/2024 của Ban Thường vụ Tỉnh uỷ.\n"
                "- Tăng cường các hoạt động tuyên truyền, quảng bá, xúc tiến du lịch trong và ngoài tỉnh, như: tham gia Hội chợ du lịch Quốc tế VITM năm 2024; phối hợp với Đài truyền hình Trung ương và địa phương quay phim, phóng sự, đưa tin các hoạt động du lịch, văn hóa, con người và mảnh đất Hưng Yên...\n"
                "- Tiếp tục đẩy mạnh tuyên truyền, giới thiệu, quảng bá về tỉnh thông qua việc đăng tải các hoạt động trên Trang thông tin điện tử của ngành; liên kết website với Tổng cục Du lịch, Trung tâm Thông tin xúc tiến du lịch các tỉnh, thành phố trong cả nước.\n"
                "- Biên tập, tái bản và xuất bản các ấn phẩm thông tin du lịch (Bản tin du lịch; sách cẩm nang du lịch; sách ảnh Hưng Yên - Vùng quê văn hiến; bản đồ du lịch; tập gấp chương trình tour du lịch Hưng Yên...) để tuyên truyền, kêu gọi xúc tiến đầu tư các công trình về văn hoá, thể thao và du lịch.\n"
                "- Tăng cường thu hút các nguồn lực hỗ trợ cho phát triển văn hoá, thể thao và du lịch. Tổ chức các hoạt động văn hoá đối ngoại theo hình thức xã hội hoá với sự tham gia của các tổ chức, cá nhân trong và ngoài nước.\n"
                "- Hỗ trợ các doanh nghiệp du lịch trên địa bàn tỉnh tuyên truyền quảng bá, xây dựng hình ảnh trên các ấn phẩm thông tin du lịch, website du lịch thông minh tỉnh Hưng Yên."
                ),
            ),
            TaskItem(
                "Sở Tài chính",
                (
                "- Tiếp tục tuyên truyền, quán triệt các chủ trương, đường lối đối ngoại của Đảng và Nhà nước, đẩy mạnh thực hiện các văn bản của Trung ương và của tỉnh về công tác đối ngoại và hội nhập quốc tế.\n"
                "- Thẩm định dự toán ngân sách, tham mưu cân đối nguồn kinh phí trong dự toán ngân sách nhà nước, bố trí kinh phí để đảm bảo triển khai, thực hiện các hoạt động thông tin đối ngoại năm 2024 theo Kế hoạch của Ban Chỉ đạo Công tác thông tin đối ngoại tỉnh.\n"
                "- Hướng dẫn các cơ quan, đơn vị xây dựng dự toán kinh phí phục vụ cho hoạt động thông tin đối ngoại năm 2025, quản lý sử dụng và thanh quyết toán kinh phí theo đúng quy định."
                ),
            ),
            TaskItem(
                "Sở Kế hoạch và Đầu tư",
                (
                "- Đẩy mạnh thông tin, tuyên truyền về chủ trương, đường lối của Đảng, chính sách pháp luật của Nhà nước trên tất cả các lĩnh vực kinh tế - chính trị - xã hội của tỉnh, trong đó có hoạt động công tác thông tin đối ngoại; tuyên truyền về vị trí, vai trò, tầm quan trọng của công tác ngoại giao kinh tế, ngoại giao toàn diện, các cơ chế, chính sách về kinh tế, thu hút đầu tư của tỉnh.\n"
                "- Tăng cường mở rộng hợp tác với các cơ quan đại diện ngoại giao của Việt Nam ở nước ngoài và các cơ quan đại diện ngoại giao các nước tại Việt Nam nhằm tạo thuận lợi cho công tác quảng bá, xúc tiến đầu tư; tích cực tham gia các diễn đàn kinh tế trong nước, khu vực và thế giới để giới thiệu, quảng bá tiềm năng, cơ hội đầu tư của tỉnh ra nước ngoài.\n"
                "- Liên kết website xúc tiến đầu tư của tỉnh với website của Trung tâm xúc tiến Đầu tư phía Bắc, Cục đầu tư nước ngoài, các tổ chức xúc tiến đầu tư trong và ngoài nước để tăng cường quảng bá hình ảnh, tiềm năng và cơ hội đầu tư của tỉnh. Gửi các ấn phẩm xúc tiến đầu tư của tỉnh thông qua đại diện ngoại giao, Bộ Ngoại giao, Bộ Kế hoạch và Đầu tư, các Đại sứ quán của Việt Nam ở nước ngoài để tuyên truyền, quảng bá, mời gọi đầu tư.\n"
                "- Tăng cường hợp tác, cung cấp thông tin cho các cơ quan thông tấn, báo chí Trung ương và địa phương xây dựng phóng sự quảng bá, tuyên truyền về môi trường đầu tư kinh doanh tại tỉnh; xây dựng các sản phẩm truyền thông đa phương tiện, các ấn phẩm đa ngôn ngữ quảng bá hình ảnh, tiềm năng, thế mạnh của tỉnh nhằm thu hút đầu tư trong và ngoài nước. Tiếp tục đổi mới và nâng cao chất lượng các tài liệu, ấn phẩm tuyên truyền đầu tư nước ngoài trên địa bàn tỉnh, các tài liệu xúc tiến đầu tư nhằm tạo sức hấp dẫn ban đầu cho nhà đầu tư nước ngoài\n"
                "- Thường xuyên, chủ động cập nhật thông tin về tình hình kinh tế - xã hội, môi trường đầu tư kinh doanh của tỉnh trên Cổng thông tin điện tử của Sở, Cổng thông tin doanh nghiệp và đầu tư Hưng Yên. Đẩy mạnh cải cách hành chính, cải thiện môi trường đầu tư kinh doanh của tỉnh theo hướng thông thoáng, thuận tiện nhằm thu hút đầu tư vào tỉnh.\n"
                "- Đổi mới nội dung, đa dạng hóa hình thức cho phù hợp với nhiều nhóm đối tượng; bên cạnh các phương tiện truyền thống như: báo viết, báo nói, báo hình, các ấn phẩm thông tin: tờ rơi, tờ gấp,... cần mở rộng kết hợp với nhiều hình thức khác như: triển lãm tranh, ảnh, tuần văn hóa, lễ hội, hội chợ... để các hoạt động tuyên truyền, quảng bá ngày càng trở nên sinh động, gần gũi với đối tượng tiếp nhận."
                ),
            ),
            TaskItem(
                "Sở Công thương",
                (
                "- Tiếp tục phối hợp với các ban, sở, ngành, địa phương trong tỉnh tổ chức thực hiện có hiệu quả các nhiệm vụ, giải pháp của tỉnh về công tác thông tin đối ngoại nói chung, hội nhập kinh tế quốc tế nói riêng, nhất là các hoạt động thu hút đầu tư nước ngoài và đẩy mạnh hoạt động xuất nhập khẩu hàng hóa của tỉnh.\n"
                "- Tiếp tục nâng cao công tác tuyên truyền, phổ biến về hội nhập kinh tế quốc tế, các rào cản kỹ thuật trong thương mại quốc tế, các cam kết trong các FTA... cho đội ngũ cán bộ, công chức, viên chức, các doanh nghiệp, người lao động và nhân dân trên địa bàn tỉnh thông qua nhiều hình thức đa dạng. Tổ chức các lớp tuyên truyền, phổ biến kiến thức về hội nhập kinh tế quốc tế. Phối hợp với Báo Hưng Yên, Đài Phát thanh - Truyền hình tỉnh tuyên truyền về Hội nhập kinh tế quốc tế trên các phương tiện thông tin đại chúng.\n"
                "- Kết nối chặt chẽ với các cơ quan thuộc Bộ Công thương, các địa phương có cửa khẩu quốc tế, kịp thời thông tin tới các doanh nghiệp, cơ sở sản xuất kinh doanh của tỉnh các thông tin về chính sách, quy định xuất, nhập khẩu, thông quan hàng hoá và thông tin thị trường để chủ động trong hoạt động xuất nhập khẩu hàng hoá.\n"
                "- Tích cực tham gia và thông tin tới doanh nghiệp trên địa bàn tỉnh tham gia các hoạt động xúc tiến thương mại, nhất là xúc tiến thương mại nước ngoài do UBND tỉnh, Bộ Công thương và các tỉnh, thành phố tổ chức trong năm 2024; đẩy mạnh việc tổ chức, tham gia các sự kiện xúc tiến thương mại quốc tế góp phần kết nối mở rộng thị trường tiêu thụ nông sản chủ lực của tỉnh, nhất là thị trường xuất khẩu. Tiếp tục triển khai có hiệu quả các kế hoạch, đề án như: Kế hoạch triển khai Đề án: “Thúc đẩy Doanh nghiệp Việt Nam tham gia trực tiếp các mạng phân phối nước ngoài đến năm 2030” trên địa bàn tỉnh Hưng Yên; Kế hoạch thực hiện “Chương trình hành động thực hiện Chiến lược xuất nhập khẩu hàng hóa đến năm 2030” trên địa bàn tỉnh Hưng Yên; Đề án Xúc tiến thương mại xuất khẩu nhãn và các sản phẩm chế biến từ nhãn sang thị trường Nhật Bản giai đoạn 2021 - 2025... góp phần kết nối mở rộng thị trường tiêu thụ các sản phẩm tiêu biểu của tỉnh, nhất là thị trường xuất khẩu.\n"
                "- Chủ trì, phối hợp với các cơ quan, đơn vị liên quan triển khai thực hiện Kế hoạch số 167/KH-UBND ngày 03/11/2023 của Ủy ban nhân dân tỉnh về tổ chức các hoạt động xúc tiến tiêu thụ nông sản tỉnh Hưng Yên năm 2024, trong đó chú trọng thông tin, quảng bá, mời gọi các thương nhân, doanh nghiệp nước ngoài, các doanh nghiệp xuất nhập khẩu nông sản hợp tác xuất khẩu Nhãn, nông sản của tỉnh và mở rộng thị trường tiêu thụ trong nước."
                ),
            ),
            TaskItem(
                "Ban Quản lý các khu công nghiệp tỉnh",
                (
                "- Tiếp tục tuyên truyền, quán triệt các văn bản hướng dẫn, chỉ đạo của Trung ương, của tỉnh về thông tin đối ngoại.\n"
                "- Thường xuyên rà soát, cập nhật đầy đủ, kịp thời thông tin trên Cổng thông tin điện tử của Ban Quản lý các Khu công nghiệp, tập trung vào các thông tin dữ liệu chung về môi trường đầu tư tại các KCN; quy định mới của pháp luật; các hiệp định thương mại đa phương, song phương của Việt Nam với các đối tác; điều kiện đầu tư kinh doanh; quy hoạch phát triển các KCN; quy trình thủ tục đầu tư kinh doanh tại các KCN, tạo điều kiện thuận lợi cho các nhà đầu tư tiếp cận và khai thác thông tin.\n"
                "- Tập trung hỗ trợ chủ đầu tư hạ tầng các KCN hoàn thiện các thủ tục pháp lý làm căn cứ triển khai thực hiện. Chủ động hỗ trợ các chủ đầu tư tháo gỡ khó khăn trong công tác giải phóng mặt bằng, bàn giao đất, để đầu tư xây dựng đồng bộ hạ tầng kỹ thuật, tạo mặt bằng đồng bộ, hiện đại đảm bảo đầy đủ mặt bằng tiếp nhận dự án đầu tư, nhất là các dự án đầu tư lớn.\n"
                "- Phối hợp với các chủ đầu tư hạ tầng KCN và các tổ chức tư vấn xúc tiến đầu tư, vận động thu hút đầu tư vào các KCN; đồng thời nâng cao chất lượng thẩm định dự án và hiệu quả xúc tiến đầu tư, ưu tiên thu hút các dự án có vốn đầu tư lớn, sử dụng công nghệ hiện đại, thân thiện với môi trường và đóng góp tích cực cho nguồn thu ngân sách tỉnh.\n"
                "- Thực hiện tốt công tác cải cách hành chính, phát huy những thành tựu khoa học công nghệ trong hoạt động quản lý điều hành, đảm bảo giải quyết thủ tục hành chính nhanh chóng, đơn giản, tạo môi trường thuận lợi cho hoạt động đầu tư. Duy trì và thực hiện tốt hoạt động hỗ trợ doanh nghiệp, tạo điều kiện thuận lợi cho các doanh nghiệp triển khai dự án và hoạt động sản xuất kinh doanh, phát huy sức sáng tạo và khả năng thích ứng, tận dụng cơ hội, nâng cao năng lực cạnh tranh.\n"
                "- Tăng cường theo dõi, giám sát việc triển khai thực hiện dự án và hoạt động sản xuất kinh doanh của các doanh nghiệp, chủ động hỗ trợ các doanh nghiệp rút ngắn thời gian giải quyết các thủ tục hành chính, kịp thời tháo gỡ những khó khăn, vướng mắc của doanh nghiệp, tạo điều kiện thuận lợi cho các doanh nghiệp triển khai dự án nhanh, hoạt động hiệu quả."
                ),
            ),
            TaskItem(
                "Đài Phát thanh - Truyền hình tỉnh",
                (
                "- Tăng cường tuyên truyền chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước, nhất là đường lối đối ngoại rộng mở, hội nhập quốc tế; các sự kiện chính trị, kinh tế, văn hóa, xã hội, an ninh quốc phòng diễn ra trên địa bàn tỉnh; những thành tựu đổi mới của đất nước, của tỉnh; các ngày lễ, ngày kỷ niệm lớn của đất nước, của tỉnh diễn ra trong năm 2024 (theo Kế hoạch 254 - KH/TU ngày 08/01/2024 của Ban Thường vụ Tỉnh ủy).\n"
                "- Tăng cường tuyên truyền, quảng bá về hình ảnh của tỉnh ra toàn quốc và nước ngoài trên sóng phát thanh, truyền hình, trang thông tin điện tử của Đài. Trong đó chú trọng tuyên truyền kết quả phát triển kinh tế - xã hội của tỉnh sau hơn nửa nhiệm kỳ thực hiện Nghị quyết Đại hội Đảng toàn quốc lần thứ XIII, Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIX; những tiềm năng, thế mạnh, chính sách thu hút đầu tư của tỉnh, giúp cho bạn bè trong và ngoài nước hiểu hơn về Hưng Yên. Duy trì thường xuyên các chuyên mục: “Di sản Hưng Yên”, “Đất và người Hưng Yên”, “Bản tin văn hóa”, “Tạp chí văn hóa”, “Góc nhìn văn hóa”, “Lưu giữ hồn quê”...\n"
                "- Đổi mới, đa dạng hóa hình thức, phương thức tuyên truyền: Tuyên truyền qua sóng phát thanh, truyền hình, trang thông tin điện tử, qua fanpage của Đài trên mạng xã hội facebook, qua trang youtube... Đặc biệt phối hợp với VTV, VOV, Truyền hình Quốc hội, Kênh phát thanh FM 365 đưa các tin tức, phóng sự quan trọng về hoạt động thông tin đối ngoại của tỉnh lên sóng phát thanh, truyền hình."
                ),
            ),
            TaskItem(
                "Báo Hưng Yên",
                (
                "- Trên cơ sở bám sát định hướng của Trung ương, của tỉnh, thông tin, tuyên truyền kịp thời, chính xác các hoạt động đối ngoại, các sự kiện lớn trong lĩnh vực chính trị, kinh tế, văn hóa, xã hội của đất nước và của tỉnh. Đặc biệt chú trọng tuyên truyền các ngày lễ, ngày kỷ niệm lớn của đất nước, của tỉnh diễn ra trong năm 2024 (theo Kế hoạch 254 - KH/TU ngày 08/01/2024 của Ban Thường vụ Tỉnh ủy).\n"
                "- Phát huy thế mạnh Báo Hưng Yên điện tử để tăng cường thông tin đối ngoại trên Internet bằng cả 2 ngôn ngữ Tiếng Việt và Tiếng Anh, hướng tới nhiều đối tượng bạn đọc trong và ngoài nước.\n"
                "- Thông tin, tuyên truyền, quảng bá hình ảnh đất và người Hưng Yên, những tiềm năng, thế mạnh, thành tựu phát triển kinh tế - xã hội của tỉnh sau hơn nửa nhiệm kỳ thực hiện Nghị quyết Đại hội Đảng toàn quốc lần thứ XIII, Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIX; các hoạt động hợp tác, xúc tiến đầu tư, thương mại, du lịch; đấu tranh phản bác các thông tin sai trái, luận điệu xuyên tạc của các thế lực cơ hội, thù địch, nhất là trong vấn đề biên giới, hải đảo, tôn giáo, dân tộc, dân chủ, nhân quyền.\n"
                "- Tiếp tục đổi mới, đa dạng hóa hình thức, phương thức tuyên truyền; nâng cao chất lượng tin, bài, hình ảnh. Xây dựng và thực hiện phương án nâng cao chất lượng, hình thức các ấn phẩm Báo Hưng Yên, chú trọng tính chính xác, kịp thời, linh hoạt, phù hợp với từng đối tượng."
                ),
            ),
            TaskItem(
                "Tạp chí Phổ Hiến",
                (
                "- Tiếp tục triển khai các văn bản chỉ đạo của Trung ương, của tỉnh về thông tin đối ngoại. Nâng cao chất lượng các tác phẩm văn học nghệ thuật có nội dung thông tin đối ngoại trên Tạp chí Phổ Hiến, bám sát định hướng tuyên truyền các hoạt động thông tin đối ngoại của Trung ương và của tỉnh.\n"
                "- Đẩy mạnh tổ chức các cuộc thi sáng tác văn học, nghệ thuật ca ngợi những thành tựu đổi mới của quê hương; khuyến khích hội viên Hội VHNT tham gia các hoạt động giao lưu văn hóa, văn nghệ, các lễ hội văn hóa đặc sắc nhằm quảng bá hình ảnh, tiềm năng, thế mạnh của tỉnh đến với bạn bè trong nước và quốc tế.\n"
                "- Nâng cao chất lượng in ấn; đổi mới, đa dạng hóa hình thức, phương thức tuyên truyền các nội dung thông tin đối ngoại.\n"
                "- Chú trọng tuyên truyền về công tác bảo vệ chủ quyền biển, đảo và biên giới lãnh thổ; tăng cường thông tin, định hướng dư luận, góp phần đấu tranh, phản bác những thông tin sai lệch, xuyên tạc, chống phá sự nghiệp xây dựng và bảo vệ Tổ quốc, chia rẽ khối đại đoàn kết dân tộc."
                ),
            ),
            TaskItem(
                "Bộ Chỉ huy Quân sự tỉnh",
                (
                "- Tập trung tuyên truyền chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước về thông tin đối ngoại; các hoạt động đối ngoại của lãnh đạo Đảng, Nhà nước, Quân đội và lãnh đạo tỉnh; thành tựu phát triển kinh tế - xã hội của đất nước nói chung, tỉnh Hưng Yên nói riêng sau hơn nửa nhiệm kỳ thực hiện Nghị quyết Đại hội Đảng toàn quốc lần thứ XIII, Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIX và Nghị quyết đại hội đảng bộ các cấp nhiệm kỳ 2020 - 2025; các sự kiện, ngày lễ lớn (đặc biệt là kỷ niệm 80 năm Ngày thành lập Quân đội Nhân dân Việt Nam (22/12/1944 - 22/12/2024), năm tròn, năm chẵn trong quan hệ ngoại giao song phương và đa phương với các quốc gia, vùng lãnh thổ mà Đảng, Nhà nước và tỉnh Hưng Yên đã thiết lập quan hệ.\n"
                "- Đẩy mạnh công tác thông tin tuyên truyền về đường lối ngoại giao của nước ta nói chung, đối ngoại quân sự, quốc phòng nói riêng; kịp thời định hướng thông tin đối ngoại về những vấn đề quốc phòng, an ninh, về chủ quyền biển, đảo và biên giới lãnh thổ quốc gia, các nhiệm vụ trong chiến lược bảo vệ Tổ quốc trong tình hình mới, các hoạt động của Quân đội nhân dân Việt Nam trong tham gia hoạt động gìn giữ hoà bình Liên hợp quốc, hợp tác khắc phục hậu quả chiến tranh, tìm kiếm cứu hộ, cứu nạn.\n"
                "- Phối hợp với các cơ quan, đơn vị, đặc biệt là Công an tỉnh và các cơ quan chức năng trong và ngoài Quân đội trong công tác bảo vệ bí mật Nhà nước, bí mật quân sự trong hoạt động thông tin đối ngoại; bảo đảm an ninh chính trị, trật tự an toàn xã hội, tạo điều kiện cho các hoạt động thông tin đối ngoại trên địa bàn tỉnh diễn ra thuận lợi.\n"
                "- Tiếp tục đổi mới, nâng cao chất lượng, hiệu quả công tác thông tin đối ngoại, chỉ đạo các cơ quan, đơn vị trong lực lượng vũ trang tỉnh tăng cường đăng tải tin, bài tuyên truyền đối ngoại trên Báo Hưng Yên, Đài PTTH tỉnh, Đài Truyền thanh các huyện, thị xã, thành phố, Trang thông tin điện tử Bộ CHQS tỉnh...; duy trì nghiêm túc nền nếp các hoạt động thông tin, tuyên truyền đối ngoại.\n"
                "- Tuyên truyền, giáo dục cho cán bộ, chiến sĩ trong lực lượng vũ trang tỉnh, đặc biệt là lực lượng 47 các cấp và Nhân dân trong tỉnh nâng cao cảnh giác, tích cực đấu tranh làm thất bại âm mưu “Diễn biến hoà bình” của các thế lực thù địch nhằm xuyên tạc đường lối, chính sách đối ngoại của Đảng và Nhà nước."
                ),
            ),
            TaskItem(
                "Công an tỉnh",
                (
                "- Tiếp tục thực hiện nghiêm túc, hiệu quả Quyết định số 40/QĐ-TTg ngày 29/6/2018 của Thủ tướng Chính phủ phê duyệt “Chiến lược hội nhập quốc tế trong lĩnh vực an ninh, trật tự đến năm 2020, tầm nhìn đến năm 2030”.\n"
                "- Chủ trì, phối hợp với các sở, ban, ngành liên quan tham mưu cho Ban Chỉ đạo Nhân quyền của tỉnh tiếp tục phổ biến kiến thức, nâng cao nhận thức về quyền con người, tuyên truyền thành tựu đảm bảo quyền con người; cung cấp thông tin, tư liệu, lập luận phản bác các thông tin, nhận định sai lệch về tình hình nhân quyền trên địa bàn tỉnh. Chủ động tuyên truyền, định hướng dư luận kịp thời, nhất là một số trường hợp nhạy cảm, mới phát sinh.\n"
                "- Kiểm tra, hướng dẫn việc chấp hành chế độ bảo vệ bí mật nhà nước, bảo vệ nội bộ, bảo mật thông tin trong hoạt động đối ngoại của tỉnh; phối hợp quản lý các đoàn lâm thời, phóng viên, báo chí nước ngoài vào hoạt động tại tỉnh.\n"
                "- Tăng cường công tác tuyên truyền, phản bác thông tin, quan điểm sai trái của các thế lực thù địch; nắm tình hình, quản lý, giám sát chặt chẽ hoạt động của một số đối tượng phản động, khủng bố, cơ hội chính trị,...có hành động nhằm chống phá Đảng, Nhà nước. Phối hợp với các phòng nghiệp vụ, công an các huyện, thị xã, thành phố, triển khai Kế hoạch đảm bảo an ninh chính trị, trật tự an toàn xã hội cho các hoạt động của tỉnh nói chung và các sự kiện chính trị quan trọng, các hội nghị, hội thảo diễn ra trên địa bàn tỉnh nói riêng.\n"
                "- Phối hợp với Sở Văn hóa, Thể thao và Du lịch, Sở Thông tin và Truyền thông làm tốt công tác quản lý nhà nước về báo chí - xuất bản, tăng cường kiểm soát an ninh thông tin, chủ động phát hiện, ngăn chặn, vô hiệu hóa và xử lý kịp thời hoạt động lợi dụng Internet, thông qua diễn đàn các mạng xã hội, blog cá nhân đưa thông tin tuyên truyền, xuyên tạc, gây ảnh hưởng tới sự nghiệp phát triển kinh tế - xã hội, hội nhập quốc tế của đất nước và của tỉnh; kiểm soát các cơ sở in ấn, phát hành tài liệu, ấn phẩm, văn hóa phẩm (đặc biệt từ nước ngoài đưa vào), nhằm kịp thời phát hiện, ngăn chặn, thu giữ, xử lý các loại tài liệu có nội dung tuyên truyền sai sự thật về chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước."
                ),
            ),
        ),
        closing=paragraphs(
            "Trên cơ sở nội dung của Kế hoạch này, Ban Chỉ đạo công tác thông tin đối ngoại tỉnh yêu cầu các ngành thành viên chủ động triển khai thực hiện nghiêm túc, hiệu quả hoạt động thông tin đối ngoại năm 2024 và báo cáo kết quả về Ban Chỉ đạo Công tác thông tin đối ngoại tỉnh (qua Ban Tuyên giáo Tỉnh ủy, định kỳ 6 tháng, 1 năm)/.",
        ),
        signer=Signature(
            authority="",
            authority_body="",
            title=(
                "TRƯỞNG BAN TUYÊN GIÁO TỈNH ỦY\n"
                "Kiêm\n"
                "TRƯỞNG BAN CHỈ ĐẠO\n"
                "CÔNG TÁC THÔNG TIN ĐỐI NGOẠI TỈNH"
            ),
            name="Đào Hồng Vận",
        ),
        noi_nhan=(
            "BCĐ CTTĐTNTW (để b/c)",
            "Thường trực Tỉnh ủy (để b/c)",
            "Các thành viên và ngành thành viên BCĐCTTĐTNTW tỉnh",
            "Phòng TT-BC-XB",
            "Lưu BCĐ; Phòng Tổng hợp",
        ),
    ),
)
