"""Every bad query or form value, oversized file and decompression bomb gets a clear refusal, never a 500."""

import io
import struct
import time
import tracemalloc
import zipfile
import zlib
from datetime import timedelta

import pytest
from django.core.exceptions import BadRequest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict
from django.utils import timezone

from duban.core import params
from duban.core.errors import ApplicationError
from duban.ingest.readers import DocumentError, read_document
from duban.tracking.evidence import check_upload
from duban.tracking.models import Evidence, ExtensionRequest, ItemType, SupervisionOrder

from security_world import png_bytes


def png_bomb(width: int, height: int) -> bytes:
    """A valid greyscale PNG of width × height black pixels, compressed to a few hundred KB, built in chunks."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    compressor, row, parts = zlib.compressobj(9), b"\x00" * (width + 1), []
    for _ in range(height):
        parts.append(compressor.compress(row))
    parts.append(compressor.flush())
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", b"".join(parts)) + chunk(b"IEND", b"")


def docx_bomb(unpacked_mb: int) -> bytes:
    """A .docx-shaped zip whose one part unpacks to ``unpacked_mb`` MB of zeros (written in 1 MB chunks)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            block = b"\x00" * (1024 * 1024)
            for _ in range(unpacked_mb):
                part.write(block)
    return buffer.getvalue()


# --- the helper ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("raw, message", [
    ("abc", "“year”必须是整数，而不是“abc”"),
    ("-1", "“year”必须在 2000 到 2100 之间，而不是 -1"),
    ("10000", "“year”必须在 2000 到 2100 之间，而不是 10000"),
])
def test_a_bad_year_is_a_bad_request_naming_the_parameter(raw, message):
    with pytest.raises(BadRequest) as refused:
        params.optional_year(QueryDict(f"year={raw}"))
    assert str(refused.value) == message


def test_ids_past_a_64_bit_key_are_refused():
    with pytest.raises(BadRequest, match="ids"):
        params.id_list(QueryDict("ids=1&ids=99999999999999999999"), "ids")
    assert params.id_list(QueryDict("ids=1&ids=9223372036854775807"), "ids") == [1, 9223372036854775807]


def test_file_names_are_shortened_keeping_the_extension_and_dropping_folders():
    assert params.safe_filename("../../etc/" + "报" * 300 + ".docx") == "报" * 38 + ".docx"
    assert params.safe_filename("C:\\Users\\a\\报告.pdf") == "报告.pdf"
    assert params.safe_filename("a\x00b\n.png") == "ab.png"
    assert params.safe_filename("..") == "file"
    assert params.safe_filename("x" * 300) == "x" * 120


# --- the pages -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [
    "/tracking/status/?year=-1", "/tracking/status/?year=10000", "/tracking/not-reported/?year=abc",
    "/tracking/orders/?district=99999999999999999999", "/tracking/status/?date=9999-12-31",
    "/tracking/status/?date=abc", "/?year=10000", "/?district=abc",
])
def test_bad_query_values_are_400_with_the_reason(sec_world, login, url):
    response = login(sec_world.users["HOME_office"]).get(url)
    assert response.status_code == 400
    assert "请求无效" in response.content.decode()


@pytest.mark.parametrize("url", ["/tracking/orders/99999999999999999999/", "/tracking/reports/99999999999999999999/review/",
                                 "/tracking/items/task/99999999999999999999/"])
def test_path_ids_past_a_database_key_are_404(sec_world, login, url):
    assert login(sec_world.users["HOME_office"]).get(url).status_code == 404


def test_ranking_form_with_a_non_numeric_scope_is_400(sec_world, login):
    response = login(sec_world.users["HOME_office"]).post("/tracking/ranking/", {"scope": "abc", "rubric": "1"})
    assert response.status_code == 400
    assert "“scope”必须是整数" in response.content.decode()


def test_extension_decision_with_a_non_numeric_extension_is_400(sec_world, login):
    order = SupervisionOrder.objects.get(pk=sec_world.home.order_id)
    response = login(sec_world.users["HOME_office"]).post(
        f"/tracking/orders/{order.pk}/decide/", {"extension": "abc", "approve": "1"})
    assert response.status_code == 400
    assert ExtensionRequest.objects.count() == 0


