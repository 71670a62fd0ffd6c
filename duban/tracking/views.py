"""Tracking's pages: my updates, report form, review queue, status list, supervision orders, rankings.

Views check input and permissions, then call services; no business rule lives here.
"""

from collections import OrderedDict
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import connection
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from duban.core import dates, params
from duban.core.audit import audit_record
from duban.core.conflicts import FIELD as CONFLICT_FIELD
from duban.core.conflicts import ConflictError, edit_version
from duban.core.errors import ApplicationError
from duban.core.models import AuditAction
from duban.core.numbers import format_day
from duban.org.models import Leader, Organisation, OrgKind
from duban.org.permissions import scope_of
from duban.projects.models import Project

from . import overview, permissions, selectors, services
from .filters import filter_statuses
from .forms import (
    REPORT_FORMS,
    report_initial,
    ExtensionDecisionForm,
    ExtensionForm,
    FeedbackForm,
    OrderIssueForm,
    OrderReviewForm,
    ReviewForm,
    keep_input_with_version,
    ScoreEntryForm,
)
from .items import items_stamp, load_item
from .forms import ProblemRaiseForm
from .models import (
    Evaluation,
    EvaluationPeriod,
    EvaluationState,
    EvaluationSubject,
    Evidence,
    ExtensionRequest,
    ItemType,
    Light,
    Notification,
    OrderState,
    Report,
    Rubric,
    SupervisionOrder,
)
from .periods import period_by_key, reporting_period
from .status import (
    DOUBLE_HALF_GROUPS, derived, district_status, double_half_totals, item_status, node_rollups,
)

#: Column heads of the 双过半 totals, by grouping.
DOUBLE_HALF_LABELS = {"unit": gettext_lazy("Unit"), "category": gettext_lazy("Category"), "area": gettext_lazy("Area"),
                      "level": gettext_lazy("Project level")}


def _int(request, name: str) -> int | None:
    return params.optional_id(request.GET, name)


def _date(request, name: str) -> date | None:
    return params.optional_date(request.GET, name)


def _frame(request):
    """District, plan year and date the page is about (from the query string, else sensible defaults)."""
    district = selectors.pick_district(request.user, _int(request, "district"))
    asked = params.optional_year(request.GET)
    year, refused = selectors.shown_year(request.user, district, asked)
    if refused:
        messages.info(request, selectors.unpublished_year_note(asked, year))
    on_date = _date(request, "date") or selectors.default_date(year)
    return district, year, on_date


def _my_updates_at(period, today):
    """Back to "my updates" as of the period just reported, so a user browsing a past date stays there."""
    url = reverse("tracking:my_updates")
    return redirect(url if period.end >= today else f"{url}?date={period.end.isoformat()}")


def _item_or_404(item_type: str, item_id: int):
    if item_type not in ItemType.values:
        raise Http404
    item = load_item(item_type, item_id)
    if item is None:
        raise Http404
    return item


# ---------------------------------------------------------------------------------------------------------
# Reports


@login_required
def my_updates(request):
    if not permissions.can_view_my_updates(request.user):
        raise PermissionDenied
    district, year, on_date = _frame(request)
    rows = selectors.my_updates(request.user, district, year, on_date) if district else []
    return render(request, "tracking/report_my_updates.html", {
        "district": district, "year": year, "on_date": on_date, "rows": rows, "groups": selectors.group_updates(rows),
        **(selectors.my_orders(request.user, district) if district else {}),
        "has_units": bool(scope_of(request.user).reporting_unit_ids),
    })


