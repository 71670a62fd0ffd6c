"""Generated bulletins say what ``duban status`` says for the same district and date, in Word and in PDF,
and the PDF shows Chinese with the shipped font (glyph coverage, and a rendered page compared with Pillow)."""

import io
import json
import re
from decimal import Decimal

import docx
import pypdfium2
import pytest
from bulletins_world import ON_DATE
from django.core.management import CommandError, call_command
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont
from pypdf import PdfReader

from duban.bulletins import sentences as say
from duban.bulletins.fonts import CJK_FONT
from duban.bulletins.generate import bulletin_render
from duban.bulletins.render_pdf import RED
from duban.tracking import rules

LAGGING = ("red", "yellow")


def squeeze(text: str) -> str:
    """Line breaks and the spaces a PDF extractor puts between glyphs do not count."""
    return re.sub(r"\s+", "", text)


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def status_rows(world):
    out = io.StringIO()
    call_command("status", "--date", ON_DATE.isoformat(), "--district", "市中区", "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def expected_lagging(rows):
    behind = [r for r in rows if r["light"] in LAGGING]
    behind.sort(key=lambda r: (-rules.SEVERITY[r["light"]], Decimal(str(r["gap_pp"] or 0)), r["code"]))
    return [say.lagging_line(i, r["title"], r["unit"], r["reasons"]) for i, r in enumerate(behind, 1)]


def expected_investment(rows):
    projects = [r for r in rows if r["type"] == "project_year" and r["target"]]
    assert len(projects) == 1  # the world's one project: its 双过半 is the group's
    parts = [(Decimal(str(r["actual"] or 0)), Decimal(str(r["target"]))) for r in projects]
    rate, _formula = rules.sum_ratio(parts)
    time_progress = Decimal(str(projects[0]["time_progress_pct"]))
    return say.investment_sentence(say.Investment(
        len(projects), sum(a for a, _p in parts), sum(p for _a, p in parts), rate,
        rules.gap(rate, time_progress), projects[0]["double_half"]))


def test_half_year_bulletin_matches_duban_status_in_word_and_pdf(world, status_rows):
    counts = {light: sum(1 for r in status_rows if r["light"] == light) for light in rules.SEVERITY}
    expected = [say.lights_sentence(counts), expected_investment(status_rows), *expected_lagging(status_rows)]
    assert len(expected) > 3 and counts["red"] and counts["yellow"]  # the world has lagging items
    word = docx_text(bulletin_render(kind="half-year", district=world.district, on_date=ON_DATE, fmt="docx"))
    pdf = pdf_text(bulletin_render(kind="half-year", district=world.district, on_date=ON_DATE, fmt="pdf"))
    for sentence in expected:
        assert sentence in word
        assert squeeze(sentence) in squeeze(pdf)
    assert "市中区半年评议通报（截至2024年6月30日）" in word
    assert "一、总体情况" in word and "二、各单位“双过半”情况" in word


def test_project_bulletin_reports_the_investment_sentence_and_lagging_projects(world, status_rows):
    projects = [r for r in status_rows if r["type"] == "project_year"]
    data = bulletin_render(kind="projects", district=world.district, on_date=ON_DATE, fmt="docx")
    word = docx_text(data)
    assert expected_investment(status_rows) in word
    # the world's project: 4,877万元 of a 1亿元 plan at the end of June (generated figures, fixed seed)
    assert "1个重点项目完成投资4,877.00万元，占年度计划的48.77%，低于时序进度1.23个百分点，未实现“双过半”。" in word
    assert "1个区级重点项目完成投资4,877.00万元" in word
    for sentence in expected_lagging(projects) or ["无进度滞后事项。"]:
        assert sentence in word
    assert len(docx.Document(io.BytesIO(data)).inline_shapes) == 1  # the chart by category, as an image


def test_supervision_bulletin_counts_orders_as_of_the_date(world):
    pdf = pdf_text(bulletin_render(kind="supervision", district=world.district, on_date=ON_DATE, fmt="pdf"))
    # DB-1..DB-4 issued by 30 June; only DB-1 closed by then; DB-2 and DB-4 past their deadline; DB-5 later
    assert squeeze("截至2024年6月30日，共下发督办单4件，已办结1件，办结率25%，正在办理3件，其中超期2件。") in squeeze(pdf)
    assert squeeze("以下单位存在超期未办结督办单，予以通报：区住建局、区发改局。") in squeeze(pdf)
    assert "DB-5" not in pdf


def test_livelihood_and_year_end_bulletins_render(world, status_rows):
    subs = [r for r in status_rows if r["type"] == "livelihood_sub_item"]
    counts = {light: sum(1 for r in subs if r["light"] == light) for light in rules.SEVERITY}
    word = docx_text(bulletin_render(kind="livelihood", district=world.district, on_date=ON_DATE, fmt="docx"))
    assert say.livelihood_sentence(1, counts) in word
    tasks = [r for r in status_rows if r["type"] == "task"]
    year_end = docx_text(bulletin_render(kind="year-end", district=world.district, on_date=ON_DATE, fmt="docx"))
    assert say.tasks_sentence(len(tasks), sum(1 for r in tasks if r["light"] == "done"),
                              sum(1 for r in tasks if r["light"] in LAGGING)) in year_end


def pixels(image: Image.Image):
    data = image.convert("RGB").tobytes()
    return zip(data[0::3], data[1::3], data[2::3])


def ink(image: Image.Image) -> int:
    """Pixels that are not (nearly) white."""
    return sum(1 for r, g, b in pixels(image) if r + g + b < 600)


def test_pdf_shows_chinese_glyphs_from_the_shipped_font(world):
    data = bulletin_render(kind="half-year", district=world.district, on_date=ON_DATE, fmt="pdf")
    reader = PdfReader(io.BytesIO(data))
    fonts = {str(f["/BaseFont"]) for page in reader.pages for f in (page["/Resources"]["/Font"].get_object().values())}
    assert fonts and all("NotoSans" in name for name in fonts)
    covered = TTFont(CJK_FONT).getBestCmap()
    chars = {c for c in pdf_text(data) if not c.isspace()}
    assert {c for c in chars if "\u4e00" <= c <= "\u9fff"} > set("市中区半年评议通报")
    assert not [c for c in chars if ord(c) not in covered]
    # The red header (the issuer, 26 pt at the top margin) rendered by pdfium against Pillow with the same font.
    scale = 2  # 144 dpi: 2 px per pt
    page = pypdfium2.PdfDocument(data)[0].render(scale=scale).to_pil()
    mm = 72 / 25.4 * scale
    band = page.crop((0, int(30 * mm), page.width, int(44 * mm)))
    reds = sum(1 for r, g, b in pixels(band) if r > 120 and g < 90 and b < 90)
    reference = Image.new("RGB", (page.width, band.height), "white")
    ImageDraw.Draw(reference).text((10, 4), "区委督查室", font=ImageFont.truetype(str(CJK_FONT), 26 * scale), fill=RED)
    assert 0.8 < ink(band) / ink(reference) < 1.25
    assert reds > 0.3 * ink(reference)   # red glyph strokes, not empty boxes


def test_command_writes_word_and_pdf_and_refuses_other_formats(world, tmp_path):
    target = tmp_path / "tb.docx"
    out = io.StringIO()
    call_command("bulletin", "projects", "--date", "2024-06-30", "--district", "市中区", "-o", str(target), stdout=out)
    assert "市中区重点项目月通报（截至2024-06-30）已写入" in out.getvalue()
    assert "重点项目完成投资" in docx_text(target.read_bytes())
    with pytest.raises(CommandError, match="通报只能生成 .docx 或 .pdf 文件，不能生成“.xlsx”"):
        call_command("bulletin", "projects", "--date", "2024-06-30", "-o", str(tmp_path / "x.xlsx"))
    with pytest.raises(CommandError, match="没有“火星区”这个区县|火星区"):
        call_command("bulletin", "projects", "--district", "火星区", "-o", str(target))


def test_an_office_template_per_district_replaces_the_shipped_one(world, tmp_path, settings):
    folder = tmp_path / "templates" / "市中区"
    folder.mkdir(parents=True)
    custom = docx.Document()
    custom.add_paragraph("市中区人民政府办公室（自定义红头）")
    custom.add_paragraph("{{ title }}")
    custom.add_paragraph("{%p for para in summary %}")
    custom.add_paragraph("{{ para }}")
    custom.add_paragraph("{%p endfor %}")
    custom.save(folder / "supervision.docx")
    settings.DUBAN_BULLETIN_TEMPLATES = str(tmp_path / "templates")
    word = docx_text(bulletin_render(kind="supervision", district=world.district, on_date=ON_DATE, fmt="docx"))
    assert word.splitlines()[:2] == ["市中区人民政府办公室（自定义红头）", "市中区督查通报（截至2024年6月30日）"]
    assert word.splitlines()[2] == "现将截至2024年6月30日市中区督办事项办理情况通报如下："
    # another kind still uses the shipped template
    other = docx_text(bulletin_render(kind="projects", district=world.district, on_date=ON_DATE, fmt="docx"))
    assert "自定义红头" not in other and other.splitlines()[0] == "区委督查室"


def test_loading_a_bulletin_takes_the_same_queries_whatever_the_number_of_orders_and_units(world):
    from bulletins_world import _order
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from duban.bulletins.selectors import bulletin_data
    from duban.org.models import Organisation, OrgKind

    with CaptureQueriesContext(connection) as before:
        bulletin_data(world.district, ON_DATE)
    for i in range(5):
        unit = Organisation.objects.create(name=f"街道{i}", kind=OrgKind.STREET, parent=world.district)
        _order(world, f"DB-X{i}", unit, (2024, 2, 1), (2024, 3, 1))
    with CaptureQueriesContext(connection) as after:
        data = bulletin_data(world.district, ON_DATE)
    assert len(data.orders) == 9
    assert len(after.captured_queries) == len(before.captured_queries)
