"""Ledger import: read → resolve names → compare with the database → preview; on confirmation, the services.

``ledger_import = read_rows → resolve (units by name, similar names offered) → diff against ledger_rows → apply``.
Every problem of the file is collected before anything is written; the confirmed import runs in one
transaction through the domain services (same checks, same history) and writes nothing if any row fails.
"""

import datetime
from collections.abc import Callable
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from duban.core import dates
from duban.core.errors import ApplicationError
from duban.org.models import Organisation

from . import appliers
from .exports import ledger_rows
from .layouts import IMPORTABLE, LAYOUTS
from .matching import NameMatcher
from .permissions import can_import_ledger
from .preview import FieldChange, Preview, Resolved, RowChange
from .sheets import CellProblem, Column, HeaderNotFound, Layout, SheetRow, read_rows, short_header

Progress = Callable[[int, int], None]


def display(col: Column, value) -> str:
    """A value as the ledger shows it, for the preview's old → new."""
    if value is None or value == "" or value == ():
        return ""
    if col.kind == "choice":
        return col.label_of(value)
    if col.kind == "units":
        return "、".join(value)
    if col.kind == "date":
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, Decimal):
        text = f"{value:f}"
        return text.rstrip("0").rstrip(".") if "." in text else text
    return str(value)


def same(col: Column, old, new) -> bool:
    if col.kind == "units":
        return tuple(old or ()) == tuple(new or ())
    if old in (None, "") and new in (None, ""):
        return True
    return old == new


def ledger_import(
    *, kind: str, content: bytes, district: Organisation, year: int, user, confirm: bool = False,
    accept_matches: bool = False, progress: Progress | None = None, on_date: datetime.date | None = None,
) -> Preview:
    """Preview the file against the district's year; with ``confirm``, write it through the services (all or nothing).

    A file that cannot be written returns its preview with ``problems``; nothing is written then.
    ``user`` None is the command line without ``--user``: the operator at the server, recorded as no one.
    ``on_date`` is the ledger's date (the month whose figures the file carries): given, else the file's own
    ``截至日期`` line, else today (within the year).
    """
    if kind not in IMPORTABLE:
        raise ApplicationError(_("“%(kind)s” ledgers can be exported but not imported.") % {"kind": kind})
    if user is not None and not can_import_ledger(user, district, kind):
        raise ApplicationError(_("You may not import this ledger for %(district)s.") % {"district": district.name})
    layout, preview = LAYOUTS[kind], Preview(kind=kind)
    try:
        preview.sheet, rows, cell_problems, file_date = read_rows(layout, content)
    except HeaderNotFound as exc:
        preview.problems.append(str(exc))
        return preview
    on_date = on_date or file_date or min(max(dates.today(), datetime.date(year, 1, 1)), datetime.date(year, 12, 31))
    handler = appliers.HANDLERS[kind](district=district, year=year, matcher=NameMatcher.for_district(district),
                                      on_date=on_date)
    resolved, problems = _resolve(layout, handler, preview, rows, cell_problems)
    existing = {handler.key_of(row): row for row in ledger_rows(kind=kind, district=district, year=year,
                                                                on_date=on_date, figures=False)}
    # Checks of the rows against what they change (figures against last month's...), with the cells' problems.
    handler.check(layout, preview.sheet, resolved, existing, problems)
    problems.sort(key=lambda p: (p.row, p.column))
    preview.problems.extend(p.message for p in problems)
    if preview.problems:
        return preview
    matched = {(s.row, s.header) for s in preview.suggestions}
    preview.rows = [_diff(layout, r, existing.get(r.key), matched) for r in resolved]
    if handler.checks_readonly:
        preview.warnings = _readonly_warnings(layout, handler, resolved, existing)
    if confirm:
        _confirm(preview, handler, resolved, existing, user=user, accept_matches=accept_matches, progress=progress)
    return preview


def _resolve(layout: Layout, handler, preview: Preview, rows: list[SheetRow],
             cell_problems) -> tuple[list[Resolved], list[CellProblem]]:
    problems: list[CellProblem] = list(cell_problems)
    resolved, seen = [], {}
    for row in rows:
        # Rows with unreadable cells are still resolved, so that every problem of the file is reported at once.
        key = handler.key_of(row.values)
        if None not in key and key in seen:
            col = layout.column(handler.key_fields[0])
            problems.append(CellProblem(preview.sheet, row.number, row.cells.get(col.field, ("A", ""))[0],
                                        short_header(col.header), handler.label_of(row.values),
                                        _("a value not already used in row %(row)s") % {"row": seen[key]}))
            continue
        seen.setdefault(key, row.number)
        found = handler.resolve(layout, preview.sheet, row, problems, preview.suggestions)
        if found is not None:
            resolved.append(found)
    return resolved, problems


