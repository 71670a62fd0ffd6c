"""Evidence files survive crashes: staged until commit, no orphan, no row without its file; the sweep command."""

import io
import os
import time
from datetime import datetime
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from duban.core.errors import ApplicationError
from duban.tracking.models import Evidence, ItemType, Report
from duban.tracking.services import report_submit
from duban.tracking.services import reports as reports_service

AT = datetime(2024, 7, 2, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
PDF = b"%PDF-1.4 evidence"


def _files(root) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def _submit(world, key="2024-01", files=(), ytd=800):
    return report_submit(actor=world.users["reporter_a"], item_type=ItemType.PROJECT_YEAR, item_id=world.project_year.pk,
                         period_key=key, values={"invest_month": D(800), "invest_ytd": D(ytd)}, at=AT, files=files)


def _sweep(*args) -> str:
    out = io.StringIO()
    call_command("evidence_sweep", *args, stdout=out)
    return out.getvalue()


def _age(root, name, seconds=7200):
    old = time.time() - seconds
    os.utime(root / name, (old, old))


@pytest.mark.django_db
def test_file_is_staged_then_moved_to_its_final_name_on_commit(world, settings, tmp_path,
                                                               django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report = _submit(world, files=[SimpleUploadedFile("plan.pdf", PDF)])
    evidence = report.evidence.get()
    assert evidence.file.name.startswith("evidence/staging/") and evidence.file.name.endswith("_plan.pdf")
    assert _files(tmp_path) == [evidence.file.name]           # before the commit: only the staged file
    for callback in callbacks:
        callback()
    evidence.refresh_from_db()
    assert evidence.file.name == f"evidence/2024/07/{evidence.sha256[:16]}_plan.pdf"
    assert _files(tmp_path) == [evidence.file.name]            # moved, not copied twice
    assert evidence.file.read() == PDF


@pytest.mark.django_db(transaction=True)
def test_a_crash_after_the_file_write_leaves_no_row_and_the_sweep_takes_the_file(world, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    real_attach = reports_service.evidence_attach

    def attach_then_crash(**kwargs):
        real_attach(**kwargs)
        raise RuntimeError("worker killed after the file write")

    monkeypatch.setattr(reports_service, "evidence_attach", attach_then_crash)
    with pytest.raises(RuntimeError):
        _submit(world, files=[SimpleUploadedFile("plan.pdf", PDF)])
    assert (Report.objects.count(), Evidence.objects.count()) == (0, 0)   # the whole submission rolled back
    [staged] = _files(tmp_path)
    assert staged.startswith("evidence/staging/")                        # nothing under a final name
    assert _sweep("--dry-run").endswith("0 file(s) with no row would delete; 0 row(s) with a missing file (rows are never deleted)\n")
    _age(tmp_path, staged)
    assert f"would delete (no row): {staged}\n" in _sweep("--dry-run")
    assert _files(tmp_path) == [staged]                                  # dry run deletes nothing
    assert _sweep().startswith(f"deleted (no row): {staged}\n1 file(s) with no row deleted;")
    assert _files(tmp_path) == []


@pytest.mark.django_db(transaction=True)
def test_a_row_that_cannot_be_written_takes_its_file_away(world, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path

    def refuse(self, *args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(Evidence, "save", refuse)
    with pytest.raises(RuntimeError):
        _submit(world, files=[SimpleUploadedFile("plan.pdf", PDF)])
    assert _files(tmp_path) == [] and Report.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_committed_upload_is_final_and_a_bad_second_file_writes_nothing(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    report = _submit(world, files=[SimpleUploadedFile("plan.pdf", PDF)])   # a real commit: on_commit runs
    evidence = report.evidence.get()
    assert _files(tmp_path) == [f"evidence/2024/07/{evidence.sha256[:16]}_plan.pdf"] == [evidence.file.name]
    with pytest.raises(ApplicationError, match="文件内容与类型不符：fake.pdf"):
        _submit(world, "2024-02", ytd=1600,
                files=[SimpleUploadedFile("good.pdf", PDF), SimpleUploadedFile("fake.pdf", b"nope")])
    assert _files(tmp_path) == [evidence.file.name]   # good.pdf was never written


@pytest.mark.django_db
def test_sweep_reports_rows_whose_file_is_missing_and_never_deletes_them(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    report = _submit(world, files=[SimpleUploadedFile("plan.pdf", PDF)])
    evidence = report.evidence.get()
    (tmp_path / "evidence" / "stray.pdf").write_bytes(b"x")
    _age(tmp_path, "evidence/stray.pdf")
    (tmp_path / "evidence" / "fresh.pdf").write_bytes(b"x")      # younger than the grace period: left alone
    os.remove(evidence.file.path)
    out = _sweep()
    assert out.splitlines() == [
        "deleted (no row): evidence/stray.pdf",
        f"file missing: tracking.Evidence #{evidence.pk}: {evidence.file.name}",
        "1 file(s) with no row deleted; 1 row(s) with a missing file (rows are never deleted)",
    ]
    assert Evidence.objects.filter(pk=evidence.pk).exists()
    assert _files(tmp_path) == ["evidence/fresh.pdf"]


@pytest.mark.django_db
def test_sweep_finishes_a_move_the_process_did_not_live_to_do(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    report = _submit(world, files=[SimpleUploadedFile("plan.pdf", PDF)])   # on_commit never runs in this test
    evidence = report.evidence.get()
    staged = evidence.file.name
    assert staged.startswith("evidence/staging/")
    _age(tmp_path, staged)
    final = f"evidence/2024/07/{evidence.sha256[:16]}_plan.pdf"
    assert _sweep().splitlines() == [f"moved out of staging: {final}",
                                     "0 file(s) with no row deleted; 0 row(s) with a missing file (rows are never deleted)"]
    evidence.refresh_from_db()
    assert evidence.file.name == final and _files(tmp_path) == [final] and evidence.file.read() == PDF
