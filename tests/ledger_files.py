"""Helpers of the ledger tests: a workbook with cells changed, the column letter of a header."""

from io import BytesIO

from openpyxl import load_workbook


def edit(content: bytes, changes: dict[str, object], sheet_row_offset: int = 0) -> bytes:
    """The workbook with cells changed, e.g. {"J4": 13000}."""
    wb = load_workbook(BytesIO(content))
    ws = wb.active
    for ref, value in changes.items():
        ws[ref] = value
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def header_letter(content: bytes, header: str, row: int = 3) -> str:
    ws = load_workbook(BytesIO(content)).active
    for cell in ws[row]:
        if cell.value == header:
            return cell.column_letter
    raise KeyError(header)
