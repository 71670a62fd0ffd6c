"""Triggers that write duban.core.changes' log (PostgreSQL only): one row per statement and district touched, on
every table the tracked items and the reports are read from (tests/tracking/test_tracking_changes.py checks
that the list covers every table the item loaders read; a loader reading a new table needs a migration
adding it here)."""

from django.db import migrations

#: table -> the district of a row ``r`` of it, as SQL (NULL or 0: every district's rows; the city scope). A
#: district read through a parent row locks it (FOR SHARE): a child written while another transaction moves its
#: parent to another district waits for that move and stamps the parent's new district, not the old one only.
DISTRICT_OF = {
    "tracking_report": "r.district_id",
    "tracking_item": "r.district_id",
    "projects_project": "r.district_id",
    "projects_projectyear": "(SELECT p.district_id FROM projects_project p WHERE p.id = r.project_id FOR SHARE)",
    "plans_plan": "r.district_id",
    "plans_task": "(SELECT p.district_id FROM plans_plan p WHERE p.id = r.plan_id FOR SHARE)",
    "plans_taskunit": "(SELECT p.district_id FROM plans_task t JOIN plans_plan p ON p.id = t.plan_id"
                      " WHERE t.id = r.task_id FOR SHARE)",
    "plans_livelihooditem": "(SELECT p.district_id FROM plans_plan p WHERE p.id = r.plan_id FOR SHARE)",
    "plans_livelihoodsubitem": "(SELECT p.district_id FROM plans_livelihooditem i JOIN plans_plan p"
                               " ON p.id = i.plan_id WHERE i.id = r.item_id FOR SHARE)",
    "plans_livelihoodsubitemunit": "(SELECT p.district_id FROM plans_livelihoodsubitem s JOIN plans_livelihooditem i"
                                   " ON i.id = s.item_id JOIN plans_plan p ON p.id = i.plan_id"
                                   " WHERE s.id = r.sub_item_id FOR SHARE)",
    "plans_worknode": "0",
    "projects_expropriationtask": "r.district_id",
    "projects_expropriationunit": "(SELECT e.district_id FROM projects_expropriationtask e"
                                  " WHERE e.id = r.task_id FOR SHARE)",
    "projects_projectcategory": "0",
    "projects_area": "0",
    "indicators_indicator": "0",
    "indicators_indicatortarget": "0",
    "indicators_indicatortargetunit": "0",
    "org_organisation": "0",
}

FUNCTION = """
CREATE OR REPLACE FUNCTION duban_change_{table}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    INSERT INTO duban_change (scope) VALUES (0);
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO duban_change (scope) SELECT DISTINCT coalesce({district}, 0) FROM new_rows r;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO duban_change (scope) SELECT DISTINCT coalesce({district}, 0)
      FROM (SELECT * FROM old_rows UNION ALL SELECT * FROM new_rows) r;
  ELSE
    INSERT INTO duban_change (scope) SELECT DISTINCT coalesce({district}, 0) FROM old_rows r;
  END IF;
  RETURN NULL;
END $$
"""

TRIGGERS = [
    ("ins", "AFTER INSERT ON {table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT"),
    ("upd", "AFTER UPDATE ON {table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT"),
    ("del", "AFTER DELETE ON {table} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT"),
    ("trunc", "AFTER TRUNCATE ON {table} FOR EACH STATEMENT"),
]


def install(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, district in DISTRICT_OF.items():
        schema_editor.execute(FUNCTION.format(table=table, district=district))
        for suffix, when in TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS duban_change_{suffix} ON {table}")
            schema_editor.execute(f"CREATE TRIGGER duban_change_{suffix} {when.format(table=table)} "
                                  f"EXECUTE FUNCTION duban_change_{table}()")


def remove(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in DISTRICT_OF:
        for suffix, _when in TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS duban_change_{suffix} ON {table}")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS duban_change_{table}()")


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0004_change_log"),
        ("tracking", "0012_report_district_year_recent"),
        ("projects", "0004_seeds_procedures"),
        ("plans", "0006_merge_review_seeds"),
        ("indicators", "0002_seeds_commitment_links"),
        ("org", "0004_seeds_dispatch_roles"),
    ]

    operations = [migrations.RunPython(install, remove, elidable=False)]
