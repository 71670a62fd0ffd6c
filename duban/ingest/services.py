"""Writes of the review flow: upload a report, then accept, edit or reject what was found in it.

Nothing is created in the plan, indicators or projects until a candidate is accepted; each accepted
candidate creates (or, for a linked record, continues) exactly one record, marked EXTRACTED with a
source note naming the document and paragraph. Uploading the same text again re-extracts it in place.
"""

import hashlib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from duban.core.errors import ApplicationError
from duban.core.models import Provenance
from duban.core.numbers import to_decimal
from duban.indicators import services as indicator_services
from duban.indicators.models import Aspect, Indicator, IndicatorTarget, Observation
from duban.org.models import Organisation
from duban.org.services import record_upsert
from duban.plans import services as plan_services
from duban.plans.models import LivelihoodItem, LivelihoodSubItem, Plan, Task, TaskCategory
from duban.projects import services as project_services
from duban.projects.models import Project, ProjectYear

from . import review
from .models import (
    EDITABLE_FIELDS,
    LINK_FIELD,
    LINK_FIELD_OF_KIND,
    RECORD_FIELDS,
    Candidate,
    CandidateStatus,
    CandidateTarget,
    ProjectField,
    SourceDocument,
)
from .review import Target

KEEP = object()   # "leave the current link as it is" (None means: link to nothing, create a new record)
PASTED_FILENAME = "pasted.txt"

LINK_MODEL = {
    Target.TASK: Task,
    Target.SUB_ITEM: LivelihoodItem,
    Target.INDICATOR_TARGET: Indicator,
    Target.OBSERVATION: Indicator,
    Target.PROJECT_FACT: Project,
}


@dataclass(frozen=True)
class UploadResult:
    document: SourceDocument
    created: bool          # False when the same text had been uploaded for the district before
    candidates: int


# ------------------------------------------------------------------------------------------- upload


def _read(*, data: bytes | Path | None, text: str | None, filename: str) -> str:
    from .readers import DocumentError, read_document, read_pasted

    try:
        return read_pasted(text) if text is not None else read_document(data, filename)
    except DocumentError as exc:
        raise ApplicationError(str(exc)) from exc


def _extract(text: str, *, doc: str, year: int | None):
    from .extract.pipeline import extract_text

    return extract_text(text, doc=doc, year=year)


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@transaction.atomic
def document_upload(
    *, district: Organisation, user, year: int | None = None, filename: str = "", data: bytes | Path | None = None,
    text: str | None = None, title: str = "",
) -> UploadResult:
    """Read a file (``data``: its bytes or a path) or pasted ``text``, extract its items and store them.

    All or nothing: a document the reader refuses raises ApplicationError and stores nothing. The same
    text uploaded again for the district re-opens (and re-extracts) the existing document.
    """
    if (data is None) == (text is None):
        raise ApplicationError(_("Give either a file or pasted text."))
    if text is not None:
        filename = filename or PASTED_FILENAME
    read = _read(data=data, text=text, filename=filename)
    existing = SourceDocument.objects.filter(district=district, sha256=text_sha256(read)).first()
    if existing is not None:
        count = _store_candidates(existing, _extract(read, doc=existing.title, year=existing.year).items)
        return UploadResult(existing, False, count)
    result = _extract(read, doc=title or filename, year=year)
    doc_year = year or result.year
    if not doc_year:
        raise ApplicationError(_("The year could not be found in the text; choose it."))
    document = SourceDocument(
        district=district, year=doc_year, year_inferred=not year, filename=filename[:255], text=read,
        sha256=text_sha256(read), uploaded_by=_by(user),
        title=(title or review.document_title(read, filename, doc_year))[:200],
    )
    document._history_user = _by(user)
    document.save()
    return UploadResult(document, True, _store_candidates(document, result.items))


@transaction.atomic
def document_reextract(*, document: SourceDocument, user) -> int:
    """Run the extraction again: pending candidates are refreshed, reviewed ones are kept as they are."""
    return _store_candidates(document, _extract(document.text, doc=document.title, year=document.year).items)


