"""Evaluations (半年评议 / 年度考核): figures from the computed status, rubric scores, a published ranking."""

from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _

from duban.core import dates
from duban.core.errors import ApplicationError
from duban.org.models import Organisation, OrgKind

from .. import permissions, scoring
from ..items import TrackedItem
from ..models import (
    Evaluation,
    EvaluationPeriod,
    EvaluationScore,
    EvaluationState,
    EvaluationSubject,
    Report,
    Rubric,
    ScoreEntry,
    ScoreEntryKind,
)
from ..periods import closed_periods, due_date
from ..rules import HUNDRED, q2
from .received_ranks import received_ranks_from_evaluation
from ..status import district_status, group_metrics, load_config, unit_metrics


def default_as_of(year: int, period: str) -> date:
    return date(year, 6, 30) if period == EvaluationPeriod.HALF_YEAR else date(year, 12, 31)


@transaction.atomic
def evaluation_create(*, actor, rubric: Rubric, scope_org: Organisation, year: int, period: str,
                      subject: str = EvaluationSubject.UNITS, as_of: date | None = None) -> Evaluation:
    if not permissions.can_manage_evaluation(actor, scope_org, subject):
        raise ApplicationError(_("You may not organise this evaluation"))
    expected_kind = OrgKind.CITY if subject == EvaluationSubject.DISTRICTS else OrgKind.DISTRICT
    if scope_org.kind != expected_kind:
        raise ApplicationError(_("Choose a city to evaluate districts, a district to evaluate units"))
    try:
        scoring.validate_rubric(rubric.config)
    except ValueError as error:
        raise ApplicationError(_("The rubric is wrong: %(error)s") % {"error": error}) from None
    if Evaluation.objects.filter(scope=scope_org, year=year, period=period, rubric=rubric).exists():
        raise ApplicationError(_("This evaluation exists already"))
    return Evaluation.objects.create(rubric=rubric, scope=scope_org, subject=subject, year=year, period=period,
                                     as_of=as_of or default_as_of(year, period))


@transaction.atomic
def score_entry_add(*, actor, evaluation: Evaluation, organisation: Organisation, kind: str, points: Decimal,
                    item_code: str = "", reason: str = "") -> ScoreEntry:
    """A manual score (e.g. on-site score) for a rubric item, or a bonus or deduction with its reason."""
    if not permissions.can_enter_score(actor, evaluation):
        raise ApplicationError(_("The evaluation is published or you may not enter scores"))
    codes = {i["code"] for i in evaluation.rubric.config.get("items", []) if i.get("kind") == "manual"}
    if kind == ScoreEntryKind.MANUAL and item_code not in codes:
        raise ApplicationError(_("The rubric has no manual score item “%(code)s”") % {"code": item_code})
    if kind != ScoreEntryKind.MANUAL and not reason.strip():
        raise ApplicationError(_("A bonus or deduction needs a reason"))
    if points < 0:
        raise ApplicationError(_("Enter points as a positive number (deductions are subtracted automatically)"))
    return ScoreEntry.objects.create(evaluation=evaluation, organisation=organisation, kind=kind, item_code=item_code,
                                     points=points, reason=reason.strip(), entered_by=actor)


def on_time_rates(items: list[TrackedItem], district: Organisation, year: int, as_of: date) -> dict[int, Decimal]:
    """Per unit: share of the periods due by ``as_of`` whose first version was submitted by the due date."""
    first = {
        (t, i, k): at for t, i, k, at in Report.objects.filter(district=district, year=year)
        .values("item_type", "item_id", "period_key").annotate(first=Min("submitted_at"))
        .values_list("item_type", "item_id", "period_key", "first")
    }
    due_count, on_time = defaultdict(int), defaultdict(int)
    for item in items:
        for period in closed_periods(item.frequency, item.year, as_of, item.deadline):
            due = due_date(period)
            if due > as_of:
                continue
            submitted = first.get((item.type, item.id, period.key))
            ok = submitted is not None and timezone.localdate(submitted) <= due
            for org_id in item.counting_unit_ids:
                due_count[org_id] += 1
                on_time[org_id] += ok
    return {org: q2(Decimal(on_time[org]) * HUNDRED / n) for org, n in due_count.items() if n}


