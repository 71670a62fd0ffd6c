"""The demo's 2020: the key projects' monthly progress and the first half's expropriation results.

Seed 004 (上半年数据) says that by 30 June 2020 the 11 city-level key projects had completed 34.9亿元 and
achieved 双过半, and that expropriation had reached 779 households, 15.2万平方米 and 151.8亩 of land supplied.
The monthly figures that lead there are generated (provenance=GENERATED); the first half's expropriation
result is the article's own (provenance=SOURCE). The city-level projects' June year-to-date figures add up to
exactly 34.9亿元; the district projects get the usual mix of profiles, and a project reports investment only
from the month it started, so no project shows investment without a start. A second call changes nothing.
"""

import random
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction

from duban.core.models import Provenance
from duban.org.models import Organisation
from duban.tracking.items import TrackedItem, load_items
from duban.tracking.models import ItemType, Report, ReportState
from duban.tracking.periods import periods_of_year
from duban.tracking.services import reports_import

from . import progress
from .data import GENERATED, SRC_2020H1

YEAR = 2020
CHECK = date(YEAR, 6, 30)
#: 34.9亿元 completed by the 11 city-level projects in the first half of 2020 (seed 004), in 万元.
CITY_H1_WAN = Decimal(349_000)
#: The first half's expropriation results (seed 004): households, square metres, mu of land supplied.
EXPROPRIATION_H1 = {"households": 779, "area_m2": Decimal(152_000), "land_mu": Decimal("151.8")}
H1_NOTE = SRC_2020H1 + "：上半年完成征收拆迁779户、15.2万平方米，实现供地151.8亩"
GENERATED_NOTE = GENERATED + "：每月进度"


def _wan(value: Decimal) -> Decimal:
    return value.quantize(Decimal(1), rounding=ROUND_HALF_UP)


def city_june_figures(items: list[TrackedItem], rng: random.Random) -> dict[tuple[str, int], Decimal]:
    """Each city-level project's year-to-date investment at 30 June, in whole 万元, adding up to 34.9亿元."""
    weights = [item.target * Decimal(str(rng.uniform(0.85, 1.15))) for item in items]
    total = sum(weights, Decimal(0))
    out, given = {}, Decimal(0)
    for item, weight in zip(items[:-1], weights[:-1]):
        out[item.ref] = _wan(CITY_H1_WAN * weight / total)
        given += out[item.ref]
    out[items[-1].ref] = CITY_H1_WAN - given
    return out


def _month_ends() -> list[date]:
    return [p.end for p in periods_of_year("monthly", YEAR, None)]


def _start_month(item: TrackedItem) -> int:
    """The first month with investment: the month the project started (January for one started earlier)."""
    start = item.attrs.get("actual_start")
    if start is None or start.year < YEAR:
        return 1
    return start.month


def _ytd_path(june: Decimal, final: Decimal, first_month: int) -> list[Decimal]:
    """Year-to-date figures for the twelve month ends: zero before the start, linear to June, then to December."""
    path = []
    for month in range(1, 13):
        if month < first_month:
            path.append(Decimal(0))
        elif month <= 6:
            path.append(_wan(june * (month - first_month + 1) / (6 - first_month + 1)))
        else:
            path.append(_wan(june + (final - june) * (month - 6) / 6))
    return path


def _project_reports(builder, item: TrackedItem, path: list[Decimal], rng: random.Random) -> None:
    previous = Decimal(0)
    before = item.attrs.get("invested_before") or Decimal(0)
    for month, (end, ytd) in enumerate(zip(_month_ends(), path), 1):
        if ytd == 0 and month < _start_month(item):
            continue
        values = {"invest_month": ytd - previous, "invest_ytd": ytd, "invest_since_start": before + ytd,
                  "funds_received": _wan(ytd * Decimal("0.9"))}
        narrative = f"{rng.choice(progress.PROGRESS_TEXT)}。"
        builder.add(item, f"{YEAR}-{month:02d}", end, 1, ReportState.CONFIRMED, values,
                    progress._submitted_at(end, rng), narrative=narrative)
        previous = ytd


def _district_june(item: TrackedItem, rng: random.Random) -> Decimal:
    """A district project's June completion: mostly near time progress, some behind, a few far behind."""
    share = Decimal(str(rng.choices([rng.uniform(45, 62), rng.uniform(25, 40), rng.uniform(8, 18)], [70, 20, 10])[0]))
    months = Decimal(6 - _start_month(item) + 1)
    return _wan(item.target * share / 100 * months / 6)


def _expropriation_report(builder, item: TrackedItem) -> None:
    week = [p for p in periods_of_year(item.frequency, YEAR, item.deadline) if p.end <= CHECK][-1]
    h1 = EXPROPRIATION_H1
    values = {"signed_households": h1["households"], "vacated_households": h1["households"],
              "demolished_households": h1["households"], "signed_area": h1["area_m2"], "vacated_area": h1["area_m2"],
              "demolished_area": h1["area_m2"], "land_handed_mu": h1["land_mu"]}
    builder.add(item, week.key, week.end, 1, ReportState.CONFIRMED, values,
                progress._submitted_at(week.end, random.Random(0)), narrative="上半年征收拆迁完成情况")
    report = builder.rows[-1]
    report.provenance, report.source_note = Provenance.SOURCE, H1_NOTE


@transaction.atomic
def generate_2020(*, district: Organisation, seed: int = 2020) -> dict:
    """Generate 2020's key-project progress and record the first half's expropriation result. Idempotent."""
    if Report.objects.filter(district=district, year=YEAR).exists():
        return {"reports": 0}
    rng = random.Random(seed)
    items = load_items(district=district, year=YEAR)
    projects = [i for i in items if i.type == ItemType.PROJECT_YEAR and i.target and i.target > 0]
    city = sorted((i for i in projects if i.level == "city"), key=lambda i: i.id)
    builder = progress._Builder(district, progress._reporters(district), progress._reviewer(district))
    june = city_june_figures(city, rng) if city else {}
    for item in city:
        final = _wan(item.target * Decimal(str(rng.uniform(1.0, 1.06))))
        _project_reports(builder, item, _ytd_path(june[item.ref], final, _start_month(item)), rng)
    for item in sorted((i for i in projects if i.level != "city"), key=lambda i: i.id):
        if item.attrs.get("actual_start") is None:
            continue  # not started: nothing invested, nothing to report
        first = _start_month(item)
        h1 = _district_june(item, rng) if first <= 6 else Decimal(0)
        final = _wan(item.target * Decimal(str(rng.uniform(0.88, 1.05))))
        _project_reports(builder, item, _ytd_path(h1, max(final, h1), first), rng)
    for item in (i for i in items if i.type == ItemType.EXPROPRIATION):
        _expropriation_report(builder, item)
    for row in builder.rows:
        if row.provenance == Provenance.GENERATED:
            row.source_note = GENERATED_NOTE
    reports_import(reports=builder.rows)
    return {"reports": len(builder.rows), "city_projects": len(city)}
