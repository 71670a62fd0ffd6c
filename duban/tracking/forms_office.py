"""Forms of the office's configuration pages: bulk assignment of tasks, light rule sets, time-progress curves.

Input checks only (types, ranges, the shape of a curve); the services check the business rules again.
"""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from duban.core.forms import BoundedDateField, DateInput, long_text, short_text
from duban.core.models import Frequency
from duban.org.models import Organisation

from . import rules
from .models import ItemType, Light

MONTH_NAMES = [_("January"), _("February"), _("March"), _("April"), _("May"), _("June"), _("July"), _("August"),
               _("September"), _("October"), _("November"), _("December")]


class AssignmentForm(forms.Form):
    """What to set on the ticked tasks; an empty field leaves that part of each task as it is."""

    lead_unit = forms.ModelChoiceField(label=_("Lead unit"), queryset=Organisation.objects.none(), required=False,
                                       empty_label=_("(unchanged)"))
    responsible_units = forms.ModelMultipleChoiceField(
        label=_("Responsible units"), queryset=Organisation.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple)
    cooperating_units = forms.ModelMultipleChoiceField(
        label=_("Cooperating units"), queryset=Organisation.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple)
    deadline = BoundedDateField(label=_("Deadline"), required=False, widget=DateInput())
    weight = forms.DecimalField(label=_("Weight"), required=False, min_value=Decimal(0), max_digits=8, decimal_places=3,
                                error_messages={"invalid": _("The weight must be a number, such as 1 or 1.5.")})
    frequency = forms.ChoiceField(label=_("Reporting frequency"), required=False,
                                  choices=[("", _("(unchanged)")), *Frequency.choices])

    def __init__(self, *args, district: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        units = Organisation.objects.units_of(district).in_office_order()
        for name in ("lead_unit", "responsible_units", "cooperating_units"):
            self.fields[name].queryset = units
        for name in ("responsible_units", "cooperating_units"):
            self.fields[name].widget.attrs["data-checklist"] = _("Type to filter units")

    def assignment(self):
        from .services import Assignment

        data = self.cleaned_data
        return Assignment(
            lead_unit=data.get("lead_unit"),
            responsible_units=tuple(data["responsible_units"]) or None,
            cooperating_units=tuple(data["cooperating_units"]) or None,
            deadline=data.get("deadline"), weight=data.get("weight"), frequency=data.get("frequency") or "",
        )


LIGHT_CHOICES = [(Light.RED, Light.RED.label), (Light.YELLOW, Light.YELLOW.label), (Light.GREEN, Light.GREEN.label),
                 (Light.NO_DATA, Light.NO_DATA.label)]
PP = dict(max_digits=6, decimal_places=2, min_value=Decimal(0), max_value=Decimal(100))
DAYS = dict(min_value=0, max_value=366)


class RuleSetForm(forms.Form):
    """Every setting the light engine reads (rules.RuleConfig), one field each."""

    name = short_text(label=_("Name"), max_length=100)
    description = long_text(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    is_default = forms.BooleanField(label=_("Default rule set of its district (or of everywhere)"), required=False)
    mode = forms.ChoiceField(label=_("How being behind is measured"), choices=[
        ("absolute", _("Percentage points behind time progress")),
        ("relative", _("Share short of time progress (%)"))])
    yellow_pp = forms.DecimalField(label=_("Yellow from (points behind)"), **PP)
    red_pp = forms.DecimalField(label=_("Red above (points behind)"), **PP)
    yellow_relative = forms.DecimalField(label=_("Yellow from (% short, relative mode)"), **PP)
    red_relative = forms.DecimalField(label=_("Red above (% short, relative mode)"), **PP)
    consecutive_periods = forms.IntegerField(label=_("Escalate after this many periods behind in a row (0: off)"),
                                             min_value=0, max_value=24)
    consecutive_light = forms.ChoiceField(label=_("Light after periods behind in a row"), choices=LIGHT_CHOICES)
    no_data_light = forms.ChoiceField(label=_("Light of an item without confirmed figures"), choices=LIGHT_CHOICES)
    started_late = forms.BooleanField(label=_("Flag projects that should have started"), required=False)
    started_late_light = forms.ChoiceField(label=_("Light of a project that should have started"), choices=LIGHT_CHOICES)
    started_late_grace_days = forms.IntegerField(label=_("Days of grace after the planned start"), **DAYS)
    not_registered = forms.BooleanField(label=_("Flag projects started but not registered"), required=False)
    not_registered_light = forms.ChoiceField(label=_("Light of a project started but not registered"),
                                             choices=LIGHT_CHOICES)
    not_registered_grace_days = forms.IntegerField(label=_("Days of grace before registration"), **DAYS)
    growth_red_pp = forms.DecimalField(label=_("Indicators: red when growth is short by more than (points)"), **PP)
    about_tolerance_pp = forms.DecimalField(label=_("Indicators: tolerance of “about” targets (points)"), **PP)
    level_yellow_pct = forms.DecimalField(label=_("Levels: yellow from (% short of target)"), **PP)
    level_red_pct = forms.DecimalField(label=_("Levels: red above (% short of target)"), **PP)
    rank_red_places = forms.IntegerField(label=_("Ranks: red when behind by more than (places)"), min_value=0,
                                         max_value=100)
    time_progress = forms.ChoiceField(label=_("Time progress counted in"), choices=[
        ("months", _("Completed months")), ("days", _("Elapsed days"))])
    expropriation_measure = forms.ChoiceField(label=_("Expropriation measured by"), choices=[
        ("signed_households", _("Households signed")), ("vacated_households", _("Households vacated")),
        ("demolished_households", _("Households demolished")), ("signed_area", _("Area signed")),
        ("land", _("Land handed over"))])
    rollup_missing = forms.ChoiceField(label=_("In roll-ups, an item without data"), choices=[
        ("zero", _("counts as 0%")), ("exclude", _("is left out"))])
    auto_order = forms.BooleanField(label=_("Issue supervision orders automatically"), required=False)
    auto_order_lights = forms.MultipleChoiceField(label=_("Lights that issue an order automatically"), required=False,
                                                  choices=LIGHT_CHOICES[:2], widget=forms.CheckboxSelectMultiple)
    order_deadline_days = forms.IntegerField(label=_("Days given to answer an automatic order"), min_value=1,
                                             max_value=366)
    remind_days_before = short_text(label=_("Remind this many days before the due date (comma-separated)"),
                                    max_length=40, required=False)
    overdue_repeat_days = forms.IntegerField(label=_("Repeat overdue reminders every (days)"), min_value=1,
                                             max_value=366)

    CONFIG_FIELDS = tuple(rules.RuleConfig.__dataclass_fields__)

    @classmethod
    def initial_for(cls, rule_set) -> dict:
        config = rules.RuleConfig.from_dict(rule_set.config if rule_set else {})
        data = config.to_dict()
        data["remind_days_before"] = ", ".join(str(d) for d in config.remind_days_before)
        if rule_set is not None:
            data.update(name=rule_set.name, description=rule_set.description, is_default=rule_set.is_default)
        return data

    def clean_remind_days_before(self):
        text = (self.cleaned_data.get("remind_days_before") or "").replace("，", ",")
        parts = [p.strip() for p in text.split(",") if p.strip()]
        if not all(p.isdigit() and 0 < int(p) <= 60 for p in parts):
            raise forms.ValidationError(_("Give whole numbers of days from 1 to 60, separated by commas, such as 3, 1."))
        return [int(p) for p in parts]

    def clean(self):
        data = super().clean()
        pairs = (("yellow_pp", "red_pp"), ("yellow_relative", "red_relative"), ("level_yellow_pct", "level_red_pct"))
        for low, high in pairs:
            if data.get(low) is not None and data.get(high) is not None and data[high] < data[low]:
                self.add_error(high, _("The red threshold (%(red)s) must not be below the yellow one (%(yellow)s).")
                               % {"red": data[high], "yellow": data[low]})
        return data

    def config(self) -> dict:
        """The rule set's JSON: every setting of the engine, as the engine reads it."""
        data = self.cleaned_data
        out = {}
        for name in self.CONFIG_FIELDS:
            value = data.get(name)
            out[name] = str(value) if isinstance(value, Decimal) else list(value) if isinstance(value, (list, tuple)) else value
        return out


class CurveForm(forms.Form):
    """A time-progress curve: the cumulative share of the year's work expected by the end of each month."""

    name = short_text(label=_("Name"), max_length=100)
    item_type = forms.ChoiceField(label=_("Applies to item type"), required=False,
                                  choices=[("", _("Every type")), *ItemType.choices])
    category = short_text(label=_("Applies to category"), max_length=50, required=False,
                          help_text=_("A project category name or a task category code; empty: only when assigned "
                                      "to an item."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i, month in enumerate(MONTH_NAMES, start=1):
            self.fields[f"m{i}"] = forms.DecimalField(
                label=_("End of %(month)s (cumulative %%)") % {"month": month}, max_digits=5, decimal_places=2,
                min_value=Decimal(0), max_value=Decimal(100),
                widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}))

    @staticmethod
    def initial_for(curve) -> dict:
        if curve is None:
            return {f"m{i}": rules.q2(Decimal(i * 100) / 12) for i in range(1, 13)}
        data = {"name": curve.name, "item_type": curve.item_type, "category": curve.category}
        data.update({f"m{i}": Decimal(str(v)) for i, v in enumerate(curve.months, start=1)})
        return data

    def clean(self):
        data = super().clean()
        values = [data.get(f"m{i}") for i in range(1, 13)]
        if any(v is None for v in values):
            return data
        for i in range(1, 12):
            if values[i] < values[i - 1]:
                self.add_error(f"m{i + 1}", _("%(month)s (%(value)s%%) is below %(previous)s (%(before)s%%): the "
                                             "figures are cumulative and cannot fall.") % {
                    "month": MONTH_NAMES[i], "value": values[i], "previous": MONTH_NAMES[i - 1], "before": values[i - 1]})
        if values[-1] != Decimal(100):
            self.add_error("m12", _("The curve must end at 100%% in December, not %(value)s%%.") % {"value": values[-1]})
        return data

    def months(self) -> list[str]:
        return [str(self.cleaned_data[f"m{i}"]) for i in range(1, 13)]


# ---------------------------------------------------------------------------------------------------------
# Rubrics (考核细则): one row per criterion; bands and rank tables written as short steps


RUBRIC_KINDS = [("per_point", _("Points per percentage point")), ("bands", _("Bands of a figure")),
                ("rank_table", _("Points by rank")), ("manual", _("Score entered by hand")),
                ("per_count", _("Points for each counted item"))]
RUBRIC_METRICS = [("", "—"), ("completion_pct", _("Completion rate (%)")), ("gap_pp", _("Gap to time progress (points)")),
                  ("double_half_rate", _("Share of items past half by June (%)")),
                  ("on_time_rate", _("Reports on time (%)")), ("red_count", _("Red items")),
                  ("yellow_count", _("Yellow items")), ("items", _("Items"))]
POINTS = dict(max_digits=8, decimal_places=2, required=False)


def _n(value) -> str:
    return rules.pp(value) if value >= 0 else "-" + rules.pp(value)


class RubricItemForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=40)
    label = short_text(label=_("Criterion"), max_length=100)
    kind = forms.ChoiceField(label=_("How it is scored"), choices=RUBRIC_KINDS)
    metric = forms.ChoiceField(label=_("Figure"), choices=RUBRIC_METRICS, required=False)
    points_per_pp = forms.DecimalField(label=_("Points per percentage point"), **POINTS)
    base = forms.DecimalField(label=_("Base points"), **POINTS)
    points_each = forms.DecimalField(label=_("Points for each (negative: a deduction)"), **POINTS)
    weight = forms.DecimalField(label=_("Weight of the hand-entered score"), min_value=Decimal(0), **POINTS)
    steps = short_text(label=_("Bands or rank table"), required=False, max_length=300,
                       help_text=_("Bands: “from:points” from the highest, e.g. 0:20; -10:14. Rank table: "
                                   "“first-last:points”, e.g. 1-3:7; 4-6:5."))
    otherwise = forms.DecimalField(label=_("Points otherwise"), **POINTS)
    min = forms.DecimalField(label=_("At least (points)"), **POINTS)
    max = forms.DecimalField(label=_("At most (points)"), **POINTS)

    @staticmethod
    def initial_for(item: dict) -> dict:
        data = {k: item.get(k) for k in ("code", "label", "kind", "metric", "points_per_pp", "base", "points_each",
                                         "weight", "min", "max")}
        data["otherwise"] = item.get("else")
        if item.get("kind") == "bands":
            data["steps"] = "; ".join(f"{b['from']}:{b['points']}" for b in item.get("bands", []))
        elif item.get("kind") == "rank_table":
            data["steps"] = "; ".join(f"{r['from']}-{r['to']}:{r['points']}" for r in item.get("table", []))
        return {k: v for k, v in data.items() if v is not None}

    def _steps(self, text: str, kind: str) -> list[dict]:
        rows = []
        for part in (p.strip() for p in text.replace("；", ";").replace("：", ":").split(";")):
            if not part:
                continue
            left, sep, points = part.partition(":")
            try:
                if not sep:
                    raise ValueError
                points_value = Decimal(points.strip())
                if kind == "bands":
                    rows.append({"from": Decimal(left.strip()), "points": points_value})
                else:
                    first, _dash, last = left.strip().partition("-")
                    rows.append({"from": int(first), "to": int(last or first), "points": points_value})
            except (ValueError, ArithmeticError):
                raise forms.ValidationError(_("“%(part)s” is not a step like %(example)s.") % {
                    "part": part, "example": "0:20" if kind == "bands" else "1-3:7"}) from None
        if not rows:
            raise forms.ValidationError(_("Give at least one step."))
        if kind == "bands" and any(a["from"] <= b["from"] for a, b in zip(rows, rows[1:])):
            raise forms.ValidationError(_("Write the bands from the highest figure down."))
        if kind == "rank_table" and any(r["from"] < 1 or r["to"] < r["from"] for r in rows) or \
                kind == "rank_table" and any(a["to"] >= b["from"] for a, b in zip(rows, rows[1:])):
            raise forms.ValidationError(_("Rank ranges start at 1, go upwards and do not overlap."))
        return rows

    #: Selects that always send a value (the browser submits the first option of a blank row's 计分方式).
    CHOICE_ONLY = ("kind", "metric")

    def has_content(self) -> bool:
        """Whether anything was typed in the row: a code, a label, a number or steps (the selects do not count)."""
        return any(str(self.data.get(self.add_prefix(name), "")).strip()
                   for name in self.fields if name not in (*self.CHOICE_ONLY, "DELETE"))

    def has_changed(self) -> bool:
        """A row with nothing typed in it is empty (the formset skips it), whatever its selects say; a row with
        content always counts, changed or not, so that saving keeps the criteria that were left as they were."""
        return self.has_content()

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if not kind:
            return data
        need = {"per_point": ["metric", "points_per_pp"], "bands": ["metric", "steps"],
                "rank_table": ["metric", "steps"], "manual": ["weight"], "per_count": ["metric", "points_each"]}[kind]
        for name in need:
            if data.get(name) in (None, ""):
                self.add_error(name, _("Needed for this way of scoring."))
        if kind in ("bands", "rank_table") and data.get("steps"):
            try:
                data["parsed_steps"] = self._steps(data["steps"], kind)
            except forms.ValidationError as error:
                self.add_error("steps", error)
        if data.get("min") is not None and data.get("max") is not None and data["min"] > data["max"]:
            self.add_error("max", _("“At most” must not be below “at least”."))
        return data

    def item(self) -> dict:
        d = self.cleaned_data
        item = {"code": d["code"], "label": d["label"], "kind": d["kind"]}
        if d["kind"] != "manual":
            item["metric"] = d["metric"]
        keys = {"per_point": ["points_per_pp", "base", "min", "max"], "bands": [], "rank_table": [],
                "manual": ["weight", "max"], "per_count": ["points_each", "min", "max"]}[d["kind"]]
        item.update({k: _n(d[k]) for k in keys if d.get(k) is not None})
        if d["kind"] == "bands":
            item["bands"] = [{"from": _n(s["from"]), "points": _n(s["points"])} for s in d["parsed_steps"]]
        elif d["kind"] == "rank_table":
            item["table"] = [{"from": s["from"], "to": s["to"], "points": _n(s["points"])} for s in d["parsed_steps"]]
        if d["kind"] in ("bands", "rank_table"):
            item["else"] = _n(d["otherwise"] if d.get("otherwise") is not None else Decimal(0))
        return item

    def top_points(self) -> Decimal | None:
        """The most points the criterion can give (None: no upper limit)."""
        d, item = self.cleaned_data, self.item()
        if d["kind"] == "manual":
            return d["weight"] * d["max"] if d.get("max") is not None else None
        if d["kind"] in ("bands", "rank_table"):
            return max([s["points"] for s in d["parsed_steps"]] + [Decimal(item["else"])])
        if d.get("max") is not None:
            return d["max"]
        return Decimal(0) if d["kind"] == "per_count" and d["points_each"] <= 0 else None


class _RubricItems(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        forms_kept = [f for f in self.forms if f.has_changed() and not self._should_delete_form(f)]
        codes = [f.cleaned_data["code"] for f in forms_kept]
        duplicates = sorted({c for c in codes if codes.count(c) > 1})
        if duplicates:
            raise forms.ValidationError(_("Each criterion needs its own code; used twice: %(codes)s") % {
                "codes": ", ".join(duplicates)})
        if not forms_kept:
            raise forms.ValidationError(_("A rubric needs at least one criterion."))

    def kept(self) -> list[RubricItemForm]:
        return [f for f in self.forms if f.has_changed() and not self._should_delete_form(f)]


RubricItemFormSet = forms.formset_factory(RubricItemForm, formset=_RubricItems, extra=1, can_delete=True,
                                          max_num=30, validate_max=True)


class RubricForm(forms.Form):
    name = short_text(label=_("Name"), max_length=100)
    description = long_text(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    bonus_max = forms.DecimalField(label=_("Bonus points at most"), min_value=Decimal(0), **POINTS)
    deduction_max = forms.DecimalField(label=_("Deductions at most"), min_value=Decimal(0), **POINTS)

    @staticmethod
    def initial_for(rubric) -> dict:
        config = rubric.config if rubric else {}
        return {"name": rubric.name if rubric else "", "description": rubric.description if rubric else "",
                "bonus_max": config.get("bonus_max"), "deduction_max": config.get("deduction_max")}

    def config(self, items: list[dict]) -> dict:
        out: dict = {"items": items}
        for key in ("bonus_max", "deduction_max"):
            if self.cleaned_data.get(key) is not None:
                out[key] = _n(self.cleaned_data[key])
        return out