def _entries(evaluation: Evaluation) -> dict[int, dict]:
    out: dict[int, dict] = defaultdict(lambda: {"manual": {}, "bonuses": [], "deductions": []})
    for entry in evaluation.entries.all():
        slot = out[entry.organisation_id]
        if entry.kind == ScoreEntryKind.MANUAL:
            slot["manual"][entry.item_code] = entry.points
        else:
            slot["bonuses" if entry.kind == ScoreEntryKind.BONUS else "deductions"].append((entry.points, entry.reason))
    return out


def _unit_subjects(evaluation: Evaluation) -> list[tuple[Organisation, dict]]:
    statuses = district_status(evaluation.scope, evaluation.as_of, year=evaluation.year)
    metrics = unit_metrics(statuses, missing=load_config(evaluation.scope).default.rollup_missing)
    rates = on_time_rates([s.item for s in statuses], evaluation.scope, evaluation.year, evaluation.as_of)
    orgs = Organisation.objects.in_bulk(list(metrics))
    for org_id, figures in metrics.items():
        figures["on_time_rate"] = rates.get(org_id)
    return [(orgs[o], metrics[o]) for o in sorted(metrics, key=lambda o: orgs[o].path)]


def _district_subjects(evaluation: Evaluation) -> list[tuple[Organisation, dict]]:
    districts = Organisation.objects.filter(path__startswith=evaluation.scope.path, kind=OrgKind.DISTRICT)
    out = []
    for district in districts:
        statuses = district_status(district, evaluation.as_of, year=evaluation.year)
        figures = group_metrics(statuses, missing=load_config(district).default.rollup_missing)
        rates = on_time_rates([s.item for s in statuses], district, evaluation.year, evaluation.as_of)
        figures["on_time_rate"] = q2(sum(rates.values(), Decimal(0)) / len(rates)) if rates else None
        out.append((district, figures))
    return out


def evaluation_subjects(evaluation: Evaluation) -> list[tuple[Organisation, dict]]:
    """The organisations an evaluation scores with their figures at its date (also for an unsaved preview)."""
    return _unit_subjects(evaluation) if evaluation.subject == EvaluationSubject.UNITS else _district_subjects(evaluation)


def _line_json(line: scoring.ScoreLine) -> dict:
    return {"code": line.code, "label": line.label, "figure": None if line.figure is None else str(line.figure),
            "points": str(line.points), "explanation": line.explanation}


@transaction.atomic
def evaluation_compute(*, actor, evaluation: Evaluation) -> list[EvaluationScore]:
    """(Re)compute a draft evaluation's scores from the status at its date and the entered scores."""
    if not permissions.can_manage_evaluation(actor, evaluation.scope, evaluation.subject):
        raise ApplicationError(_("You may not compute this evaluation"))
    if evaluation.state != EvaluationState.DRAFT:
        raise ApplicationError(_("A published evaluation cannot be recomputed"))
    pairs = evaluation_subjects(evaluation)
    entries = _entries(evaluation)
    subjects = [
        scoring.Subject(org.pk, org.name, figures, entries[org.pk]["manual"], tuple(entries[org.pk]["bonuses"]),
                        tuple(entries[org.pk]["deductions"]))
        for org, figures in pairs
    ]
    scored = scoring.score_subjects(subjects, evaluation.rubric.config)
    figures_of = {org.pk: figures for org, figures in pairs}
    EvaluationScore.objects.filter(evaluation=evaluation).delete()  # derived rows of a draft, rebuilt whole
    return EvaluationScore.objects.bulk_create(
        EvaluationScore(
            evaluation=evaluation, organisation_id=s.org_id, total=s.total, rank=s.rank,
            breakdown=[_line_json(line) for line in s.lines],
            metrics={k: None if v is None else str(v) for k, v in figures_of[s.org_id].items()},
        )
        for s in scored
    )


@transaction.atomic
def evaluation_publish(*, actor, evaluation: Evaluation, at: datetime | None = None) -> Evaluation:
    """Compute once more and freeze: a published ranking no longer changes."""
    evaluation_compute(actor=actor, evaluation=evaluation)
    evaluation.state, evaluation.published_by, evaluation.published_at = EvaluationState.PUBLISHED, actor, at or dates.now()
    evaluation.save(update_fields=["state", "published_by", "published_at", "updated_at"])
    if evaluation.subject == EvaluationSubject.DISTRICTS:
        received_ranks_from_evaluation(evaluation)
    return evaluation
