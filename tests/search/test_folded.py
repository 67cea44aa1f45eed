"""Folded (the SQL fold over unit names, people, subjects) gives what Python's fold gives, letter for letter."""

import pytest
from django.db.models import Value

from portal.lib.search import Folded, fold
from portal.org.models import Unit

VOWELS = "aăâeêioôơuưy"
TONES = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng
LETTERS = [
    *(f"{v}{t}" for v in VOWELS for t in ("", *TONES)),
    "đ",
]
NAMES = [
    "Liên đoàn Lao động tỉnh Bắc Giang",
    "CÔNG ĐOÀN NGÀNH GIÁO DỤC",
    "Ban Tuyên giáo Tỉnh ủy",
    "Trường THPT Nguyễn Trãi – Hưng Yên",
    "Số 10-HD/BTGDVTW",
    "Đảng ủy khối Doanh nghiệp",
]


def _sql_fold(text: str) -> str:
    return Unit.objects.annotate(f=Folded(Value(text))).values_list("f", flat=True).first()


@pytest.mark.django_db
def test_sql_fold_matches_python_fold_for_every_vietnamese_letter_in_both_cases(cast):
    import unicodedata

    words = [unicodedata.normalize("NFC", letter) for letter in LETTERS]
    text = " ".join(words + [w.upper() for w in words])
    assert _sql_fold(text) == fold(text)
    assert fold(text).isascii()


@pytest.mark.django_db
@pytest.mark.parametrize("name", NAMES)
def test_sql_fold_matches_python_fold_for_unit_names(cast, name):
    assert _sql_fold(name) == fold(name)
