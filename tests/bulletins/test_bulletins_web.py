"""Who may generate bulletins, and the web page that lists and downloads them."""

import io

import docx
import pytest
from django.urls import reverse

from duban.bulletins.permissions import can_generate_bulletin


@pytest.mark.parametrize(("user", "allowed"), [
    ("office", True), ("project_office", True), ("city_office", True), ("admin", True),
    ("statistics", False), ("district_leader", False), ("reporter_a", False), ("unit_leader_a", False),
    ("other_office", False),
])
def test_only_the_offices_of_the_district_generate_bulletins(bare_world, user, allowed):
    assert can_generate_bulletin(bare_world.users[user], bare_world.district) is allowed


def test_anonymous_users_generate_nothing(bare_world):
    from django.contrib.auth.models import AnonymousUser
    assert can_generate_bulletin(AnonymousUser(), bare_world.district) is False


def test_the_office_lists_every_kind_and_downloads_word(world, client):
    client.force_login(world.users["office"])
    page = client.get(reverse("bulletins:index"), {"date": "2024-06-30"})
    assert page.status_code == 200
    html = page.content.decode()
    for label in ("重点项目月通报", "半年评议通报", "民生实事进展通报", "督查通报", "年终总结通报"):
        assert label in html
    assert f'action="/bulletins/supervision.docx/job/?district={world.district.pk}&amp;date=2024-06-30"' in html
    response = client.get(reverse("bulletins:download", args=["supervision", "docx"]),
                          {"district": world.district.pk, "date": "2024-06-30"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument")
    assert "filename*=UTF-8''%E5%B8%82%E4%B8%AD%E5%8C%BA-" in response["Content-Disposition"]
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "截至2024年6月30日，共下发督办单4件，已办结1件，办结率25%，正在办理3件，其中超期2件。" in text


def test_units_and_other_districts_offices_are_refused(world, client):
    for user in ("reporter_a", "district_leader"):
        client.force_login(world.users[user])
        assert client.get(reverse("bulletins:index")).status_code == 403
        assert client.get(reverse("bulletins:download", args=["projects", "pdf"])).status_code == 403
    client.force_login(world.users["other_office"])
    # asking for another district's bulletin gives the office's own district, never the other one
    response = client.get(reverse("bulletins:download", args=["supervision", "docx"]),
                          {"district": world.district.pk, "date": "2024-06-30"})
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "历下区督查通报" in text and "市中区" not in text


def test_unknown_kinds_and_formats_are_not_found(world, client):
    client.force_login(world.users["office"])
    assert client.get("/bulletins/weekly.docx").status_code == 404
    assert client.get("/bulletins/projects.xlsx").status_code == 404


def test_the_task_ready_function_takes_ids_and_iso_dates(world):
    from duban.bulletins.generate import bulletin_generate
    data = bulletin_generate(kind="supervision", district_id=world.district.pk, on_date="2024-06-30", fmt="docx")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "截至2024年6月30日，共下发督办单4件，已办结1件，办结率25%，正在办理3件，其中超期2件。" in text


IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
SUPERVISION = "截至2024年6月30日，共下发督办单4件，已办结1件，办结率25%，正在办理3件，其中超期2件。"


def _docx_text(content: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)


def _file(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_bulletin_is_written_as_a_job_and_downloaded_from_its_page(world, client, settings, tmp_path):
    from duban.core.models import Job
    settings.TASKS, settings.MEDIA_ROOT = IMMEDIATE, tmp_path
    client.force_login(world.users["office"])
    response = client.post(f"/bulletins/supervision.docx/job/?district={world.district.pk}&date=2024-06-30")
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == f"/jobs/{job.pk}/"
    assert (job.kind, job.state, job.done, job.total, job.user) == ("bulletin", "done", 3, 3, world.users["office"])
    assert job.result_url == f"/bulletins/jobs/{job.pk}/"
    page = client.get(response.url).content.decode()
    assert f'href="/bulletins/jobs/{job.pk}/"' in page and "市中区-督查通报-20240630.docx" in page
    assert client.get(response.url, HTTP_HX_REQUEST="true")["HX-Redirect"] == job.result_url
    download = client.get(job.result_url)
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    assert SUPERVISION in _docx_text(_file(download))
    client.force_login(world.users["reporter_a"])          # another user gets nothing, not even the job
    assert client.get(job.result_url).status_code == 404
    assert client.post(f"/bulletins/supervision.docx/job/?district={world.district.pk}").status_code == 403


def test_the_database_queue_runs_the_bulletin_job_in_a_worker(world, client, settings, tmp_path, monkeypatch):
    from django.core.management import call_command
    from django_tasks_db.management.commands import db_worker

    from duban.core.models import Job
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    settings.MEDIA_ROOT = tmp_path
    assert settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    client.force_login(world.users["office"])
    response = client.post(f"/bulletins/supervision.pdf/job/?district={world.district.pk}&date=2024-06-30")
    job = Job.objects.get()
    assert job.state == "queued"
    assert client.get(f"/bulletins/jobs/{job.pk}/").url == f"/jobs/{job.pk}/"     # not ready: back to its page
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    job.refresh_from_db()
    assert (job.state, job.message) == ("done", "市中区-督查通报-20240630.pdf")
    download = client.get(f"/bulletins/jobs/{job.pk}/")
    assert download["Content-Type"] == "application/pdf" and _file(download).startswith(b"%PDF")
    assert response.status_code == 302


def test_the_date_defaults_to_duban_today_in_the_page_and_the_command(bare_world, client, settings, tmp_path):
    from django.core.management import call_command

    settings.DUBAN_TODAY = "2024-06-30"
    client.force_login(bare_world.users["office"])
    html = client.get(reverse("bulletins:index")).content.decode()
    assert '<input type="date" name="date" value="2024-06-30">' in html
    assert f"?district={bare_world.district.pk}&amp;date=2024-06-30" in html
    out = io.StringIO()
    call_command("bulletin", "supervision", "-o", str(tmp_path / "tb.docx"), stdout=out)
    assert "（截至2024-06-30）" in out.getvalue()


def test_the_issuer_is_the_office_holding_the_role_not_the_first_office_by_path(bare_world):
    from world_builders import make_user

    from duban.bulletins.selectors import issuer_of
    from duban.org.models import Organisation, OrgKind, Role

    district = bare_world.district
    # the world's one office unit while the offices' roles are held in the district itself
    assert issuer_of(district, "supervision") == issuer_of(district, "projects") == "区委督查室"
    centre = Organisation.objects.create(name="区城市运行指挥中心", kind=OrgKind.OFFICE, parent=district, order=0)
    assert issuer_of(district, "supervision") == "市中区"  # two offices, none chosen by its people's role
    projects = Organisation.objects.create(name="区重点项目服务中心", kind=OrgKind.OFFICE, parent=district)
    make_user("centre_user", [(centre, Role.COMMAND_CENTRE)])
    make_user("office_user", [(bare_world.office, Role.SUPERVISION_OFFICE)])
    assert issuer_of(district, "supervision") == issuer_of(district, "half-year") == "区委督查室"
    assert issuer_of(district, "projects") == "区委督查室"  # no key-project office people yet: the supervision office
    make_user("projects_user", [(projects, Role.PROJECT_OFFICE)])
    assert issuer_of(district, "projects") == "区重点项目服务中心"
    assert issuer_of(district, "supervision") == "区委督查室"
