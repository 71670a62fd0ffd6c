"""Supervision orders (督办单): issue → sign → feedback → review → close, or returned; extensions; the log."""

from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from duban.core.errors import ApplicationError
from duban.core.models import Provenance
from duban.org.models import Organisation, UnitRole

from .. import permissions
from ..models import (
    OPEN_ORDER_STATES, ExtensionRequest, ExtensionState, OrderAction, OrderEvent, OrderFeedback, OrderState,
    OrderUnit, SupervisionOrder,
)
from .notifications import notify_users, office_members, unit_members
from .reports import evidence_attach


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
    at = at or timezone.now()
    if not is_automatic and not permissions.can_issue_order(actor, district):
        raise ApplicationError("您无权在该区县下发督办单")
    if deadline <= timezone.localdate(at):
        raise ApplicationError("办理时限应晚于下发日期")
    if not lead_unit.is_within(district):
        raise ApplicationError("牵头单位不属于该区县")
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
         comment="系统根据亮灯规则自动下发" if is_automatic else "")
    notify_users(users=unit_members([lead_unit.pk]), title=f"督办单 {order.number}：{title}",
                 body=f"{content}\n办理时限：{deadline:%Y年%-m月%-d日}", url=_order_url(order), at=at)
    cooperating = [u.pk for u in cooperating_units if u.pk != lead_unit.pk]
    if cooperating:
        notify_users(users=unit_members(cooperating), title=f"督办单 {order.number}（配合）：{title}",
                     body=content, url=_order_url(order), at=at)
    return order


def _locked(order: SupervisionOrder, allowed: tuple, verb: str) -> SupervisionOrder:
    locked = SupervisionOrder.objects.select_for_update().get(pk=order.pk)
    if locked.state not in allowed:
        raise ApplicationError(f"督办单当前状态为“{locked.get_state_display()}”，不能{verb}")
    return locked


def _transition(order, to_state: str, action: str, actor, at, comment: str = "", extra_fields=()) -> SupervisionOrder:
    from_state = order.state
    order.state = to_state
    order.save(update_fields=["state", "updated_at", *extra_fields])
    _log(order, action, actor, at, from_state=from_state, to_state=to_state, comment=comment)
    return order


@transaction.atomic
def order_sign(*, actor, order: SupervisionOrder, at: datetime | None = None) -> SupervisionOrder:
    """The lead unit signs for the order (签收)."""
    if not permissions.can_sign_order(actor, order):
        raise ApplicationError("只有牵头单位可以签收督办单")
    order = _locked(order, (OrderState.ISSUED,), "签收")
    return _transition(order, OrderState.SIGNED, OrderAction.SIGN, actor, at or timezone.now())


@transaction.atomic
def order_feedback_submit(*, actor, order: SupervisionOrder, text: str, files=(), at: datetime | None = None) -> OrderFeedback:
    """The lead unit answers with what it did and evidence (办理情况反馈)."""
    if not permissions.can_give_order_feedback(actor, order):
        raise ApplicationError("只有牵头单位可以反馈办理情况")
    if not text.strip():
        raise ApplicationError("请填写办理情况")
    at = at or timezone.now()
    order = _locked(order, (OrderState.SIGNED, OrderState.RETURNED), "反馈（请先签收）")
    feedback = OrderFeedback.objects.create(order=order, text=text.strip(), submitted_by=actor, submitted_at=at)
    for upload in files:
        evidence_attach(actor=actor, upload=upload, feedback=feedback, at=at)
    _transition(order, OrderState.FEEDBACK, OrderAction.FEEDBACK, actor, at, comment=text.strip()[:500])
    notify_users(users=office_members(order.district_id), title=f"督办单 {order.number} 已反馈",
                 body=text.strip(), url=_order_url(order), at=at)
    return feedback


@transaction.atomic
def order_review(*, actor, order: SupervisionOrder, accept: bool, comment: str = "",
                 at: datetime | None = None) -> SupervisionOrder:
    """The office accepts the feedback (reviewed) or returns it with a comment."""
    if not permissions.can_review_order(actor, order):
        raise ApplicationError("您无权审核该督办单")
    if not accept and not comment.strip():
        raise ApplicationError("退回时请填写退回意见")
    at = at or timezone.now()
    order = _locked(order, (OrderState.FEEDBACK,), "审核")
    if accept:
        return _transition(order, OrderState.REVIEWED, OrderAction.ACCEPT, actor, at, comment.strip())
    _transition(order, OrderState.RETURNED, OrderAction.RETURN, actor, at, comment.strip())
    notify_users(users=unit_members([_lead(order)]), title=f"督办单 {order.number} 被退回",
                 body=comment.strip(), url=_order_url(order), at=at)
    return order


