"""Stored status: each item's computed status as of a date, kept in :class:`StatusSnapshot`.

Policy (docs/tracking.md, "Stored status"):

- ``refresh_status(district=…, as_of=day)`` recomputes a district's year and replaces its snapshots; the daily
  ``duban status --refresh`` does it for every district as of today (time progress moves every day);
- whatever changes an item's status refreshes that item's snapshot in the same transaction, at the date the
  district's snapshots describe: confirming a report, an item setting, retiring/restoring an item; a rule set
  or a curve refreshes the districts it applies to;
- readers (``district_status``) use the snapshots when every item has one for the day asked, else compute;
- ``verify_status`` compares every stored snapshot with a fresh computation (``duban status --verify``).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import timezone, translation
from django.utils.translation import get_language

from duban.core import dates

from duban.org.models import Organisation

from .items import TrackedItem, load_items, load_items_by_ref
from .models import Item, StatusSnapshot
from .status import (
    SNAPSHOT_NUMBERS, ItemStatus, compute_statuses, items_status, load_config, load_confirmed, load_observations,
    load_system_figures, load_unit_names,
)


def _languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def _in_every_language(compute) -> dict[str, list[ItemStatus]]:
    """Statuses computed once per interface language: reasons are sentences, the figures are the same."""
    out = {}
    for language in _languages():
        with translation.override(language):
            out[language] = compute()
    return out


def _numbers(status: ItemStatus) -> dict:
    return {k: (None if getattr(status, k) is None else str(getattr(status, k))) for k in SNAPSHOT_NUMBERS}


def _row(item_row: Item, by_language: dict[str, ItemStatus], as_of: date, now) -> StatusSnapshot:
    status = by_language[settings.LANGUAGE_CODE]
    return StatusSnapshot(
        item=item_row, district_id=item_row.district_id, year=item_row.year, as_of=as_of, light=status.light,
        measure=status.measure, completion_pct=status.completion_pct, gap_pp=status.gap_pp,
        double_half=status.double_half, last_period=status.last_period, figures=_numbers(status),
        reasons={language: list(s.reasons) for language, s in by_language.items()}, computed_at=now,
    )


def _store(items: list[TrackedItem], by_language: dict[str, list[ItemStatus]], as_of: date) -> int:
    from .services.items import items_ensure  # noqa: PLC0415 - services import this module

    rows = items_ensure(refs=[i.ref for i in items], tracked=items)
    per_item: dict[tuple, dict[str, ItemStatus]] = defaultdict(dict)
    for language, statuses in by_language.items():
        for status in statuses:
            per_item[status.item.ref][language] = status
    now = timezone.now()
    StatusSnapshot.objects.filter(item__in=[rows[i.ref] for i in items]).delete()
    StatusSnapshot.objects.bulk_create([_row(rows[ref], per_item[ref], as_of, now) for ref in per_item], batch_size=2000)
    return len(per_item)


def _fresh_district(district: Organisation, year: int, as_of: date,
                    items: list[TrackedItem] | None = None) -> tuple[list[TrackedItem], dict]:
    """Load the district's year once (unless given), compute it in every language."""
    items = load_items(district=district, year=year) if items is None else items
    figures = dict(load_observations(items, year, as_of))
    figures.update(load_confirmed(district, year, as_of))
    figures.update(load_system_figures(items, as_of))
    config, names = load_config(district), load_unit_names(items)
    return items, _in_every_language(lambda: compute_statuses(items, figures, config, names, as_of))


@transaction.atomic
def refresh_district(district: Organisation, as_of: date, *, year: int | None = None) -> int:
    """Replace the snapshots of a district's year with its status as of ``as_of``; returns the items stored."""
    year = year or as_of.year
    items, by_language = _fresh_district(district, year, as_of)
    StatusSnapshot.objects.filter(district=district, year=year).delete()
    return _store(items, by_language, as_of) if items else 0


def snapshot_dates(district_id: int, year: int) -> list[date]:
    return sorted(set(StatusSnapshot.objects.filter(district_id=district_id, year=year).values_list("as_of", flat=True)))


@transaction.atomic
def refresh_items(refs, as_of: date | None = None) -> int:
    """Refresh the snapshots of some items: at ``as_of``, else at the date their district's snapshots describe
    (a district without snapshots is left alone: its readers compute)."""
    refs = list(refs)
    if not refs or not StatusSnapshot.objects.exists():
        return 0
    loaded = list(load_items_by_ref(refs).values())
    groups: dict[tuple[int, int], list[TrackedItem]] = defaultdict(list)
    for item in loaded:
        groups[(item.district_id, item.year)].append(item)
    stored = 0
    for (district_id, year), items in groups.items():
        for day in [as_of] if as_of else snapshot_dates(district_id, year)[-1:]:
            stored += _store(items, _in_every_language(lambda items=items, day=day: items_status(items, day)), day)
    return stored