def _store_candidates(document: SourceDocument, items) -> int:
    """Upsert candidates by span; drop pending ones the extractor no longer finds. Returns the count found."""
    text_map = review.map_text(document.text)
    names = _link_names(document)
    existing = {(c.start, c.end): c for c in document.candidates.all()}
    fresh: dict[tuple[int, int], Candidate] = {}
    for item in items:
        key = (item.start, item.end)
        if key not in fresh and item.end > item.start:
            fresh[key] = _candidate_from(document, item, text_map, names)
    new, changed = [], []
    for key, built in fresh.items():
        old = existing.get(key)
        if old is None:
            new.append(built)
        elif old.status == CandidateStatus.PENDING:
            changed.append(_refresh(old, built))
    Candidate.objects.bulk_create(new)
    Candidate.objects.bulk_update(changed, REFRESHED_FIELDS)
    stale = [c.pk for key, c in existing.items() if key not in fresh and c.status == CandidateStatus.PENDING]
    Candidate.objects.filter(pk__in=stale).delete()
    return len(fresh)


REFRESHED_FIELDS = [
    "quote", "value", "value_max", "unit", "qualifier", "metric", "aspect", "kind", "period", "sentence",
    "confidence", "paragraph", "section", "clause", "suggested_target", "target", "suggestions",
    "link_indicator", "link_task", "link_project", "link_livelihood_item",
]


def _refresh(old: Candidate, built: Candidate) -> Candidate:
    for name in REFRESHED_FIELDS:
        setattr(old, name, getattr(built, name))
    return old


def _candidate_from(document, item, text_map: review.TextMap, names: dict) -> Candidate:
    candidate = Candidate(
        document=document, start=item.start, end=item.end, quote=(item.quote or "")[:200],
        value=to_decimal(item.value), value_max=to_decimal(getattr(item, "value_max", None)),
        unit=(item.unit or "")[:20], qualifier=item.qualifier or "", metric=(item.metric or "")[:200],
        aspect=item.aspect or "", kind=item.kind or "", period=item.period or "", sentence=item.sentence or "",
        confidence=float(item.confidence or 0), paragraph=text_map.paragraph_at(item.start),
        section=text_map.section_at(item.start), clause=review.clause_around(document.text, item.start, item.end),
    )
    suggest(candidate, names)
    return candidate


def suggest(candidate: Candidate, names: dict) -> None:
    """Fill suggestions, the suggested record type and the proposed link from name similarity."""
    found = [s for kind, by_id in names.items() for s in _similar(candidate, by_id, kind)]
    found.sort(key=lambda s: -s.score)
    best = {}
    for s in found:
        best.setdefault(s.kind, s)
    candidate.suggestions = [s.as_json() for s in found[:8]]
    candidate.suggested_target = candidate.target = review.suggest_target(
        kind=candidate.kind, aspect=candidate.aspect, unit=candidate.unit,
        best={kind: s.score for kind, s in best.items()},
    )
    for field in LINK_FIELD_OF_KIND.values():
        setattr(candidate, f"{field}_id", None)
    top = best.get(review.LINK_KIND[candidate.target])
    if top is not None and top.score >= review.LINK_SCORE:
        setattr(candidate, f"{LINK_FIELD[candidate.target]}_id", top.id)


def _similar(candidate: Candidate, names: dict[int, str], kind: str) -> list[review.Suggestion]:
    """Indicators are named by the metric; tasks, projects and livelihood items also by the clause
    ("兴隆片区综合开发项目计划完成投资3.49亿元" names its project though its metric is "完成投资")."""
    queries = [candidate.metric] + ([candidate.clause] if kind != "indicator" else [])
    best: dict[int, review.Suggestion] = {}
    for query in queries:
        for s in review.similar(query, names, kind):
            if s.id not in best or s.score > best[s.id].score:
                best[s.id] = s
    return sorted(best.values(), key=lambda s: -s.score)[:3]


