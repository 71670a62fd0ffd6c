"""Supervision orders (督办单): list and read; issue, sign, answer (feedback), review, close."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from duban.core.errors import ApplicationError
from duban.org.models import Organisation
from duban.tracking import permissions, services
from duban.tracking.models import OPEN_ORDER_STATES, OrderState, SupervisionOrder

from .. import selectors
from ..pagination import Pages
from ..schemas import (
    DbId,
    EditVersion,
    FeedbackIn,
    FeedbackOut,
    OrderCommentIn,
    OrderIssueIn,
    OrderOut,
    ReviewIn,
)
from .common import ERRORS, district_or_404

router = Router(tags=["orders"])


class OrderFilters(Schema):
    district_id: DbId | None = None
    state: OrderState | None = None
    open: bool | None = None
    unit_id: DbId | None = None


@router.get("", response={200: list[OrderOut], **ERRORS})
@paginate(Pages)
def order_list(request, filters: Query[OrderFilters]):
    rows = selectors.orders(request.user)
    if filters.district_id is not None:
        rows = rows.filter(district_id=filters.district_id)
    if filters.state is not None:
        rows = rows.filter(state=filters.state)
    if filters.open is not None:
        rows = rows.filter(state__in=OPEN_ORDER_STATES) if filters.open else rows.exclude(state__in=OPEN_ORDER_STATES)
    if filters.unit_id is not None:
        rows = rows.filter(pk__in=SupervisionOrder.objects.filter(units__organisation_id=filters.unit_id).values("pk"))
    return rows


def _visible_order(user, pk: int) -> SupervisionOrder:
    order = SupervisionOrder.objects.prefetch_related("units").filter(pk=pk).first()
    if order is None or not permissions.can_view_order(user, order):
        raise Http404
    return order


@router.get("/{order_id}", response={200: OrderOut, **ERRORS})
def order_detail(request, order_id: DbId):
    return _visible_order(request.user, order_id)


def _units_of(district: Organisation, ids: list[int]) -> list[Organisation]:
    units = Organisation.objects.in_bulk(ids)
    missing = [str(i) for i in ids if i not in units]
    if missing:
        raise ApplicationError(_("No such unit: %(ids)s") % {"ids": ", ".join(missing)})
    return [units[i] for i in ids]


@router.post("", response={201: OrderOut, **ERRORS}, summary="Issue a supervision order")
def order_issue(request, data: OrderIssueIn):
    district = district_or_404(request.user, data.district_id)
    if not permissions.can_issue_order(request.user, district):
        raise PermissionDenied(_("You may not issue supervision orders in this district"))
    if (data.item_type is None) != (data.item_id is None):
        raise ApplicationError(_("Give both item_type and item_id, or neither"))
    lead, *cooperating = _units_of(district, [data.lead_unit_id, *data.cooperating_unit_ids])
    order = services.order_issue(
        actor=request.user, district=district, title=data.title.strip(), content=data.content.strip(),
        deadline=data.deadline, lead_unit=lead, cooperating_units=cooperating,
        item_type=data.item_type or "", item_id=data.item_id,
    )
    return Status(201, _visible_order(request.user, order.pk))


def _acting(user, pk: int, allowed, message: str) -> SupervisionOrder:
    order = _visible_order(user, pk)
    if not allowed(user, order):
        raise PermissionDenied(message)
    return order


@router.post("/{order_id}/sign", response={200: OrderOut, **ERRORS}, summary="The lead unit signs for the order")
def order_sign(request, order_id: DbId, edit_version: EditVersion | None = None):
    order = _acting(request.user, order_id, permissions.can_sign_order, _("Only the lead unit can sign for a supervision order"))
    services.order_sign(actor=request.user, order=order, expected_version=edit_version)
    return _visible_order(request.user, order_id)


@router.post("/{order_id}/feedback", response={201: FeedbackOut, **ERRORS}, summary="The lead unit answers the order")
def order_feedback(request, order_id: DbId, data: FeedbackIn):
    order = _acting(request.user, order_id, permissions.can_give_order_feedback, _("Only the lead unit can report what it did"))
    return Status(201, services.order_feedback_submit(actor=request.user, order=order, text=data.text,
                                                             expected_version=data.edit_version))


@router.post("/{order_id}/review", response={200: OrderOut, **ERRORS}, summary="Accept the answer or send it back")
def order_review(request, order_id: DbId, data: ReviewIn):
    order = _acting(request.user, order_id, permissions.can_review_order, _("You may not review this supervision order"))
    services.order_review(actor=request.user, order=order, accept=data.accept, comment=data.comment,
                          expected_version=data.edit_version)
    return _visible_order(request.user, order_id)


@router.post("/{order_id}/close", response={200: OrderOut, **ERRORS}, summary="Close a reviewed order (办结销号)")
def order_close(request, order_id: DbId, data: OrderCommentIn):
    order = _acting(request.user, order_id, permissions.can_close_order, _("You may not close this supervision order"))
    services.order_close(actor=request.user, order=order, comment=data.comment, expected_version=data.edit_version)
    return _visible_order(request.user, order_id)
