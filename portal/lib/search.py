"""Accent folding for search that does not need diacritics ("thong tin doi ngoai")."""

import re
import unicodedata

from django.db.models import CharField, Func


def fold(text: str) -> str:
    text = unicodedata.normalize("NFD", (text or "").replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip()


# The combining marks NFD splits Vietnamese letters into (acute, grave, hook above, tilde, dot below, breve,
# circumflex, horn): what ``fold`` drops.
COMBINING_MARKS = "[\u0300-\u036f]"


class Folded(Func):
    """``fold()`` in SQL for short columns that have no folded copy (unit names).

    PostgreSQL: ``LOWER(REGEXP_REPLACE(NORMALIZE(…đ→d, Đ→D…, NFD), '[combining marks]', '', 'g'))`` — the same
    steps as ``fold``, no extension needed (a UTF-8 database). It replaced a TRANSLATE over a table of the 490
    accented Latin letters, which PostgreSQL searches letter by letter: 10.3 s over the 133,539 units of the
    national dataset against 0.5 s this way (bench/RESULTS.md, search). SQLite: the Python ``fold`` registered
    on the connection. Not indexed: it runs over the units the user sees.
    """

    output_field = CharField()
    arity = 1

    # Func's own parameters are named (and ignored: the SQL is fixed) so a caller may pass them as to any Func.
    def as_sql(self, compiler, connection, function=None, template=None, arg_joiner=None, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return (
            f"LOWER(REGEXP_REPLACE(NORMALIZE(REPLACE(REPLACE({sql}, 'đ', 'd'), 'Đ', 'D'), NFD), %s, '', 'g'))",
            (*params, COMBINING_MARKS),
        )

    def as_sqlite(self, compiler, connection, **extra_context):
        connection.ensure_connection()
        connection.connection.create_function("thongsuot_fold", 1, fold, deterministic=True)
        sql, params = compiler.compile(self.source_expressions[0])
        return f"thongsuot_fold({sql})", params