@login_required
def report_submit(request, item_type: str, item_id: int):
    item = _item_or_404(item_type, item_id)
    if not permissions.can_submit_report(request.user, item):
        raise PermissionDenied
    today = dates.today()
    key = request.GET.get("period") or request.POST.get("period")
    try:
        period = period_by_key(item.frequency, key, item.deadline) if key else \
            reporting_period(item.frequency, item.year, min(today, date(item.year, 12, 31)), item.deadline)
    except ValueError:
        raise Http404 from None
    if period is None:
        # A plan year not begun yet, or the first days of January before the first ISO week of the item's year.
        return render(request, "tracking/report_no_period.html", {"item": item, "today": today}, status=404)
    form_class = REPORT_FORMS[item.type]
    latest = selectors.latest_version(item, period)
    form = form_class(request.POST or None, request.FILES or None, initial=report_initial(form_class, latest),
                      **_form_context(item))
    if item.attrs.get("value_source") and "value" in form.fields:
        # a task measured by the project pipeline (策划储备项目500个): its count is not typed, it is counted
        form.fields["value"].disabled = True
        form.fields["value"].help_text = _("Counted by the project pipeline; nothing to type here")
    status, conflict = 200, None
    if request.method == "POST":
        if form.is_valid():
            try:
                services.report_submit(
                    actor=request.user, item_type=item.type, item_id=item.id, period_key=period.key,
                    values=form.values(), narrative=form.cleaned_data["narrative"],
                    problems=form.cleaned_data["problems"], next_plan=form.cleaned_data["next_plan"],
                    files=form.cleaned_data["files"], expected_version=form.cleaned_data["edit_version"],
                    **({"progress": form.progress(), "raised_problems": form.raised_problems()}
                       if item.type == ItemType.PROJECT_YEAR else {}),
                )
            except ConflictError as error:
                conflict, status = error, 409
                keep_input_with_version(form, error.current_version)
            except ApplicationError as error:
                for message in error.extra.get("messages") or [error.message]:
                    form.add_error(None, message)
                status = 400
            else:
                messages.success(request, _("Submitted: %(title)s %(period)s, waiting for review") % {
                    "title": item.title, "period": period.label})
                return _my_updates_at(period, today)
        else:
            status = 400
    return render(request, "tracking/report_form.html", {
        "item": item, "period": period, "form": form, "latest": latest, "conflict": conflict,
        "files_dropped": bool(conflict and request.FILES),
        "previous": selectors.previous_figures(item, period),
        "status": item_status(item.type, item.id, min(today, period.end), item=item),
    }, status=status)


def _form_context(item) -> dict:
    """A key project's report form lists its milestones, its stage and the district's units (for problems)."""
    if item.type != ItemType.PROJECT_YEAR:
        return {}
    project = Project.objects.get(pk=item.attrs["project_id"])
    return {"project": project, "milestones": list(project.milestones.order_by("order")),
            "district": Organisation.objects.get(pk=item.district_id)}


@login_required
def item_detail(request, item_type: str, item_id: int):
    item = _item_or_404(item_type, item_id)
    if not permissions.can_view_item(request.user, item):
        raise PermissionDenied
    on_date = _date(request, "date") or selectors.default_date(item.year)
    district = Organisation.objects.get(pk=item.district_id)
    reports = list(selectors.item_reports(item))
    return render(request, "tracking/item_detail.html", {
        "item": item, "status": item_status(item.type, item.id, on_date, item=item, district=district),
        "on_date": on_date,
        "page": selectors.item_page(item),
        "reports": reports,
        "can_submit": permissions.can_submit_report(request.user, item),
        "can_issue": permissions.can_issue_order(request.user, district),
        "orders": SupervisionOrder.objects.filter(district_id=item.district_id, item_type=item.type, item_id=item.id),
        "problems": selectors.item_problems(item), "today": dates.today(),
        "physical": selectors.latest_physical_progress(reports) if item.type == ItemType.PROJECT_YEAR else None,
        "raise_form": _raise_form_html(district) if permissions.can_raise_problem(request.user, district)
        else None,
    })


#: The empty problem form's HTML per district and language, with what it was built from: rendering a select of
#: a district's units through the form templates costs more than the rest of the item page's template. Keyed on
#: the district's change stamp where there is one (a unit renamed or added changes it: no query, no form
#: built), else on the units and their names as read.
_RAISE_FORMS: "OrderedDict[tuple, str]" = OrderedDict()


def _raise_form_html(district: Organisation) -> str:
    stamp = items_stamp(district)
    form = None
    if stamp is not None:
        key = ("stamp", connection.settings_dict["NAME"], district.pk, stamp, get_language())
    else:
        form = ProblemRaiseForm(district=district)
        key = ("units", district.pk, tuple((u.pk, str(u)) for u in form.fields["owner_unit"].queryset),
               get_language())
    html = _RAISE_FORMS.get(key)
    if html is None:
        html = _RAISE_FORMS[key] = (form or ProblemRaiseForm(district=district)).as_div()
        while len(_RAISE_FORMS) > 64:
            _RAISE_FORMS.popitem(last=False)
    return html


