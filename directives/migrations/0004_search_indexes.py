"""Trigram indexes for search (directives/search.py), on PostgreSQL only.

``search_text LIKE '%thong tin%'`` and ``UPPER(number_symbol) = / LIKE '97-HD%'`` are answered from
GIN trigram indexes; other databases (SQLite in development) run the same queries as scans.

``pg_trgm`` is a trusted extension (PostgreSQL 13+): the database owner may create it without
being a superuser. The indexes are built CONCURRENTLY so a deploy does not lock the table.
"""

from django.db import migrations


class PostgreSQLOnly(migrations.RunSQL):
    """RunSQL that does nothing on other databases (the state is unchanged either way)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run inside a transaction

    dependencies = [
        ("directives", "0003_render_batch"),
    ]

    operations = [
        PostgreSQLOnly(
            sql="CREATE EXTENSION IF NOT EXISTS pg_trgm",
            reverse_sql=migrations.RunSQL.noop,
        ),
        PostgreSQLOnly(
            sql="CREATE INDEX CONCURRENTLY IF NOT EXISTS doc_search_text_trgm "
                "ON directives_document USING gin (search_text gin_trgm_ops)",
            reverse_sql="DROP INDEX CONCURRENTLY IF EXISTS doc_search_text_trgm",
        ),
        PostgreSQLOnly(
            sql="CREATE INDEX CONCURRENTLY IF NOT EXISTS doc_number_symbol_upper_trgm "
                "ON directives_document USING gin (UPPER(number_symbol) gin_trgm_ops)",
            reverse_sql="DROP INDEX CONCURRENTLY IF EXISTS doc_number_symbol_upper_trgm",
        ),
    ]