def _diff(layout: Layout, r: Resolved, old: dict | None, matched: set[tuple[int, str]] = frozenset()) -> RowChange:
    """The row's changes; a column whose names were matched by similarity is a change even when the matched name
    is the one the database holds (the file's name is corrected when the suggestion is accepted)."""
    if old is None:
        return RowChange(r.source.number, "create", r.label)
    changes = []
    for col in layout.editable:
        if col.field not in r.wanted:
            continue
        header = short_header(col.header)
        if not same(col, old.get(col.field), r.wanted[col.field]):
            changes.append(FieldChange(header, display(col, old.get(col.field)), display(col, r.wanted[col.field])))
        elif (r.source.number, header) in matched:
            changes.append(FieldChange(header, r.source.cells[col.field][1], display(col, r.wanted[col.field])))
    return RowChange(r.source.number, "update" if changes else "unchanged", r.label, changes)


def _readonly_warnings(layout: Layout, handler, resolved: list[Resolved], existing: dict) -> list[str]:
    """A warning for each read-only column a row of the file changes: the import does not write it."""
    warnings = []
    for r in resolved:
        old = existing.get(r.key)
        if old is None:
            continue
        for col in layout.columns:
            if not col.readonly or col.field not in r.source.readonly or col.field not in old:
                continue
            if not _same_readonly(col, old[col.field], r.source.readonly[col.field]):
                warnings.append(str(handler.readonly_note) % {
                    "header": short_header(col.header), "row": r.source.number, "value": r.source.cells[col.field][1]})
    return warnings


def _same_readonly(col: Column, old, new) -> bool:
    if col.kind == "units":
        return sorted(old or ()) == sorted(new or ())
    if col.kind in ("decimal", "percent") and old is not None and new is not None:
        return abs(Decimal(old) - Decimal(new)) < Decimal("0.01")   # figures are shown rounded
    if col.kind == "text":
        return str(old or "").strip() == str(new or "").strip()
    return same(col, old, new)


def _confirm(preview: Preview, handler, resolved: list[Resolved], existing: dict, *, user, accept_matches: bool,
             progress: Progress | None) -> None:
    if preview.suggestions and not accept_matches:
        preview.problems.append(_("Some names were matched by similarity: confirm the suggested names first (nothing was written)."))
        return
    actions = {row.row: row.action for row in preview.rows}
    todo = [r for r in resolved if actions[r.source.number] != "unchanged"]
    bulk_creates, bulk_updates = hasattr(handler, "apply_creates"), hasattr(handler, "apply_updates")
    created = [r for r in todo if bulk_creates and actions[r.source.number] == "create"]
    updated = [r for r in todo if bulk_updates and actions[r.source.number] == "update"]
    in_bulk = {r.source.number for r in created} | {r.source.number for r in updated}
    one_by_one = [r for r in todo if r.source.number not in in_bulk]
    refused: list[tuple[int, str]] = []
    try:
        with transaction.atomic():
            if created:
                refused += handler.apply_creates(created, by=user)
            if updated:     # what can be written in bulk is; the rest joins the rows written one by one
                rest, refusals = handler.apply_updates(updated, existing, by=user)
                refused += refusals
                one_by_one += rest
            first = len(todo) - len(one_by_one)
            if progress is not None and first:
                progress(first, len(todo))
            for done, r in enumerate(one_by_one, first + 1):
                try:
                    handler.apply(r, existing.get(r.key), by=user)
                except ApplicationError as exc:
                    refused.append((r.source.number, exc.message))
                if progress is not None:
                    progress(done, len(todo))
            if not refused:
                refused += handler.finish(by=user)
            preview.problems += [_("Sheet “%(sheet)s” row %(row)s: %(message)s") % {
                "sheet": preview.sheet, "row": row, "message": message} for row, message in sorted(refused)]
            if preview.problems:
                raise _RollBack
    except _RollBack:
        return
    preview.written = True


class _RollBack(Exception):
    pass
