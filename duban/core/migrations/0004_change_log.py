"""The change log's tables (duban.core.changes), on PostgreSQL only."""

from django.db import migrations

from duban.core.changes import CREATE_SQL, DROP_SQL


def _run(schema_editor, script: str) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for statement in filter(None, (s.strip() for s in script.split(";"))):
            schema_editor.execute(statement)


def create(apps, schema_editor):
    _run(schema_editor, CREATE_SQL)


def drop(apps, schema_editor):
    _run(schema_editor, DROP_SQL)


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0003_robust_job_heartbeat"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
