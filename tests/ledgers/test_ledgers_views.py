"""The Excel page: who sees it, downloads, upload → preview → confirm."""

from io import BytesIO

from ledger_files import edit
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from duban.ledgers.permissions import can_export_ledger, can_import_ledger, can_use_ledgers
from duban.projects.models import ProjectYear


def test_permission_matrix(world):
    d = world.district
    assert [can_use_ledgers(u, d) for u in (world.office, world.projects, world.reporter)] == [True, True, False]
    assert [can_import_ledger(world.office, d, k) for k in ("plan", "projects", "livelihood", "orders", "indicators")] == [
        True, False, True, True, True]
    assert [can_import_ledger(world.projects, d, k) for k in ("plan", "projects", "expropriation", "orders",
                                                              "indicators")] == [False, True, True, False, False]
    assert can_export_ledger(world.reporter, d, "plan") is False


def test_page_download_upload_preview_confirm(world, client):
    client.force_login(world.projects)
    page = client.get(f"/ledgers/?district={world.district.pk}&year=2024")
    assert page.status_code == 200
    assert [k for k, _label in page.context["importable"]] == ["projects", "expropriation"]
    download = client.get(f"/ledgers/export/projects/?district={world.district.pk}&year=2024&date=2024-06-30")
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    assert load_workbook(BytesIO(download.content)).active["A4"].value == "P001"
    changed = edit(download.content, {"J4": 14000})
    preview = client.post("/ledgers/import/", {"district": world.district.pk, "year": 2024, "kind": "projects",
                                               "file": SimpleUploadedFile("p.xlsx", changed)})
    assert preview.status_code == 200
    assert "年度计划投资：12000 → 14000" in preview.content.decode()
    assert ProjectYear.objects.get(project=world.p1).annual_plan == 12000
    done = client.post("/ledgers/import/confirm/", {"token": preview.context["token"]}, follow=True)
    assert "已导入 p.xlsx：新增0行，修改1行，不变0行。" in done.content.decode()
    assert ProjectYear.objects.get(project=world.p1).annual_plan == 14000


def test_reporters_and_wrong_offices_are_refused(world, client):
    client.force_login(world.reporter)
    assert client.get("/ledgers/").status_code == 403
    assert client.get(f"/ledgers/export/plan/?district={world.district.pk}").status_code == 403
    client.force_login(world.office)
    content = SimpleUploadedFile("p.xlsx", b"x")
    response = client.post("/ledgers/import/", {"district": world.district.pk, "year": 2024, "kind": "projects",
                                                "file": content})
    assert response.status_code == 403