@login_required
def review_queue(request):
    district, year, on_date = _frame(request)
    if district is None or not permissions.can_view_review_page(request.user) \
            or not permissions.can_view_review_queue(request.user, district):
        raise PermissionDenied
    rows = selectors.review_queue(request.user, district)
    if request.method == "POST":
        chosen = set(request.POST.getlist("report"))
        reports = [row.report for row in rows if str(row.report.pk) in chosen]
        try:
            done = services.reports_review(actor=request.user, reports=reports, action=request.POST.get("action", ""),
                                           comment=request.POST.get("comment", ""))
        except ApplicationError as error:
            messages.error(request, _("Nothing was changed: %(error)s") % {"error": error.message})
        else:
            messages.success(request, _("%(n)s reports %(state)s") % {"n": len(done), "state": done[0].get_state_display()})
        return redirect(request.get_full_path())
    return render(request, "tracking/report_review_queue.html", {
        "district": district, "rows": rows, "form": ReviewForm(),
    })


@login_required
def not_reported(request):
    """未报清单: who has not reported what, and a button to remind them (all or the ticked rows)."""
    district, year, on_date = _frame(request)
    if district is None or not permissions.can_view_not_reported(request.user, district):
        raise PermissionDenied
    period_key = request.GET.get("period", "")
    rows = selectors.not_reported(district, year, on_date, period_key=period_key)
    if request.method == "POST":
        chosen = rows if request.POST.get("all") else [r for r in rows if r.key in set(request.POST.getlist("row"))]
        try:
            result = services.not_reported_remind(actor=request.user, district=district, rows=chosen, on_date=on_date)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Reminders sent: %(sent)s (to %(people)s people); already reminded today: "
                                        "%(skipped)s") % {"sent": len(result.sent), "people": result.recipients,
                                                          "skipped": len(result.skipped)})
        return redirect(request.get_full_path())
    can_remind = permissions.can_remind_units(request.user, district)
    return render(request, "tracking/not_reported.html", {
        "district": district, "year": year, "on_date": on_date, "rows": rows, "period": period_key,
        "can_remind": can_remind, **_not_reported_parts(rows, can_remind),
    })


#: The rendered rows, periods and unit count of the last not-reported lists, per process:
#: {(id(rows), language, can_remind): (rows, parts)}. ``selectors.not_reported`` returns the same list object
#: while nothing it depends on changed, so the same object renders the same (the list is kept, so its id is
#: not reused while cached).
_NOT_REPORTED_PARTS: "OrderedDict[tuple, tuple[list, dict]]" = OrderedDict()


def _not_reported_parts(rows: list, can_remind: bool) -> dict:
    key = (id(rows), get_language(), can_remind)
    cached = _NOT_REPORTED_PARTS.get(key)
    if cached is not None and cached[0] is rows:
        _NOT_REPORTED_PARTS.move_to_end(key)
        return cached[1]
    html = render_to_string("tracking/_not_reported_rows.html", {"rows": rows, "can_remind": can_remind})
    parts = {"rows_html": html,
             "periods": sorted({(r.period.key, str(r.period.label)) for r in rows}),
             "units": len({r.unit_id for r in rows})}
    _NOT_REPORTED_PARTS[key] = (rows, parts)
    while len(_NOT_REPORTED_PARTS) > 32:
        _NOT_REPORTED_PARTS.popitem(last=False)
    return parts


@login_required
@require_POST
def report_review(request, pk: int):
    report = get_object_or_404(Report, pk=pk)
    if not permissions.can_review_report(request.user, report):
        raise PermissionDenied
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return HttpResponse(_("The form has errors"), status=400)
    try:
        if form.cleaned_data["action"] == "confirm":
            report = services.report_confirm(actor=request.user, report=report, comment=form.cleaned_data["comment"])
        else:
            report = services.report_return(actor=request.user, report=report, comment=form.cleaned_data["comment"])
    except ConflictError as error:  # reviewed by someone else meanwhile: both decisions side by side (409)
        template = "tracking/_review_conflict.html" if request.htmx else "tracking/review_conflict.html"
        return render(request, template, {"report": report, "conflict": error}, status=409)
    except ApplicationError as error:
        if request.htmx:
            return HttpResponse(error.message, status=400)
        messages.error(request, error.message)
        return redirect("tracking:review_queue")
    if request.htmx:
        item = load_item(report.item_type, report.item_id)
        return render(request, "tracking/_review_done.html", {"report": report, "item": item})
    messages.success(request, f"{report} {report.get_state_display()}")
    return redirect("tracking:review_queue")


