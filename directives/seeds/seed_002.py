"""Seed 002: Kế hoạch of LĐLĐ huyện Phú Riềng carrying out 76/KH-LĐLĐ and Kết luận 57-KL/TW.

Transcribed from ../shared/seeds/002_c1ee218e7dc2fd12.txt, scanned without its head (the letterhead is
LĐLĐ huyện Phú Riềng's). The seed shows neither number nor date (it was issued after 25/7/2024): they
print as blanks. Section II.1 is numbered "2.1." in the seed (a slip; II.2-II.5 follow)."""

from __future__ import annotations

from directives.content import DocumentContent, Letterhead, Section, Signature, TaskItem, paragraphs
from directives.seeds.base import Seed

# Generated once from the seed text and then kept by hand: each paragraph on its own line.
# fmt: off

SEED = Seed(
    file="002_c1ee218e7dc2fd12.txt",
    issuer_as_written="Ban thường vụ LĐLĐ huyện",
    date_as_written=None,
    date_source=None,
    corrections=(
        ("tiên bộ", "tiến bộ"),
        ("Phú Riêng", "Phú Riềng"),
        ("pano áp píc", "pano áp phích"),
        ("Kết luận số Kết luận số", "Kết luận số"),
    ),
    content=DocumentContent(
        doc_type="KH",
        type_name="Kế hoạch",
        letterhead=Letterhead(regime="union", parent_line="LĐLĐ TỈNH BÌNH PHƯỚC", issuer_lines=("LIÊN ĐOÀN LAO ĐỘNG", "HUYỆN PHÚ RIỀNG")),
        number=None,
        symbol="KH-LĐLĐ",
        place="Phú Riềng",
        issue_year=2024,
        subject="Triển khai thực hiện Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị về tiếp tục nâng cao chất lượng, hiệu quả công tác thông tin đối ngoại trong tình hình mới",
        opening=paragraphs(
            "Thực hiện Kế hoạch số: 76/KH-LĐLĐ Bình Phước, ngày 25 tháng 7 năm 2024 về “Triển khai thực hiện Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị về tiếp tục nâng cao chất lượng, hiệu quả công tác thông tin đối ngoại trong tình hình mới”, Ban thường vụ LĐLĐ huyện xây dựng kế hoạch thực hiện, cụ thể như sau:",
        ),
        body_numbering="roman",
        body=(
            Section(
                heading="MỤC ĐÍCH, YÊU CẦU",
                text=(
                    "<p>- Triển khai thực hiện có hiệu quả Kết luận số 57-KL/TW; nâng cao nhận thức, tạo sự thống nhất trong nhận thức của cán bộ, đoàn viên, người lao động về công tác thông tin đối ngoại; trong đó, xác định công tác thông tin đối ngoại là bộ phận quan trọng của công tác chính trị, tư tưởng và công tác đối ngoại của Đảng, ngoại giao Nhà nước, đối ngoại nhân dân; là nhiệm vụ thường xuyên, lâu dài của cả hệ thống chính trị dưới sự lãnh đạo của Đảng.</p>"
                    "<p>- Phát huy vai trò, trách nhiệm của hệ thống Công đoàn trong huyện về triển khai thực hiện có hiệu quả Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị về tiếp tục nâng cao chất lượng, hiệu quả công tác thông tin đối ngoại trong tình hình mới; Tăng cường hiệu quả đấu tranh, phản bác luận điệu sai trái, xuyên tạc, thù địch chống phá Đảng, Nhà nước và chế độ, góp phần bảo vệ vững chắc nền tảng tư tưởng của Đảng, khối đại đoàn kết toàn dân tộc.</p>"
                    "<p>- Công tác tuyên truyền cần được triển khai chủ động, tích cực với nhiều hình thức linh hoạt, sáng tạo; kết hợp lồng ghép với tuyên truyền thực hiện các nhiệm vụ chính trị của đất nước, của tỉnh, của huyện và cơ quan, đơn vị; đảm bảo việc tuyên truyền thiết thực, hiệu quả.</p>"
                ),
            ),
            Section(
                heading="NỘI DUNG THỰC HIỆN",
                children=(
                    Section(
                        text=(
                            "<p>Đẩy mạnh công tác truyền thông, quảng bá, lan tỏa mạnh mẽ về hình ảnh đất nước, tỉnh Bình Phước và huyện Phú Riềng đến các tỉnh thành trong nước, các nhà đầu tư, các doanh nghiệp và cộng đồng quốc tế, tập trung vào các nhóm nội dung sau:</p>"
                            "<p>- Lịch sử, truyền thống; những tiềm năng, lợi thế; về chính sách thu hút đầu tư, môi trường kinh doanh, cơ sở hạ tầng; về nền văn hóa Bình Phước: “Đa dạng, bản sắc và hội nhập”, hình ảnh con người Phú Riềng “thân thiện nghĩa tình”, những đặc tính văn hóa nổi trội của con người Bình Phước: “Hòa hợp - Nghĩa tình - Tự cường - Kỷ cương - Sáng tạo” và các yếu tố trải nghiệm mang đậm bản sắc văn hóa của tỉnh, nhằm thu hút người dân trong và ngoài nước đến khám phá và trải nghiệm.</p>"
                            "<p>- Chủ trương, đường lối đối ngoại của Đảng, đặc biệt là những điểm mới trong Nghị quyết Đại hội XIII của Đảng. Nội dung Hội nghị Đối ngoại toàn quốc tháng 12/2021 đã thống nhất cao khẳng định về sự hình thành, phát triển của trường phái đối ngoại, ngoại giao “cây tre Việt Nam: gốc vững, thân chắc, cành uyển chuyển, thâm đượm tâm hồn, cốt cách và khí phách của dân tộc Việt Nam” được quốc tế thừa nhận rộng rãi. Đó là vừa kiên định về nguyên tắc, vừa uyển chuyển về sách lược; mềm mại, khôn khéo nhưng cũng rất kiên cường, quyết liệt; linh hoạt, sáng tạo nhưng rất bản lĩnh, vững vàng trước mọi khó khăn, thách thức, vì độc lập, tự do của dân tộc, vì hạnh phúc của Nhân dân; đoàn kết, nhân ái nhưng luôn luôn kiên quyết, kiên trì bảo vệ lợi ích quốc gia - dân tộc.</p>"
                            "<p>- Những thành tựu sau gần 40 năm thực hiện công cuộc đổi mới đất nước và những kết quả nổi bật sau 27 năm ngày tái lập tỉnh Bình Phước.</p>"
                            "<p>- Công tác bảo vệ chủ quyền biển, đảo, biên giới lãnh thổ. Những thành tựu trong công tác bảo đảm quyền con người tại Việt Nam, tỉnh và huyện Phú Riềng.</p>"
                        ),
                    ),
                    Section(
                        text=(
                            "<p>Đẩy mạnh thông tin, tuyên truyền những đóng góp của Việt Nam vào kho tàng tri thức nhân loại, nhất là sáng tạo mới về lý luận chủ nghĩa xã hội khoa học và con đường đi lên chủ nghĩa xã hội, thể chế kinh tế thị trường định hướng xã hội chủ nghĩa tại Việt Nam. Tăng cường thông tin về tiềm năng phát triển và hợp tác, hội nhập kinh tế quốc tế, đổi mới sáng tạo, phát triển kinh tế xanh, chuyển đổi số...</p>"
                            "<p>- Đẩy mạnh ứng dụng công nghệ thông tin, chuyển đổi số trong hoạt động thông tin đối ngoại. Nâng cao hiệu lực, hiệu quả quản lý đối với việc sử dụng Internet, mạng xã hội, kiên quyết ngăn chặn, gỡ bỏ, triệt phá, xử lý nghiêm những thông tin sai sự thật, xấu, độc trên không gian mạng.</p>"
                            "<p>- Chú trọng tuyên truyền, giáo dục, bồi dưỡng, nâng cao tinh thần yêu nước, lòng tự hào dân tộc, ý thức trách nhiệm trong bảo vệ, nâng cao hình ảnh quốc gia, dân tộc, huyện Phú Riềng và tỉnh Bình Phước cho cán bộ, đảng viên, người lao động, Nhân dân, cộng đồng Bình Phước ở nước ngoài, nhất là thế hệ trẻ; phát hiện, biểu dương, khen thưởng, nhân rộng mô hình tốt, cách làm hay đóng góp thiết thực, hiệu quả cho công tác thông tin đối ngoại.</p>"
                        ),
                    ),
                    Section(
                        text=(
                            "<p>Tăng cường tuyên truyền, tôn vinh, giới thiệu giá trị tư tưởng, đạo đức, phong cách của Chủ tịch Hồ Chí Minh, các danh nhân Việt Nam được thế giới vinh danh và nhân vật lịch sử của tỉnh.</p>"
                            "<p>- Tiếp thu có chọn lọc tinh hoa văn hóa, các giá trị tiến bộ của nhân loại, kinh nghiệm quốc tế... đáp ứng kịp thời nhu cầu thông tin trong nước; giữ vững quan điểm, đường lối, chủ trương của Đảng đối với các vấn đề quốc tế và khu vực, vai trò của Việt Nam đối với các vấn đề toàn cầu; tranh thủ sự đồng tình, ủng hộ của quốc tế đối với Việt Nam để nâng cao vị thế, uy tín, hình ảnh của huyện và tỉnh, huy động có hiệu quả các nguồn lực cho phát triển kinh tế - xã hội trên địa bàn huyện và tỉnh.</p>"
                            "<p>- Kịp thời thông tin về tình hình của đất nước, của tỉnh, của huyện đặc biệt là về tiềm năng, thế mạnh và những thành tựu trong phát triển kinh tế - xã hội của huyện và tỉnh trong những năm gần đây; các cơ chế, chính sách khuyến khích thu hút đầu tư; tuyên truyền, quảng bá về lịch sử, văn hóa, con người Phú Riềng, con người Bình Phước; khơi dậy và lan tỏa tình yêu quê hương, đất nước, niềm tự hào về quê hương Phú Riềng, quê hương Bình Phước trong cán bộ, đoàn viên, người lao động trong huyện và tỉnh; tăng cường nắm bắt, thông tin đúng, trúng, kịp thời về những vấn đề mà kiều bào quan tâm, phản bác những luận điệu sai trái, không đúng sự thật về tình hình đất nước, tỉnh Bình Phước và huyện Phú Riềng.</p>"
                        ),
                    ),
                    Section(
                        text="<p>Tăng cường công tác nắm tình hình dư luận xã hội trong việc thực hiện chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước. Bảo đảm an ninh, an toàn cho hoạt động thông tin đối ngoại theo đúng định hướng của Đảng, Nhà nước. Theo dõi và tổng hợp dư luận báo chí phản ánh về huyện, về tỉnh để nắm bắt, tham mưu cấp ủy chỉ đạo triển khai kịp thời các biện pháp thông tin, tuyên truyền, giải thích, làm rõ các thông tin sai lệch ảnh hưởng đến uy tín, hình ảnh của đất nước, của tỉnh và huyện. Kịp thời cung cấp thông tin chính thống, nhất là thông tin về các sự việc nhạy cảm, phức tạp, nổi cộm, những vấn đề người lao động quan tâm.</p>",
                    ),
                    Section(
                        text="<p>Đẩy mạnh đấu tranh phản bác thông tin sai trái, tiêu cực phương hại đến lợi ích của quốc gia - dân tộc, của huyện và tỉnh; bảo đảm thông tin tích cực là dòng thông tin chủ đạo. Chủ động, kịp thời cung cấp thông tin, làm rõ những nội dung phản ánh chưa chính xác, chưa đầy đủ, sai sự thật; đấu tranh phản bác kịp thời, có hiệu quả những thông tin, luận điệu sai trái, xuyên tạc, kích động, trái với đường lối, quan điểm của Đảng, chính sách, pháp luật của Nhà nước. Tăng cường vai trò định hướng, chỉ đạo, đôn đốc, giám sát của Ban Chỉ đạo 35, Tổ công tác 03 tại cơ quan, đơn vị trong việc tuyên truyền, phủ xanh thông tin tích cực.</p>",
                    ),
                ),
            ),
            Section(heading="TỔ CHỨC THỰC HIỆN", tasks_here=True),
        ),
        tasks=(
            TaskItem(
                "Liên đoàn Lao động huyện",
                (
                "Liên đoàn Lao động huyện xây dựng Kế hoạch triển khai, thực hiện Kết luận số 57-KL/TW; nắm bắt tình hình dư luận trong đoàn viên, người lao động báo cáo kịp thời, định kỳ về Công đoàn tỉnh, Ban TT Ủy ban MTTQ Việt Nam huyện. Đồng thời, bố trí kinh phí thực hiện theo quy định.\n"
                "- Đẩy mạnh công tác tuyên truyền trên trang thông tin điện tử của Công đoàn huyện; trên nhóm zalo Chủ tịch CĐCS Phú Riềng, trên các phương tiện truyền thông, pano áp phích; tuyên truyền về gương người tốt, việc tốt, các mô hình hay trong việc thực hiện Kết luận số 57-KL/TW."
                ),
                title_inline=True,
            ),
            TaskItem(
                "Các công đoàn cơ sở",
                (
                "- Căn cứ tình hình đơn vị xây dựng kế hoạch tổ chức thực hiện. Kế hoạch phải sát đúng, cụ thể, phân công nhiệm vụ cụ thể nhằm thực hiện có hiệu quả.\n"
                "- Tăng cường tuyên truyền đến cán bộ, đoàn viên, người lao động trong cơ quan, đơn vị nội dung Kết luận số 57-KL/TW bằng những hình thức phù hợp. Báo cáo kết quả thực hiện về Công đoàn huyện theo quy định."
                ),
            ),
        ),
        closing=paragraphs(
            "Trên đây là Kế hoạch của BTV Liên đoàn Lao động huyện về triển khai thực hiện Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị về tiếp tục nâng cao chất lượng, hiệu quả công tác thông tin đối ngoại trong tình hình mới.",
            "Kế hoạch này sẽ đưa vào tiêu chí thi đua khen thưởng, đánh giá tổ chức và cán bộ công đoàn hàng năm. Đề nghị các công đoàn cơ sở triển khai thực hiện có hiệu quả./.",
        ),
        signer=Signature(authority="TM", authority_body="BAN CHẤP HÀNH", title="PHÓ CHỦ TỊCH",
                          name="Hoàng Thạch Sơn"),
        noi_nhan=(
            "VP LĐLĐ tỉnh (b.c)",
            "Thường trực Huyện ủy",
            "Ban Dân vận Huyện ủy",
            "Các CĐCS (t.h)",
            "Lưu: VT",
        ),
    ),
)
