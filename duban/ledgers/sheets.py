"""Ledger sheets: column layouts, writing them with openpyxl, and reading them back cell by cell.

A layout is a list of columns; each column knows its Chinese header (with the unit, e.g. 年度计划投资（万元）),
the other names offices give it (synonyms), how to parse a cell and how to format it. Reading finds the header
row by names, so merged title rows, extra columns and any column order are tolerated.
"""

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from python_calamine import CalamineWorkbook

from duban.core.numbers import format_day

KEY_HEADER = "_key"
HEADER_ROW = 3                     # title, district/date line, then the header row
UNIT_SEPARATORS = re.compile(r"[、,，;；/\n]+")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，－％", "0123456789.,-%")


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    kind: str = "text"             # text, decimal, int, date, choice, units, percent
    synonyms: tuple[str, ...] = ()
    width: int = 14
    choices: tuple[tuple[str, str], ...] = ()   # (stored value, Chinese label)
    readonly: bool = False         # computed figures: exported, never imported
    required: bool = False
    unit: str = ""                 # shown in the "expected" part of error messages

    def names(self) -> set[str]:
        return {normalise_header(n) for n in (self.header, *self.synonyms)}

    def label_of(self, value) -> str:
        return dict(self.choices).get(value, value or "")


@dataclass(frozen=True)
class Layout:
    kind: str
    title: str                     # 重点项目台账
    sheet: str
    columns: tuple[Column, ...]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.field == name)

    @property
    def editable(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if not c.readonly)


@dataclass(frozen=True)
class CellProblem:
    sheet: str
    row: int
    column: str                    # letter, e.g. "F"
    header: str
    value: str
    expected: str
    note: str = ""                 # a sentence saying what is wrong, instead of what was expected

    @property
    def message(self) -> str:
        if self.note:
            return _("Sheet “%(sheet)s” row %(row)s column %(column)s “%(header)s” (found “%(value)s”): %(note)s") % {
                "sheet": self.sheet, "row": self.row, "column": self.column, "header": self.header,
                "value": self.value, "note": self.note}
        return _("Sheet “%(sheet)s” row %(row)s column %(column)s “%(header)s”: expected %(expected)s, found “%(value)s”") % {
            "sheet": self.sheet, "row": self.row, "column": self.column, "header": self.header,
            "expected": self.expected, "value": self.value}


@dataclass
class SheetRow:
    number: int                    # the row number as Excel shows it
    key: str
    values: dict = field(default_factory=dict)
    cells: dict = field(default_factory=dict)   # field -> (column letter, raw text) for messages
    readonly: dict = field(default_factory=dict)    # field -> value of the columns an import does not write


def normalise_header(text) -> str:
    """Header text without spaces, line breaks, units in brackets or a trailing colon: 年度计划投资（万元） -> 年度计划投资."""
    text = str(text or "").translate(_FULL_WIDTH)
    text = re.sub(r"[（(][^）)]*[）)]", "", text)
    return re.sub(r"[\s:：*＊]", "", text)


def short_header(header: str) -> str:
    """The header without its unit: 年度计划投资（万元） -> 年度计划投资."""
    return re.sub(r"[（(][^）)]*[）)]", "", header).strip()


# Writing


