"""In a real browser: the office asks for a bulletin, follows its job to the end and downloads the file."""

import io

import docx
import pytest
from bulletins_world import build_bulletin_world

pytestmark = pytest.mark.browser

SUPERVISION = "截至2024年6月30日，共下发督办单4件，已办结1件，办结率25%，正在办理3件，其中超期2件。"


@pytest.fixture
def live_world(transactional_db):
    return build_bulletin_world()


@pytest.mark.parametrize("width", [1440, 390])
def test_a_bulletin_is_written_in_the_background_and_downloaded(live_world, live_server, new_page, settings,
                                                                tmp_path, width):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path
    page = new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "office")
    page.fill("#id_password", "pw-12345678")
    with page.expect_navigation():
        page.click("button[type=submit].primary")
    page.goto(f"{live_server.url}/bulletins/?district={live_world.district.pk}&date=2024-06-30")
    word = page.locator("button[data-kind=supervision][data-format=docx]")
    box = word.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width   # reachable on a phone too
    with page.expect_navigation():
        word.click()
    assert "/jobs/" in page.url
    assert page.inner_text("h1") == "通报“市中区-督查通报-20240630.docx”"
    assert page.inner_text("[data-testid=job-state]") == "已完成"
    with page.expect_download() as download_info:
        page.click("[data-testid=job-result]")
    download = download_info.value
    assert download.suggested_filename == "市中区-督查通报-20240630.docx"
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(download.path().read_bytes())).paragraphs)
    assert SUPERVISION in text
