"""Documents the seeds cite that are not themselves in the demo: external documents (SPEC.md §3).

Each is identified by number-symbol + date + issuer, exactly as the seeds cite it. ``issuer`` is
the demo unit when the issuer is in ``portal.org.demo_tree``, else None (Thủ tướng Chính phủ);
``issuer_name`` is the issuing body as cited. ``cited_in`` names the seed files that cite it.
Subjects are the seeds' words; where a seed disagrees with itself or with the symbol, ``note``
says so.
"""

# fmt: off
_S000, _S001, _S002, _S003, _S004 = (
    "000_ee574a7ca55b8a2f.txt", "001_ae91674dcfbe727e.txt", "002_c1ee218e7dc2fd12.txt",
    "003_f2b003db15dbc5a2.txt", "004_1665b853a9b0f110.txt",
)
_KL57 = "về tiếp tục nâng cao chất lượng, hiệu quả công tác thông tin đối ngoại trong tình hình mới"


def _ext(number_symbol: str, doc_type: str, issue_date: str, issuer_name: str, issuer: str | None,
         subject: str, cited_in: list[str], note: str = "") -> dict:
    return {"key": number_symbol, "doc_type": doc_type, "number_symbol": number_symbol,
            "issue_date": issue_date, "issuer_name": issuer_name, "issuer": issuer, "subject": subject,
            "cited_in": cited_in, "note": note}


