"""Seed 000: công văn …/LĐLĐ-TG&NC (02/2024) of LĐLĐ tỉnh Bắc Giang forwarding 97-HD/BTGTU.

Transcribed from ../shared/seeds/000_ee574a7ca55b8a2f.txt, scanned without its head (the letterhead is
LĐLĐ tỉnh Bắc Giang's). The seed leaves the number and the day blank, a draft awaiting signature: they
print as blanks. The note "(Nội dung tuyên truyền … gửi kèm Công văn này.)" closes the numbered items
unnumbered, as in the seed."""

from __future__ import annotations

from directives.content import DocumentContent, Letterhead, Section, Signature, paragraphs
from directives.seeds.base import Seed

# Generated once from the seed text and then kept by hand: each paragraph on its own line.
# fmt: off

SEED = Seed(
    file="000_ee574a7ca55b8a2f.txt",
    issuer_as_written="Ban Thường vụ Liên đoàn Lao động tỉnh",
    date_as_written="Bắc Giang, ngày tháng 02 năm 2024",
    date_source=None,
    content=DocumentContent(
        doc_type="CV",
        type_name="Công văn",
        letterhead=Letterhead(regime="union", parent_line="TỔNG LĐLĐ VIỆT NAM", issuer_lines=("LIÊN ĐOÀN LAO ĐỘNG", "TỈNH BẮC GIANG")),
        number=None,
        symbol="LĐLĐ-TG&NC",
        department="TG&NC",
        place="Bắc Giang",
        issue_year=2024,
        subject="hướng dẫn công tác thông tin\nđối ngoại năm 2024",
        opening=paragraphs(
            "Căn cứ Hướng dẫn số 97-HD/BTGTU ngày 06/02/2024 của Ban Tuyên giáo tỉnh ủy về công tác thông tin đối ngoại năm 2024; Ban Thường vụ Liên đoàn Lao động tỉnh đề nghị các cấp công đoàn thực hiện một số nội dung như sau:",
        ),
        body_numbering="arabic",
        body=(
            Section(
                text=(
                    "<p>Tạo sự thống nhất về nhận thức của cấp ủy, chính quyền các cấp và đoàn viên, công nhân viên chức lao động về vị trí, tầm quan trọng của công tác thông tin đối ngoại; tiếp tục triển khai hiệu quả Kế hoạch số 101-KH/TU ngày 20/9/2023 của Ban Thường vụ Tỉnh ủy thực hiện Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị về tiếp tục nâng cao chất lượng, hiệu quả công tác thông tin đối ngoại trong tình hình mới; góp phần hoàn thành thắng lợi các mục tiêu phát triển kinh tế - xã hội, hội nhập quốc tế của tỉnh Bắc Giang trong năm 2024.</p>"
                    "<p>Thông qua công tác thông tin đối ngoại khẳng định tỉnh Bắc Giang nói riêng, Việt Nam nói chung là điểm đến an toàn, hấp dẫn về đầu tư, thương mại, văn hoá, du lịch... Đồng thời, tăng cường đấu tranh phản bác làm thất bại những âm mưu chống phá, vu cáo, bôi xấu hình ảnh tỉnh Bắc Giang và đất nước Việt Nam của các thế lực thù địch, cơ hội chính trị trên mặt trận truyền thông; giảm thiểu những đánh giá, nhận định thiên kiến, thiếu khách quan của một số nước, tổ chức quốc tế về Việt Nam, đặc biệt trong lĩnh vực dân tộc, tôn giáo, dân chủ, nhân quyền.</p>"
                ),
            ),
            Section(
                text="<p>Công tác thông tin đối ngoại theo đúng chỉ đạo, định hướng bảo đảm chủ động, kịp thời, đồng bộ, sáng tạo, hiệu quả, bám sát tình hình thực tiễn, đặc biệt là Kế hoạch số 101-KH/TU ngày 20/9/2023 của Ban Thường vụ Tỉnh ủy thực hiện Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị về tiếp tục nâng cao chất lượng, hiệu quả công tác thông tin đối ngoại trong tình hình mới; Kế hoạch số 57-KH/UBND ngày 23/10/2023 về hoạt động thông tin đối ngoại tỉnh Bắc Giang năm 2024.</p>",
            ),
            Section(
                text="<p>Phối hợp với các cơ quan chức năng tham mưu giúp cấp ủy, thủ trưởng triển khai các nhiệm vụ thông tin đối ngoại của địa phương, đơn vị gắn với việc thực hiện nhiệm vụ chính trị của cơ quan, địa phương, đơn vị đảm bảo thiết thực, hiệu quả.</p>",
            ),
            Section(
                text="<p>Phối hợp các sở, ban, ngành trong các chương trình quảng bá, xúc tiến thương mại, du lịch, đầu tư ở trong tỉnh, trong nước và nước ngoài; thường xuyên quan tâm, hỗ trợ trong việc kết nối thông tin với các cơ quan đại diện ngoại giao của Việt Nam ở nước ngoài và các cơ quan đại diện ngoại giao nước ngoài tại Việt Nam; tăng cường các hoạt động quảng bá, giới thiệu hình ảnh, văn hóa, tiềm năng và các chính sách ưu đãi của địa phương tới bạn bè quốc tế.</p>",
            ),
            Section(
                text="<p>Tăng cường tham mưu kiểm tra, đôn đốc, đánh giá việc thực hiện các hoạt động thông tin đối ngoại; kịp thời tham mưu hình thức động viên, khen thưởng, khuyến khích các tập thể, cá nhân có thành tích xuất sắc trong công tác thông tin đối ngoại ở địa phương, đơn vị mình.</p>",
            ),
            Section(
                text="<p>(Nội dung tuyên truyền theo Hướng dẫn số 97-HD/BTGTU ngày 06/02/2024 của Ban Tuyên giáo tỉnh ủy về công tác thông tin đối ngoại năm 2024 gửi kèm Công văn này.)</p>",
                numbered=False,
            ),
        ),
        closing=paragraphs(
            "Ban Thường vụ Liên đoàn Lao động tỉnh đề nghị các cấp công đoàn, Nhà Văn hóa Lao động tỉnh nghiêm túc triển khai tuyên truyền, phổ biến, quán triệt đến cán bộ, đoàn viên, người lao động./.",
        ),
        signer=Signature(authority="TM", authority_body="BAN THƯỜNG VỤ", title="PHÓ CHỦ TỊCH",
                          name="Nguyễn Mạnh Hùng"),
        kinh_gui=(
            "Liên đoàn lao động các huyện, thị xã, thành phố",
            "Các công đoàn ngành, Công đoàn Viên chức, Công đoàn Các khu công nghiệp tỉnh",
            "Nhà Văn hóa Lao động tỉnh",
            "Các công đoàn cơ sở trực thuộc LĐLĐ tỉnh",
        ),
        noi_nhan=(
            "Như kính gửi",
            "Ban Tuyên giáo Tổng Liên đoàn",
            "Thường trực LĐLĐ tỉnh",
            "Các ban, Văn phòng Liên đoàn Lao động tỉnh",
            "Lưu: VT, Ban TG&NC",
        ),
    ),
)
