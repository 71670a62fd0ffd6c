"""Reads of the configuration pages: what a changed rule set or curve would do to today's lights, and the
change history (who, when, before, after) of rule sets, curves and rubrics.

The preview saves nothing: it computes the district's statuses twice from the same loaded figures, once with the
stored rule sets and curves and once with the candidate in place of the stored row (``status.load_config``).
"""

import copy
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.utils.translation import gettext as _

from duban.core.people import display_name
from duban.org.models import Organisation

from . import rules, scoring
from .items import TrackedItem, load_items
from .models import Evaluation, EvaluationSubject, ItemType, ProgressCurve, RuleSet
from .status import compute_statuses, load_confirmed, load_config, load_observations, load_unit_names

#: Lights from the worst down, the order the preview counts them in.
LIGHT_ORDER = sorted(rules.SEVERITY, key=lambda light: -rules.SEVERITY[light])


@dataclass(frozen=True)
class LightChange:
    item: TrackedItem
    before: str
    after: str


@dataclass(frozen=True)
class LightsPreview:
    district: Organisation
    on_date: date
    rows: list[tuple[str, int, int]]     # (light, count before, count after), worst first
    changes: list[LightChange]


def _with_candidate(rows: dict, candidate) -> dict:
    """The stored rows by id with ``candidate`` in place of the row of the same code (a new code is added)."""
    out = dict(rows)
    stored = next((r for r in rows.values() if r.code == candidate.code), None)
    candidate = copy.copy(candidate)
    candidate.pk = stored.pk if stored is not None else -1
    if isinstance(candidate, RuleSet) and candidate.is_default:
        # As rule_set_save does: the candidate becomes the only default of its district.
        for pk, row in rows.items():
            if row.is_default and row.district_id == candidate.district_id and pk != candidate.pk:
                out[pk] = copy.copy(row)
                out[pk].is_default = False
    out[candidate.pk] = candidate
    return out


def preview_lights(district: Organisation, on_date: date, *, rule_set: RuleSet | None = None,
                   curve: ProgressCurve | None = None, year: int | None = None) -> LightsPreview:
    """Lights of the district's items at ``on_date`` now and with the candidate rule set or curve (unsaved)."""
    year = year or on_date.year
    items = load_items(district=district, year=year)
    figures = dict(load_observations(items, year, on_date))
    figures.update(load_confirmed(district, year, on_date))
    names = load_unit_names(items)
    stored_sets = {rs.pk: rs for rs in RuleSet.objects.all()}
    stored_curves = {c.pk: c for c in ProgressCurve.objects.all()}
    before_config = load_config(district, rule_sets=stored_sets, curves=stored_curves)
    after_config = load_config(
        district, rule_sets=_with_candidate(stored_sets, rule_set) if rule_set else stored_sets,
        curves=_with_candidate(stored_curves, curve) if curve else stored_curves)
    before = compute_statuses(items, figures, before_config, names, on_date)
    after = compute_statuses(items, figures, after_config, names, on_date)
    return lights_compared(district, on_date, before, after)


def lights_compared(district, on_date, before: list, after: list) -> LightsPreview:
    """Counts by light before and after, and the items whose light changes (worst new light first)."""
    count_before = {light: 0 for light in LIGHT_ORDER}
    count_after = dict(count_before)
    changes = []
    for old, new in zip(before, after, strict=True):
        count_before[old.light] += 1
        count_after[new.light] += 1
        if old.light != new.light:
            changes.append(LightChange(new.item, old.light, new.light))
    changes.sort(key=lambda c: (-rules.SEVERITY[c.after], c.item.code, c.item.title))
    rows = [(light, count_before[light], count_after[light]) for light in LIGHT_ORDER]
    return LightsPreview(district, on_date, rows, changes)


@dataclass(frozen=True)
class ScoreChange:
    name: str
    before_total: Decimal
    before_rank: int
    after_total: Decimal
    after_rank: int


def preview_scores(district: Organisation, on_date: date, *, before: dict, after: dict,
                   year: int | None = None) -> list[ScoreChange]:
    """The district's units scored at ``on_date`` by the stored rubric and by the candidate (hand-entered scores,
    bonuses and deductions left out: they belong to an evaluation, not to the rubric)."""
    from .services.evaluations import evaluation_subjects

    evaluation = Evaluation(scope=district, subject=EvaluationSubject.UNITS, year=year or on_date.year, as_of=on_date)
    subjects = [scoring.Subject(org.pk, org.name, figures) for org, figures in evaluation_subjects(evaluation)]
    old = {s.org_id: s for s in scoring.score_subjects(subjects, before)} if before.get("items") else {}
    new = scoring.score_subjects(subjects, after)
    return [ScoreChange(s.name, old[s.org_id].total if old else Decimal(0), old[s.org_id].rank if old else 0,
                        s.total, s.rank) for s in new]


