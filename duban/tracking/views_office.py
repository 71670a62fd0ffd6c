"""The office's configuration pages: bulk assignment of tasks, light rule sets and time-progress curves.

Each change is previewed (what changes on which task; what happens to today's lights) before it is saved through
the services; the rule set and curve pages show their change history.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from duban.core import params
from duban.core.conflicts import FIELD as VERSION_FIELD
from duban.core.conflicts import ConflictError, edit_version
from duban.core.errors import ApplicationError
from duban.org.models import Organisation, UnitRole
from duban.plans.models import Plan, Task, WorkNode

from . import permissions, selectors, services
from .configuration import config_history, preview_lights, preview_scores
from .forms_office import AssignmentForm, CurveForm, RubricForm, RubricItemForm, RubricItemFormSet, RuleSetForm
from .models import ProgressCurve, Rubric, RuleSet

TASKS_PER_PAGE = 50


# ---------------------------------------------------------------------------------------------------------
# Bulk assignment


def _task_filters(request) -> dict:
    return {
        "node": params.optional_id(request.GET, "node"),
        "unit": params.optional_id(request.GET, "unit"),
        "unassigned": request.GET.get("unassigned") == "1",
        "q": (request.GET.get("q") or "").strip()[:100],
    }


def _filtered_tasks(district, year, f: dict):
    tasks = Task.objects.filter(plan__district=district, plan__year=year).select_related("plan", "node")
    if f["node"]:
        node = WorkNode.objects.filter(pk=f["node"], plan__district=district).first()
        tasks = tasks.filter(node__in=_node_and_below(node)) if node else tasks.none()
    if f["unit"]:
        tasks = tasks.filter(units__organisation_id=f["unit"])
    if f["unassigned"]:
        tasks = tasks.exclude(units__role=UnitRole.LEAD)
    if f["q"]:
        tasks = tasks.filter(Q(title__icontains=f["q"]) | Q(code__icontains=f["q"]))
    return tasks.distinct().order_by("code", "id").prefetch_related("units__organisation")


def _node_and_below(node: WorkNode) -> list[int]:
    rows = list(WorkNode.objects.filter(plan_id=node.plan_id).values_list("id", "parent_id"))
    wanted, grew = {node.pk}, True
    while grew:
        more = {pk for pk, parent in rows if parent in wanted} - wanted
        wanted |= more
        grew = bool(more)
    return sorted(wanted)


def _row(task: Task) -> dict:
    names = {role: [] for role in UnitRole.values}
    for unit in task.units.all():
        names[unit.role].append(unit.organisation.name)
    return {"task": task, "lead": "、".join(names[UnitRole.LEAD]), "responsible": "、".join(names[UnitRole.RESPONSIBLE]),
            "cooperating": "、".join(names[UnitRole.COOPERATING])}


def _chosen_tasks(request, district, year) -> list[Task]:
    ids = params.id_list(request.POST, "task")
    return list(Task.objects.filter(pk__in=ids, plan__district=district, plan__year=year)
                .select_related("plan").order_by("code", "id"))


@login_required
def task_assign(request):
    """任务分解: tick tasks, fill in what to set, see what changes, confirm."""
    district = selectors.pick_district(request.user, params.optional_id(request.GET, "district"))
    if district is None or not permissions.can_assign_tasks(request.user, district):
        raise PermissionDenied
    year = params.optional_year(request.GET) or selectors.default_year(district)
    filters = _task_filters(request)
    form = AssignmentForm(request.POST or None, district=district)
    preview, chosen, conflict = None, [], None
    if request.method == "POST":
        chosen = _chosen_tasks(request, district, year)
        if form.is_valid():
            assignment = form.assignment()
            try:
                if request.POST.get("action") == "confirm":
                    changed = services.task_bulk_assign(
                        actor=request.user, district=district, tasks=chosen, assignment=assignment,
                        expected_versions={t.pk: request.POST.get(f"version-{t.pk}") for t in chosen})
                    messages.success(request, _("%(count)s tasks changed.") % {"count": len(changed)})
                    return redirect(request.get_full_path())
            except ConflictError as error:  # changed since the preview: the preview again, from how they stand now
                conflict = error
                chosen = _chosen_tasks(request, district, year)
            except ApplicationError as error:
                form.add_error(None, error.message)
            if not form.errors:
                try:
                    preview = services.task_assignment_changes(district=district, tasks=chosen,
                                                               assignment=assignment)
                except ApplicationError as error:
                    form.add_error(None, error.message)
    tasks = _filtered_tasks(district, year, filters)
    page = Paginator(tasks, TASKS_PER_PAGE).get_page(request.GET.get("page"))
    shown = list(page.object_list) if preview is None else chosen
    if preview is not None:
        shown = list(Task.objects.filter(pk__in=[t.pk for t in chosen]).order_by("code", "id")
                     .prefetch_related("units__organisation"))
    return render(request, "tracking/task_assign.html", {
        "district": district, "year": year, "filters": filters, "form": form, "page": page,
        "rows": [_row(t) for t in shown], "preview": preview, "chosen_ids": {t.pk for t in chosen},
        "chosen": chosen, "conflict": conflict,
        "versions": services.task_versions(chosen) if preview is not None else {},
        "nodes": WorkNode.objects.filter(plan__district=district, plan__year=year).order_by("order", "code"),
        "units": Organisation.objects.units_of(district).in_office_order(),
        "years": sorted({year, *Plan.objects.filter(district=district).values_list("year", flat=True)}, reverse=True),
        "breadcrumbs": [(_("Home"), reverse("web:home")), (_("Assign tasks"), "")],
    }, status=409 if conflict else 200)


# ---------------------------------------------------------------------------------------------------------
# Rule sets and curves


def _config_frame(request):
    """District and date whose lights the preview shows (query string, else the user's district and today)."""
    district = selectors.pick_district(request.user, params.optional_id(request.GET, "district"))
    on_date = params.optional_date(request.GET, "date")
    year = on_date.year if on_date else selectors.default_year(district)
    return district, year, on_date or selectors.default_date(year)


@login_required
def config_index(request):
    if not permissions.can_view_config_page(request.user):
        raise PermissionDenied
    district, _year, on_date = _config_frame(request)
    rule_sets = [rs for rs in RuleSet.objects.select_related("district").order_by("district__path", "code")
                 if rs.district is None or permissions.can_view_district_status(request.user, rs.district)]
    return render(request, "tracking/config_index.html", {
        "district": district, "on_date": on_date,
        "rule_sets": [(rs, permissions.can_configure_rules(request.user, rs.district)) for rs in rule_sets],
        "curves": ProgressCurve.objects.order_by("code"), "rubrics": Rubric.objects.order_by("code"),
        "may_configure_everywhere": permissions.can_configure_rules(request.user),
        "may_add_rule_set": district is not None and permissions.can_configure_rules(request.user, district),
        "breadcrumbs": [(_("Home"), reverse("web:home")), (_("Rules and curves"), "")],
    })


def _posted_version(request) -> str | None:
    """The version the form was opened on (None on a GET, or from a form without one: no check)."""
    return request.POST.get(VERSION_FIELD) if request.method == "POST" else None


def _shown_version(request, row, conflict: ConflictError | None) -> str:
    """The version the page's form carries: after a conflict the saved one (sending again overwrites on
    purpose), on a re-shown form the one it was opened on, else the row's own."""
    if conflict is not None:
        return conflict.current_version
    if request.method == "POST":
        return request.POST.get(VERSION_FIELD, "")
    return edit_version(row)


def _crumbs(title: str) -> list:
    return [(_("Home"), reverse("web:home")), (_("Rules and curves"), reverse("tracking:config")), (title, "")]


def _rule_set_district(request, rule_set: RuleSet | None, default_district):
    """The district a rule set belongs to: its own, or for a new one the district chosen (empty: everywhere)."""
    if rule_set is not None:
        return rule_set.district
    if request.method == "POST" and request.POST.get("scope") == "everywhere":
        return None
    return default_district


def _save(request, form, save, saved_message: str, url: str):
    """A configuration form's save: (redirect, None) when saved; (None, the conflict) when someone saved since the form
    was opened (the page answers 409 with both versions); (None, None) with the service's refusal on the form."""
    try:
        save()
    except ConflictError as error:
        return None, error
    except ApplicationError as error:
        form.add_error(None, error.message)
        return None, None
    messages.success(request, saved_message)
    return redirect(url), None


@login_required
def config_rule_set(request, code: str = ""):
    rule_set = RuleSet.objects.select_related("district").filter(code=code).first() if code else None
    if code and rule_set is None:
        raise Http404
    district, year, on_date = _config_frame(request)
    owner = _rule_set_district(request, rule_set, district)
    if not permissions.can_view_config_page(request.user) or not permissions.can_configure_rules(request.user, owner):
        raise PermissionDenied
    form = RuleSetForm(request.POST or None, initial=RuleSetForm.initial_for(rule_set))
    preview, conflict = None, None
    if request.method == "POST" and form.is_valid():
        new_code = code or slugify(request.POST.get("code", ""))[:40]
        if not new_code:
            form.add_error(None, _("Give the new rule set a code (letters, digits and hyphens)."))
        elif not code and RuleSet.objects.filter(code=new_code).exists():
            form.add_error(None, _("A rule set with the code %(code)s exists already.") % {"code": new_code})
        else:
            candidate = RuleSet(code=new_code, name=form.cleaned_data["name"], district=owner,
                                is_default=form.cleaned_data["is_default"], config=form.config())
            if request.POST.get("action") == "save":
                saved, conflict = _save(request, form, lambda: services.rule_set_save(
                    actor=request.user, code=new_code, name=candidate.name, config=candidate.config, district=owner,
                    is_default=candidate.is_default, description=form.cleaned_data["description"],
                    expected_version=_posted_version(request)),
                    _("The rule set %(name)s was saved.") % {"name": candidate.name},
                    reverse("tracking:config_rule_set", args=[new_code]))
                if saved:
                    return saved
            else:
                preview = preview_lights(owner or district, on_date, rule_set=candidate, year=year)
    title = rule_set.name if rule_set else _("New rule set")
    return render(request, "tracking/config_rule_set.html", {
        "form": form, "rule_set": rule_set, "preview": preview, "owner": owner, "district": district,
        "on_date": on_date,
        "history": config_history(rule_set) if rule_set else [], "title": title,
        "may_choose_everywhere": rule_set is None and permissions.can_configure_rules(request.user),
        "breadcrumbs": _crumbs(title), "conflict": conflict, "version": _shown_version(request, rule_set, conflict),
    }, status=409 if conflict else 200)


@login_required
def config_curve(request, code: str = ""):
    curve = ProgressCurve.objects.filter(code=code).first() if code else None
    if code and curve is None:
        raise Http404
    if not permissions.can_view_config_page(request.user) or not permissions.can_configure_rules(request.user):
        raise PermissionDenied
    district, year, on_date = _config_frame(request)
    form = CurveForm(request.POST or None, initial=CurveForm.initial_for(curve))
    preview, conflict = None, None
    if request.method == "POST" and form.is_valid():
        new_code = code or slugify(request.POST.get("code", ""))[:40]
        data = form.cleaned_data
        if not new_code:
            form.add_error(None, _("Give the new curve a code (letters, digits and hyphens)."))
        elif not code and ProgressCurve.objects.filter(code=new_code).exists():
            form.add_error(None, _("A curve with the code %(code)s exists already.") % {"code": new_code})
        elif request.POST.get("action") == "save":
            saved, conflict = _save(request, form, lambda: services.curve_save(
                actor=request.user, code=new_code, name=data["name"], months=form.months(),
                item_type=data["item_type"], category=data["category"], expected_version=_posted_version(request)),
                _("The curve %(name)s was saved.") % {"name": data["name"]},
                reverse("tracking:config_curve", args=[new_code]))
            if saved:
                return saved
        elif district is not None:
            candidate = ProgressCurve(code=new_code, name=data["name"], months=form.months(),
                                      item_type=data["item_type"], category=data["category"])
            preview = preview_lights(district, on_date, curve=candidate, year=year)
    title = curve.name if curve else _("New time-progress curve")
    return render(request, "tracking/config_curve.html", {
        "form": form, "curve": curve, "preview": preview, "district": district, "on_date": on_date,
        "history": config_history(curve) if curve else [], "title": title, "breadcrumbs": _crumbs(title),
        "conflict": conflict, "version": _shown_version(request, curve, conflict),
    }, status=409 if conflict else 200)


@login_required
def config_rubric(request, code: str = ""):
    """考核细则: one row per criterion; a preview of the units' scores at the date, by the old and the new rubric."""
    rubric = Rubric.objects.filter(code=code).first() if code else None
    if code and rubric is None:
        raise Http404
    if not permissions.can_view_config_page(request.user) or not permissions.can_configure_rules(request.user):
        raise PermissionDenied
    district, year, on_date = _config_frame(request)
    form = RubricForm(request.POST or None, initial=RubricForm.initial_for(rubric))
    items = RubricItemFormSet(request.POST or None, prefix="items", initial=[
        RubricItemForm.initial_for(item) for item in (rubric.config.get("items", []) if rubric else [])])
    scores, top, conflict = None, None, None
    if request.method == "POST" and form.is_valid() and items.is_valid():
        kept = items.kept()
        config = form.config([f.item() for f in kept])
        tops = [f.top_points() for f in kept]
        top = None if any(t is None for t in tops) else sum(tops)
        new_code = code or slugify(request.POST.get("code", ""))[:40]
        if not new_code:
            form.add_error(None, _("Give the new rubric a code (letters, digits and hyphens)."))
        elif not code and Rubric.objects.filter(code=new_code).exists():
            form.add_error(None, _("A rubric with the code %(code)s exists already.") % {"code": new_code})
        elif request.POST.get("action") == "save":
            saved, conflict = _save(request, form, lambda: services.rubric_save(
                actor=request.user, code=new_code, name=form.cleaned_data["name"], config=config,
                description=form.cleaned_data["description"], expected_version=_posted_version(request)),
                _("The rubric %(name)s was saved.") % {"name": form.cleaned_data["name"]},
                reverse("tracking:config_rubric", args=[new_code]))
            if saved:
                return saved
        elif district is not None:
            scores = preview_scores(district, on_date, before=rubric.config if rubric else {}, after=config, year=year)
    title = rubric.name if rubric else _("New rubric")
    return render(request, "tracking/config_rubric.html", {
        "form": form, "criteria": items, "rubric": rubric, "scores": scores, "top": top, "district": district,
        "on_date": on_date, "history": config_history(rubric) if rubric else [], "title": title,
        "breadcrumbs": _crumbs(title), "conflict": conflict, "version": _shown_version(request, rubric, conflict),
    }, status=409 if conflict else 200)