def _link_names(document: SourceDocument) -> dict[str, dict[int, str]]:
    """Names of the records a candidate of this document may link to, read once per document."""
    district, year = document.district, document.year
    return {
        "indicator": dict(Indicator.objects.values_list("id", "name")),
        "task": dict(Task.objects.filter(plan__district=district, plan__year__lte=year).values_list("id", "title")),
        "project": dict(Project.objects.filter(district=district).values_list("id", "name")),
        "livelihood_item": dict(
            LivelihoodItem.objects.filter(plan__district=district, plan__year=year).values_list("id", "title")
        ),
    }


# ------------------------------------------------------------------------------------------- review


def _locked(candidate: Candidate) -> Candidate:
    return Candidate.objects.select_for_update().select_related("document__district").get(pk=candidate.pk)


def _clean_edits(candidate: Candidate, edits: dict | None) -> dict:
    """Only the corrections that differ from the extraction, JSON-ready."""
    cleaned = {}
    for name, value in (edits or {}).items():
        if name not in EDITABLE_FIELDS:
            raise ApplicationError(_("The field %(name)s cannot be edited.") % {"name": name})
        original = getattr(candidate, name)
        if name in {"value", "value_max"}:
            value = to_decimal(value)
            if value != original:
                cleaned[name] = None if value is None else str(value)
        elif (value or "") != (original or ""):
            cleaned[name] = value or ""
    return cleaned


def _set_link(candidate: Candidate, link) -> None:
    if link is not None and not isinstance(link, LINK_MODEL[candidate.target]):
        raise ApplicationError(_("That link does not fit the chosen record type."))
    setattr(candidate, LINK_FIELD[candidate.target], link)


@transaction.atomic
def candidate_update(
    *, candidate: Candidate, user, target: str | None = None, link=KEEP, edits: dict | None = None,
    project_field: str | None = None,
) -> Candidate:
    """Store a reviewer's choices (record type, link, corrections) on a pending candidate without accepting."""
    candidate = _locked(candidate)
    if candidate.is_taken:
        raise ApplicationError(_("This item was already accepted."))
    if target is not None:
        if target not in CandidateTarget.values:
            raise ApplicationError(_("Unknown record type."))
        candidate.target = target
    if link is not KEEP:
        _set_link(candidate, link)
    if edits is not None:
        candidate.edits = _clean_edits(candidate, edits)
    if project_field is not None:
        candidate.project_field = project_field
    candidate._history_user = _by(user)
    candidate.save(update_fields=["target", "edits", "project_field", *set(LINK_FIELD.values()), "updated_at"])
    return candidate


@transaction.atomic
def candidate_accept(
    *, candidate: Candidate, user, target: str | None = None, link=KEEP, edits: dict | None = None,
    project_field: str | None = None, confirm_overwrite: bool = False,
) -> Candidate:
    """Accept a candidate, creating (or continuing) its record. Edits make it 'accepted with edits'."""
    if target is not None or link is not KEEP or edits is not None or project_field is not None:
        candidate = candidate_update(
            candidate=candidate, user=user, target=target, link=link, edits=edits, project_field=project_field
        )
    candidate = _locked(candidate)
    if candidate.is_taken:
        raise ApplicationError(_("This item was already accepted."))
    CREATORS[candidate.target](candidate, user, confirm_overwrite)
    candidate.status = CandidateStatus.EDITED if candidate.edits else CandidateStatus.ACCEPTED
    _mark_reviewed(candidate, user, ["status", *RECORD_FIELDS])
    return candidate


@transaction.atomic
def candidate_reject(*, candidate: Candidate, user) -> Candidate:
    """Reject a candidate: nothing is created; it may still be accepted later."""
    candidate = _locked(candidate)
    if candidate.is_taken:
        raise ApplicationError(_("This item was already accepted; its record stays in the plan."))
    candidate.status = CandidateStatus.REJECTED
    _mark_reviewed(candidate, user, ["status"])
    return candidate


class BulkAction:
    ACCEPT = "accept"
    REJECT = "reject"


