"""Build the shipped Word template (templates/bulletins/bulletin.docx) with python-docx.

Run ``python -m duban.bulletins.make_template`` after changing it. An office does not need this: it opens the
.docx in Word, changes headings, the red header (红头), fonts and page numbers, keeps the {{ }} / {% %} tags
(docxtpl, Jinja2) and drops the file into its template folder (docs/bulletins.md).
"""

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

TARGET = Path(__file__).resolve().parent / "templates" / "bulletins" / "bulletin.docx"
RED = RGBColor(0xC0, 0x00, 0x00)
# Fonts of party and government documents (GB/T 9704): 方正小标宋 titles, 黑体 headings, 仿宋 body.
TITLE_FONT, HEADING_FONT, BODY_FONT = "方正小标宋简体", "黑体", "仿宋_GB2312"


def _font(run, name: str, size: float, *, bold: bool = False, color: RGBColor | None = None) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
    if color is not None:
        run.font.color.rgb = color


def _para(doc, text: str, font: str, size: float, *, align=None, indent: bool = False, **kw):
    paragraph = doc.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(size * 2)
    paragraph.paragraph_format.line_spacing = Pt(28)
    _font(paragraph.add_run(text), font, size, **kw)
    return paragraph


def _red_rule(paragraph) -> None:
    """The red line under the red header: a bottom border of the paragraph."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "18"), ("w:space", "4"), ("w:color", "C00000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _page_number(section) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(paragraph.add_run("— "), BODY_FONT, 14)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    _font(paragraph.add_run(" —"), BODY_FONT, 14)


def build() -> Path:
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    center = WD_ALIGN_PARAGRAPH.CENTER
    _para(doc, "{{ issuer }}", TITLE_FONT, 30, align=center, color=RED)
    _para(doc, "{{ kind_label }}", BODY_FONT, 16, align=center)
    _red_rule(_para(doc, "{{ date_text }}", BODY_FONT, 14, align=WD_ALIGN_PARAGRAPH.RIGHT))
    _para(doc, "{{ title }}", TITLE_FONT, 22, align=center)
    _para(doc, "{%p for para in summary %}", BODY_FONT, 16)
    _para(doc, "{{ para }}", BODY_FONT, 16, indent=True)
    _para(doc, "{%p endfor %}", BODY_FONT, 16)
    _para(doc, "{%p for section in sections %}", BODY_FONT, 16)
    _para(doc, "{{ section.heading }}", HEADING_FONT, 16)
    _para(doc, "{%p for para in section.paragraphs %}", BODY_FONT, 16)
    _para(doc, "{{ para }}", BODY_FONT, 16, indent=True)
    _para(doc, "{%p endfor %}", BODY_FONT, 16)
    _para(doc, "{%p if section.chart %}", BODY_FONT, 16)
    _para(doc, "{{ section.chart }}", BODY_FONT, 16, align=center)
    _para(doc, "{%p endif %}", BODY_FONT, 16)
    _para(doc, "{%p if section.table %}", BODY_FONT, 16)
    _para(doc, "{{p section.table }}", BODY_FONT, 12)
    _para(doc, "{%p endif %}", BODY_FONT, 16)
    _para(doc, "{%p endfor %}", BODY_FONT, 16)
    _para(doc, "{{ issuer }}", BODY_FONT, 16, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(doc, "{{ date_text }}", BODY_FONT, 16, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    doc.save(TARGET)
    return TARGET


if __name__ == "__main__":
    print(build())
