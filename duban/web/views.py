from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _

from duban.core import params
from duban.core.audit import audit_record
from duban.core.models import AuditAction
from duban.org.permissions import scope_of
from duban.tracking.permissions import can_view_draft_plans
from duban.tracking.selectors import shown_year, unpublished_year_note

from . import charts, search, selectors


def _int_param(request, name: str) -> int | None:
    return params.optional_year(request.GET, name) if name == "year" else params.optional_id(request.GET, name)


def bad_request(request, exception=None):
    """400: the message of the BadRequest (which parameter, what was wrong), in the site's frame."""
    message = str(exception) if isinstance(exception, BadRequest) and str(exception) else _("The request is not valid")
    return render(request, "web/400.html", {"message": message}, status=400)


@login_required
def home(request):
    """The district's current plan at a glance; users overseeing several districts first pick one."""
    scope = scope_of(request.user)
    visible = selectors.visible_districts(scope)
    district = selectors.home_district_for(scope, visible, _int_param(request, "district"))
    if district is None:
        rows = selectors.district_rows(visible)
        return render(request, "web/home_districts.html", {"district_rows": rows})
    plans = selectors.district_plans(district, drafts=can_view_draft_plans(request.user, district))
    asked = _int_param(request, "year")
    year, refused = shown_year(request.user, district, asked) if asked else (None, False)
    if refused:
        messages.info(request, unpublished_year_note(asked, year))
    plan = selectors.pick_plan(plans, year)
    context = {
        "district": district,
        "plans": plans,
        "plan": plan,
        "several_districts": len(visible) > 1,
    }
    if plan is not None:
        summary = selectors.plan_summary(plan)
        unit, gdp = selectors.gdp_series(district)
        context["summary"] = summary
        context["category_chart"] = charts.projects_by_category_option(
            [(c.name, c.projects, c.total_investment) for c in summary.projects_by_category]
        ) if summary.projects_by_category else None
        context["gdp_chart"] = charts.gdp_series_option(unit, gdp) if gdp else None
    return render(request, "web/home.html", context)


class PasswordChangeView(auth_views.PasswordChangeView):
    """Every user changes their own password (old one, new one twice); the change is audited."""

    template_name = "web/password_change.html"
    success_url = reverse_lazy("password_change_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        audit_record(action=AuditAction.PASSWORD_CHANGE, request=self.request, user=self.request.user)
        return response
@login_required
def search_view(request):
    """Global search across the kinds of tracked things the user may see, grouped by kind."""
    q = request.GET.get("q", "").strip()[:100]
    return render(request, "web/search.html", {
        "q": q, "groups": search.search(request.user, q),
        "breadcrumbs": [(_("Home"), reverse("web:home")), (_("Search"), "")],
    })
