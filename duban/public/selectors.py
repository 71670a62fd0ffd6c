"""What the public portal shows: only items and fields marked public, read in a fixed number of queries.

Public are: livelihood items with ``is_public`` and their sub-items (title, target, completion, done, date of
the latest confirmed figures, evidence photos marked public); key projects with ``is_public`` (name, category,
area, stage, total investment, annual plan, completion this year). Nothing else of a record is read here, so
narratives, problems, people, units' internal notes and non-public items cannot leak into the page.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Max

from duban.org.models import Organisation
from duban.plans.models import LivelihoodItem, LivelihoodSubItem, Plan
from duban.projects.models import ProjectYear
from duban.tracking.models import Evidence, EvidenceKind, ItemType, Light, Report, ReportState
from duban.tracking.status import district_status


@dataclass(frozen=True)
class PublicSubItem:
    id: int
    title: str
    target: Decimal | None
    target_unit: str
    completion: Decimal | None
    done: bool
    last_update: date | None
    photos: list[int]


@dataclass
class PublicItem:
    number: int
    title: str
    sub_items: list[PublicSubItem] = field(default_factory=list)

    @property
    def done(self) -> int:
        return sum(1 for s in self.sub_items if s.done)


@dataclass(frozen=True)
class PublicProject:
    name: str
    category: str
    area: str
    stage: str
    total_investment: Decimal | None
    annual_plan: Decimal
    completion: Decimal | None


def public_districts() -> list[Organisation]:
    """Districts with at least one plan holding public livelihood items (for the district picker)."""
    ids = LivelihoodItem.objects.filter(is_public=True).values("plan__district_id")
    return list(Organisation.objects.filter(pk__in=ids).order_by("path"))


def public_year(district: Organisation, today: date) -> int | None:
    return (Plan.objects.filter(district=district, year__lte=today.year, is_draft=False).order_by("-year")
            .values_list("year", flat=True).first())


def _last_updates(sub_ids: list[int]) -> dict[int, date]:
    rows = (Report.objects.filter(item_type=ItemType.SUB_ITEM, item_id__in=sub_ids, state=ReportState.CONFIRMED)
            .values("item_id").annotate(last=Max("period_end")).values_list("item_id", "last"))
    return dict(rows)


def _photos(sub_ids: list[int]) -> dict[int, list[int]]:
    rows = (Evidence.objects.filter(is_public=True, kind=EvidenceKind.IMAGE, report__state=ReportState.CONFIRMED,
                                    report__item_type=ItemType.SUB_ITEM, report__item_id__in=sub_ids)
            .order_by("uploaded_at", "id").values_list("report__item_id", "id"))
    out: dict[int, list[int]] = defaultdict(list)
    for item_id, evidence_id in rows:
        out[item_id].append(evidence_id)
    return out


def portal(district: Organisation, year: int, on_date: date) -> tuple[list[PublicItem], list[PublicProject]]:
    """The district's public livelihood commitments and public key projects of ``year`` as of ``on_date``."""
    statuses = {s.item.ref: s for s in district_status(district, on_date, year=year)
                if s.item.type in (ItemType.SUB_ITEM, ItemType.PROJECT_YEAR)}
    items = {number: PublicItem(number, title) for number, title in LivelihoodItem.objects.filter(
        plan__district=district, plan__year=year, is_public=True).order_by("number").values_list("number", "title")}
    subs = list(LivelihoodSubItem.objects.filter(item__plan__district=district, item__plan__year=year,
                                                 item__is_public=True)
                .order_by("item__number", "order", "id")
                .values_list("id", "title", "target_value", "target_unit", "item__number"))
    sub_ids = [row[0] for row in subs]
    updates, photos = _last_updates(sub_ids), _photos(sub_ids)
    for pk, title, target, unit, number in subs:
        status = statuses.get((ItemType.SUB_ITEM, pk))
        items[number].sub_items.append(PublicSubItem(
            pk, title, target, unit, status.completion_pct if status else None,
            bool(status and status.light == Light.DONE), updates.get(pk), photos.get(pk, [])))
    projects = [
        PublicProject(name, category or "—", area or "—", stage, total, plan,
                      statuses[(ItemType.PROJECT_YEAR, pk)].completion_pct
                      if (ItemType.PROJECT_YEAR, pk) in statuses else None)
        for pk, name, category, area, stage, total, plan in ProjectYear.objects.filter(
            project__district=district, year=year, project__is_public=True).order_by("project__code").values_list(
            "id", "project__name", "project__category__name", "project__area__name", "project__stage",
            "project__total_investment", "annual_plan")
    ]
    return list(items.values()), projects


def public_photo(evidence_id: int) -> Evidence | None:
    """An evidence photo the public may see: marked public, of a confirmed report of a public item."""
    evidence = (Evidence.objects.filter(pk=evidence_id, is_public=True, kind=EvidenceKind.IMAGE,
                                        report__state=ReportState.CONFIRMED).select_related("report").first())
    if evidence is None:
        return None
    report = evidence.report
    if report.item_type == ItemType.SUB_ITEM:
        public = LivelihoodSubItem.objects.filter(pk=report.item_id, item__is_public=True).exists()
    elif report.item_type == ItemType.PROJECT_YEAR:
        public = ProjectYear.objects.filter(pk=report.item_id, project__is_public=True).exists()
    else:
        public = False
    return evidence if public else None
