"""Reads of the review screens: documents a user may review, a document's text cut into highlights,
its candidates grouped by section, and the records its accepted candidates created."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from duban.core.models import Provenance
from duban.core.numbers import format_wanyuan
from duban.indicators.models import IndicatorTarget, Observation
from duban.org.models import Organisation
from duban.plans.models import LivelihoodSubItem, Task
from duban.projects.models import Project, ProjectYear

from .models import Candidate, CandidateStatus, SourceDocument, UnitKeyword
from .permissions import ingest_district_ids
from .review import tidy

RECORD_RELATED = (
    "created_task__plan", "created_sub_item__item", "created_target__indicator", "created_observation__indicator",
    "created_project_year__project", "created_project",
)
LINK_RELATED = ("link_indicator", "link_task__plan", "link_project", "link_livelihood_item")


def documents_for(user) -> QuerySet[SourceDocument]:
    """Documents of the districts the user reviews, newest first, with counts per status."""
    return (
        SourceDocument.objects.filter(district_id__in=ingest_district_ids(user))
        .select_related("district", "uploaded_by")
        .annotate(
            n_candidates=Count("candidates"),
            n_pending=Count("candidates", filter=Q(candidates__status=CandidateStatus.PENDING)),
            n_taken=Count("candidates", filter=Q(candidates__status__in=[CandidateStatus.ACCEPTED, CandidateStatus.EDITED])),
            n_rejected=Count("candidates", filter=Q(candidates__status=CandidateStatus.REJECTED)),
        )
        .order_by("-created_at", "-id")
    )


def document_candidates(document: SourceDocument) -> list[Candidate]:
    candidates = list(document.candidates.select_related("lead_unit", *LINK_RELATED, *RECORD_RELATED)
                      .order_by("start", "end"))
    _with_unit_names(candidates)
    return candidates


def candidate_for_row(pk: int) -> Candidate:
    candidate = Candidate.objects.select_related("document__district", "lead_unit", *LINK_RELATED, *RECORD_RELATED).get(pk=pk)
    _with_unit_names([candidate])
    return candidate


def _with_unit_names(candidates: list[Candidate]) -> None:
    """``responsible_names`` on each candidate: its responsible units' names (one query for all)."""
    ids = {pk for c in candidates for pk in c.responsible_unit_ids}
    names = dict(Organisation.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}
    for c in candidates:
        c.responsible_names = [names[pk] for pk in c.responsible_unit_ids if pk in names]


def document_plan(document: SourceDocument):
    """The district's plan of the document's year, if any (a draft when the review built it)."""
    from duban.plans.models import Plan

    return Plan.objects.filter(district_id=document.district_id, year=document.year).first()


def keyword_rows(district: Organisation) -> list[dict]:
    """The keyword table as a district sees it: defaults, the district's own rows over them, and the units
    each name resolves to among the district's units."""
    from .assign import Unit, UnitFinder

    units = {pk: (name, short) for pk, name, short in Organisation.objects.units_of(district)
             .filter(is_active=True).values_list("pk", "name", "short_name")}
    finder = UnitFinder([Unit(pk, n, s) for pk, (n, s) in units.items()], district.name)
    rows = {k.keyword: {"keyword": k.keyword, "names": k.names, "own": False}
            for k in UnitKeyword.objects.filter(district__isnull=True)}
    for k in UnitKeyword.objects.filter(district=district):
        rows[k.keyword] = {"keyword": k.keyword, "names": k.names, "own": True, "default": rows.get(k.keyword)}
    for row in rows.values():
        row["units"] = [(n, units[pk][0] if (pk := finder.resolve(n)) else "") for n in row["names"]]
    return sorted(rows.values(), key=lambda r: r["keyword"])


@dataclass
class Segment:
    text: str
    candidate: Candidate | None = None


@dataclass
class Section:
    title: str
    candidates: list[Candidate] = field(default_factory=list)


def text_segments(text: str, candidates: list[Candidate]) -> list[Segment]:
    """The text cut into plain runs and highlighted spans; an overlapping span is left unmarked."""
    segments, cursor = [], 0
    for candidate in sorted(candidates, key=lambda c: (c.start, c.end)):
        if candidate.start < cursor or candidate.end > len(text):
            continue
        if candidate.start > cursor:
            segments.append(Segment(text[cursor:candidate.start]))
        segments.append(Segment(text[candidate.start:candidate.end], candidate))
        cursor = candidate.end
    if cursor < len(text):
        segments.append(Segment(text[cursor:]))
    return segments


def sections_of(candidates: list[Candidate]) -> list[Section]:
    """Candidates grouped by the heading they sit under, in reading order."""
    sections: dict[str, Section] = {}
    for candidate in sorted(candidates, key=lambda c: (c.start, c.end)):
        sections.setdefault(candidate.section, Section(candidate.section)).candidates.append(candidate)
    return list(sections.values())


def document_counts(document: SourceDocument) -> dict[str, int]:
    counts = {status: 0 for status in CandidateStatus.values}
    counts.update(document.candidates.values("status").annotate(n=Count("pk")).values_list("status", "n"))
    return counts


def status_counts(candidates: list[Candidate]) -> dict[str, int]:
    counts = {status: 0 for status in CandidateStatus.values}
    for candidate in candidates:
        counts[candidate.status] += 1
    return counts


def document_records(document: SourceDocument) -> list[Candidate]:
    """Accepted candidates of a document with the records they created, in reading order.

    Each carries ``record_value`` (the figure as the record holds it) and ``record_source``.
    """
    candidates = list(
        document.candidates.taken().select_related("document", *RECORD_RELATED, "reviewed_by").order_by("start", "end")
    )
    for candidate in candidates:
        record = candidate.record
        candidate.record_value = record_value(record) if record is not None else ""
        extracted = getattr(record, "provenance", "") == Provenance.EXTRACTED and record.source_note
        candidate.record_source = record.source_note if extracted else candidate.source_note
    return candidates


def _n(value) -> str:
    return "" if value is None else str(tidy(Decimal(value)))


def record_value(record) -> str:
    """'25条', '1161.7亿元', '增长6%左右', '3.49亿元' — the figure a created record holds."""
    if isinstance(record, (Task, LivelihoodSubItem)):
        return f"{_n(record.target_value)}{record.target_unit}"
    if isinstance(record, IndicatorTarget):
        qualifier = record.get_qualifier_display() if record.qualifier else ""
        if record.target_type == "growth":
            figure = _("growth %(value)s%%") % {"value": _n(record.value)}
        else:
            unit = {"share": "%", "rank": "位"}.get(record.target_type, record.indicator.unit)
            figure = f"{_n(record.value)}{unit}"
        return f"{figure} {qualifier}".strip()
    if isinstance(record, Observation):
        parts = [f"{_n(record.level)}{record.indicator.unit}" if record.level is not None else "",
                 _("growth %(value)s%%") % {"value": _n(record.growth)} if record.growth is not None else "",
                 _("share %(value)s%%") % {"value": _n(record.share)} if record.share is not None else "",
                 _("rank %(value)s") % {"value": record.rank} if record.rank is not None else ""]
        return f"{record.period_label}：" + "，".join(p for p in parts if p)
    if isinstance(record, ProjectYear):
        return format_wanyuan(record.annual_plan)
    if isinstance(record, Project):
        return format_wanyuan(record.total_investment)
    return ""
