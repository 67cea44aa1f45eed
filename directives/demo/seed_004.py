"""Seed 004: Kế hoạch 84-KH/BCĐTTĐN (29/01/2024) of the Hưng Yên steering committee for external
information work (Ban Chỉ đạo công tác thông tin đối ngoại tỉnh).

Transcribed from ../shared/seeds/004_1665b853a9b0f110.txt. Members report every 6 months and every
year to the steering committee via Ban Tuyên giáo Tỉnh ủy, which reports on to Ban Thường vụ Tỉnh ủy
(6 months, year and đột xuất). Symbols are written without the seed's spaces ("42 - QĐ/BCĐTTĐN"
becomes "42-QĐ/BCĐTTĐN"); ``corrections`` lists the other mended slips; ``as_written`` quotes the
seed verbatim, slips included."""

from directives.demo.seed_004_tasks import TASKS

# Generated once from the seed text and then kept by hand: each paragraph on its own line.
# fmt: off

DOCUMENT = {
    "key": "84-KH/BCĐTTĐN",
    "seed": "004_1665b853a9b0f110.txt",
    "issuer": "hy-bcdttdn",
    "issuer_as_written": "BAN CHỈ ĐẠO CÔNG TÁC THÔNG TIN ĐỐI NGOẠI",
    "doc_type": "KH",
    "number": 84,
    "number_assumed": False,
    "number_symbol": "84-KH/BCĐTTĐN",
    "department": None,
    "status": "issued",
    "place": "Hưng Yên",
    "issue_date": "2024-01-29",
    "issue_date_assumed": False,
    "date_source": None,
    "date_as_written": "Hưng Yên, ngày 29 tháng 01 năm 2024",
    "subject": "Hoạt động thông tin đối ngoại tỉnh Hưng Yên năm 2024",
    "opening": "Căn cứ Quyết định số 42-QĐ/BCĐTTĐN ngày 17/02/2017 của Ban Chỉ đạo Công tác thông tin đối ngoại tỉnh Hưng Yên về việc ban hành Quy chế hoạt động của Ban Chỉ đạo công tác thông tin đối ngoại tỉnh; Hướng dẫn số 132-HD/BTGTW ngày 29/12/2023 của Ban Tuyên giáo Trung ương về hướng dẫn công tác thông tin đối ngoại năm 2024; Ban Chỉ đạo công tác thông tin đối ngoại tỉnh (sau đây gọi tắt là BCĐ tỉnh) xây dựng Kế hoạch hoạt động thông tin đối ngoại tỉnh Hưng Yên năm 2024 như sau:",
    "bases": [],
    "relations": [
        {"kind": "implements", "target": "132-HD/BTGTW", "primary": True},
        {"kind": "based_on", "target": "42-QĐ/BCĐTTĐN"},
        {"kind": "implements", "target": "211-KH/TU"},
    ],
    "body_numbering": "roman",
    "body": [
        {
            "heading": "MỤC ĐÍCH, YÊU CẦU",
            "text": "",
            "footnotes": [],
            "children": [
                {
                    "heading": "Mục đích",
                    "text": (
                        "<p>- Phát huy những kết quả trong hoạt động công tác thông tin đối ngoại của tỉnh đã đạt được trong năm 2023, khắc phục vấn đề còn tồn tại, hoàn thành tốt nhiệm vụ thông tin đối ngoại năm 2024. Tiếp tục thực hiện tốt các văn bản chỉ đạo của Trung ương và của tỉnh về công tác thông tin đối ngoại, đặc biệt là triển khai hiệu quả Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị về tiếp tục nâng cao chất lượng, hiệu quả công tác thông tin đối ngoại trong tình hình mới, Kế hoạch số 211-KH/TU ngày 25/7/2023 của Ban Thường vụ Tỉnh ủy triển khai thực hiện Kết luận số 57-KL/TW của Bộ Chính trị, góp phần nâng cao nhận thức của các cấp ủy, tổ chức đảng, chính quyền, các tổ chức đoàn thể, cán bộ, đảng viên và nhân dân trong tỉnh về công tác thông tin đối ngoại nhằm phát huy sức mạnh tổng hợp của cả hệ thống chính trị, duy trì môi trường hòa bình, ổn định, thu hút tối đa các nguồn lực thúc đẩy hoạt động đầu tư, hợp tác, phát triển kinh tế - xã hội của tỉnh và của đất nước, góp phần nâng cao vai trò, vị thế của tỉnh; bảo vệ vững chắc chủ quyền và toàn vẹn lãnh thổ của Tổ quốc.</p>"
                        "<p>- Tiếp tục đổi mới, nâng cao hiệu quả công tác thông tin, tuyên truyền đối ngoại; đẩy mạnh thông tin quảng bá hình ảnh đất nước và của tỉnh, các chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước và những thành tựu phát triển kinh tế - xã hội của tỉnh; giúp cộng đồng người Việt Nam nói chung, người Hưng Yên nói riêng ở nước ngoài, bạn bè quốc tế hiểu đúng và đầy đủ về tình hình của đất nước và của tỉnh; tăng cường quan hệ đối ngoại của tỉnh với các địa phương, các nước trong khu vực và trên thế giới; đảm bảo phương châm “<em>chủ động, đồng bộ, kịp thời, sáng tạo, hiệu quả</em>”.</p>"
                        "<p>- Tăng cường sự lãnh đạo, chỉ đạo, điều hành đảm bảo thường xuyên và thống nhất giữa Tỉnh ủy, Ủy ban nhân dân tỉnh; sự phối hợp giữa các sở, ngành tỉnh trong công tác quản lý nhà nước về thông tin đối ngoại; giữa các ngành thành viên Ban Chỉ đạo tỉnh trong việc thực hiện nhiệm vụ thông tin đối ngoại năm 2024.</p>"
                        "<p>- Đấu tranh tích cực và hiệu quả với những âm mưu, luận điệu xuyên tạc của các thế lực cơ hội, thù địch; đặc biệt liên quan đến các vấn đề chủ quyền biển, đảo, biên giới, lãnh thổ, tôn giáo, dân tộc, dân chủ, nhân quyền; tạo sự đồng thuận trong xã hội, góp phần ổn định dư luận, bảo vệ vững chắc nền tảng tư tưởng của Đảng, tăng cường khối đại đoàn kết toàn dân tộc, thực hiện thắng lợi nghị quyết Đại hội Đảng toàn quốc lần thứ XIII, nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIX và nghị quyết đại hội đảng bộ các cấp nhiệm kỳ 2020 - 2025; các nhiệm vụ chính trị, kinh tế, văn hóa, xã hội, quốc phòng, an ninh của tỉnh và đất nước trong năm 2024, tạo không khí phấn khởi để tổ chức thành công đại hội đảng bộ các cấp nhiệm kỳ 2025 - 2030, tiến tới Đại hội đại biểu Đảng bộ tỉnh Hưng Yên lần thứ XX, Đại hội đại biểu toàn quốc lần thứ XIV của Đảng.</p>"
                    ),
                    "footnotes": [],
                    "children": [],
                    "tasks_here": False,
                },
                {
                    "heading": "Yêu cầu",
                    "text": (
                        "<p>- Việc thực hiện công tác thông tin đối ngoại cần theo đúng chỉ đạo, định hướng của Ban Chỉ đạo Công tác thông tin đối ngoại Trung ương, BCĐ tỉnh, đồng thời được triển khai phù hợp với đặc điểm, tình hình của các địa phương, cơ quan, đơn vị. Chú trọng tính sáng tạo, lấy đổi mới để tạo đột phá nâng cao chất lượng, hiệu quả triển khai các hoạt động công tác thông tin đối ngoại, trên cơ sở bám sát các nội dung của Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị về tiếp tục nâng cao chất lượng, hiệu quả công tác thông tin đối ngoại trong tình hình mới, Kế hoạch số 211-KH/TU ngày 25/7/2023 của Ban Thường vụ Tỉnh ủy triển khai thực hiện Kết luận số 57-KL/TW của Bộ Chính trị.</p>"
                        "<p>- Bảo đảm sự thống nhất trong công tác chỉ đạo, định hướng tuyên truyền; sự phối hợp đồng bộ, hiệu quả giữa tỉnh Hưng Yên với các ban, bộ, ngành Trung ương, các địa phương nước ngoài; giữa các địa phương, cơ quan, đơn vị trong tỉnh trong các hoạt động thông tin, tuyên truyền đối ngoại, bảo đảm sự gắn kết chặt chẽ giữa thông tin đối ngoại và thông tin đối nội.</p>"
                        "<p>- Hoạt động thông tin đối ngoại trên địa bàn tỉnh cần phải bảo đảm tính chủ động, kịp thời, đồng bộ, sáng tạo, hiệu quả, bám sát tình hình thực tiễn trong tỉnh, trong nước và nước ngoài; phản ánh sinh động tinh thần và việc triển khai thực hiện chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước về công tác thông tin đối ngoại và kế hoạch phát triển kinh tế - xã hội của tỉnh năm 2024.</p>"
                        "<p>- Phát huy sức mạnh tổng hợp của cả hệ thống chính trị, vai trò của các ngành thành viên Ban Chỉ đạo tỉnh, nhất là trước các sự kiện chính trị - xã hội quan trọng của đất nước, của tỉnh, các hoạt động đối ngoại với sự tham gia của Lãnh đạo Đảng và Nhà nước, lãnh đạo tỉnh.</p>"
                    ),
                    "footnotes": [],
                    "children": [],
                    "tasks_here": False,
                },
            ],
            "tasks_here": False,
        },
        {
            "heading": "NỘI DUNG THỰC HIỆN",
            "text": "",
            "footnotes": [],
            "children": [
                {
                    "heading": "",
                    "text": "<p>Các cấp ủy đảng, chính quyền, các cơ quan, đơn vị, đặc biệt là các ngành thành viên BCĐ tỉnh tiếp tục nghiên cứu, học tập, quán triệt đường lối, chủ trương, quan điểm, chính sách của Đảng và Nhà nước về lĩnh vực Thông tin đối ngoại được nêu trong văn kiện Đại hội đại biểu toàn quốc lần thứ XIII của Đảng, các chỉ thị, nghị quyết, kết luận của Đảng và văn bản chỉ đạo, điều hành, quản lý của Nhà nước của Trung ương và của tỉnh; ý kiến chỉ đạo, kết luận của các đồng chí lãnh đạo Đảng, Nhà nước, nhất là ý kiến chỉ đạo của đồng chí Tổng Bí thư Nguyễn Phú Trọng tại Hội nghị Văn hoá, Hội nghị Đối ngoại toàn quốc triển khai thực hiện Nghị quyết Đại hội XIII của Đảng trong năm 2021, Hội nghị Ngoại giao lần thứ 32 (tháng 12/2023).</p>",
                    "footnotes": [
                        "Chỉ thị số 25-CT/TW, ngày 08/8/2018 của Ban Bí thư về đẩy mạnh và nâng tầm đối ngoại đa phương đến năm 2030; Chỉ thị số 32-CT/TW, ngày 18/02/2019 của Bộ Chính trị về tăng cường và nâng cao hiệu quả quan hệ đối ngoại Đảng trong tình hình mới; Kết luận số 12-KL/TW ngày 12/8/2021 của Bộ Chính trị về công tác người Việt Nam ở nước ngoài trong tình hình mới; Kết luận số 85-KL/TW ngày 19/8/2021 của Ban Bí thư về việc tiếp tục tăng cường tuyên truyền, giới thiệu, tôn vinh Chủ tịch Hồ Chí Minh, anh hùng giải phóng dân tộc, danh nhân văn hóa thế giới với cộng đồng quốc tế; Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị về tiếp tục nâng cao chất lượng, hiệu quả công tác thông tin đối ngoại trong tình hình mới; Nghị quyết số 34-NQ/TW ngày 09/01/2023 của Bộ Chính trị về một số định hướng, chủ trương lớn triển khai đường lối đối ngoại Đại hội XIII của Đảng; Quyết định số 362/QĐ-TTg, ngày 03/4/2019 của Thủ tướng Chính phủ về Quy hoạch phát triển và quản lý báo chí toàn quốc đến năm 2025; Quyết định số 2013/QĐ-TTg ngày 30/11/2021 của Thủ tướng Chính phủ về phê duyệt chiến lược ngoại giao văn hóa đến năm 2023; Kế hoạch số 211-KH/TU ngày 25/7/2023 của Ban Thường vụ Tỉnh uỷ triển khai thực hiện Kết luận số 57-KL/TW của Bộ Chính trị; Chương trình hành động số 39-CTr/TU ngày 28/8/2023 của Ban Thường vụ Tỉnh uỷ thực hiện Nghị quyết số 34-NQ/TW ngày 09/01/2023 của Bộ Chính trị;...",
                    ],
                    "children": [],
                    "tasks_here": False,
                },
                {
                    "heading": "",
                    "text": "<p>Tuyên truyền đối ngoại các hoạt động nổi bật, các sự kiện chính trị quan trọng của tỉnh, của đất nước, trọng tâm tuyên truyền nghị quyết Đại hội Đảng toàn quốc lần thứ XIII, nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIX và nghị quyết đại hội đảng bộ các cấp nhiệm kỳ 2020 - 2025; các ngày lễ, ngày kỷ niệm lớn của đất nước, của tỉnh theo Kế hoạch 254-KH/TU ngày 08/01/2024 của Ban Thường vụ Tỉnh uỷ.</p>",
                    "footnotes": [],
                    "children": [],
                    "tasks_here": False,
                },
                {
                    "heading": "",
                    "text": "<p>Tuyên truyền, quảng bá hình ảnh của tỉnh, truyền thống lịch sử và văn hóa, những thành tựu phát triển kinh tế - xã hội, nhất là những kết quả phát triển kinh tế - xã hội của tỉnh trong năm 2024 nói riêng và nửa nhiệm kỳ thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIX; những tiềm năng, thế mạnh, công tác xúc tiến thương mại, xúc tiến đầu tư của tỉnh... nhằm thu hút sự quan tâm của các nhà đầu tư, bạn bè trong và ngoài nước, kiều bào người Hưng Yên ở nước ngoài tích cực tham gia, đóng góp xây dựng quê hương, đất nước.</p>",
                    "footnotes": [],
                    "children": [],
                    "tasks_here": False,
                },
                {
                    "heading": "",
                    "text": "<p>Đẩy mạnh hợp tác và triển khai có hiệu quả các hoạt động đối ngoại, công tác thông tin đối ngoại của tỉnh; tăng cường mở rộng, thiết lập quan hệ với các quốc gia, vùng lãnh thổ hoặc các tỉnh, thành phố của các quốc gia, vùng lãnh thổ trên thế giới nhằm giao lưu văn hóa, hợp tác phát triển kinh tế, văn hóa, xã hội.</p>",
                    "footnotes": [],
                    "children": [],
                    "tasks_here": False,
                },
                {
                    "heading": "",
                    "text": "<p>Đổi mới, đa dạng hóa các hình thức xúc tiến, thu hút đầu tư vào các khu, cụm công nghiệp của tỉnh; chủ động, tích cực mời gọi, hỗ trợ, tư vấn, cung cấp kịp thời, đầy đủ thông tin liên quan đến chính sách ưu đãi cho các doanh nghiệp trong việc tìm hiểu môi trường đầu tư tại tỉnh; tăng cường đối thoại với doanh nghiệp.</p>",
                    "footnotes": [],
                    "children": [],
                    "tasks_here": False,
                },
                {
                    "heading": "",
                    "text": "<p>Triển khai toàn diện công tác thông tin đối ngoại trên cả ba trụ cột: đối ngoại Đảng, ngoại giao Nhà nước và đối ngoại Nhân dân. Tranh thủ tối đa các sự kiện đối ngoại, giao lưu hợp tác để truyền tải nội dung thông tin đối ngoại; tăng cường sự hiểu biết, làm sâu sắc hơn tình đoàn kết và mối quan hệ hợp tác giữa tỉnh Hưng Yên với các tỉnh bạn cả ở trong và ngoài nước.</p>",
                    "footnotes": [],
                    "children": [],
                    "tasks_here": False,
                },
                {
                    "heading": "",
                    "text": "<p>Tiếp tục đổi mới phương thức tuyên truyền, thông tin đối ngoại theo hướng hiện đại, bắt nhịp xu hướng truyền thông; tăng cường hơn nữa việc ứng dụng khoa học công nghệ, chuyển đổi số trong hoạt động thông tin đối ngoại. Tích cực xây dựng các tài liệu, ấn phẩm, sản phẩm tuyên truyền, thông tin đối ngoại bằng nhiều thứ tiếng, quảng bá hình ảnh của tỉnh theo hướng đa ngôn ngữ (tiếng Anh, tiếng Trung, tiếng Nhật, tiếng Pháp,...), đa kênh (Báo, tạp chí, kênh phát thanh, truyền hình đối ngoại quốc gia, trên mạng xã hội...) với phương châm hấp dẫn, lôi cuốn về hình thức, dễ đọc, dễ hiểu về nội dung, phù hợp với thói quen, sở thích của các nhóm đối tượng. Nghiên cứu, lồng ghép nội dung thông tin đối ngoại vào các hoạt động ở các lĩnh vực khác nhau của đời sống xã hội nhằm đưa thông tin tới đông đảo các tầng lớp nhân dân, nhất là thế hệ trẻ.</p>",
                    "footnotes": [],
                    "children": [],
                    "tasks_here": False,
                },
                {
                    "heading": "",
                    "text": "<p>Tăng cường quản lý và cung cấp thông tin cho báo chí về các vấn đề có liên quan đến tỉnh được dư luận trong và ngoài nước quan tâm, giải thích làm rõ những sai lệch gây ảnh hưởng xấu đến uy tín, hình ảnh của tỉnh.</p>",
                    "footnotes": [],
                    "children": [],
                    "tasks_here": False,
                },
                {
                    "heading": "",
                    "text": "<p>Đẩy mạnh tuyên truyền đấu tranh phản bác các thông tin sai trái, luận điệu xuyên tạc của các thế lực thù địch, cơ hội chính trị nhằm chống phá sự nghiệp xây dựng và bảo vệ Tổ quốc, chia rẽ khối đại đoàn kết dân tộc, nhất là trong vấn đề biên giới, lãnh thổ quốc gia, vấn đề biển đảo, tôn giáo, dân tộc, dân chủ, nhân quyền.</p>",
                    "footnotes": [],
                    "children": [],
                    "tasks_here": False,
                },
                {
                    "heading": "",
                    "text": "<p>Tổ chức các lớp bồi dưỡng, tập huấn nâng cao kiến thức, kỹ năng, nghiệp vụ công tác thông tin đối ngoại, chính sách đối ngoại và hội nhập quốc tế; tăng cường khả năng ứng dụng khoa học công nghệ, các phương thức truyền thông mới trên nền tảng internet, mạng xã hội... góp phần nâng cao chất lượng nguồn nhân lực làm công tác thông tin đối ngoại trên địa bàn tỉnh.</p>",
                    "footnotes": [],
                    "children": [],
                    "tasks_here": False,
                },
            ],
            "tasks_here": False,
        },
        {"heading": "TỔ CHỨC THỰC HIỆN", "text": "", "footnotes": [], "children": [], "tasks_here": True},
        {
            "heading": "KINH PHÍ THỰC HIỆN",
            "text": "<p>Dựa trên nguồn ngân sách đảm bảo cho các hoạt động thông tin đối ngoại tỉnh năm 2024 theo phân cấp ngân sách hiện hành.</p>",
            "footnotes": [],
            "children": [],
            "tasks_here": False,
        },
    ],
    "closing": "Trên cơ sở nội dung của Kế hoạch này, Ban Chỉ đạo công tác thông tin đối ngoại tỉnh yêu cầu các ngành thành viên chủ động triển khai thực hiện nghiêm túc, hiệu quả hoạt động thông tin đối ngoại năm 2024 và báo cáo kết quả về Ban Chỉ đạo Công tác thông tin đối ngoại tỉnh (qua Ban Tuyên giáo Tỉnh ủy, định kỳ 6 tháng, 1 năm)/.",
    "kinh_gui": [],
    "noi_nhan": [
        {"label": "BCĐ CTTĐTNTW (để b/c)", "purpose": "bao_cao", "select": "unit", "unit": "tw-bcdttdn", "kind": None},
        {"label": "Thường trực Tỉnh ủy (để b/c)", "purpose": "bao_cao", "select": "unit", "unit": "hy-tu", "kind": None},
        {
            "label": "Các thành viên và ngành thành viên BCĐCTTĐTNTW tỉnh",
            "purpose": "thuc_hien",
            "select": "units",
            "unit": None,
            "kind": None,
            "units": [
                "hy-btgtu",
                "hy-vptu",
                "hy-vpubnd",
                "hy-stttt",
                "hy-svhttdl",
                "hy-stc",
                "hy-skhdt",
                "hy-sct",
                "hy-bqlkcn",
                "hy-dptth",
                "hy-baohy",
                "hy-tcphohien",
                "hy-bchqs",
                "hy-ca",
            ],
        },
        {"label": "Phòng TT-BC-XB", "purpose": "de_biet", "select": "none", "unit": None, "kind": None},
        {"label": "Lưu BCĐ; Phòng Tổng hợp", "purpose": "luu", "select": "none", "unit": None, "kind": None},
    ],
    "tasks": TASKS,
    "reporting": [
        {
            "frequency": "semiannual",
            "due_date": None,
            "reporters": [
                "hy-btgtu",
                "hy-vptu",
                "hy-vpubnd",
                "hy-stttt",
                "hy-svhttdl",
                "hy-stc",
                "hy-skhdt",
                "hy-sct",
                "hy-bqlkcn",
                "hy-dptth",
                "hy-baohy",
                "hy-tcphohien",
                "hy-bchqs",
                "hy-ca",
            ],
            "to": "hy-bcdttdn",
            "via": "hy-btgtu",
            "as_written": "báo cáo kết quả về Ban Chỉ đạo Công tác thông tin đối ngoại tình (qua Ban Tuyên giáo Tỉnh ủy, định kỳ 6 tháng, 1 năm)",
        },
        {
            "frequency": "annual",
            "due_date": None,
            "reporters": [
                "hy-btgtu",
                "hy-vptu",
                "hy-vpubnd",
                "hy-stttt",
                "hy-svhttdl",
                "hy-stc",
                "hy-skhdt",
                "hy-sct",
                "hy-bqlkcn",
                "hy-dptth",
                "hy-baohy",
                "hy-tcphohien",
                "hy-bchqs",
                "hy-ca",
            ],
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
    "signer": {
        "authority": "",
        "authority_body": "",
        "title": (
            "TRƯỞNG BAN TUYÊN GIÁO TỈNH ỦY\n"
            "Kiêm\n"
            "TRƯỞNG BAN CHỈ ĐẠO\n"
            "CÔNG TÁC THÔNG TIN ĐỐI NGOẠI TỈNH"
        ),
        "name": "Đào Hồng Vận",
    },
    "emulation": None,
    "corrections": [
        ["BCD tỉnh", "BCĐ tỉnh"],
        ["đối ngoại tình năm 2024", "đối ngoại tỉnh năm 2024"],
        ["đối ngoại tình yêu cầu", "đối ngoại tỉnh yêu cầu"],
        ["đối ngoại tình (qua", "đối ngoại tỉnh (qua"],
        ["(<http://www.vietnam.vn>)", "(http://www.vietnam.vn)"],
        ["Hung Yên", "Hưng Yên"],
        ["BCD CTTĐTNTW", "BCĐ CTTĐTNTW"],
        ["BCDCTTĐTNTW", "BCĐCTTĐTNTW"],
        ["Lưu BCD", "Lưu BCĐ"],
    ],
}