def test_an_order_deadline_past_2100_is_a_form_error(sec_world, login):
    client = login(sec_world.users["HOME_office"])
    response = client.post("/tracking/orders/new/", {
        "title": "督办", "content": "要求", "deadline": "9999-12-31", "lead_unit": sec_world.home.unit.pk})
    assert response.status_code == 400
    assert "日期必须在 2000 至 2100 年之间" in response.content.decode()


def test_free_text_longer_than_the_limit_is_a_form_error(sec_world, login):
    client = login(sec_world.users["HOME_office"])
    deadline = (timezone.localdate() + timedelta(days=5)).isoformat()
    response = client.post("/tracking/orders/new/", {
        "title": "督办", "content": "长" * (params.LONG_TEXT + 1), "deadline": deadline,
        "lead_unit": sec_world.home.unit.pk})
    assert response.status_code == 400
    assert SupervisionOrder.objects.filter(title="督办").count() == 0


def test_a_300_character_file_name_is_stored_shortened(sec_world, login, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = login(sec_world.users["HOME_reporter"])
    order = SupervisionOrder.objects.get(pk=sec_world.home.order_id)
    client.post(f"/tracking/orders/{order.pk}/sign/")
    name = "照" * 300 + ".png"
    response = client.post(f"/tracking/orders/{order.pk}/feedback/", {
        "text": "已完成", "files": SimpleUploadedFile(name, png_bytes(), content_type="image/png")})
    assert response.status_code == 302
    evidence = Evidence.objects.get(feedback__order=order)
    assert evidence.original_name == "照" * 38 + ".png"
    assert len(evidence.file.name) <= 300


# --- decompression bombs ---------------------------------------------------------------------------------


def test_a_15000_by_15000_png_is_refused_before_decoding():
    bomb = png_bomb(15000, 15000)
    assert len(bomb) < 400_000
    tracemalloc.start()
    with pytest.raises(ApplicationError) as refused:
        check_upload(SimpleUploadedFile("bomb.png", bomb, content_type="image/png"))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert refused.value.message == "图片过大：bomb.png 超过 60 百万像素"
    assert peak < 10 * 1024 * 1024


def test_a_small_docx_unpacking_to_200_mb_is_refused_fast_and_without_unpacking():
    bomb = docx_bomb(200)
    assert len(bomb) < 400_000
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(DocumentError) as refused:
        read_document(bomb, "bomb.docx")
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert str(refused.value) == "Office 文件被拒绝：bomb.docx 解压后为 200 MB（至多 100 MB）"
    assert elapsed < 1.0                 # (the attack run waited 16 s)
    assert peak < 20 * 1024 * 1024      # (the attack run saw 800 MB)
    with pytest.raises(ApplicationError, match="解压后为 200 MB"):
        check_upload(SimpleUploadedFile("bomb.docx", bomb))


def test_a_report_with_an_image_bomb_stores_nothing(sec_world, login, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = login(sec_world.users["HOME_reporter"])
    task = sec_world.home.items["other_task"]
    response = client.post(f"/tracking/items/{ItemType.TASK}/{task}/report/", {
        "percent": "10", "files": SimpleUploadedFile("x.png", png_bomb(12000, 12000), content_type="image/png")})
    assert response.status_code in (400, 403)
    assert not any(tmp_path.rglob("*x.png"))
    assert Evidence.objects.filter(original_name="x.png").count() == 0


def test_an_image_over_the_limit_but_under_pillows_own_is_refused_with_its_size(settings):
    settings.DUBAN_IMAGE_MAX_PIXELS = 1_000_000
    with pytest.raises(ApplicationError) as refused:
        check_upload(SimpleUploadedFile("big.png", png_bomb(2000, 1000), content_type="image/png"))
    assert refused.value.message == "图片过大：big.png 为 2000 × 1000 像素（至多 1 百万像素）"
