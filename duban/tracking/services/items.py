"""Tracked-item rows: created lazily for the items that get reports, orders, settings or a stored status, and
retired (hidden from lists, history kept) instead of deleted."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duban.core.errors import ApplicationError

from .. import permissions
from ..items import TrackedItem, load_items_by_ref
from ..models import ITEM_TARGETS, Item, StatusSnapshot
from ..snapshots import refresh_status


def _new_item(tracked: TrackedItem) -> Item:
    field_name = ITEM_TARGETS[tracked.type][0]
    return Item(type=tracked.type, object_id=tracked.id, district_id=tracked.district_id, year=tracked.year,
                **{f"{field_name}_id": tracked.id})


def _existing(refs: set) -> dict[tuple[str, int], Item]:
    by_type: dict[str, list[int]] = {}
    for item_type, item_id in refs:
        by_type.setdefault(item_type, []).append(item_id)
    found = {}
    for item_type, ids in by_type.items():
        for item in Item.objects.filter(type=item_type, object_id__in=ids):
            found[item.ref] = item
    return found


@transaction.atomic
def items_ensure(*, refs, tracked: list[TrackedItem] | None = None) -> dict[tuple[str, int], Item]:
    """The Item row of every reference, created when missing (one lookup per item type present).

    ``tracked``: the items already loaded, to spare loading them again. A reference to nothing is refused.
    """
    refs = {(t, int(i)) for t, i in refs}
    found = _existing(refs)
    missing = refs - found.keys()
    if not missing:
        return found
    loaded = {t.ref: t for t in tracked or () if t.ref in missing}
    if len(loaded) < len(missing):
        loaded.update(load_items_by_ref(sorted(missing - loaded.keys())))
    unknown = sorted(missing - loaded.keys())
    if unknown:
        raise ApplicationError(_("No such item: %(refs)s") % {"refs": ", ".join(f"{t} #{i}" for t, i in unknown)})
    Item.objects.bulk_create([_new_item(loaded[ref]) for ref in sorted(missing)], ignore_conflicts=True)
    found.update(_existing(missing))
    return found


@transaction.atomic
def item_retire(*, actor, item_type: str, item_id: int, reason: str = "", at: datetime | None = None) -> Item:
    """Retire an item: lists, rankings and reminders leave it out; its reports and orders stay."""
    item = items_ensure(refs=[(item_type, item_id)])[(item_type, item_id)]
    if actor is not None and not permissions.can_retire_item(actor, item):
        raise ApplicationError(_("You may not retire items of this district"))
    item = Item.objects.select_for_update().get(pk=item.pk)
    if item.is_retired:
        raise ApplicationError(_("This item is already retired"))
    item.retired_at, item.retired_by, item.retired_reason = at or timezone.now(), actor, reason[:300]
    item.save(update_fields=["retired_at", "retired_by", "retired_reason"])
    StatusSnapshot.objects.filter(item=item).delete()
    return item


@transaction.atomic
def item_restore(*, actor, item_type: str, item_id: int) -> Item:
    """Bring a retired item back into the lists."""
    item = items_ensure(refs=[(item_type, item_id)])[(item_type, item_id)]
    if actor is not None and not permissions.can_retire_item(actor, item):
        raise ApplicationError(_("You may not retire items of this district"))
    item = Item.objects.select_for_update().get(pk=item.pk)
    if not item.is_retired:
        raise ApplicationError(_("This item is not retired"))
    item.retired_at, item.retired_by, item.retired_reason = None, None, ""
    item.save(update_fields=["retired_at", "retired_by", "retired_reason"])
    refresh_status(items=[item.ref])
    return item