@transaction.atomic
def candidates_bulk(*, document: SourceDocument, ids: list[int], action: str, user) -> int:
    """Accept or reject several candidates of one document, all or none. Reviewed ones are skipped."""
    if action not in {BulkAction.ACCEPT, BulkAction.REJECT}:
        raise ApplicationError(_("Unknown action."))
    open_states = [CandidateStatus.PENDING] + ([CandidateStatus.REJECTED] if action == BulkAction.ACCEPT else [])
    chosen = list(document.candidates.filter(pk__in=ids, status__in=open_states).order_by("start"))
    for candidate in chosen:
        try:
            if action == BulkAction.ACCEPT:
                candidate_accept(candidate=candidate, user=user)
            else:
                candidate_reject(candidate=candidate, user=user)
        except ApplicationError as exc:
            raise ApplicationError(f"「{candidate.quote}」（{candidate.metric or candidate.clause}）：{exc.message}") from exc
    return len(chosen)


def _mark_reviewed(candidate: Candidate, user, fields: list[str]) -> None:
    candidate.reviewed_by = _by(user)
    candidate.reviewed_at = timezone.now()
    candidate._history_user = candidate.reviewed_by
    candidate.save(update_fields=[*fields, "reviewed_by", "reviewed_at", "updated_at"])


# ----------------------------------------------------------------------------------------- creators
# Records are written through the owning apps' services (plans, indicators); changing one field of an
# existing row goes through the shared ``record_upsert``, which writes only what differs and records the user.


def _note(candidate: Candidate) -> str:
    return candidate.source_note


def _by(user):
    return user if getattr(user, "is_authenticated", False) else None


def _value(candidate: Candidate) -> Decimal:
    value = candidate.effective("value")
    if value is None:
        raise ApplicationError(_("The item has no value; edit it first."))
    return value


def _plan_for(document: SourceDocument, user) -> Plan:
    plan = Plan.objects.filter(district=document.district, year=document.year).first()
    if plan is None:
        plan = plan_services.plan_upsert(
            district=document.district, year=document.year, source_document=document.title[:300],
            provenance=Provenance.EXTRACTED, source_note=f"据{document.title}"[:500], by=_by(user),
        )
    return plan


def _house(candidate: Candidate) -> tuple[Decimal, str]:
    unit = candidate.effective("unit") or ""
    if not unit:
        raise ApplicationError(_("The item has no unit; edit it first."))
    return review.house_value(_value(candidate), unit)


def _update(obj, values: dict, user):
    """Change some fields of an existing record (only what differs; history records the user)."""
    return record_upsert(type(obj), lookup={"pk": obj.pk}, values=values, by=_by(user))[0]


def _create_task(candidate: Candidate, user, confirm_overwrite: bool) -> None:
    note, document = _note(candidate), candidate.document
    plan = _plan_for(document, user)
    value, unit = _house(candidate)
    linked = candidate.link_task
    if linked is not None and linked.plan_id == plan.pk:
        _check_overwrite(linked.target_value, value, confirm_overwrite, linked.title)
        candidate.created_task = _update(
            linked, {"target_value": value, "target_unit": unit, "target_text": candidate.quote[:300]}, user
        )
        return
    # A task linked from an earlier year continues under the same code and title in this year's plan.
    code = linked.code if linked is not None and linked.code else ""
    if not code or Task.objects.filter(plan=plan, code=code).exists():
        code = f"EXT-{candidate.pk}"
    candidate.created_task = plan_services.task_upsert(
        plan=plan, code=code, title=(linked.title if linked else candidate.clause or candidate.quote)[:300],
        target_text=candidate.quote[:300], target_value=value, target_unit=unit,
        category=linked.category if linked else TaskCategory.OTHER,
        provenance=Provenance.EXTRACTED, source_note=note, by=_by(user),
    )


