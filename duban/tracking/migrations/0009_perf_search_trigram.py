"""Search on PostgreSQL: the pg_trgm extension and trigram indexes on the searched titles (duban/web/search.py).

Both only when the database is PostgreSQL: SQLite searches by plain substring and gets nothing here. The
indexes are on ``UPPER(column)`` (what ``icontains`` compares, so substring searches of three characters or
more use them) and on the column itself (what the near-miss operator ``%>`` and ``contains`` compare).
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

#: (table, column) searched by duban/web/search.py.
SEARCHED = [
    ("plans_task", "title"), ("plans_task", "code"), ("plans_livelihoodsubitem", "title"),
    ("plans_livelihooditem", "title"), ("projects_project", "name"), ("projects_project", "code"),
    ("indicators_indicator", "name"), ("tracking_supervisionorder", "title"), ("org_organisation", "name"),
]
#: (table, column) matched by a case-sensitive substring elsewhere: the item page's reminders
#: (``Reminder.key`` contains ``:type:id:``), which would otherwise read every reminder of the city.
SUBSTRING = [("tracking_reminder", "key")]


class PostgreSQLOnly(TrigramExtension):
    """``CREATE EXTENSION pg_trgm`` on PostgreSQL; nothing on any other database."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass  # the extension may serve others; leave it


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column in SEARCHED:
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{table}_{column}_trgm_upper" ON "{table}" '
                              f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)')
    for table, column in SEARCHED + SUBSTRING:
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{table}_{column}_trgm" ON "{table}" '
                              f'USING gin ("{column}" gin_trgm_ops)')


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column in SEARCHED + SUBSTRING:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{table}_{column}_trgm_upper"')
        schema_editor.execute(f'DROP INDEX IF EXISTS "{table}_{column}_trgm"')


class Migration(migrations.Migration):

    dependencies = [
        ("tracking", "0008_merge_dashboard"),
        ("plans", "0004_merge_seeds_ledgers"),
        ("projects", "0003_merge_dashboard_leads"),
        ("indicators", "0002_seeds_commitment_links"),
        ("org", "0004_seeds_dispatch_roles"),
    ]

    operations = [
        PostgreSQLOnly(),
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
