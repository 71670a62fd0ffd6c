"""Supervision orders (督办单): issue → sign → feedback → review → close, or returned; extensions; the log."""

from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duban.core import dates
from duban.core.conflicts import ConflictError, differences, edit_version, format_moment
from duban.core.errors import ApplicationError
from duban.core.models import Provenance
from duban.core.numbers import format_day
from duban.org.models import Organisation, UnitRole

from .. import permissions
from ..evidence import check_upload
from ..items import load_item
from ..models import (
    OPEN_ORDER_STATES,
    ExtensionRequest,
    ExtensionState,
    ItemType,
    OrderAction,
    OrderEvent,
    OrderFeedback,
    OrderState,
    OrderUnit,
    SupervisionOrder,
)
from .notifications import notify_users, office_members, unit_members
from .reports import _user_name, evidence_attach


def _log(order: SupervisionOrder, action: str, actor, at: datetime, *, from_state: str = "", to_state: str = "",
         comment: str = "") -> OrderEvent:
    return OrderEvent.objects.create(order=order, action=action, actor=actor, at=at, from_state=from_state,
                                     to_state=to_state or order.state, comment=comment)


def _next_number(district: Organisation, year: int) -> str:
    prefix = f"DB{district.pk}-{year}-"
    last = (SupervisionOrder.objects.filter(number__startswith=prefix).order_by("-number")
            .values_list("number", flat=True).first())
    seq = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{seq:04d}"


def _lead(order: SupervisionOrder) -> int | None:
    return next((u.organisation_id for u in order.units.all() if u.role == UnitRole.LEAD), None)


def _order_url(order: SupervisionOrder) -> str:
    return f"/tracking/orders/{order.pk}/"


@transaction.atomic
def order_issue(
    *, actor, district: Organisation, title: str, content: str, deadline: date, lead_unit: Organisation,
    cooperating_units=(), item_type: str = "", item_id: int | None = None, light: str = "",
    is_automatic: bool = False, at: datetime | None = None, provenance: str = Provenance.ENTERED,
) -> SupervisionOrder:
    """Issue an order to a lead unit (cooperating units see it but do not answer for it)."""
    at = at or dates.now()
    if not is_automatic and not permissions.can_issue_order(actor, district):
        raise ApplicationError(_("You may not issue supervision orders in this district"))
    if deadline <= timezone.localdate(at):
        raise ApplicationError(_("The deadline must be later than the date of issue"))
    if not lead_unit.is_within(district):
        raise ApplicationError(_("The lead unit does not belong to this district"))
    if item_type or item_id is not None:
        _check_item(actor, district, item_type, item_id, is_automatic=is_automatic)
    order = SupervisionOrder.objects.create(
        number=_next_number(district, timezone.localdate(at).year), district=district, item_type=item_type,
        item_id=item_id, title=title, content=content, light_at_issue=light, is_automatic=is_automatic,
        issued_by=actor, issued_at=at, deadline=deadline, provenance=provenance,
    )
    OrderUnit.objects.create(order=order, organisation=lead_unit, role=UnitRole.LEAD)
    OrderUnit.objects.bulk_create(
        OrderUnit(order=order, organisation=u, role=UnitRole.COOPERATING)
        for u in {u.pk: u for u in cooperating_units if u.pk != lead_unit.pk}.values()
    )
    _log(order, OrderAction.ISSUE, actor, at, to_state=OrderState.ISSUED,
         comment=_("Issued automatically under the light rules") if is_automatic else "")
    notify_users(users=unit_members([lead_unit.pk]), title=_("Supervision order %(number)s: %(title)s") % {"number": order.number, "title": title},
                 body=content + "\n" + _("Deadline: %(day)s") % {"day": format_day(deadline)}, url=_order_url(order), at=at)
    cooperating = [u.pk for u in cooperating_units if u.pk != lead_unit.pk]
    if cooperating:
        notify_users(users=unit_members(cooperating), title=_("Supervision order %(number)s (cooperating): %(title)s") % {"number": order.number, "title": title},
                     body=content, url=_order_url(order), at=at)
    return order


def _check_item(actor, district: Organisation, item_type: str, item_id: int | None, *, is_automatic: bool) -> None:
    """An order about an item names a tracked thing of the order's district that the issuer may see.

    An item of another district gets the same message as one that does not exist: the message must not tell
    the issuer anything (its title above all) about items they may not see.
    """
    item = load_item(item_type, item_id) if item_type in ItemType.values and item_id is not None else None
    if item is not None and item.district_id == district.pk and (
            is_automatic or permissions.can_order_on_item(actor, district, item)):
        return
    raise ApplicationError(_("The supervision order names an item that does not exist"))


