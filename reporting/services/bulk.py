"""One UPDATE for many rows with different values.

Django's bulk_update builds a CASE WHEN per field and row, whose compilation grows with rows × fields
and dominated the chase sweep's time; on PostgreSQL an UPDATE … FROM (VALUES …) joins on the
primary key instead. Other databases keep bulk_update.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection, models

# Django field class → PostgreSQL type used to cast the VALUES rows (NULLs need a type).
_PG_TYPES = {
    "CharField": "varchar",
    "TextField": "text",
    "DateTimeField": "timestamptz",
    "DateField": "date",
    "BigAutoField": "bigint",
    "AutoField": "integer",
    "ForeignKey": "bigint",
    "PositiveSmallIntegerField": "integer",
    "PositiveIntegerField": "integer",
    "IntegerField": "integer",
    "BooleanField": "boolean",
}


def _column(field: object) -> tuple[models.Field, str]:
    """A field stored in the model's own table, with its column (a reverse relation or a generic key is not)."""
    if not isinstance(field, models.Field) or not field.column:
        raise ValueError(f"{field!r} is not a column of its model's table")
    return field, field.column


def bulk_set(objs: Sequence[models.Model], fields: Sequence[str]) -> int:
    """Write fields of objs (already set on the instances) in one statement."""
    if not objs:
        return 0
    model = type(objs[0])
    if connection.vendor != "postgresql":
        return model._default_manager.bulk_update(objs, fields)
    meta = model._meta
    cols = [_column(meta.pk)] + [_column(meta.get_field(f)) for f in fields]
    casts = [f"%s::{_PG_TYPES[c.get_internal_type()]}" for c, _ in cols]
    row_sql = "(" + ", ".join(casts) + ")"
    names = [name for _, name in cols]
    params: list = []
    for obj in objs:
        for c, _ in cols:
            params.append(c.get_db_prep_save(getattr(obj, c.attname), connection))
    table = connection.ops.quote_name(meta.db_table)
    assignments = ", ".join(
        f"{connection.ops.quote_name(n)} = v.{connection.ops.quote_name(n)}" for n in names[1:]
    )
    sql = (
        f"UPDATE {table} AS t SET {assignments} FROM (VALUES {', '.join([row_sql] * len(objs))}) "
        f"AS v({', '.join(connection.ops.quote_name(n) for n in names)}) "
        f"WHERE t.{connection.ops.quote_name(names[0])} = v.{connection.ops.quote_name(names[0])}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount
