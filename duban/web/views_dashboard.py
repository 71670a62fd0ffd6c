"""The leaders' dashboard (驾驶舱) at /dashboard/: a district, or for city users the city's districts side by side."""

from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duban.org.models import Organisation, Role
from duban.org.permissions import scope_of
from duban.tracking import permissions
from duban.tracking import selectors as tracking_selectors
from duban.tracking.models import ItemType, Light
from duban.tracking.status import derived, district_status, load_config, load_unit_names, node_rollups

from . import charts, dashboard, selectors_dashboard

UNITS_IN_CHART = 15
LAGGING_SHOWN = 20
INDICATORS_SHOWN = 6
MIN_YEARS_OF_TREND = 2   # a trend needs two published years at least
GROUP_LABELS = {"category": gettext_lazy("Category"), "area": gettext_lazy("Area"), "level": gettext_lazy("Project level"),
                "unit": gettext_lazy("Lead unit")}


def _int(request, name: str) -> int | None:
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() else None


def _date(request, name: str) -> date | None:
    try:
        return date.fromisoformat(request.GET.get(name, ""))
    except ValueError:
        return None


def _is_city_user(user) -> bool:
    scope = scope_of(user)
    return scope.has_role(Role.CITY_OFFICE) and not any(m.role != Role.CITY_OFFICE for m in scope.memberships)


@login_required
def dashboard_view(request):
    user = request.user
    if not permissions.can_view_dashboard(user):
        raise PermissionDenied
    districts = [d for d in tracking_selectors.visible_districts(user) if permissions.can_view_dashboard(user, d)]
    requested = _int(request, "district")
    district = next((d for d in districts if d.pk == requested), None)
    if requested is not None and district is None:
        raise PermissionDenied
    if district is None and len(districts) > 1 and _is_city_user(user):
        return _city(request, districts)
    district = district or (districts[0] if districts else None)
    if district is None:
        raise PermissionDenied
    asked = _int(request, "year")
    year, refused = tracking_selectors.shown_year(user, district, asked)
    if refused:
        messages.info(request, tracking_selectors.unpublished_year_note(asked, year))
    on_date = _date(request, "date") or tracking_selectors.default_date(year)
    context = district_dashboard(user, district, year, on_date)
    context["districts"] = districts
    context["breadcrumbs"] = [(_("Home"), reverse("web:home")), (_("Dashboard"), "")]
    return render(request, "web/dashboard.html", context)


def status_base(district: Organisation, year: int, on_date: date) -> str:
    return f"{reverse('tracking:status')}?district={district.pk}&year={year}&date={on_date.isoformat()}"


def district_dashboard(user, district: Organisation, year: int, on_date: date) -> dict:
    """Everything the district dashboard shows, from one district_status computation."""
    statuses = district_status(district, on_date, year=year)
    base = status_base(district, year, on_date)
    leader, overseen = selectors_dashboard.overseen_units(user)
    ranking, scores = selectors_dashboard.latest_ranking(district, year)
    orders_url = f"{reverse('tracking:orders')}?district={district.pk}"
    orders = selectors_dashboard.order_counts(district, on_date)
    config = load_config(district)
    rollups = node_rollups(district, year, statuses, missing=config.default.rollup_missing)
    # What only the statuses decide is kept with them while district_status reuses them (status.derived).
    figures = derived(statuses, ("dashboard", base, overseen),
                      lambda: _status_figures(statuses, base, overseen, config))
    return {
        "district": district, "year": year, "on_date": on_date, "status_url": base,
        "cards": derived(statuses, ("cards", base, orders_url, orders),
                         lambda: dashboard.headline_cards(statuses, orders, base, orders_url=orders_url))
        + [dashboard.problem_card(selectors_dashboard.problem_counts(district, on_date),
                                  f"{reverse('tracking:problems')}?district={district.pk}")],
        "tree": dashboard.tree_rows(rollups),
        **figures,
        "ranking": ranking, "scores": scores,
        "indicators": [{"series": s, "dom_id": f"chart-indicator-{s.indicator_id}-data",
                        "chart": charts.indicator_trend_chart(s.name, s.years, s.actual, s.target, s.measure)}
                       for s in selectors_dashboard.indicator_series(district, year)
                       if sum(v is not None for v in s.actual) >= MIN_YEARS_OF_TREND][:INDICATORS_SHOWN],
        "leader": leader,
        "leader_url": dashboard.drill(base, leader=leader.pk) if leader else "",
    }