def _create_sub_item(candidate: Candidate, user, confirm_overwrite: bool) -> None:
    item = candidate.link_livelihood_item
    if item is None:
        raise ApplicationError(_("Choose the livelihood item this sub-item belongs to."))
    if item.plan.district_id != candidate.document.district_id:
        raise ApplicationError(_("That livelihood item belongs to another district."))
    value, unit = _house(candidate)
    title = (candidate.clause or candidate.quote)[:300]
    existing = LivelihoodSubItem.objects.filter(item=item, title=title).first()
    if existing is not None:
        _check_overwrite(existing.target_value, value, confirm_overwrite, title)
    order = existing.order if existing else (item.sub_items.aggregate(m=Max("order"))["m"] or 0) + 1
    candidate.created_sub_item = plan_services.livelihood_subitem_upsert(
        item=item, title=title, target_value=value, target_unit=unit, order=order,
        provenance=Provenance.EXTRACTED, source_note=_note(candidate), by=_by(user),
    )


NEW_INDICATOR_ASPECT = {"change": Aspect.GROWTH, "share": Aspect.SHARE, "rank": Aspect.RANK}
NEW_INDICATOR_UNIT = {"change": "%", "share": "%", "rank": "位"}


def _indicator_for(candidate: Candidate, user) -> Indicator:
    """The linked indicator, or a new one named after the metric (a new series)."""
    if candidate.link_indicator is not None:
        return candidate.link_indicator
    name = (candidate.effective("metric") or "").strip()[:100]
    if not name:
        raise ApplicationError(_("Name what is measured (the metric) before creating an indicator."))
    if Indicator.objects.filter(name=name).exists():
        raise ApplicationError(
            _("An indicator named %(name)s exists already; link to it instead.") % {"name": name}
        )
    aspect = candidate.effective("aspect")
    if aspect in NEW_INDICATOR_UNIT:
        unit = NEW_INDICATOR_UNIT[aspect]
    else:
        unit = review.display_unit(_value(candidate), candidate.effective("unit") or "")[1]
    return indicator_services.indicator_upsert(
        code=f"EXT-{candidate.document.year}-{candidate.pk}", name=name, unit=unit,
        aspect=NEW_INDICATOR_ASPECT.get(aspect, Aspect.LEVEL), provenance=Provenance.EXTRACTED,
        source_note=_note(candidate), by=_by(user),
    )


def _in_indicator_unit(candidate: Candidate, indicator: Indicator) -> Decimal:
    """A level converted to the indicator's unit (1161.7亿元 stays 1161.7 in 亿元, is 11617000 in 万元)."""
    unit = candidate.effective("unit") or ""
    try:
        return review.convert(_value(candidate), unit, indicator.unit)
    except review.UnitMismatch as exc:
        raise ApplicationError(
            _("The unit %(unit)s does not fit the indicator %(name)s (%(indicator_unit)s).")
            % {"unit": unit, "name": indicator.name, "indicator_unit": indicator.unit}
        ) from exc


def _aspect_value(candidate: Candidate, indicator: Indicator) -> tuple[str, Decimal]:
    """(aspect, value) of a figure about an indicator; rates must be in %."""
    aspect = candidate.effective("aspect")
    if aspect == "level":
        return "level", _in_indicator_unit(candidate, indicator)
    value = _value(candidate)
    if aspect in {"change", "share"} and (candidate.effective("unit") or "") != "%":
        raise ApplicationError(_("A growth rate or share must be in %; edit the unit or the aspect."))
    return aspect, value


def _year_of(candidate: Candidate) -> int:
    period = review.observation_period(candidate.effective("period") or "")
    return period[0] if period else candidate.document.year


def _create_indicator_target(candidate: Candidate, user, confirm_overwrite: bool) -> None:
    indicator = _indicator_for(candidate, user)
    aspect, value = _aspect_value(candidate, indicator)
    district = candidate.document.district
    year, target_type = _year_of(candidate), review.indicator_target_type(aspect)
    existing = IndicatorTarget.objects.filter(
        indicator=indicator, organisation=district, year=year, target_type=target_type
    ).first()
    if existing is not None:
        _check_overwrite(existing.value, value, confirm_overwrite, str(existing))
    candidate.created_target = indicator_services.target_upsert(
        indicator=indicator, organisation=district, year=year, target_type=target_type, value=value,
        qualifier=review.qualifier_choice(candidate.effective("qualifier")),
        text=(candidate.clause or candidate.quote)[:300],
        weight=existing.weight if existing else Decimal(1),
        provenance=Provenance.EXTRACTED, source_note=_note(candidate), by=_by(user),
    )


