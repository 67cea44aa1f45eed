"""A trigram index on the reports' folded text, on PostgreSQL only (as directives 0004 for documents).

The search page looks for the query's words in the reports the user may see (reporting/search.py,
``search_text LIKE '%word%'``). Without an index PostgreSQL read every report in the country for them: a
province's leader waited 1 s on the 1.2 million reports of the national dataset for each search
(bench/RESULTS.md, the load test's search). Built CONCURRENTLY so a deploy does not lock the table.
"""

from importlib import import_module

from django.db import migrations

# RunSQL that does nothing on other databases, written once in directives' migration.
PostgreSQLOnly = import_module("directives.migrations.0004_search_indexes").PostgreSQLOnly


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run inside a transaction

    dependencies = [
        ("directives", "0004_search_indexes"),
        ("reporting", "0009_obligation_unit_period"),
    ]

    operations = [
        PostgreSQLOnly(
            sql="CREATE INDEX CONCURRENTLY IF NOT EXISTS report_search_text_trgm "
            "ON reporting_report USING gin (search_text gin_trgm_ops)",
            reverse_sql="DROP INDEX CONCURRENTLY IF EXISTS report_search_text_trgm",
        ),
    ]