def _status_figures(statuses, base: str, overseen, config) -> dict:
    """The dashboard's parts computed from the statuses alone (with the status list's URL and the leader's
    overseen units): investment, 双过半, group charts, stage funnel, units' lights, lagging items."""
    unit_names = load_unit_names([s.item for s in statuses])
    units = dashboard.lights_per_unit(statuses, unit_names, overseen)
    inv = dashboard.investment(statuses)
    groups = []
    for by in dashboard.INVESTMENT_GROUPS:
        rows = dashboard.investment_by(statuses, by)[:UNITS_IN_CHART]
        links = [dashboard.drill(base, type=ItemType.PROJECT_YEAR, planned=1, **{by: r.key}) for r in rows]
        groups.append({"by": by, "label": GROUP_LABELS[by], "rows": rows, "dom_id": f"chart-invest-{by}-data",
                       "chart": charts.investment_progress_chart(rows, inv.time_progress, links)})
    funnel = dashboard.stage_funnel(statuses)
    shown_units = units[:UNITS_IN_CHART]
    lights = [(light, str(Light(light).label)) for light in (Light.RED, Light.YELLOW, Light.GREEN, Light.DONE)]
    return {
        "investment": inv, "double_half": dashboard.double_half(statuses),
        "groups": groups,
        "funnel_chart": charts.stage_funnel_chart(
            funnel, [dashboard.drill(base, type=ItemType.PROJECT_YEAR, stage=s) for s, _l, _n in funnel]),
        "units": units,
        "units_chart": charts.unit_lights_chart(
            shown_units, lights, [[dashboard.drill(base, unit=r.unit_id, light=light) for r in shown_units]
                                  for light, _label in lights]),
        "lagging": dashboard.lagging(statuses, overseen, config)[:LAGGING_SHOWN] if overseen else [],
    }


@dataclass(frozen=True)
class CityRow:
    district: Organisation
    counts: dict
    investment: dashboard.Investment
    double_half: dashboard.DoubleHalf
    url: str
    tracked: bool       # the district tracks items this year; without any, its figures are "—", never zeros


def _city(request, districts: list[Organisation]):
    """The city's districts side by side, each linking to its own dashboard; untracked districts last."""
    rows = []
    on_date_asked = _date(request, "date")
    for d in districts:
        year, _refused = tracking_selectors.shown_year(request.user, d, _int(request, "year"))
        on_date = on_date_asked or tracking_selectors.default_date(year)
        statuses = district_status(d, on_date, year=year)
        rows.append(CityRow(d, dashboard.light_counts(statuses), dashboard.investment(statuses),
                            dashboard.double_half(statuses),
                            f"{reverse('web:dashboard')}?district={d.pk}&year={year}&date={on_date.isoformat()}",
                            bool(statuses)))
    rows.sort(key=lambda r: not r.tracked)   # stable: the districts' own order within each group
    charted = [r for r in rows if r.investment.projects]
    chart = charts.investment_progress_chart(
        [dashboard.GroupRow(str(r.district.pk), r.district.name, r.investment.projects, r.investment.ytd,
                            r.investment.plan, r.investment.rate, r.investment.formula) for r in charted],
        charted[0].investment.time_progress if charted else None, [r.url for r in charted])
    return render(request, "web/dashboard_city.html", {
        "rows": rows, "chart": chart, "lights": dashboard.LIGHT_ORDER,
        "breadcrumbs": [(_("Home"), reverse("web:home")), (_("Dashboard"), "")],
    })