@transaction.atomic
def order_close(*, actor, order: SupervisionOrder, comment: str = "", at: datetime | None = None) -> SupervisionOrder:
    """办结销号: close a reviewed order."""
    if not permissions.can_close_order(actor, order):
        raise ApplicationError("您无权办结该督办单")
    at = at or timezone.now()
    order = _locked(order, (OrderState.REVIEWED,), "办结")
    order.closed_at = at
    _transition(order, OrderState.CLOSED, OrderAction.CLOSE, actor, at, comment.strip(), extra_fields=("closed_at",))
    notify_users(users=unit_members([_lead(order)]), title=f"督办单 {order.number} 已办结销号",
                 body=comment.strip(), url=_order_url(order), at=at)
    return order


@transaction.atomic
def order_extension_request(*, actor, order: SupervisionOrder, new_deadline: date, reason: str,
                            at: datetime | None = None) -> ExtensionRequest:
    """Ask for a later deadline; only while the order is open and not past its deadline (the deadline day counts)."""
    if not permissions.can_request_extension(actor, order):
        raise ApplicationError("只有牵头单位可以申请延期")
    at = at or timezone.now()
    order = _locked(order, OPEN_ORDER_STATES, "申请延期")
    today = timezone.localdate(at)
    if today > order.deadline:
        raise ApplicationError(f"已超过办理时限（{order.deadline:%Y年%-m月%-d日}），不能再申请延期")
    if new_deadline <= order.deadline:
        raise ApplicationError("申请的新时限应晚于原办理时限")
    if not reason.strip():
        raise ApplicationError("请说明延期理由")
    try:
        with transaction.atomic():
            request = ExtensionRequest.objects.create(
                order=order, requested_by=actor, requested_at=at, old_deadline=order.deadline,
                new_deadline=new_deadline, reason=reason.strip(),
            )
    except IntegrityError:
        raise ApplicationError("已有待审批的延期申请") from None
    _log(order, OrderAction.EXTENSION_REQUEST, actor, at, from_state=order.state,
         comment=f"申请延期至{new_deadline:%Y-%m-%d}：{reason.strip()}")
    notify_users(users=office_members(order.district_id), title=f"督办单 {order.number} 申请延期",
                 body=reason.strip(), url=_order_url(order), at=at)
    return request


@transaction.atomic
def order_extension_decide(*, actor, request: ExtensionRequest, approve: bool, comment: str = "",
                           at: datetime | None = None) -> ExtensionRequest:
    order = request.order
    if not permissions.can_decide_extension(actor, order):
        raise ApplicationError("您无权审批延期申请")
    at = at or timezone.now()
    request = ExtensionRequest.objects.select_for_update().get(pk=request.pk)
    if request.state != ExtensionState.PENDING:
        raise ApplicationError("该延期申请已处理")
    request.state = ExtensionState.APPROVED if approve else ExtensionState.REFUSED
    request.decided_by, request.decided_at, request.decision_comment = actor, at, comment.strip()
    request.save(update_fields=["state", "decided_by", "decided_at", "decision_comment"])
    order = SupervisionOrder.objects.select_for_update().get(pk=order.pk)
    if approve:
        order.deadline = request.new_deadline
        order.save(update_fields=["deadline", "updated_at"])
    _log(order, OrderAction.EXTENSION_APPROVE if approve else OrderAction.EXTENSION_REFUSE, actor, at,
         from_state=order.state, comment=comment.strip() or f"办理时限{'延至' if approve else '仍为'}{order.deadline:%Y-%m-%d}")
    notify_users(users=[request.requested_by], title=f"督办单 {order.number} 延期申请{'已批准' if approve else '未批准'}",
                 body=comment.strip(), url=_order_url(order), at=at)
    return request


def open_order_refs(district: Organisation) -> set[tuple[str, int]]:
    return set(SupervisionOrder.objects.filter(district=district, state__in=OPEN_ORDER_STATES, item_id__isnull=False)
               .values_list("item_type", "item_id"))


@transaction.atomic
def orders_issue_automatic(*, district: Organisation, statuses, rule_config, at: datetime | None = None,
                           dry_run: bool = False) -> list:
    """Issue an order for each item whose light is in the rule set's list and that has no open order yet."""
    at = at or timezone.now()
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
            actor=None, district=district, title=f"关于“{status.item.title}”进度滞后的督办单",
            content="；".join(status.reasons) + "。请于办理时限前采取措施加快推进，并反馈办理情况。",
            deadline=deadline, lead_unit=units[status.item.lead_unit_id],
            cooperating_units=[units[o] for o in sorted(status.item.unit_ids - {status.item.lead_unit_id})],
            item_type=status.item.type,
            item_id=status.item.id, light=status.light, is_automatic=True, at=at,
        ))
    return issued