@login_required
def evidence_download(request, pk: int):
    evidence = get_object_or_404(Evidence.objects.select_related("report", "feedback__order"), pk=pk)
    if evidence.report_id:
        item = load_item(evidence.report.item_type, evidence.report.item_id)
        allowed = item is not None and permissions.can_view_report(request.user, evidence.report, item)
    else:
        allowed = permissions.can_view_order(request.user, evidence.feedback.order)
    if not allowed:
        raise PermissionDenied
    audit_record(action=AuditAction.EVIDENCE_DOWNLOAD, request=request, user=request.user,
                 target=f"{evidence.pk} {evidence.original_name}")
    return FileResponse(evidence.file.open("rb"), filename=evidence.original_name)


# ---------------------------------------------------------------------------------------------------------
# Status


def _visible_statuses(request):
    district, year, on_date = _frame(request)
    if district is None or not permissions.can_view_status_page(request.user):
        raise PermissionDenied
    statuses = district_status(district, on_date, year=year)
    whole = permissions.can_view_district_status(request.user, district)
    if not whole:
        statuses = [s for s in statuses if permissions.can_view_item(request.user, s.item)]
    return district, year, on_date, statuses, whole


@login_required
def status_list(request):
    district, year, on_date, statuses, whole = _visible_statuses(request)
    chosen = overview.StatusFilter.from_query(request.GET)
    leader_units = overview.leader_unit_ids(chosen.leader)
    shown = derived(statuses, ("filter", chosen, leader_units),
                    lambda: overview.filter_statuses(statuses, chosen, leader_units))
    # The dashboard's drill-downs: stage, node, planned, 双过半, several units, several lights ("red,yellow").
    shown = filter_statuses(shown, request.GET)
    if "," in request.GET.get("light", ""):
        lights = set(request.GET["light"].split(","))
        shown = [s for s in shown if s.light in lights]
    page = Paginator(shown, overview.PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "district": district, "year": year, "on_date": on_date, "statuses": page.object_list, "page": page,
        "total": len(shown),
        "counts": derived(statuses, ("counts", chosen, leader_units),
                          lambda: overview.light_counts(statuses, chosen, leader_units)),
        "lights": Light.choices, "types": ItemType.choices, "light": chosen.light, "item_type": chosen.type,
        "chosen": chosen, "query": query.urlencode(), "sorts": STATUS_SORTS,
        **derived(statuses, "filter_choices", lambda: overview.filter_choices(statuses)),
        "units": Organisation.objects.units_of(district).in_office_order() if whole else [],
        "leaders": Leader.objects.filter(district=district).order_by("order", "pk") if whole else [],
        "districts": selectors.visible_districts(request.user), "whole": whole,
        "double_half": [(DOUBLE_HALF_LABELS[by], derived(statuses, ("double_half", by),
                                                         lambda by=by: double_half_totals(statuses, by)))
                        for by in DOUBLE_HALF_GROUPS] if whole else [],
        "nodes": node_rollups(district, year, statuses) if whole else [],
    }
    if request.htmx:
        return render(request, "tracking/status_list.html#rows", context)
    return render(request, "tracking/status_list.html", context)


@login_required
def status_export(request):
    """The filtered lights overview as an Excel file (same GET parameters as the page, every page)."""
    district, _year, on_date, statuses, _whole = _visible_statuses(request)
    chosen = overview.StatusFilter.from_query(request.GET)
    shown = overview.filter_statuses(statuses, chosen, overview.leader_unit_ids(chosen.leader))
    content = overview.status_workbook(shown, district_name=district.name, on_date=on_date)
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    filename = f"status-{district.pk}-{on_date.isoformat()}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


