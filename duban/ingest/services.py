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
from rapidfuzz import fuzz

from duban.core.errors import ApplicationError
from duban.core.models import Frequency, Provenance
from duban.core.numbers import to_decimal
from duban.indicators import services as indicator_services
from duban.indicators.models import Aspect, Indicator, IndicatorTarget, IndicatorTargetUnit, Observation
from duban.org.models import Organisation, UnitRole
from duban.org.services import record_upsert
from duban.plans import services as plan_services
from duban.plans.models import LivelihoodItem, LivelihoodSubItem, Plan, Task, TaskCategory, TaskUnit
from duban.projects import services as project_services
from duban.projects.models import PlanType, Project, ProjectYear

from . import assign, review
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
    UnitKeyword,
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
    context = _assign_context(document)
    existing = {(c.start, c.end): c for c in document.candidates.all()}
    fresh: dict[tuple[int, int], Candidate] = {}
    for item in items:
        key = (item.start, item.end)
        if key not in fresh and item.end > item.start:
            fresh[key] = _candidate_from(document, item, text_map, names, context)
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
    "link_indicator", "link_task", "link_project", "link_livelihood_item", "project_field",
    "lead_unit", "responsible_unit_ids", "unit_reason", "unit_reason_detail", "deadline", "frequency", "matched",
]


def _refresh(old: Candidate, built: Candidate) -> Candidate:
    for name in REFRESHED_FIELDS:
        setattr(old, name, getattr(built, name))
    return old


def _candidate_from(document, item, text_map: review.TextMap, names: dict, context: "AssignContext") -> Candidate:
    candidate = Candidate(
        document=document, start=item.start, end=item.end, quote=(item.quote or "")[:200],
        value=to_decimal(item.value), value_max=to_decimal(getattr(item, "value_max", None)),
        unit=(item.unit or "")[:20], qualifier=item.qualifier or "", metric=(item.metric or "")[:200],
        aspect=item.aspect or "", kind=item.kind or "", period=item.period or "", sentence=item.sentence or "",
        confidence=float(item.confidence or 0), paragraph=text_map.paragraph_at(item.start),
        section=text_map.section_at(item.start), clause=review.clause_around(document.text, item.start, item.end),
    )
    suggest(candidate, names)
    match_commitment(candidate, context.commitments)
    suggest_assignment(candidate, context, context.lines[text_map.line_of(item.start)])
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


# ------------------------------------------------------------------------------------ assignment


@dataclass(frozen=True)
class Commitment:
    """A figure already tracked for the district and year: an indicator target, a task or a project year."""

    target: str          # the candidate target that links to it
    link_id: int         # indicator, task or project id
    name: str
    amount: Decimal      # in the base unit (元, 人, %)
    base: str
    aspect: str          # 'level' | 'change' | 'share' | 'rank'
    label: str


@dataclass(frozen=True)
class AssignContext:
    finder: assign.UnitFinder
    last_year: dict[str, tuple[int, list[int]]]
    table: list[tuple[str, list[int]]]
    commitments: list[Commitment]
    lines: list[str]


#: A commitment with the same value is the same one when its name is at least this similar.
MATCH_SCORE = 60
TARGET_ASPECT = {"level": "level", "growth": "change", "share": "share", "rank": "rank"}


def _base(value, unit: str) -> tuple[Decimal, str]:
    factor, base = review.split_unit(unit or "")
    return review.tidy(Decimal(value) * factor), base


def keyword_table(district: Organisation) -> dict[str, list[str]]:
    """The keyword table in force for a district: its own rows over the defaults, keyword -> unit names."""
    table = {k.keyword: k.names for k in UnitKeyword.objects.filter(district__isnull=True)}
    table.update({k.keyword: k.names for k in UnitKeyword.objects.filter(district=district)})
    return {k: v for k, v in table.items() if v}


def _assign_context(document: SourceDocument) -> AssignContext:
    """The district's units, last year's lead units, the keyword table and this year's tracked figures,
    each read once per document."""
    district, year = document.district, document.year
    units = [assign.Unit(pk, name, short) for pk, name, short in Organisation.objects.units_of(district)
             .filter(is_active=True).order_by("path").values_list("pk", "name", "short_name")]
    finder = assign.UnitFinder(units, district.name)
    table = sorted(
        ((word, [u for u in map(finder.resolve, names) if u is not None])
         for word, names in keyword_table(district).items()),
        key=lambda row: -len(row[0]),
    )
    last_year: dict[str, tuple[int, list[int]]] = {}
    rows = TaskUnit.objects.filter(task__plan__district=district, task__plan__year=year - 1).values_list(
        "task__title", "organisation_id", "role")
    units_of: dict[str, list[tuple[int, str]]] = {}
    for title, org, role in rows:
        units_of.setdefault(title, []).append((org, role))
    for name, org, role in IndicatorTargetUnit.objects.filter(
            target__organisation=district, target__year=year - 1).values_list("target__indicator__name",
                                                                                 "organisation_id", "role"):
        units_of.setdefault(name, []).append((org, role))
    for title, pairs in units_of.items():
        lead = next((org for org, role in pairs if role == UnitRole.LEAD), None)
        if lead is not None:
            last_year[title] = (lead, [org for org, role in pairs if role == UnitRole.RESPONSIBLE])
    return AssignContext(finder, last_year, table, _commitments(district, year), document.text.split("\n"))