def write_workbook(layout: Layout, rows: list[dict], *, district_name: str, year: int, on_date: datetime.date) -> bytes:
    """The ledger as an .xlsx file: title row, district and date, header with units, frozen, validated lists."""
    wb = Workbook()
    ws = wb.active
    ws.title = layout.sheet
    ncols = len(layout.columns) + 1
    last = get_column_letter(ncols - 1)
    ws["A1"] = f"{district_name}{year}年{layout.title}"
    ws["A1"].font = Font(size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.merge_cells(f"A1:{last}1")
    ws["A2"] = f"填报单位：{district_name}　　截至日期：{on_date.year}年{on_date.month}月{on_date.day}日"
    ws.merge_cells(f"A2:{last}2")
    fill = PatternFill("solid", fgColor="DDEBF7")
    for i, col in enumerate(layout.columns, 1):
        cell = ws.cell(HEADER_ROW, i, col.header)
        cell.font, cell.fill = Font(bold=True), fill
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        ws.column_dimensions[get_column_letter(i)].width = col.width
    ws.cell(HEADER_ROW, ncols, KEY_HEADER)
    ws.column_dimensions[get_column_letter(ncols)].hidden = True
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)
    for r, row in enumerate(rows, HEADER_ROW + 1):
        for i, col in enumerate(layout.columns, 1):
            _write_cell(ws.cell(r, i), col, row.get(col.field))
        ws.cell(r, ncols, row.get("_key", ""))
    _add_validations(ws, layout, max(len(rows), 1) + 500)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def _write_cell(cell, col: Column, value) -> None:
    if value is None or value == "" or value == ():
        return
    if col.kind == "choice":
        cell.value = col.label_of(value)
    elif col.kind == "units":
        cell.value = "、".join(value)
    elif col.kind in ("decimal", "percent"):
        cell.value = value
        cell.number_format = "#,##0.00" if col.kind == "decimal" else '0.00"%"'
    elif col.kind == "int":
        cell.value = int(value)
        cell.number_format = "0"
    elif col.kind == "date":
        cell.value = value
        cell.number_format = 'yyyy"年"m"月"d"日"'
    else:
        cell.value = str(value)


def _add_validations(ws, layout: Layout, nrows: int) -> None:
    for i, col in enumerate(layout.columns, 1):
        if col.kind != "choice" or col.readonly:
            continue
        labels = ",".join(label for _value, label in col.choices)
        dv = DataValidation(type="list", formula1=f'"{labels}"', allow_blank=True)
        letter = get_column_letter(i)
        dv.add(f"{letter}{HEADER_ROW + 1}:{letter}{HEADER_ROW + nrows}")
        ws.add_data_validation(dv)


# Reading


class HeaderNotFound(Exception):
    pass


def read_rows(layout: Layout, content: bytes) -> tuple[str, list[SheetRow], list[CellProblem], datetime.date | None]:
    """Rows of the first sheet whose header row names the layout's columns; each cell parsed, problems collected;
    and the ledger's date when a line above the header says it (``截至日期：2024年6月30日``), else None.

    Read with python-calamine (Rust): about ten times faster than openpyxl on a 10,000-row ledger.
    """
    try:
        wb = CalamineWorkbook.from_filelike(BytesIO(content))
    except Exception as exc:  # noqa: BLE001 - any unreadable file is the user's input error
        raise HeaderNotFound(_("This is not an Excel (.xlsx) file that can be read: %(error)s") % {"error": exc}) from exc
    try:
        for name in wb.sheet_names:
            values = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
            found = _find_header(values, layout)
            if found is not None:
                header_row, positions = found
                rows, problems = _parse_rows(name, values, layout, header_row, positions)
                return name, rows, problems, _date_above(values[:header_row - 1])
    finally:
        wb.close()
    required = "、".join(c.header for c in layout.editable if c.required)
    raise HeaderNotFound(_("No sheet has a header row with the columns of a %(title)s (at least %(required)s).") % {
        "title": layout.title, "required": required})