#: The orders the lights overview can be sorted in.
STATUS_SORTS = [("light", gettext_lazy("Light, red first")), ("gap", gettext_lazy("Gap, largest lag first")),
                ("-gap", gettext_lazy("Gap, most ahead first")), ("-completion", gettext_lazy("Completion, highest first")),
                ("completion", gettext_lazy("Completion, lowest first")), ("unit", gettext_lazy("Unit")),
                ("title", gettext_lazy("Title"))]


# ---------------------------------------------------------------------------------------------------------
# Supervision orders


@login_required
def order_list(request):
    district, _year, _on_date = _frame(request)
    if district is None or not permissions.can_view_orders_page(request.user):
        raise PermissionDenied
    state = request.GET.get("state", "")
    return render(request, "tracking/order_list.html", {
        "district": district, "orders": selectors.visible_orders(request.user, district, state=state),
        "state": state, "states": OrderState.choices, "can_issue": permissions.can_issue_order(request.user, district),
        "today": dates.today(),
    })


@login_required
def order_new(request):
    district, _year, _on_date = _frame(request)
    if district is None or not permissions.can_issue_order(request.user, district):
        raise PermissionDenied
    initial = {}
    item = None
    if request.GET.get("item_type") and _int(request, "item_id"):
        item = load_item(request.GET["item_type"], _int(request, "item_id"))
        if item is not None and not permissions.can_order_on_item(request.user, district, item):
            item = None  # the same answer as for an item that does not exist: nothing about it is shown
        if item is not None:
            initial = {"item_type": item.type, "item_id": item.id, "title": _("Supervision order on “%(title)s”") % {"title": item.title},
                       "lead_unit": item.lead_unit_id}
    form = OrderIssueForm(request.POST or None, initial=initial, district=district)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                order = services.order_issue(
                    actor=request.user, district=district, title=data["title"], content=data["content"],
                    deadline=data["deadline"], lead_unit=data["lead_unit"], cooperating_units=data["cooperating_units"],
                    item_type=data["item_type"] or "", item_id=data["item_id"],
                )
            except ApplicationError as error:
                form.add_error(None, error.message)
                status = 400
            else:
                messages.success(request, _("Supervision order %(number)s issued") % {"number": order.number})
                return redirect("tracking:order_detail", pk=order.pk)
        else:
            status = 400
    return render(request, "tracking/order_form.html", {"form": form, "district": district, "item": item},
                  status=status)


@login_required
def order_detail(request, pk: int):
    order = get_object_or_404(SupervisionOrder.objects.prefetch_related("units__organisation"), pk=pk)
    if not permissions.can_view_order(request.user, order):
        raise PermissionDenied
    return _order_page(request, order)


def _order_page(request, order: SupervisionOrder, *, conflict: ConflictError | None = None, status: int = 200):
    """The order's page; after a conflict, the forms keep what was typed and carry the saved version."""
    user = request.user
    item = load_item(order.item_type, order.item_id) if order.item_type and order.item_id else None
    posted = request.POST if conflict else None
    return render(request, "tracking/order_detail.html", {
        "order": order, "item": item, "conflict": conflict, "files_dropped": bool(conflict and request.FILES),
        "edit_version": conflict.current_version if conflict else edit_version(order),
        "events": order.events.select_related("actor"),
        "feedback": order.feedback.prefetch_related("evidence").select_related("submitted_by"),
        "extensions": order.extensions.select_related("requested_by", "decided_by"),
        "can_sign": order.state == OrderState.ISSUED and permissions.can_sign_order(user, order),
        "can_feedback": order.state in (OrderState.SIGNED, OrderState.RETURNED) and permissions.can_give_order_feedback(user, order),
        "can_review": order.state == OrderState.FEEDBACK and permissions.can_review_order(user, order),
        "can_close": order.state == OrderState.REVIEWED and permissions.can_close_order(user, order),
        "can_extend": order.is_open and dates.today() <= order.deadline and permissions.can_request_extension(user, order),
        "can_decide": permissions.can_decide_extension(user, order),
        "feedback_form": FeedbackForm(posted) if posted and "text" in posted else FeedbackForm(),
        "review_form": OrderReviewForm(posted) if posted and "accept" in posted else OrderReviewForm(),
        "close_comment": posted.get("comment", "") if posted else "",
        "extension_form": ExtensionForm(), "decision_form": ExtensionDecisionForm(),
    }, status=status)