def _commitments(district: Organisation, year: int) -> list[Commitment]:
    found = []
    for t in IndicatorTarget.objects.filter(organisation=district, year=year, value__isnull=False).select_related(
            "indicator"):
        amount, base = _base(t.value, t.indicator.unit)
        found.append(Commitment(Target.INDICATOR_TARGET, t.indicator_id, t.indicator.name, amount, base,
                                TARGET_ASPECT.get(t.target_type, ""),
                                _("indicator target %(name)s") % {"name": t.indicator.name}))
    for pk, title, value, unit in Task.objects.filter(plan__district=district, plan__year=year,
                                                      target_value__isnull=False).values_list(
            "pk", "title", "target_value", "target_unit"):
        amount, base = _base(value, unit)
        found.append(Commitment(Target.TASK, pk, title, amount, base, "", _("task %(name)s") % {"name": title}))
    for pk, name, value in ProjectYear.objects.filter(project__district=district, year=year,
                                                      annual_plan__gt=0).values_list(
            "project_id", "project__name", "annual_plan"):
        amount, base = _base(value, review.HOUSE_MONEY_UNIT)
        found.append(Commitment(Target.PROJECT_FACT, pk, name, amount, base, "level",
                                _("annual plan of %(name)s") % {"name": name}))
    return found


def match_commitment(candidate: Candidate, commitments: list[Commitment]) -> None:
    """An amount already tracked (same value and unit, similar name) is linked to that record, not created again."""
    candidate.matched = ""
    if candidate.kind == "actual" or candidate.value is None or not commitments:
        return
    amount, base = _base(candidate.value, candidate.unit)
    best, best_score = None, MATCH_SCORE - 1
    for c in commitments:
        if c.amount != amount or c.base != base or (c.aspect and c.aspect != (candidate.aspect or "level")):
            continue
        score = max(fuzz.WRatio(q, c.name) for q in (candidate.metric, candidate.clause) if q) \
            if (candidate.metric or candidate.clause) else 0
        if score > best_score:
            best, best_score = c, score
    if best is None:
        return
    for link_field in LINK_FIELD_OF_KIND.values():
        setattr(candidate, f"{link_field}_id", None)
    candidate.target = best.target
    setattr(candidate, f"{LINK_FIELD[best.target]}_id", best.link_id)
    candidate.project_field = ProjectField.ANNUAL_PLAN
    candidate.matched = f"{best.label}：{review.tidy(amount)}{base}"[:300]


def suggest_assignment(candidate: Candidate, context: AssignContext, paragraph: str) -> None:
    """Lead and responsible units with the reason, deadline and reporting frequency of a candidate."""
    found = assign.suggest_units(
        finder=context.finder, sentence=candidate.sentence, paragraph=paragraph,
        queries=[candidate.clause, candidate.metric], last_year=context.last_year, table=context.table,
    )
    candidate.lead_unit_id = found.lead
    candidate.responsible_unit_ids = found.responsible
    candidate.unit_reason, candidate.unit_reason_detail = found.reason, found.detail[:100]
    candidate.deadline, candidate.frequency = assign.schedule(
        kind=candidate.kind, target=candidate.target, clause=candidate.clause, year=candidate.document.year)


def _units_of(candidate: Candidate) -> list[tuple[Organisation, str]]:
    """The candidate's units as [(organisation, role)] for the owning app's ``*_units_set`` (lead first)."""
    if candidate.lead_unit_id is None:
        return []
    district = candidate.document.district
    ids = [candidate.lead_unit_id, *[u for u in candidate.responsible_unit_ids if u != candidate.lead_unit_id]]
    orgs = Organisation.objects.units_of(district).in_bulk(ids)
    return [(orgs[pk], UnitRole.LEAD if pk == candidate.lead_unit_id else UnitRole.RESPONSIBLE)
            for pk in dict.fromkeys(ids) if pk in orgs]


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
    project_field: str | None = None, lead_unit=KEEP,
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
    if lead_unit is not KEEP and (lead_unit.pk if lead_unit else None) != candidate.lead_unit_id:
        if lead_unit is not None and not Organisation.objects.units_of(candidate.document.district).filter(
                pk=lead_unit.pk).exists():
            raise ApplicationError(_("The lead unit %(unit)s is not in %(district)s.") % {
                "unit": lead_unit, "district": candidate.document.district})
        candidate.lead_unit = lead_unit
        candidate.unit_reason = candidate.unit_reason_detail = ""
        candidate.responsible_unit_ids = [u for u in candidate.responsible_unit_ids if u != (lead_unit and lead_unit.pk)]
    candidate._history_user = _by(user)
    candidate.save(update_fields=["target", "edits", "project_field", *set(LINK_FIELD.values()), "lead_unit",
                                  "unit_reason", "unit_reason_detail", "responsible_unit_ids", "updated_at"])
    return candidate