def refresh_status(*, items=None, district: Organisation | None = None, as_of: date | None = None,
                   year: int | None = None) -> int:
    """The one entry point for the task layer: refresh some items (``items``: references) or a whole district
    (``district``), or every district when neither is given. ``as_of`` defaults to today for districts."""
    if items is not None:
        return refresh_items(items, as_of)
    as_of = as_of or dates.today()
    districts = [district] if district is not None else list(Organisation.objects.districts().order_by("path"))
    return sum(refresh_district(d, as_of, year=year) for d in districts)


#: At most this share of a district's items is computed alone when readers find them without a snapshot of the
#: day; more than that and the whole district is computed (one pass over its reports is cheaper than many).
ALONE_SHARE = 0.2


def store_missing(district: Organisation, year: int, on_date: date, items: list[TrackedItem],
                  missing: list[TrackedItem]) -> dict[tuple, ItemStatus] | None:
    """For readers of the day pages show (``district_status``): compute the items that have no snapshot of
    ``on_date`` — alone when they are few (an item added or changed since the daily refresh), else the whole
    district — store them and return their statuses in the current language by reference. The first request of
    a day without the scheduled refresh pays once; every later request reads. Returns None when the store
    failed (two requests storing at once, a locked SQLite file): the caller computes without storing."""
    alone = len(missing) <= ALONE_SHARE * len(items)
    try:
        with transaction.atomic():
            if alone:
                by_language = _in_every_language(lambda: items_status(missing, on_date))
                _store(missing, by_language, on_date)
            else:
                loaded, by_language = _fresh_district(district, year, on_date, items)
                StatusSnapshot.objects.filter(district=district, year=year).delete()
                _store(loaded, by_language, on_date)
    except DatabaseError:
        return None
    statuses = by_language.get(get_language() or "") or by_language[settings.LANGUAGE_CODE]
    return {status.item.ref: status for status in statuses}


def refresh_snapshotted_districts(district: Organisation | None = None) -> int:
    """After a rule or curve change: recompute every district (or the one given) that has snapshots, at their date."""
    rows = StatusSnapshot.objects.values_list("district_id", "year", "as_of").distinct()
    if district is not None:
        rows = rows.filter(district=district)
    districts = Organisation.objects.in_bulk({d for d, _y, _a in rows})
    return sum(refresh_district(districts[d], as_of, year=year) for d, year, as_of in sorted(set(rows)))


@dataclass(frozen=True)
class Difference:
    district: str
    ref: tuple[str, int]
    field: str
    stored: object
    fresh: object

    def __str__(self) -> str:
        return f"{self.district} {self.ref[0]} #{self.ref[1]} {self.field}: stored {self.stored!r}, fresh {self.fresh!r}"


def _stored_values(district_id: int, year: int, as_of: date) -> dict:
    rows = StatusSnapshot.objects.filter(district_id=district_id, year=year, as_of=as_of).values_list(
        "item__type", "item__object_id", "light", "measure", "double_half", "last_period", "figures", "reasons")
    return {(r[0], r[1]): {"light": r[2], "measure": r[3], "double_half": r[4], "last_period": r[5],
                           **{k: r[6].get(k) for k in SNAPSHOT_NUMBERS}, "reasons": r[7]} for r in rows}


def _fresh_values(by_language: dict[str, list[ItemStatus]]) -> dict:
    out: dict = {}
    for language, statuses in by_language.items():
        for s in statuses:
            entry = out.setdefault(s.item.ref, {"light": s.light, "measure": s.measure, "double_half": s.double_half,
                                                "last_period": s.last_period, **_numbers(s), "reasons": {}})
            entry["reasons"][language] = list(s.reasons)
    return out


def verify_status(district: Organisation | None = None) -> tuple[int, list[Difference]]:
    """Compare every stored snapshot with a fresh computation: (items checked, differences)."""
    rows = StatusSnapshot.objects.values_list("district_id", "year", "as_of").distinct()
    if district is not None:
        rows = rows.filter(district=district)
    districts = Organisation.objects.in_bulk({d for d, _y, _a in rows})
    checked, differences = 0, []
    for district_id, year, as_of in sorted(set(rows)):
        stored = _stored_values(district_id, year, as_of)
        fresh = _fresh_values(_fresh_district(districts[district_id], year, as_of)[1])
        name = districts[district_id].name
        for ref in sorted(stored.keys() | fresh.keys()):
            checked += 1
            if ref not in fresh or ref not in stored:
                differences.append(Difference(name, ref, "item", "stored" if ref in stored else None,
                                              "exists" if ref in fresh else None))
                continue
            differences += [Difference(name, ref, k, stored[ref][k], v) for k, v in fresh[ref].items()
                            if stored[ref][k] != v]
    return checked, differences