_AS_OF = re.compile(r"截至(?:日期)?[：:]?\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def _date_above(lines: list[list]) -> datetime.date | None:
    for cells in lines:
        for value in cells:
            m = _AS_OF.search(str(value or ""))
            if m:
                try:
                    return datetime.date(int(m[1]), int(m[2]), int(m[3]))
                except ValueError:
                    return None
    return None


def _find_header(values: list[list], layout: Layout, scan: int = 12) -> tuple[int, dict[str, int]] | None:
    required = [c for c in layout.editable if c.required]
    for number, cells in enumerate(values[:scan], 1):
        positions: dict[str, int] = {}
        for index, value in enumerate(cells):
            name = normalise_header(value)
            if not name:
                continue
            if name == KEY_HEADER:
                positions["_key"] = index
                continue
            for col in layout.columns:
                if col.field not in positions and name in col.names():
                    positions[col.field] = index
                    break
        if required and all(c.field in positions for c in required):
            return number, positions
    return None


def _parse_rows(sheet: str, values: list[list], layout: Layout, header_row: int,
                positions: dict[str, int]) -> tuple[list[SheetRow], list[CellProblem]]:
    rows, problems = [], []
    # Read-only columns are read too: a changed one is reported (never silently ignored), an invalid one refused.
    wanted = [(col, positions[col.field], get_column_letter(positions[col.field] + 1))
              for col in layout.columns if col.field in positions]
    for number, cells in enumerate(values[header_row:], header_row + 1):
        if all(v is None or str(v).strip() == "" for v in cells):
            continue
        row = SheetRow(number=number, key=_text(_at(cells, positions.get("_key"))))
        for col, index, letter in wanted:
            raw = _at(cells, index)
            row.cells[col.field] = (letter, _text(raw))
            try:
                (row.readonly if col.readonly else row.values)[col.field] = parse_cell(col, raw)
            except ValueError as exc:
                problems.append(CellProblem(sheet, number, letter, short_header(col.header), _text(raw), str(exc)))
        rows.append(row)
    return rows, problems


def _at(values, index):
    return values[index] if index is not None and index < len(values) else None


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    return str(value).strip()


def parse_cell(col: Column, raw):
    """The cell's value in the database's terms, or ValueError whose text says what was expected."""
    empty = raw is None or (isinstance(raw, str) and raw.strip() == "")
    if empty:
        if col.required:
            raise ValueError(_("a value (this column cannot be empty)"))
        return () if col.kind == "units" else (None if col.kind != "text" else "")
    return _PARSERS[col.kind](col, raw)


def _parse_text(col: Column, raw) -> str:
    return _text(raw)


def _parse_decimal(col: Column, raw) -> Decimal:
    if isinstance(raw, bool):
        raise ValueError(_expected_number(col))
    if isinstance(raw, (int, float, Decimal)):
        return Decimal(str(raw))
    text = str(raw).translate(_FULL_WIDTH).replace(",", "").replace(" ", "").strip()
    if col.kind == "percent":
        text = text.removesuffix("%")
    if col.unit and text.endswith(col.unit):
        text = text[: -len(col.unit)]
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(_expected_number(col)) from None
    if not value.is_finite():
        raise ValueError(_expected_number(col))
    return value


def _expected_number(col: Column) -> str:
    if col.unit:
        return _("a number (%(unit)s)") % {"unit": col.unit}
    return _("a number")


def _parse_int(col: Column, raw) -> int:
    value = _parse_decimal(col, raw)
    if value != value.to_integral_value() or value < 0:
        raise ValueError(_("a whole number of at least 0"))
    return int(value)


_DATE_PATTERNS = [
    re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$"),
]


def _parse_date(col: Column, raw) -> datetime.date:
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    text = str(raw).translate(_FULL_WIDTH).replace(" ", "").strip()
    for pattern in _DATE_PATTERNS:
        m = pattern.match(text)
        if m:
            try:
                return datetime.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                break
    raise ValueError(_("a date such as %(example)s") % {"example": format_day(datetime.date(2024, 6, 30))})


def _parse_choice(col: Column, raw) -> str:
    text = _text(raw)
    for value, label in col.choices:
        if text in (value, label):
            return value
    raise ValueError(_("one of %(labels)s") % {"labels": "、".join(f"「{label}」" for _v, label in col.choices)})


def _parse_units(col: Column, raw) -> tuple[str, ...]:
    names = [n.strip() for n in UNIT_SEPARATORS.split(_text(raw))]
    return tuple(n for n in names if n)


_PARSERS = {
    "text": _parse_text, "decimal": _parse_decimal, "percent": _parse_decimal, "int": _parse_int,
    "date": _parse_date, "choice": _parse_choice, "units": _parse_units,
}


def column_letters(layout: Layout) -> Iterator[tuple[Column, str]]:
    for i, col in enumerate(layout.columns, 1):
        yield col, get_column_letter(i)
