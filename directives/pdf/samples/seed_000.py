"""Seed 000: công văn of LĐLĐ tỉnh Bắc Giang forwarding Hướng dẫn 97-HD/BTGTU (02/2024)."""

from __future__ import annotations

from directives.pdf.layout import BodyNode, OfficialLayout, Signer
from directives.pdf.samples._text import _html


def seed_000_cong_van() -> OfficialLayout:
    """Công văn of LĐLĐ tỉnh Bắc Giang forwarding Hướng dẫn 97-HD/BTGTU (number and day blank)."""
    return OfficialLayout(
        regime="union",
        parent_body="TỔNG LĐLĐ VIỆT NAM",
        issuer_name="LIÊN ĐOÀN LAO ĐỘNG\nTỈNH BẮC GIANG",
        number=None,
        symbol="LĐLĐ-TG&NC",
        doc_type_code="CV",
        doc_type_name="Công văn",
        is_cong_van=True,
        place="Bắc Giang",
        issue_date=None,
        issue_year=2024,
        subject="V/v hướng dẫn công tác thông tin\nđối ngoại năm 2024",
        kinh_gui=[
            "Liên đoàn lao động các huyện, thị xã, thành phố",
            "Các công đoàn ngành, Công đoàn Viên chức, Công đoàn Các khu công nghiệp tỉnh",
            "Nhà Văn hóa Lao động tỉnh",
            "Các công đoàn cơ sở trực thuộc LĐLĐ tỉnh",
        ],
        opening=_html(
            "Căn cứ Hướng dẫn số 97-HD/BTGTU ngày 06/02/2024 của Ban Tuyên giáo tỉnh ủy về công tác thông tin đối ngoại năm 2024; Ban Thường vụ Liên đoàn Lao động tỉnh đề nghị các cấp công đoàn thực hiện một số nội dung như sau:",
        ),
        body=[
            BodyNode(
                "",
                _html(
                    "Tạo sự thống nhất về nhận thức của cấp ủy, chính quyền các cấp và đoàn viên, công nhân viên chức lao động về vị trí, tầm quan trọng của công tác thông tin đối ngoại; tiếp tục triển khai hiệu quả Kế hoạch số 101-KH/TU ngày 20/9/2023 của Ban Thường vụ Tỉnh ủy thực hiện Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị về tiếp tục nâng cao chất lượng, hiệu quả công tác thông tin đối ngoại trong tình hình mới; góp phần hoàn thành thắng lợi các mục tiêu phát triển kinh tế - xã hội, hội nhập quốc tế của tỉnh Bắc Giang trong năm 2024.",
                    "Thông qua công tác thông tin đối ngoại khẳng định tỉnh Bắc Giang nói riêng, Việt Nam nói chung là điểm đến an toàn, hấp dẫn về đầu tư, thương mại, văn hoá, du lịch... Đồng thời, tăng cường đấu tranh phản bác làm thất bại những âm mưu chống phá, vu cáo, bôi xấu hình ảnh tỉnh Bắc Giang và đất nước Việt Nam của các thế lực thù địch, cơ hội chính trị trên mặt trận truyền thông; giảm thiểu những đánh giá, nhận định thiên kiến, thiếu khách quan của một số nước, tổ chức quốc tế về Việt Nam, đặc biệt trong lĩnh vực dân tộc, tôn giáo, dân chủ, nhân quyền.",
                ),
            ),
            BodyNode(
                "",
                _html(
                    "Công tác thông tin đối ngoại theo đúng chỉ đạo, định hướng bảo đảm chủ động, kịp thời, đồng bộ, sáng tạo, hiệu quả, bám sát tình hình thực tiễn, đặc biệt là Kế hoạch số 101-KH/TU ngày 20/9/2023 của Ban Thường vụ Tỉnh ủy thực hiện Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị về tiếp tục nâng cao chất lượng, hiệu quả công tác thông tin đối ngoại trong tình hình mới; Kế hoạch số 57-KH/UBND ngày 23/10/2023 về hoạt động thông tin đối ngoại tỉnh Bắc Giang năm 2024.",
                ),
            ),
            BodyNode(
                "",
                _html(
                    "Phối hợp với các cơ quan chức năng tham mưu giúp cấp ủy, thủ trưởng triển khai các nhiệm vụ thông tin đối ngoại của địa phương, đơn vị gắn với việc thực hiện nhiệm vụ chính trị của cơ quan, địa phương, đơn vị đảm bảo thiết thực, hiệu quả.",
                ),
            ),
            BodyNode(
                "",
                _html(
                    "Phối hợp các sở, ban, ngành trong các chương trình quảng bá, xúc tiến thương mại, du lịch, đầu tư ở trong tỉnh, trong nước và nước ngoài; thường xuyên quan tâm, hỗ trợ trong việc kết nối thông tin với các cơ quan đại diện ngoại giao của Việt Nam ở nước ngoài và các cơ quan đại diện ngoại giao nước ngoài tại Việt Nam; tăng cường các hoạt động quảng bá, giới thiệu hình ảnh, văn hóa, tiềm năng và các chính sách ưu đãi của địa phương tới bạn bè quốc tế.",
                ),
            ),
            BodyNode(
                "",
                _html(
                    "Tăng cường tham mưu kiểm tra, đôn đốc, đánh giá việc thực hiện các hoạt động thông tin đối ngoại; kịp thời tham mưu hình thức động viên, khen thưởng, khuyến khích các tập thể, cá nhân có thành tích xuất sắc trong công tác thông tin đối ngoại ở địa phương, đơn vị mình.",
                ),
            ),
        ],
        body_numbering="arabic",
        closing=_html(
            "(Nội dung tuyên truyền theo Hướng dẫn số 97-HD/BTGTU ngày 06/02/2024 của Ban Tuyên giáo tỉnh ủy về công tác thông tin đối ngoại năm 2024 gửi kèm Công văn này.)",
            "Ban Thường vụ Liên đoàn Lao động tỉnh đề nghị các cấp công đoàn, Nhà Văn hóa Lao động tỉnh nghiêm túc triển khai tuyên truyền, phổ biến, quán triệt đến cán bộ, đoàn viên, người lao động./.",
        ),
        signer=Signer(
            authority="TM", authority_body="BAN THƯỜNG VỤ", title="PHÓ CHỦ TỊCH", name="Nguyễn Mạnh Hùng"
        ),
        noi_nhan=[
            "Như kính gửi",
            "Ban Tuyên giáo Tổng Liên đoàn",
            "Thường trực LĐLĐ tỉnh",
            "Các ban, Văn phòng Liên đoàn Lao động tỉnh",
            "Lưu: VT, Ban TG&NC",
        ],
    )
