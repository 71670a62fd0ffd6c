"""The problem list (问题清单): filters by unit, state and overdue; the office raises and closes problems."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duban.core import dates, params
from duban.core.errors import ApplicationError
from duban.org.models import Organisation

from . import permissions, selectors, services
from .forms import ProblemRaiseForm, ProblemResolveForm
from .items import load_items_by_ref
from .models import Problem, ProblemState
from .views import _frame, _item_or_404


@login_required
def problem_list(request):
    district, _year, _on = _frame(request)
    if district is None or not permissions.can_view_problems_page(request.user):
        raise PermissionDenied
    on_date = dates.today()
    state = request.GET.get("state", ProblemState.OPEN)
    unit_id = params.optional_id(request.GET, "unit")
    overdue = request.GET.get("overdue") == "1"
    visible = selectors.problems_visible(request.user, district)
    rows = list(selectors.filter_problems(visible, unit_id=unit_id, state=state, overdue=overdue, on_date=on_date))
    items = load_items_by_ref([p.tracked_item.ref for p in rows])
    for problem in rows:
        problem.item = items.get(problem.tracked_item.ref)
        problem.overdue_days = (on_date - problem.deadline).days if problem.is_overdue(on_date) else 0
    units = Organisation.objects.filter(pk__in=visible.values("owner_unit_id")).in_office_order()
    return render(request, "tracking/problem_list.html", {
        "district": district, "rows": rows, "on_date": on_date, "units": units, "unit_id": unit_id, "state": state,
        "overdue": overdue, "states": ProblemState.choices,
        "can_resolve": permissions.can_resolve_problem(request.user, Problem(district=district)),
        "resolve_form": ProblemResolveForm(),
        "counts": {"open": visible.open().count(), "overdue": visible.overdue(on_date).count()},
    })


@login_required
@require_POST
def problem_resolve(request, pk: int):
    problem = get_object_or_404(Problem, pk=pk)
    if not permissions.can_view_problem(request.user, problem):
        raise PermissionDenied
    if not permissions.can_resolve_problem(request.user, problem):
        raise PermissionDenied
    form = ProblemResolveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Resolution of “%(problem)s”: please say how the problem was solved.") % {
            "problem": problem})
    else:
        try:
            services.problem_resolve(actor=request.user, problem=problem, resolution=form.cleaned_data["resolution"])
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Problem resolved: %(problem)s") % {"problem": problem})
    return redirect(f"{reverse('tracking:problems')}?district={problem.district_id}")


@login_required
@require_POST
def problem_raise(request, item_type: str, item_id: int):
    item = _item_or_404(item_type, item_id)
    district = Organisation.objects.get(pk=item.district_id)
    if not permissions.can_view_item(request.user, item) or not permissions.can_raise_problem(request.user, district):
        raise PermissionDenied
    form = ProblemRaiseForm(request.POST, district=district)
    url = reverse("tracking:item_detail", args=[item.type, item.id])
    if not form.is_valid():
        errors = "; ".join(f"{form.fields[n].label if n in form.fields else ''}: {' '.join(e)}"
                           for n, e in form.errors.items())
        messages.error(request, _("The problem was not raised: %(errors)s") % {"errors": errors})
        return redirect(url)
    try:
        services.problem_raise(actor=request.user, item=item, **form.cleaned_data)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Problem raised and sent to %(unit)s") % {"unit": form.cleaned_data["owner_unit"]})
    return redirect(url)
