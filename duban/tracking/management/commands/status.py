"""duban status: every tracked item's computed state (completion, time progress, gap, light, reasons)."""

import json
from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

from duban.core import dates
from duban.core.numbers import format_day, format_percent, format_points
from duban.org.models import Organisation
from duban.tracking.models import Light
from duban.tracking.snapshots import refresh_district, verify_status
from duban.tracking.status import DOUBLE_HALF_GROUPS, district_status, double_half_totals, node_rollups

LIGHT_MARK = {
    "green": pgettext_lazy("short light", "Green"), "yellow": pgettext_lazy("short light", "Yellow"),
    "red": pgettext_lazy("short light", "Red"), "done": pgettext_lazy("short light", "Done"),
    "not_started": pgettext_lazy("short light", "Not started"), "no_data": pgettext_lazy("short light", "No data"),
}
TYPE_MARK = {
    "project_year": pgettext_lazy("short item kind", "Project"), "task": pgettext_lazy("short item kind", "Task"),
    "livelihood_sub_item": pgettext_lazy("short item kind", "Livelihood"),
    "indicator_target": pgettext_lazy("short item kind", "Indicator"),
    "expropriation": pgettext_lazy("short item kind", "Expropriation"),
}


def parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(_("Dates are written YYYY-MM-DD: %(value)s") % {"value": value}) from None


def districts_named(name: str | None):
    districts = Organisation.objects.districts().order_by("path")
    if name:
        districts = districts.filter(name=name) | districts.filter(short_name=name)
        if not districts.exists():
            known = pgettext("list", ", ").join(Organisation.objects.districts().values_list("name", flat=True)) or _("(none)")
            raise CommandError(_("No district is called “%(name)s”. There are: %(known)s") % {"name": name, "known": known})
    return list(districts.distinct())


class Command(BaseCommand):
    help = ("Print every tracked item's computed state at a date (completion, time progress, gap, light, reasons); "
            "--refresh stores it as the status snapshot, --verify compares stored snapshots with a fresh computation.")

    def add_arguments(self, parser):
        parser.add_argument("--date", help="status date YYYY-MM-DD (default: today)")
        parser.add_argument("--district", help="district name (default: every district)")
        parser.add_argument("--year", type=int, help="plan year (default: the date's year)")
        parser.add_argument("--format", choices=["table", "json"], default="table")
        parser.add_argument("--light", choices=Light.values, help="only items of this light")
        parser.add_argument("--summary", action="store_true",
                            help="table format: add 双过半 totals per unit, category, area, level and node roll-ups")
        parser.add_argument("--refresh", action="store_true",
                            help="recompute and store the status snapshots as of --date (default today) and stop")
        parser.add_argument("--verify", action="store_true",
                            help="compare every stored snapshot with a fresh computation; exit 1 listing differences")

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            self._handle(options)

    def _handle(self, options):
        on_date = parse_date(options["date"]) if options["date"] else dates.today()
        if options["refresh"] or options["verify"]:
            self._snapshots(options, on_date)
            return
        rows, summaries = [], []
        for district in districts_named(options["district"]):
            statuses = district_status(district, on_date, year=options["year"])
            if options["light"]:
                statuses = [s for s in statuses if s.light == options["light"]]
            rows += [(district, s) for s in statuses]
            if options["summary"]:
                summaries.append((district, statuses))
        if options["format"] == "json":
            payload = [dict(s.as_dict(), district=d.name) for d, s in rows]
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1))
            return
        self._table(rows, on_date)
        for district, statuses in summaries:
            self._summary(district, statuses, on_date, options["year"] or on_date.year)

    def _snapshots(self, options, on_date):
        districts = districts_named(options["district"])
        if options["refresh"]:
            for district in districts:
                stored = refresh_district(district, on_date, year=options["year"])
                self.stdout.write(_("%(district)s: %(count)s item statuses stored as of %(day)s") % {
                    "district": district.name, "count": stored, "day": format_day(on_date)})
        if options["verify"]:
            checked, differences = 0, []
            for district in districts:
                count, found = verify_status(district)
                checked, differences = checked + count, differences + found
            for difference in differences:
                self.stdout.write(str(difference))
            summary = _("%(checked)s stored item statuses checked, %(count)s differences") % {
                "checked": checked, "count": len(differences)}
            if differences:
                raise CommandError(summary)
            self.stdout.write(summary)

    def _table(self, rows, on_date):
        self.stdout.write(_("As of %(day)s, %(count)s items") % {"day": format_day(on_date), "count": len(rows)})
        header = (_("Type"), _("Code"), _("Name"), _("Responsible unit"), _("Completion rate"), _("Time progress"),
                  _("Gap"), _("Light"), _("Half by mid-year"), _("Reasons"))
        self.stdout.write("\t".join(header))
        for _district, s in rows:
            dh = {True: _("yes"), False: _("no"), None: "—"}[s.double_half]
            self.stdout.write("\t".join([
                str(TYPE_MARK[s.item.type]), s.item.code, s.item.title[:40], s.unit_name or "—",
                format_percent(s.completion_pct), format_percent(s.time_progress_pct), format_points(s.gap_pp),
                str(LIGHT_MARK[s.light]), dh, _("; ").join(s.reasons),
            ]))
        counts = {}
        for _district, s in rows:
            counts[s.light] = counts.get(s.light, 0) + 1
        parts = [_("%(light)s: %(count)s") % {"light": LIGHT_MARK[k], "count": counts[k]} for k in LIGHT_MARK if k in counts]
        self.stdout.write(_("In all: %(counts)s") % {"counts": pgettext("counts", ", ").join(parts)})

    def _summary(self, district, statuses, on_date, year):
        self.stdout.write("\n" + _("%(district)s: half by mid-year, totals") % {"district": district.name})
        for by in DOUBLE_HALF_GROUPS:
            for total in double_half_totals(statuses, by):
                self.stdout.write(f"  [{by}] " + _("%(key)s: %(met)s of %(projects)s projects half done by mid-year, %(formula)s") % {
                    "key": total.key, "met": total.met, "projects": total.projects, "formula": total.formula})
        self.stdout.write("\n" + _("%(district)s: work-system progress") % {"district": district.name})
        for node in node_rollups(district, year, statuses):
            self.stdout.write(f"  {'  ' * node.depth}{node.code} {node.title}{_(': ')}{node.result.formula}")