# ---------------------------------------------------------------------------------------------------------
# Change history


@dataclass(frozen=True)
class HistoryRow:
    at: datetime
    who: str
    kind: str                               # "+" created, "~" changed, "-" deleted
    changes: tuple[tuple[str, str, str], ...]  # (what, before, after)


def _flat(model, record) -> dict[str, str]:
    """A history record as {label: text}; a rule set's settings and a curve's months one by one."""
    out = {}
    for name in ("name", "description", "is_default", "district_id", "item_type", "category"):
        if hasattr(record, name):
            value = getattr(record, name)
            if name == "item_type" and value in ItemType.values:
                value = ItemType(value).label
            out[str(model._meta.get_field(name.removesuffix("_id")).verbose_name)] = _text(value)
    if model is RuleSet:
        try:
            config = rules.RuleConfig.from_dict(record.config).to_dict()
        except (ValueError, TypeError, ArithmeticError):
            config = dict(record.config or {})
        from .forms_office import RuleSetForm  # the form's labels name the settings the same way on both pages

        labels = {name: str(field.label) for name, field in RuleSetForm.base_fields.items()}
        out.update({labels.get(key, key): _number(value) if isinstance(value, str) else _text(value)
                    for key, value in config.items()})
    elif model is ProgressCurve:
        out.update({_("End of month %(month)s") % {"month": i}: f"{_number(v)}%"
                    for i, v in enumerate(record.months or [], start=1)})
    else:
        out.update(rubric_flat(record.config or {}))
    return out


def rubric_flat(config: dict) -> dict[str, str]:
    """A rubric's settings as {label: text}, criterion by criterion with the form's labels: "完成率（completion）·
    每个百分点得分" → "0.6"; bands and rank tables as the form writes them ("0:40; -10:25")."""
    from .forms_office import RUBRIC_KINDS, RUBRIC_METRICS, RubricForm, RubricItemForm

    fields = RubricItemForm.base_fields
    choices = {"kind": dict(RUBRIC_KINDS), "metric": dict(RUBRIC_METRICS)}
    out = {}
    for item in config.get("items", []):
        head = f"{item.get('label', '')}（{item.get('code', '')}）"
        shown = RubricItemForm.initial_for(item)
        for name, field in fields.items():
            if name in ("code", "label") or name not in shown:
                continue
            value = shown[name]
            if name in choices:
                text = str(choices[name].get(value, value))
            elif name == "steps":
                text = str(value)
            else:
                text = _number(value)
            out[f"{head} · {field.label}"] = text
    for key in ("bonus_max", "deduction_max"):
        out[str(RubricForm.base_fields[key].label)] = _number(config[key]) if config.get(key) not in (None, "") else "—"
    return out


def config_differences(model, yours, current) -> list:
    """The rows of a conflict page: every setting of ``yours`` (an unsaved row) and ``current`` (the saved one)."""
    from duban.core.conflicts import Difference

    mine, saved = _flat(model, yours), _flat(model, current)
    labels = list(dict.fromkeys([*saved, *mine]))
    return [Difference(f"s{i}", label, mine.get(label, "—"), saved.get(label, "—")) for i, label in enumerate(labels)]


def _number(value) -> str:
    """'25.00' → '25', '8.33' → '8.33'; text that is not a number is left as it is."""
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        return _text(value)
    return ("-" if number < 0 else "") + rules.pp(number)


def _text(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value) or "—"
    return str(value)


def config_history(row, limit: int = 30) -> list[HistoryRow]:
    """Who changed ``row`` (a rule set, curve or rubric), when, and each setting before → after; newest first."""
    model = type(row)
    records = list(row.history.select_related("history_user").order_by("history_date", "history_id"))
    out, previous = [], None
    for record in records:
        now = _flat(model, record)
        if previous is None:
            changes = tuple((key, "—", value) for key, value in now.items()) if record.history_type == "+" else ()
        else:
            changes = tuple((key, previous.get(key, "—"), value) for key, value in now.items()
                            if previous.get(key, "—") != value)
        user = record.history_user
        who = display_name(user) or _("(system)")
        if previous is None or changes:
            out.append(HistoryRow(record.history_date, who, record.history_type, changes))
        previous = now
    return list(reversed(out))[:limit]