@transaction.atomic
def candidate_accept(
    *, candidate: Candidate, user, target: str | None = None, link=KEEP, edits: dict | None = None,
    project_field: str | None = None, confirm_overwrite: bool = False, lead_unit=KEEP, allow_duplicate: bool = False,
) -> Candidate:
    """Accept a candidate, creating (or continuing) its record. Edits make it 'accepted with edits'.

    An amount already tracked (``matched``) is linked to that record; creating a second record for the same
    commitment needs ``allow_duplicate``.
    """
    if target is not None or link is not KEEP or edits is not None or project_field is not None \
            or lead_unit is not KEEP:
        candidate = candidate_update(
            candidate=candidate, user=user, target=target, link=link, edits=edits, project_field=project_field,
            lead_unit=lead_unit,
        )
    candidate = _locked(candidate)
    if candidate.is_taken:
        raise ApplicationError(_("This item was already accepted."))
    if candidate.matched and candidate.link is None and not allow_duplicate:
        raise ApplicationError(
            _("This amount is already tracked (%(what)s): link to it, or choose to create a duplicate.")
            % {"what": candidate.matched}
        )
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
            provenance=Provenance.EXTRACTED, source_note=f"据{document.title}"[:500], is_draft=True, by=_by(user),
        )
    return plan


@transaction.atomic
def document_plan_publish(*, document: SourceDocument, user) -> Plan:
    """Publish the draft plan the review built: from now on it is every user's default year."""
    from .permissions import can_publish_plan

    if user is not None and not can_publish_plan(user, document):
        raise ApplicationError(_("Only the district's supervision office may publish its plan."))
    plan = Plan.objects.filter(district=document.district, year=document.year).first()
    if plan is None:
        raise ApplicationError(_("No plan of %(year)s was built from this report yet.") % {"year": document.year})
    return plan_services.plan_publish(plan=plan, by=_by(user))


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
        if linked.target_value == value and linked.target_unit == unit:
            candidate.created_task = linked          # the same commitment: linked, nothing written
        else:
            _check_overwrite(linked.target_value, value, confirm_overwrite, linked.title)
            candidate.created_task = _update(
                linked, {"target_value": value, "target_unit": unit, "target_text": candidate.quote[:300]}, user
            )
        _assign(candidate, candidate.created_task, plan_services.task_units_set, "task", user)
        return
    # A task linked from an earlier year continues under the same code and title in this year's plan.
    code = linked.code if linked is not None and linked.code else ""
    if not code or Task.objects.filter(plan=plan, code=code).exists():
        code = f"EXT-{candidate.pk}"
    candidate.created_task = plan_services.task_upsert(
        plan=plan, code=code, title=(linked.title if linked else candidate.clause or candidate.quote)[:300],
        target_text=candidate.quote[:300], target_value=value, target_unit=unit,
        category=linked.category if linked else TaskCategory.OTHER, node=_node_for(candidate, plan, user),
        deadline=candidate.deadline, frequency=candidate.frequency or Frequency.MONTHLY,
        provenance=Provenance.EXTRACTED, source_note=note, by=_by(user),
    )
    _assign(candidate, candidate.created_task, plan_services.task_units_set, "task", user)


def _assign(candidate: Candidate, record, units_set, owner: str, user) -> None:
    """Give a record the candidate's lead and responsible units, unless it has units already."""
    units = _units_of(candidate)
    if units and not record.units.exists():
        units_set(**{owner: record}, units=units, by=_by(user))