#: What a refused action is called in "the order is … and cannot be …".
ACTION_NAMES = {
    "sign": gettext_lazy("sign for it"), "feedback": gettext_lazy("answer it (sign for it first)"),
    "review": gettext_lazy("review it"), "close": gettext_lazy("close it"), "extend": gettext_lazy("ask for an extension"),
}


def _check_order_version(locked: SupervisionOrder, expected: str | None, actor, yours_action: str, yours_text: str):
    """``expected``: the order's version when the page was opened (core.conflicts); someone who acted on it since
    makes this a ConflictError with your action and the latest one side by side."""
    if expected in (None, "") or str(expected) == edit_version(locked):
        return
    last = locked.events.select_related("actor").order_by("-at", "-pk").first()
    fields = [("action", _("Action")), ("actor", _("By")), ("comment", _("Text or comment")),
              ("state", _("State")), ("deadline", _("Deadline"))]
    yours = {"action": yours_action, "actor": _user_name(actor), "comment": yours_text}
    current = {"action": last.get_action_display() if last else "", "actor": _user_name(last.actor) if last else "",
               "comment": last.comment if last else "", "state": locked.get_state_display(),
               "deadline": format_day(locked.deadline)}
    if last:
        current["action"] = f"{current['action']}（{format_moment(last.at)}）"
    raise ConflictError(rows=differences(fields, yours, current), current_version=edit_version(locked))


def _locked(order: SupervisionOrder, allowed: tuple, action: str, *, expected: str | None = None, actor=None,
            yours_action: str = "", yours_text: str = "") -> SupervisionOrder:
    """The order locked for an action, its version checked first (``expected``, see _check_order_version)."""
    locked = SupervisionOrder.objects.select_for_update().get(pk=order.pk)
    _check_order_version(locked, expected, actor, yours_action or ACTION_NAMES[action], yours_text)
    if locked.state not in allowed:
        raise ApplicationError(_("The supervision order is “%(state)s”: you cannot %(action)s") % {
            "state": locked.get_state_display(), "action": ACTION_NAMES[action]})
    return locked


def _transition(order, to_state: str, action: str, actor, at, comment: str = "", extra_fields=()) -> SupervisionOrder:
    from_state = order.state
    order.state = to_state
    order.save(update_fields=["state", "updated_at", *extra_fields])
    _log(order, action, actor, at, from_state=from_state, to_state=to_state, comment=comment)
    return order


@transaction.atomic
def order_sign(*, actor, order: SupervisionOrder, at: datetime | None = None,
               expected_version: str | None = None) -> SupervisionOrder:
    """The lead unit signs for the order (签收)."""
    if not permissions.can_sign_order(actor, order):
        raise ApplicationError(_("Only the lead unit can sign for a supervision order"))
    order = _locked(order, (OrderState.ISSUED,), "sign", expected=expected_version, actor=actor,
                    yours_action=OrderAction.SIGN.label)
    return _transition(order, OrderState.SIGNED, OrderAction.SIGN, actor, at or dates.now())


@transaction.atomic
def order_feedback_submit(*, actor, order: SupervisionOrder, text: str, files=(), at: datetime | None = None,
                          expected_version: str | None = None) -> OrderFeedback:
    """The lead unit answers with what it did and evidence (办理情况反馈)."""
    if not permissions.can_give_order_feedback(actor, order):
        raise ApplicationError(_("Only the lead unit can report what it did"))
    if not text.strip():
        raise ApplicationError(_("Please describe what was done"))
    at = at or dates.now()
    order = _locked(order, (OrderState.SIGNED, OrderState.RETURNED), "feedback", expected=expected_version, actor=actor,
                    yours_action=OrderAction.FEEDBACK.label, yours_text=text.strip())
    for upload in files:  # every file checked before any is written
        check_upload(upload)
    feedback = OrderFeedback.objects.create(order=order, text=text.strip(), submitted_by=actor, submitted_at=at)
    for upload in files:
        evidence_attach(actor=actor, upload=upload, feedback=feedback, at=at)
    _transition(order, OrderState.FEEDBACK, OrderAction.FEEDBACK, actor, at, comment=text.strip()[:500])
    notify_users(users=office_members(order.district_id), title=_("Supervision order %(number)s answered") % {"number": order.number},
                 body=text.strip(), url=_order_url(order), at=at)
    return feedback


