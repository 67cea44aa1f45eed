"""Accent folding for search that does not need diacritics ("thong tin doi ngoai")."""

import re
import unicodedata

from django.db.models import CharField, Func


def fold(text: str) -> str:
    text = unicodedata.normalize("NFD", (text or "").replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip()


def _fold_table() -> tuple[str, str]:
    """Accented Latin letters (both cases) and the lower-case ASCII letter ``fold`` maps each to."""
    source, target = [], []
    for codepoint in range(0x00C0, 0x1EFF + 1):
        char = chr(codepoint)
        folded = fold(char)
        if char.isalpha() and len(folded) == 1 and folded.isascii() and folded.isalpha() and folded != char:
            source.append(char)
            target.append(folded)
    return "".join(source), "".join(target)


_FOLD_FROM, _FOLD_TO = _fold_table()


class Folded(Func):
    """``fold()`` in SQL for short columns that have no folded copy (unit names).

    PostgreSQL: ``TRANSLATE(LOWER(x), 'àá…Đ', 'aa…d')``, no extension needed. SQLite: the Python
    ``fold`` registered on the connection. Not indexed: it runs over the units the user sees.
    """

    output_field = CharField()
    arity = 1

    # Func's own parameters are named (and ignored: the SQL is fixed) so a caller may pass them as to any Func.
    def as_sql(self, compiler, connection, function=None, template=None, arg_joiner=None, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"TRANSLATE(LOWER({sql}), %s, %s)", (*params, _FOLD_FROM, _FOLD_TO)

    def as_sqlite(self, compiler, connection, **extra_context):
        connection.ensure_connection()
        connection.connection.create_function("thongsuot_fold", 1, fold, deterministic=True)
        sql, params = compiler.compile(self.source_expressions[0])
        return f"thongsuot_fold({sql})", params