EXTERNAL_DOCUMENTS: list[dict] = [
    # The cascade of SPEC.md §1, top down.
    _ext("57-KL/TW", "KL", "2023-06-15", "Bộ Chính trị", "tw-bct", _KL57, [_S000, _S001, _S002, _S004]),
    _ext("132-HD/BTGTW", "HD", "2023-12-29", "Ban Tuyên giáo Trung ương", "tw-btgtw",
         "về công tác thông tin đối ngoại năm 2024", [_S001, _S004],
         "Seed 004 cites the subject as \"về hướng dẫn công tác thông tin đối ngoại năm 2024\"."),
    _ext("101-KH/TU", "KH", "2023-09-20", "Ban Thường vụ Tỉnh ủy Bắc Giang", "bg-tu",
         f"thực hiện Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị {_KL57}", [_S000, _S001]),
    _ext("211-KH/TU", "KH", "2023-07-25", "Ban Thường vụ Tỉnh ủy Hưng Yên", "hy-tu",
         "triển khai thực hiện Kết luận số 57-KL/TW của Bộ Chính trị", [_S004]),
    _ext("76/KH-LĐLĐ", "KH", "2024-07-25", "Liên đoàn Lao động tỉnh Bình Phước", "bp-ldld",
         f"Triển khai thực hiện Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị {_KL57}", [_S002]),
    _ext("135-HD/BTGTW", "HD", "2014-03-21", "Ban Tuyên giáo Trung ương", "tw-btgtw",
         "Công tác thông tin đối ngoại năm 2014", [_S003],
         "Seed 003 attributes it to \"Ban Tuyên giáo Tỉnh uỷ Lai Châu\"; the symbol BTGTW is the central "
         "board's, as SPEC.md §1 has it."),
    _ext("42-QĐ/BCĐTTĐN", "QD", "2017-02-17", "Ban Chỉ đạo Công tác thông tin đối ngoại tỉnh Hưng Yên",
         "hy-bcdttdn", "về việc ban hành Quy chế hoạt động của Ban Chỉ đạo công tác thông tin đối ngoại tỉnh",
         [_S004]),
    # Bắc Giang's provincial plans, cited by seeds 000 and 001.
    _ext("57-KH/UBND", "KH", "2023-10-23", "Ủy ban nhân dân tỉnh Bắc Giang", "bg-ubnd",
         "về hoạt động thông tin đối ngoại tỉnh Bắc Giang năm 2024", [_S000, _S001],
         "Written \"57-KH/UBND\" (Party style) in the seeds' bodies and \"57-KH/TU\" in seed 001's footnote; "
         "the issuer is not named, the symbol points to UBND tỉnh."),
    _ext("192/KH-UBND", "KH", "2023-11-26", "Ủy ban nhân dân tỉnh Bắc Giang", "bg-ubnd",
         f"về việc triển khai thực hiện Kế hoạch số 101-KH/TU ngày 20/9/2023 của Ban Thường vụ Tỉnh ủy thực "
         f"hiện Kết luận số 57-KL/TW của Bộ Chính trị {_KL57}", [_S001]),
    # Central documents of the footnotes and bodies.
    _ext("25-CT/TW", "CT", "2018-08-08", "Ban Bí thư", "tw-bbt",
         "về đẩy mạnh và nâng tầm đối ngoại đa phương đến năm 2030", [_S001, _S004]),
    _ext("32-CT/TW", "CT", "2019-02-18", "Bộ Chính trị", "tw-bct",
         "về tăng cường và nâng cao hiệu quả quan hệ đối ngoại Đảng trong tình hình mới", [_S001, _S004]),
    _ext("85-KL/TW", "KL", "2021-08-19", "Ban Bí thư", "tw-bbt",
         "về việc tiếp tục tăng cường tuyên truyền, giới thiệu, tôn vinh Chủ tịch Hồ Chí Minh, anh hùng giải "
         "phóng dân tộc, danh nhân văn hóa thế giới với cộng đồng quốc tế", [_S001, _S004]),
    _ext("34-NQ/TW", "NQ", "2023-01-09", "Bộ Chính trị", "tw-bct",
         "về một số định hướng, chủ trương lớn triển khai đường lối đối ngoại Đại hội XIII của Đảng",
         [_S001, _S004]),
    _ext("12-KL/TW", "KL", "2021-08-12", "Bộ Chính trị", "tw-bct",
         "về công tác người Việt Nam ở nước ngoài trong tình hình mới", [_S004]),
    _ext("26-CT/TW", "CT", "2008-09-10", "Ban Bí thư (khóa X)", "tw-bbt",
         "về tiếp tục đổi mới và tăng cường công tác thông tin đối ngoại trong tình hình mới", [_S003]),
    _ext("16-KL/TW", "KL", "2012-02-14", "Bộ Chính trị", "tw-bct",
         "về Chiến lược phát triển thông tin đối ngoại giai đoạn 2011 - 2020", [_S003]),
    _ext("368/QĐ-TTg", "QD", "2013-02-28", "Thủ tướng Chính phủ", None,
         "phê duyệt Chương trình hành động của Chính phủ về thông tin đối ngoại giai đoạn 2013 - 2020", [_S003]),
    _ext("362/QĐ-TTg", "QD", "2019-04-03", "Thủ tướng Chính phủ", None,
         "về Quy hoạch phát triển và quản lý báo chí toàn quốc đến năm 2025", [_S004]),
    _ext("2013/QĐ-TTg", "QD", "2021-11-30", "Thủ tướng Chính phủ", None,
         "về phê duyệt chiến lược ngoại giao văn hóa đến năm 2023", [_S004],
         "Subject as written in seed 004 (\"đến năm 2023\")."),
    _ext("40/QĐ-TTg", "QD", "2018-06-29", "Thủ tướng Chính phủ", None,
         "phê duyệt Chiến lược hội nhập quốc tế trong lĩnh vực an ninh, trật tự đến năm 2020, tầm nhìn đến "
         "năm 2030", [_S004]),
    # Hưng Yên's own documents cited by seed 004.
    _ext("39-CTr/TU", "CTR", "2023-08-28", "Ban Thường vụ Tỉnh ủy Hưng Yên", "hy-tu",
         "thực hiện Nghị quyết số 34-NQ/TW ngày 09/01/2023 của Bộ Chính trị", [_S004]),
    _ext("167/KH-UBND", "KH", "2023-11-03", "Ủy ban nhân dân tỉnh Hưng Yên", "hy-ubnd",
         "về tổ chức các hoạt động xúc tiến tiêu thụ nông sản tỉnh Hưng Yên năm 2024", [_S004]),
]
# Not listed: Kế hoạch 254-KH/TU (08/01/2024, Ban Thường vụ Tỉnh ủy Hưng Yên), which seed 004 cites
# four times without ever giving its subject.
