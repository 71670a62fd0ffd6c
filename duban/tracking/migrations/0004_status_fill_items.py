"""Give every existing report, item setting and supervision order its tracked-item row (SQLite and PostgreSQL).

A reference to a domain row that no longer exists stops the migration with the list of such references: they
are reported, not silently dropped.
"""

from django.db import migrations
from django.db.models import OuterRef, Subquery

TARGETS = {
    "task": ("task", "plans", "Task", "plan__district_id", "plan__year"),
    "livelihood_sub_item": ("sub_item", "plans", "LivelihoodSubItem", "item__plan__district_id", "item__plan__year"),
    "project_year": ("project_year", "projects", "ProjectYear", "project__district_id", "year"),
    "expropriation": ("expropriation", "projects", "ExpropriationTask", "district_id", "year"),
}


def _referenced(apps) -> dict[str, set[int]]:
    refs: dict[str, set[int]] = {}
    for name in ("Report", "ItemSetting", "SupervisionOrder"):
        model = apps.get_model("tracking", name)
        rows = model.objects.exclude(item_type="").filter(item_id__isnull=False).values_list("item_type", "item_id")
        for item_type, item_id in rows.distinct():
            refs.setdefault(item_type, set()).add(item_id)
    return refs


def _indicator_rows(apps, ids):
    Organisation = apps.get_model("org", "Organisation")
    Target = apps.get_model("indicators", "IndicatorTarget")
    rows = list(Target.objects.filter(pk__in=ids).values_list("pk", "organisation_id", "organisation__path", "year"))
    on_paths = {int(x) for _pk, _org, path, _y in rows for x in path.strip("/").split("/") if x}
    districts = set(Organisation.objects.filter(pk__in=on_paths, kind="district").values_list("pk", flat=True))
    for pk, org_id, path, year in rows:
        ids_on_path = [int(x) for x in path.strip("/").split("/") if x]
        yield pk, next((d for d in ids_on_path if d in districts), org_id), year


def _domain_rows(apps, item_type, ids):
    if item_type == "indicator_target":
        return list(_indicator_rows(apps, ids))
    _field, app, model_name, district, year = TARGETS[item_type]
    return list(apps.get_model(app, model_name).objects.filter(pk__in=ids).values_list("pk", district, year))


def fill(apps, schema_editor):
    Item = apps.get_model("tracking", "Item")
    fields = {"indicator_target": "indicator_target", **{t: v[0] for t, v in TARGETS.items()}}
    dangling = []
    for item_type, ids in sorted(_referenced(apps).items()):
        rows = _domain_rows(apps, item_type, sorted(ids))
        dangling += [f"{item_type} #{i}" for i in sorted(ids - {r[0] for r in rows})]
        Item.objects.bulk_create(
            [Item(type=item_type, object_id=pk, district_id=district, year=year, **{f"{fields[item_type]}_id": pk})
             for pk, district, year in rows], batch_size=1000,
        )
    if dangling:
        raise RuntimeError("Reports, item settings or orders refer to items that no longer exist: "
                           + ", ".join(dangling) + ". Restore those rows (or move the references) and migrate again.")
    own = Item.objects.filter(type=OuterRef("item_type"), object_id=OuterRef("item_id")).values("pk")[:1]
    for name in ("Report", "ItemSetting", "SupervisionOrder"):
        model = apps.get_model("tracking", name)
        model.objects.exclude(item_type="").filter(item_id__isnull=False).update(tracked_item_id=Subquery(own))


def unfill(apps, schema_editor):
    for name in ("Report", "ItemSetting", "SupervisionOrder"):
        apps.get_model("tracking", name).objects.update(tracked_item_id=None)
    apps.get_model("tracking", "Item").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("tracking", "0003_status_items")]

    operations = [migrations.RunPython(fill, unfill)]