def _node_for(candidate: Candidate, plan: Plan, user):
    """The work-system node named by the item's section heading (created in the plan when missing)."""
    title = assign.node_title(candidate.section)
    if not title or candidate.section == candidate.document.title:
        return None
    existing = plan.nodes.filter(title=title).first()
    if existing is not None:
        return existing
    code = "EXT-" + hashlib.sha1(title.encode()).hexdigest()[:10]
    order = (plan.nodes.aggregate(m=Max("order"))["m"] or 0) + 1
    return plan_services.worknode_upsert(plan=plan, code=code, title=title, order=order,
                                         provenance=Provenance.EXTRACTED, source_note=_note(candidate), by=_by(user))


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
        item=item, title=title, target_value=value, target_unit=unit, order=order, deadline=candidate.deadline,
        frequency=candidate.frequency or Frequency.MONTHLY,
        provenance=Provenance.EXTRACTED, source_note=_note(candidate), by=_by(user),
    )
    _assign(candidate, candidate.created_sub_item, plan_services.livelihood_subitem_units_set, "sub_item", user)


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
    if existing is not None and existing.value == value:
        candidate.created_target = existing          # the same commitment: linked, nothing written
    else:
        if existing is not None:
            _check_overwrite(existing.value, value, confirm_overwrite, str(existing))
        candidate.created_target = indicator_services.target_upsert(
            indicator=indicator, organisation=district, year=year, target_type=target_type, value=value,
            qualifier=review.qualifier_choice(candidate.effective("qualifier")),
            text=(candidate.clause or candidate.quote)[:300],
            weight=existing.weight if existing else Decimal(1),
            frequency=existing.frequency if existing else (candidate.frequency or Frequency.QUARTERLY),
            provenance=Provenance.EXTRACTED, source_note=_note(candidate), by=_by(user),
        )
    _assign(candidate, candidate.created_target, indicator_services.target_units_set, "target", user)


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
    plan_type = project_plan_type(candidate.clause or candidate.sentence)
    if year is None:
        earlier = ProjectYear.objects.filter(project=project, year__lt=candidate.document.year).exists()
        candidate.created_project_year = project_services.project_year_upsert(
            project=project, year=candidate.document.year, level=project.level, annual_plan=amount,
            plan_type=plan_type or (PlanType.CONTINUING if earlier else PlanType.NEW),
            frequency=candidate.frequency or Frequency.MONTHLY,
            provenance=Provenance.EXTRACTED, source_note=_note(candidate), by=_by(user),
        )
        return
    if plan_type and plan_type != year.plan_type:
        year = project_services.project_year_upsert(
            project=project, year=year.year, plan_type=plan_type, level=year.level, annual_plan=year.annual_plan,
            half_year_plan=year.half_year_plan, invested_before=year.invested_before, frequency=year.frequency,
            weight=year.weight, provenance=year.provenance, source_note=year.source_note, by=_by(user),
        )
    if year.annual_plan == amount:
        candidate.created_project_year = year         # the same commitment: linked, nothing written
        return
    if year.half_year_plan is not None and year.half_year_plan > amount:
        raise ApplicationError(_("The half-year plan of this project is above that amount."))
    _check_overwrite(year.annual_plan or None, amount, confirm_overwrite, str(year))
    candidate.created_project_year = project_services.project_year_annual_plan_set(project_year=year, amount=amount,
                                                                                   by=_by(user))


#: Words of a clause that give a project's plan type for the year (first found wins).
PLAN_TYPE_CUES = (("续建", PlanType.CONTINUING), ("新开工", PlanType.NEW), ("开工", PlanType.NEW),
                  ("竣工", PlanType.COMPLETION), ("建成", PlanType.COMPLETION), ("前期", PlanType.PREPARATION))


def project_plan_type(clause: str) -> str:
    """'新开工…' -> new, '续建…' -> continuing, '竣工…' -> completion, '' when the clause says nothing."""
    return next((plan_type for word, plan_type in PLAN_TYPE_CUES if word in (clause or "")), "")


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


# ------------------------------------------------------------------------------------ keyword table


@transaction.atomic
def unit_keyword_set(*, actor, district: Organisation, keyword: str, unit_names: str) -> UnitKeyword:
    """Set the district's own row of the keyword → unit table (empty names: the keyword is off there)."""
    from .permissions import can_edit_unit_keywords

    if actor is not None and not can_edit_unit_keywords(actor, district):
        raise ApplicationError(_("You may not change the keyword table of %(district)s.") % {"district": district})
    keyword = (keyword or "").strip()
    if not keyword or len(keyword) > 20:
        raise ApplicationError(_("A keyword has 1 to 20 characters."))
    names = "/".join(n.strip() for n in (unit_names or "").replace("、", "/").split("/") if n.strip())
    if len(names) > 200:
        raise ApplicationError(_("The unit names are longer than 200 characters."))
    return record_upsert(UnitKeyword, lookup={"district": district, "keyword": keyword},
                         values={"unit_names": names}, by=_by(actor))[0]


@transaction.atomic
def unit_keyword_delete(*, actor, district: Organisation, keyword: str) -> bool:
    """Remove the district's own row for ``keyword`` (the default, if any, applies again)."""
    from .permissions import can_edit_unit_keywords

    if actor is not None and not can_edit_unit_keywords(actor, district):
        raise ApplicationError(_("You may not change the keyword table of %(district)s.") % {"district": district})
    row = UnitKeyword.objects.filter(district=district, keyword=keyword).first()
    if row is None:
        return False
    row._history_user = _by(actor)
    row.delete()
    return True