def _order_action(request, order: SupervisionOrder, action: str):
    user = request.user
    expected = request.POST.get(CONFLICT_FIELD) or None  # the order's version when the page was opened
    if action == "sign":
        return services.order_sign(actor=user, order=order, expected_version=expected)
    if action == "feedback":
        form = FeedbackForm(request.POST, request.FILES)
        if not form.is_valid():
            raise ApplicationError(_("Please describe what was done"))
        return services.order_feedback_submit(actor=user, order=order, text=form.cleaned_data["text"],
                                              files=form.cleaned_data["files"], expected_version=expected)
    if action == "review":
        form = OrderReviewForm(request.POST)
        if not form.is_valid():
            raise ApplicationError(_("Please choose the review's outcome"))
        return services.order_review(actor=user, order=order, accept=form.cleaned_data["accept"],
                                     comment=form.cleaned_data["comment"], expected_version=expected)
    if action == "close":
        return services.order_close(actor=user, order=order, comment=request.POST.get("comment", ""),
                                    expected_version=expected)
    if action == "extend":
        form = ExtensionForm(request.POST)
        if not form.is_valid():
            raise ApplicationError(_("Please give the new deadline and the reason for the extension"))
        return services.order_extension_request(actor=user, order=order, new_deadline=form.cleaned_data["new_deadline"],
                                                reason=form.cleaned_data["reason"])
    if action == "decide":
        # Decided already (by someone else, meanwhile)? The service says so, or shows both versions.
        extension = get_object_or_404(ExtensionRequest, pk=params.optional_id(request.POST, "extension"), order=order)
        form = ExtensionDecisionForm(request.POST)
        if not form.is_valid():
            raise ApplicationError(_("Please choose the decision"))
        return services.order_extension_decide(actor=user, request=extension, approve=form.cleaned_data["approve"],
                                               comment=form.cleaned_data["comment"], expected_version=expected)
    raise Http404


def order_action_message(action: str, order: SupervisionOrder, data) -> str:
    """What just happened, in words (not a bare "done"): the order's number, the action and its new state."""
    values = {"number": order.number, "state": order.get_state_display(), "day": format_day(order.deadline)}
    if action == "review":
        text = (_("Feedback on %(number)s accepted; the order is now %(state)s") if data.get("accept") == "1"
                else _("Feedback on %(number)s returned for more work; the order is now %(state)s"))
    elif action == "decide":
        text = (_("Extension of %(number)s approved: new deadline %(day)s") if data.get("approve") == "1"
                else _("Extension of %(number)s refused: the deadline stays %(day)s"))
    else:
        text = ORDER_ACTION_MESSAGES[action]
    return text % values


ORDER_ACTION_MESSAGES = {
    "sign": gettext_lazy("Supervision order %(number)s signed for; it is now %(state)s"),
    "feedback": gettext_lazy("Feedback on %(number)s submitted for review"),
    "close": gettext_lazy("Supervision order %(number)s closed"),
    "extend": gettext_lazy("Extension of %(number)s requested; the office will decide"),
}

ORDER_ACTION_CHECKS = {
    "sign": permissions.can_sign_order, "feedback": permissions.can_give_order_feedback,
    "review": permissions.can_review_order, "close": permissions.can_close_order,
    "extend": permissions.can_request_extension, "decide": permissions.can_decide_extension,
}


@login_required
@require_POST
def order_action(request, pk: int, action: str):
    order = get_object_or_404(SupervisionOrder.objects.prefetch_related("units"), pk=pk)
    check = ORDER_ACTION_CHECKS.get(action)
    if check is None:
        raise Http404
    if not check(request.user, order):
        raise PermissionDenied
    try:
        _order_action(request, order, action)
    except ConflictError as error:  # someone acted on the order since the page was opened: both versions, input kept
        order = get_object_or_404(SupervisionOrder.objects.prefetch_related("units__organisation"), pk=pk)
        return _order_page(request, order, conflict=error, status=409)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        order.refresh_from_db(fields=["state", "deadline"])
        messages.success(request, order_action_message(action, order, request.POST))
    return redirect("tracking:order_detail", pk=order.pk)


