"""The review screens through Django's test client: upload, review page, htmx row actions, edit, bulk, records."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext

from duban.ingest.models import Candidate, SourceDocument
from duban.plans.models import Task

from ingest_review_data import PASSWORD, REPORT, candidate

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def office(client, world):
    client.login(username="office", password=PASSWORD)
    return client


def test_pasting_a_report_redirects_to_its_review(office, world):
    response = office.post(reverse("ingest:upload"), {"district": world.district.pk, "text": REPORT, "year": ""})
    document = SourceDocument.objects.get()
    assert response.status_code == 302 and response.url == reverse("ingest:review", args=[document.pk])
    assert document.candidates.count() == 5


def test_uploading_a_file_reads_it(office, world):
    upload = SimpleUploadedFile("report.txt", REPORT.encode("gb18030"), content_type="text/plain")
    response = office.post(reverse("ingest:upload"), {"district": world.district.pk, "file": upload, "year": "2024"})
    assert response.status_code == 302
    document = SourceDocument.objects.get()
    assert (document.filename, document.text, document.year_inferred) == ("report.txt", REPORT, False)


def test_uploading_the_same_text_again_says_so_and_opens_the_same_review(office, world, uploaded):
    response = office.post(reverse("ingest:upload"), {"district": world.district.pk, "text": REPORT}, follow=True)
    assert response.redirect_chain == [(reverse("ingest:review", args=[uploaded.pk]), 302)]
    assert gettext("This text was uploaded before; its review is re-opened.") in response.content.decode()
    assert SourceDocument.objects.count() == 1


def _pdf_without_text() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("name, data, message", [
    ("empty.txt", b"", "empty.txt：文件为空"),
    ("photo.txt", bytes(range(256)) * 40, "photo.txt：看起来是二进制文件，不是文本、.docx 或 PDF"),
    ("latin.txt", "Ærø Ålborg Øresund straße".encode("cp1252") + bytes([0x81, 0x8d, 0x9d]) * 30,
     ("latin.txt：无法识别文本编码（不是 UTF-8、GB18030/GBK 或 Big5）：第 1 行（字节位置 0）的字节 C6 "
      "不是 UTF-8；请另存为 UTF-8 编码")),
    ("scan.pdf", None, "scan.pdf：PDF 没有文字层（可能是扫描件）；请先做文字识别（OCR），或直接粘贴文本"),
])
def test_bad_files_show_the_readers_message_and_create_nothing(office, world, name, data, message):
    data = _pdf_without_text() if data is None else data
    upload = SimpleUploadedFile(name, data)
    response = office.post(reverse("ingest:upload"), {"district": world.district.pk, "file": upload, "year": "2024"})
    assert response.status_code == 400
    errors = response.context["form"].non_field_errors() + response.context["form"].errors.get("file", [])
    assert message in errors, errors
    assert message in response.content.decode()
    assert SourceDocument.objects.count() == 0 and Candidate.objects.count() == 0


@pytest.mark.parametrize("memory_limit", [10 * 1024 * 1024, 100], ids=["in-memory", "on-disk"])
def test_a_file_over_the_readers_limit_shows_its_message(office, world, settings, monkeypatch, memory_limit):
    from duban.ingest import readers

    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = memory_limit
    monkeypatch.setattr(readers, "MAX_BYTES", 1024)
    upload = SimpleUploadedFile("big.txt", "启动25条道路。".encode() * 200)
    response = office.post(reverse("ingest:upload"), {"district": world.district.pk, "file": upload, "year": "2024"})
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "big.txt：文件大小为 0.0 MB，超过报告上限 0 MB；请拆分文件，或检查是否选错了文件"]
    assert SourceDocument.objects.count() == 0


def test_neither_file_nor_text_is_a_form_error(office, world):
    response = office.post(reverse("ingest:upload"), {"district": world.district.pk})
    assert response.status_code == 400
    assert len(response.context["form"].non_field_errors()) == 1
    assert SourceDocument.objects.count() == 0


def test_review_page_highlights_every_candidate_and_groups_them_by_section(office, uploaded):
    response = office.get(reverse("ingest:review", args=[uploaded.pk]))
    html = response.content.decode()
    for c in uploaded.candidates.all():
        assert f'<mark id="mark-{c.pk}" data-id="{c.pk}" class="st-pending"' in html
        assert f'id="cand-{c.pk}"' in html
    assert [s.title for s in response.context["sections"]] == ["一、2023年工作回顾", "二、2024年主要目标"]
    assert [len(s.candidates) for s in response.context["sections"]] == [2, 3]
    text = "".join(seg.text for seg in response.context["segments"])
    assert text == REPORT


def test_htmx_accept_returns_the_row_and_the_highlight_out_of_band(office, uploaded):
    c = candidate(uploaded, "25条")
    response = office.post(reverse("ingest:accept", args=[c.pk]), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<li id="cand-{c.pk}" class="cand st-accepted"' in html
    assert f'<mark id="mark-{c.pk}" data-id="{c.pk}" class="st-accepted"' in html and 'hx-swap-oob="true"' in html
    assert Task.objects.get().target_text == "25条"
    assert '<p class="small" id="counts" data-testid="counts" hx-swap-oob="true">' in html
    assert response.context["counts"] == {"pending": 4, "accepted": 1, "edited": 0, "rejected": 0}


def test_htmx_accept_error_is_shown_in_the_row(office, uploaded):
    c = candidate(uploaded, "1161.7亿元")
    Candidate.objects.filter(pk=c.pk).update(period="")
    response = office.post(reverse("ingest:accept", args=[c.pk]), **HTMX)
    assert 'data-testid="row-error"' in response.content.decode()
    c.refresh_from_db()
    assert c.status == "pending"


def test_htmx_reject(office, uploaded):
    c = candidate(uploaded, "13处")
    response = office.post(reverse("ingest:reject", args=[c.pk]), **HTMX)
    assert 'class="cand st-rejected"' in response.content.decode()


def test_edit_form_then_accept_with_changes(office, uploaded):
    c = candidate(uploaded, "1.76万人")
    form_html = office.get(reverse("ingest:edit", args=[c.pk]), **HTMX).content.decode()
    assert 'name="value" value="17600"' in form_html
    response = office.post(reverse("ingest:edit", args=[c.pk]), {
        "value": "18000", "unit": "人", "metric": "城镇新增就业人数", "qualifier": "", "aspect": "level",
        "kind": "target", "period": "2024", "target": "task", "link": "", "project_field": "annual_plan",
    }, **HTMX)
    assert 'class="cand st-edited"' in response.content.decode()
    task = Task.objects.get()
    assert (task.target_value, task.target_unit, task.title) == (18000, "人", "城镇新增就业1.76万人")


def test_edit_without_htmx_is_a_page_and_redirects(office, uploaded):
    c = candidate(uploaded, "25条")
    assert office.get(reverse("ingest:edit", args=[c.pk])).status_code == 200
    response = office.post(reverse("ingest:edit", args=[c.pk]), {
        "value": "26", "unit": "条", "metric": "市政道路", "qualifier": "", "aspect": "level", "kind": "target",
        "period": "2024", "target": "task", "link": "", "project_field": "annual_plan",
    })
    assert response.status_code == 302
    assert Task.objects.get().target_value == 26


def test_edit_with_a_bad_period_shows_the_error(office, uploaded):
    c = candidate(uploaded, "25条")
    response = office.post(reverse("ingest:edit", args=[c.pk]), {
        "value": "26", "unit": "条", "metric": "市政道路", "aspect": "level", "kind": "target",
        "period": "明年", "target": "task", "link": "", "project_field": "annual_plan",
    }, **HTMX)
    assert response.status_code == 200 and "period" in response.context["form"].errors
    assert Task.objects.count() == 0


def test_bulk_accept_from_the_page(office, uploaded):
    ids = [candidate(uploaded, q).pk for q in ("25条", "13处")]
    response = office.post(reverse("ingest:bulk", args=[uploaded.pk]), {"ids": ids, "action": "accept"})
    assert response.status_code == 302
    assert sorted(Task.objects.values_list("target_text", flat=True)) == ["13处", "25条"]


def test_records_page_lists_exactly_the_accepted_items_with_their_source(office, uploaded):
    office.post(reverse("ingest:accept", args=[candidate(uploaded, "25条").pk]))
    office.post(reverse("ingest:reject", args=[candidate(uploaded, "13处").pk]))
    response = office.get(reverse("ingest:records", args=[uploaded.pk]))
    rows = response.context["candidates"]
    assert [(c.quote, c.record_value, c.record_source) for c in rows] == [
        ("25条", "25条", "据2024年政府工作报告第5段：「启动25条市政道路建设」"),
    ]
    assert "据2024年政府工作报告第5段：「启动25条市政道路建设」" in response.content.decode()
