"""A Bulletin as PDF with fpdf2 and the shipped CJK font (embedded as a per-document subset).

Chinese has no spaces between words: text wraps by character (WrapMode.CHAR). Layout follows the shipped Word template: red header (红头) and rule, title, numbered headings, sentences,
charts, tables, page numbers. The title is drawn at TITLE_TOP so that tests can find it on the rendered page.
"""

import io

from fpdf import FPDF
from fpdf.fonts import FontFace

from .charts import chart_png
from .content import Bulletin, Table
from .fonts import CJK_FONT

FONT = "cjk"
RED = (192, 0, 0)
TITLE_TOP, TITLE_SIZE, TITLE_HEIGHT = 62.0, 20, 12.0   # mm, pt, mm
BODY_SIZE, LINE = 13, 7.5


class _PDF(FPDF):
    def footer(self):
        self.set_y(-18)
        self.set_font(FONT, size=11)
        self.cell(0, 8, f"— {self.page_no()} —", align="C")


def _new_pdf(bulletin: Bulletin) -> _PDF:
    pdf = _PDF(format="A4")
    pdf.set_margins(26, 30, 24)
    pdf.set_auto_page_break(True, margin=25)
    pdf.add_font(FONT, fname=str(CJK_FONT))
    pdf.set_title(bulletin.title)
    pdf.set_author(bulletin.issuer)
    pdf.set_creator("duban")
    pdf.add_page()
    return pdf


def _header(pdf: _PDF, bulletin: Bulletin, kind_label: str) -> None:
    pdf.set_text_color(*RED)
    pdf.set_font(FONT, size=26)
    pdf.cell(0, 14, bulletin.issuer, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(FONT, size=14)
    pdf.cell(0, 8, kind_label, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 8, bulletin.date_text, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(*RED)
    pdf.set_line_width(0.8)
    pdf.line(pdf.l_margin, pdf.get_y() + 1, pdf.w - pdf.r_margin, pdf.get_y() + 1)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.2)
    pdf.set_y(TITLE_TOP)
    pdf.set_font(FONT, size=TITLE_SIZE)
    pdf.multi_cell(0, TITLE_HEIGHT, bulletin.title, align="C", new_x="LMARGIN", new_y="NEXT", wrapmode="CHAR")
    pdf.ln(3)


def _paragraph(pdf: _PDF, text: str) -> None:
    pdf.set_font(FONT, size=BODY_SIZE)
    pdf.multi_cell(0, LINE, "\u3000\u3000" + text, new_x="LMARGIN", new_y="NEXT", wrapmode="CHAR")


def _table(pdf: _PDF, table: Table) -> None:
    pdf.set_font(FONT, size=9)
    widths = tuple(table.widths) if table.widths and len(table.widths) == len(table.columns) else None
    with pdf.table(col_widths=widths, line_height=5.5, headings_style=FontFace(emphasis=None, fill_color=(235, 235, 235)),
                   text_align="LEFT") as grid:
        grid.row(table.columns)
        for values in table.rows:
            grid.row(values)
    pdf.ln(3)


def render_pdf(bulletin: Bulletin, *, kind_label: str) -> bytes:
    pdf = _new_pdf(bulletin)
    _header(pdf, bulletin, kind_label)
    for text in bulletin.summary:
        _paragraph(pdf, text)
    for section in bulletin.sections:
        pdf.ln(2)
        pdf.set_font(FONT, size=15)
        pdf.multi_cell(0, 9, section.heading, new_x="LMARGIN", new_y="NEXT", wrapmode="CHAR")
        for text in section.paragraphs:
            _paragraph(pdf, text)
        if section.chart and section.chart.values:
            pdf.image(io.BytesIO(chart_png(section.chart)), w=150, x=(pdf.w - 150) / 2)
            pdf.ln(2)
        if section.table and section.table.rows:
            _table(pdf, section.table)
    return bytes(pdf.output())