@transaction.atomic
def order_review(*, actor, order: SupervisionOrder, accept: bool, comment: str = "",
                 at: datetime | None = None, expected_version: str | None = None) -> SupervisionOrder:
    """The office accepts the feedback (reviewed) or returns it with a comment."""
    if not permissions.can_review_order(actor, order):
        raise ApplicationError(_("You may not review this supervision order"))
    if not accept and not comment.strip():
        raise ApplicationError(_("Please give a comment when sending it back"))
    at = at or dates.now()
    order = _locked(order, (OrderState.FEEDBACK,), "review", expected=expected_version, actor=actor,
                    yours_action=(OrderAction.ACCEPT if accept else OrderAction.RETURN).label, yours_text=comment.strip())
    if accept:
        return _transition(order, OrderState.REVIEWED, OrderAction.ACCEPT, actor, at, comment.strip())
    _transition(order, OrderState.RETURNED, OrderAction.RETURN, actor, at, comment.strip())
    notify_users(users=unit_members([_lead(order)]), title=_("Supervision order %(number)s sent back") % {"number": order.number},
                 body=comment.strip(), url=_order_url(order), at=at)
    return order


@transaction.atomic
def order_close(*, actor, order: SupervisionOrder, comment: str = "", at: datetime | None = None,
                expected_version: str | None = None) -> SupervisionOrder:
    """办结销号: close a reviewed order."""
    if not permissions.can_close_order(actor, order):
        raise ApplicationError(_("You may not close this supervision order"))
    at = at or dates.now()
    order = _locked(order, (OrderState.REVIEWED,), "close", expected=expected_version, actor=actor,
                    yours_action=OrderAction.CLOSE.label, yours_text=comment.strip())
    order.closed_at = at
    _transition(order, OrderState.CLOSED, OrderAction.CLOSE, actor, at, comment.strip(), extra_fields=("closed_at",))
    notify_users(users=unit_members([_lead(order)]), title=_("Supervision order %(number)s closed") % {"number": order.number},
                 body=comment.strip(), url=_order_url(order), at=at)
    return order


@transaction.atomic
def order_extension_request(*, actor, order: SupervisionOrder, new_deadline: date, reason: str,
                            at: datetime | None = None) -> ExtensionRequest:
    """Ask for a later deadline; only while the order is open and not past its deadline (the deadline day counts)."""
    if not permissions.can_request_extension(actor, order):
        raise ApplicationError(_("Only the lead unit can ask for an extension"))
    at = at or dates.now()
    order = _locked(order, OPEN_ORDER_STATES, "extend")
    today = timezone.localdate(at)
    if today > order.deadline:
        raise ApplicationError(_("The deadline (%(day)s) has passed: an extension can no longer be asked for") % {
            "day": format_day(order.deadline)})
    if new_deadline <= order.deadline:
        raise ApplicationError(_("The new deadline must be later than the current one"))
    if not reason.strip():
        raise ApplicationError(_("Please give the reason for the extension"))
    try:
        with transaction.atomic():
            request = ExtensionRequest.objects.create(
                order=order, requested_by=actor, requested_at=at, old_deadline=order.deadline,
                new_deadline=new_deadline, reason=reason.strip(),
            )
    except IntegrityError:
        raise ApplicationError(_("An extension request is already waiting for a decision")) from None
    _log(order, OrderAction.EXTENSION_REQUEST, actor, at, from_state=order.state,
         comment=_("Extension asked to %(day)s: %(reason)s") % {"day": f"{new_deadline:%Y-%m-%d}", "reason": reason.strip()})
    notify_users(users=office_members(order.district_id), title=_("Supervision order %(number)s: extension asked") % {"number": order.number},
                 body=reason.strip(), url=_order_url(order), at=at)
    return request


