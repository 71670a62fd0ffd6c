"""A Bulletin as Word: docxtpl fills the office's template (or the shipped one) with sentences, tables, charts."""

import io
from pathlib import Path

from django.conf import settings
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docxtpl import DocxTemplate, InlineImage

from .charts import chart_png
from .content import Bulletin, Table

SHIPPED = Path(__file__).resolve().parent / "templates" / "bulletins" / "bulletin.docx"


def template_for(kind: str, district: str) -> Path:
    """First found: <dir>/<district>/<kind>.docx, <dir>/<district>/bulletin.docx, <dir>/<kind>.docx,
    <dir>/bulletin.docx with <dir> = settings.DUBAN_BULLETIN_TEMPLATES; else the shipped template."""
    folder = getattr(settings, "DUBAN_BULLETIN_TEMPLATES", "")
    if folder:
        root = Path(folder)
        for candidate in (root / district / f"{kind}.docx", root / district / "bulletin.docx",
                          root / f"{kind}.docx", root / "bulletin.docx"):
            if candidate.is_file():
                return candidate
    return SHIPPED


def _borders(table) -> None:
    """Grid lines set on the table itself, so that they show whatever styles an office's template has."""
    props = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", "000000")):
            element.set(qn(key), value)
        borders.append(element)
    props.append(borders)


def _cell(cell, text: str, *, bold: bool = False) -> None:
    run = cell.paragraphs[0].add_run(text)
    run.font.size = Pt(10.5)
    run.font.bold = bold


def table_subdoc(tpl: DocxTemplate, table: Table):
    sub = tpl.new_subdoc()
    grid = sub.add_table(rows=1 + len(table.rows), cols=len(table.columns))
    _borders(grid)
    for cell, text in zip(grid.rows[0].cells, table.columns):
        _cell(cell, text, bold=True)
    for row, values in zip(grid.rows[1:], table.rows):
        for cell, text in zip(row.cells, values):
            _cell(cell, text)
    return sub


def render_docx(bulletin: Bulletin, *, kind_label: str, template: Path | None = None) -> bytes:
    tpl = DocxTemplate(str(template or template_for(bulletin.kind, bulletin.district)))
    sections = [{
        "heading": s.heading, "paragraphs": s.paragraphs,
        "table": table_subdoc(tpl, s.table) if s.table and s.table.rows else None,
        "chart": InlineImage(tpl, io.BytesIO(chart_png(s.chart)), width=Mm(150)) if s.chart and s.chart.values else None,
    } for s in bulletin.sections]
    tpl.render({
        "kind": bulletin.kind, "kind_label": kind_label, "title": bulletin.title, "district": bulletin.district,
        "issuer": bulletin.issuer, "date_text": bulletin.date_text, "summary": bulletin.summary, "sections": sections,
    })
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()
