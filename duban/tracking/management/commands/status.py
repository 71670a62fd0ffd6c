"""duban status: every tracked item's computed state (completion, time progress, gap, light, reasons)."""

import json
from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation

from duban.core.numbers import format_percent, format_points
from duban.org.models import Organisation, OrgKind
from duban.tracking.models import Light
from duban.tracking.status import DOUBLE_HALF_GROUPS, district_status, double_half_totals, node_rollups

LIGHT_MARK = {"green": "绿灯", "yellow": "黄灯", "red": "红灯", "done": "完成", "not_started": "未开始", "no_data": "无数据"}
TYPE_MARK = {"project_year": "项目", "task": "任务", "livelihood_sub_item": "民生", "indicator_target": "指标",
             "expropriation": "征收"}


def parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"日期格式应为 YYYY-MM-DD：{value}") from None


def districts_named(name: str | None):
    districts = Organisation.objects.districts().order_by("path")
    if name:
        districts = districts.filter(name=name) | districts.filter(short_name=name)
        if not districts.exists():
            known = "、".join(Organisation.objects.districts().values_list("name", flat=True)) or "（无）"
            raise CommandError(f"没有名为“{name}”的区县。已有：{known}")
    return list(districts.distinct())


class Command(BaseCommand):
    help = "Print every tracked item's computed state at a date (completion, time progress, gap, light, reasons)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="status date YYYY-MM-DD (default: today)")
        parser.add_argument("--district", help="district name (default: every district)")
        parser.add_argument("--year", type=int, help="plan year (default: the date's year)")
        parser.add_argument("--format", choices=["table", "json"], default="table")
        parser.add_argument("--light", choices=Light.values, help="only items of this light")
        parser.add_argument("--summary", action="store_true",
                            help="table format: add 双过半 totals per unit, category, area, level and node roll-ups")

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            self._handle(options)

    def _handle(self, options):
        on_date = parse_date(options["date"]) if options["date"] else timezone.localdate()
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

    def _table(self, rows, on_date):
        self.stdout.write(f"截至{on_date:%Y年%-m月%-d日}，共{len(rows)}项")
        header = ("类型", "编号", "名称", "责任单位", "完成率", "时序进度", "差距", "亮灯", "双过半", "原因")
        self.stdout.write("\t".join(header))
        for district, s in rows:
            dh = {True: "是", False: "否", None: "—"}[s.double_half]
            self.stdout.write("\t".join([
                TYPE_MARK[s.item.type], s.item.code, s.item.title[:40], s.unit_name or "—",
                format_percent(s.completion_pct), format_percent(s.time_progress_pct), format_points(s.gap_pp),
                LIGHT_MARK[s.light], dh, "；".join(s.reasons),
            ]))
        counts = {}
        for _, s in rows:
            counts[s.light] = counts.get(s.light, 0) + 1
        self.stdout.write("合计：" + "，".join(f"{LIGHT_MARK[k]}{counts[k]}项" for k in LIGHT_MARK if k in counts))

    def _summary(self, district, statuses, on_date, year):
        self.stdout.write(f"\n{district.name} 双过半汇总")
        for by in DOUBLE_HALF_GROUPS:
            for total in double_half_totals(statuses, by):
                self.stdout.write(f"  [{by}] {total.key}：{total.met}/{total.projects}个项目实现双过半，{total.formula}")
        self.stdout.write(f"\n{district.name} 工作体系进度")
        for node in node_rollups(district, year, statuses):
            self.stdout.write(f"  {'  ' * node.depth}{node.code} {node.title}：{node.result.formula}")