@transaction.atomic
def order_extension_decide(*, actor, request: ExtensionRequest, approve: bool, comment: str = "",
                           at: datetime | None = None, expected_version: str | None = None) -> ExtensionRequest:
    order = request.order
    if not permissions.can_decide_extension(actor, order):
        raise ApplicationError(_("You may not decide extension requests"))
    at = at or dates.now()
    # Lock the order first (the same order as every other order action), then the request.
    order = SupervisionOrder.objects.select_for_update().get(pk=order.pk)
    _check_order_version(order, expected_version, actor,
                         str((OrderAction.EXTENSION_APPROVE if approve else OrderAction.EXTENSION_REFUSE).label),
                         comment.strip())
    request = ExtensionRequest.objects.select_for_update().get(pk=request.pk)
    if request.state != ExtensionState.PENDING:
        raise ApplicationError(_("This extension request has already been decided"))
    if order.state not in OPEN_ORDER_STATES:
        raise ApplicationError(_("The supervision order is “%(state)s”: an extension can no longer be decided") % {
            "state": order.get_state_display()})
    request.state = ExtensionState.APPROVED if approve else ExtensionState.REFUSED
    request.decided_by, request.decided_at, request.decision_comment = actor, at, comment.strip()
    request.save(update_fields=["state", "decided_by", "decided_at", "decision_comment"])
    if approve:
        order.deadline = request.new_deadline
    order.save(update_fields=["deadline", "updated_at"])  # a decision either way is a new version of the order
    _log(order, OrderAction.EXTENSION_APPROVE if approve else OrderAction.EXTENSION_REFUSE, actor, at,
         from_state=order.state, comment=comment.strip() or _decision_comment(approve, order.deadline))
    title = (_("Supervision order %(number)s: extension approved") if approve
             else _("Supervision order %(number)s: extension refused")) % {"number": order.number}
    notify_users(users=[request.requested_by], title=title,
                 body=comment.strip(), url=_order_url(order), at=at)
    return request


@transaction.atomic
def order_deadline_set(*, actor, order: SupervisionOrder, deadline: date, reason: str = "",
                       at: datetime | None = None) -> SupervisionOrder:
    """The office moves an open order's deadline itself (调整办理时限, e.g. from its ledger), logged and told to the lead unit.

    Same rights as deciding an extension; the deadline must stay after the day of issue; a closed order keeps its own.
    """
    if not permissions.can_decide_extension(actor, order):
        raise ApplicationError(_("You may not change the deadline of this supervision order"))
    at = at or dates.now()
    order = SupervisionOrder.objects.select_for_update().get(pk=order.pk)
    if order.state not in OPEN_ORDER_STATES:
        raise ApplicationError(_("The supervision order is “%(state)s”: its deadline can no longer be changed") % {
            "state": order.get_state_display()})
    if deadline <= timezone.localdate(order.issued_at):
        raise ApplicationError(_("The deadline must be later than the date of issue"))
    if deadline == order.deadline:
        return order
    old = order.deadline
    order.deadline = deadline
    order.save(update_fields=["deadline", "updated_at"])
    comment = _("Deadline moved by the office from %(old)s to %(new)s") % {"old": format_day(old), "new": format_day(deadline)}
    _log(order, OrderAction.EXTENSION_APPROVE, actor, at, from_state=order.state,
         comment=f"{comment}{'：' + reason.strip() if reason.strip() else ''}")
    notify_users(users=unit_members([_lead(order)]), title=_("Supervision order %(number)s: deadline changed") % {
        "number": order.number}, body=comment, url=_order_url(order), at=at)
    return order


def _decision_comment(approve: bool, deadline: date) -> str:
    text = _("Deadline moved to %(day)s") if approve else _("Deadline stays %(day)s")
    return text % {"day": f"{deadline:%Y-%m-%d}"}


def open_order_refs(district: Organisation) -> set[tuple[str, int]]:
    return set(SupervisionOrder.objects.filter(district=district, state__in=OPEN_ORDER_STATES, item_id__isnull=False)
               .values_list("item_type", "item_id"))


@transaction.atomic
def orders_issue_automatic(*, district: Organisation, statuses, rule_config, at: datetime | None = None,
                           dry_run: bool = False) -> list:
    """Issue an order for each item whose light is in the rule set's list and that has no open order yet."""
    at = at or dates.now()
    open_refs = open_order_refs(district)
    wanted = [s for s in statuses if s.light in rule_config.auto_order_lights
              and s.item.ref not in open_refs and s.item.lead_unit_id]
    if dry_run or not wanted:
        return wanted
    units = Organisation.objects.in_bulk({org for s in wanted for org in s.item.unit_ids})
    deadline = timezone.localdate(at) + timedelta(days=rule_config.order_deadline_days)
    issued = []
    for status in wanted:
        issued.append(order_issue(
            actor=None, district=district, title=_("Supervision order on “%(title)s” falling behind") % {"title": status.item.title},
            content=_("%(reasons)s. Please act to catch up before the deadline and report what was done.") % {
                "reasons": _("; ").join(status.reasons)},
            deadline=deadline, lead_unit=units[status.item.lead_unit_id],
            cooperating_units=[units[o] for o in sorted(status.item.unit_ids - {status.item.lead_unit_id})],
            item_type=status.item.type,
            item_id=status.item.id, light=status.light, is_automatic=True, at=at,
        ))
    return issued