# ---------------------------------------------------------------------------------------------------------
# Rankings


def _managed_scopes(user) -> list[tuple[Organisation, str]]:
    scope = scope_of(user)
    out = [(d, EvaluationSubject.UNITS) for d in scope.districts if permissions.can_manage_evaluation(user, d)]
    cities = Organisation.objects.filter(kind=OrgKind.CITY)
    out += [(c, EvaluationSubject.DISTRICTS) for c in cities
            if permissions.can_manage_evaluation(user, c, EvaluationSubject.DISTRICTS)]
    return out


@login_required
def ranking_list(request):
    evaluations = [e for e in Evaluation.objects.select_related("scope", "rubric") if permissions.can_view_ranking(request.user, e)]
    managed = _managed_scopes(request.user)
    if request.method == "POST":
        scope_org = get_object_or_404(Organisation, pk=params.optional_id(request.POST, "scope"))
        subject = request.POST.get("subject", EvaluationSubject.UNITS)
        if not permissions.can_manage_evaluation(request.user, scope_org, subject):
            raise PermissionDenied
        try:
            evaluation = services.evaluation_create(
                actor=request.user, rubric=get_object_or_404(Rubric, pk=params.optional_id(request.POST, "rubric")),
                scope_org=scope_org, subject=subject, year=params.optional_year(request.POST) or 0,
                period=request.POST.get("period", EvaluationPeriod.HALF_YEAR),
            )
            services.evaluation_compute(actor=request.user, evaluation=evaluation)
        except (ApplicationError, ValueError) as error:
            messages.error(request, getattr(error, "message", str(error)))
            return redirect("tracking:ranking")
        return redirect("tracking:ranking_detail", pk=evaluation.pk)
    return render(request, "tracking/ranking_list.html", {
        "evaluations": evaluations, "managed": managed, "rubrics": Rubric.objects.all(),
        "received": selectors.received_ranks_for(request.user),
        "periods": EvaluationPeriod.choices, "year": selectors.default_year(managed[0][0] if managed else None),
    })


@login_required
def ranking_detail(request, pk: int):
    evaluation = get_object_or_404(Evaluation.objects.select_related("scope", "rubric"), pk=pk)
    if not permissions.can_view_ranking(request.user, evaluation):
        raise PermissionDenied
    scores = evaluation.scores.select_related("organisation")
    can_manage = permissions.can_publish_ranking(request.user, evaluation)
    orgs = Organisation.objects.filter(pk__in=[s.organisation_id for s in scores])
    return render(request, "tracking/ranking_detail.html", {
        "evaluation": evaluation, "scores": scores, "can_manage": can_manage and evaluation.state == EvaluationState.DRAFT,
        "entries": evaluation.entries.select_related("organisation"),
        "entry_form": ScoreEntryForm(organisations=orgs),
    })


@login_required
@require_POST
def ranking_action(request, pk: int, action: str):
    evaluation = get_object_or_404(Evaluation, pk=pk)
    if not permissions.can_publish_ranking(request.user, evaluation):
        raise PermissionDenied
    try:
        if action == "compute":
            services.evaluation_compute(actor=request.user, evaluation=evaluation)
        elif action == "publish":
            services.evaluation_publish(actor=request.user, evaluation=evaluation)
        elif action == "score":
            orgs = Organisation.objects.filter(pk__in=evaluation.scores.values("organisation_id"))
            form = ScoreEntryForm(request.POST, organisations=orgs)
            if not form.is_valid():
                raise ApplicationError(_("The score form has errors"))
            services.score_entry_add(actor=request.user, evaluation=evaluation, **form.cleaned_data)
            services.evaluation_compute(actor=request.user, evaluation=evaluation)
        else:
            raise Http404
    except ApplicationError as error:
        messages.error(request, error.message)
    return redirect("tracking:ranking_detail", pk=evaluation.pk)


# ---------------------------------------------------------------------------------------------------------
# Notifications


@login_required
def notifications(request):
    if request.method == "POST":
        services.notification_mark_read(user=request.user)
        return redirect("tracking:notifications")
    return render(request, "tracking/notification_list.html", {
        "notifications": Notification.objects.filter(user=request.user)[:100],
    })