OBSERVATION_FIELDS = ("level", "growth", "share", "rank")
OBSERVATION_FIELD = {"level": "level", "change": "growth", "share": "share", "rank": "rank"}


def _create_observation(candidate: Candidate, user, confirm_overwrite: bool) -> None:
    """Record the figure; the latest revision's other values are carried over, so a level and a growth
    rate of the same year read from one report end in one observation (a new revision, never an overwrite)."""
    period = review.observation_period(candidate.effective("period") or "")
    if period is None:
        raise ApplicationError(_("Set the period (a year like 2023 or a half-year like 2024-H1) first."))
    indicator = _indicator_for(candidate, user)
    aspect, value = _aspect_value(candidate, indicator)
    year, period_type, number = period
    document = candidate.document
    key = dict(indicator=indicator, organisation=document.district, year=year, period_type=period_type,
               period=number)
    latest = Observation.objects.filter(**key).order_by("-revision").first()
    values = {name: getattr(latest, name) for name in OBSERVATION_FIELDS} if latest else {}
    values[OBSERVATION_FIELD[aspect]] = int(value) if aspect == "rank" else value
    candidate.created_observation = indicator_services.observation_record(
        **key, **values, source=document.title[:200], provenance=Provenance.EXTRACTED,
        source_note=_note(candidate), by=_by(user),
    )


def _create_project_fact(candidate: Candidate, user, confirm_overwrite: bool) -> None:
    project = candidate.link_project
    if project is None:
        raise ApplicationError(_("Choose the key project this figure belongs to."))
    if project.district_id != candidate.document.district_id:
        raise ApplicationError(_("That project belongs to another district."))
    unit = candidate.effective("unit") or ""
    try:
        amount = review.convert(_value(candidate), unit, review.HOUSE_MONEY_UNIT)
    except review.UnitMismatch as exc:
        raise ApplicationError(_("A project figure must be an amount of money.")) from exc
    if amount < 0:
        raise ApplicationError(_("An investment cannot be negative."))
    if candidate.project_field == ProjectField.TOTAL_INVESTMENT:
        _check_overwrite(project.total_investment, amount, confirm_overwrite, project.name)
        candidate.created_project = project_services.project_total_investment_set(project=project, amount=amount,
                                                                                  by=_by(user))
        return
    year = ProjectYear.objects.filter(project=project, year=candidate.document.year).first()
    if year is None:
        raise ApplicationError(
            _("%(project)s has no plan for %(year)s yet; add the project year first.")
            % {"project": project.name, "year": candidate.document.year}
        )
    if year.half_year_plan is not None and year.half_year_plan > amount:
        raise ApplicationError(_("The half-year plan of this project is above that amount."))
    _check_overwrite(year.annual_plan or None, amount, confirm_overwrite, str(year))
    candidate.created_project_year = project_services.project_year_annual_plan_set(project_year=year, amount=amount,
                                                                                   by=_by(user))


def _check_overwrite(current, new, confirmed: bool, what: str) -> None:
    if current is not None and current != new and not confirmed:
        raise ApplicationError(
            _("%(what)s already has %(current)s; confirm to replace it with %(new)s.")
            % {"what": what, "current": review.tidy(Decimal(current)), "new": new}
        )


CREATORS = {
    Target.TASK: _create_task,
    Target.SUB_ITEM: _create_sub_item,
    Target.INDICATOR_TARGET: _create_indicator_target,
    Target.OBSERVATION: _create_observation,
    Target.PROJECT_FACT: _create_project_fact,
}
