"""duban backup / duban restore: a backup of the restored database equals the original backup."""

import io
import json
import tarfile
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from duban.core import backup
from duban.org.models import Organisation
from duban.tracking.models import Evidence, ItemType, Report
from duban.tracking.services import report_confirm, report_submit

pytestmark = pytest.mark.django_db

def _png() -> bytes:
    from PIL import Image
    out = io.BytesIO()
    Image.new("RGB", (4, 3), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


PNG = _png()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _content(path):
    """The archive's rows (sorted) and media files, without the moment it was made."""
    with tarfile.open(path, "r:gz") as archive:
        rows = json.load(archive.extractfile("data.json"))
        manifest = json.load(archive.extractfile("manifest.json"))
        files = {m.name: archive.extractfile(m).read() for m in archive.getmembers() if m.name.startswith("media/")}
    manifest.pop("created_at")
    return sorted(rows, key=lambda r: (r["model"], str(r["pk"]))), manifest, files


def _world_with_evidence(world):
    report = report_submit(actor=world.users["reporter_a"], item_type=ItemType.TASK, item_id=world.task.pk,
                           period_key="2024-06", values={"value": Decimal(3)}, narrative="已开工",
                           files=[SimpleUploadedFile("现场.png", PNG, content_type="image/png")])
    report_confirm(actor=world.users["office"], report=report, comment="属实")
    return report


def test_backup_restore_into_an_empty_database_then_backup_again_gives_the_same_archive(world, media, tmp_path):
    report = _world_with_evidence(world)
    first = tmp_path / "first.tar.gz"
    call_command("backup", "-o", str(first), stdout=io.StringIO())
    rows, manifest, files = _content(first)
    assert manifest["rows"]["tracking.report"] == 1
    assert manifest["rows"]["auth.user"] == 11
    assert len(files) == 1 and list(files.values()) == [PNG]

    # An empty database at the same migrations (what `duban migrate` leaves), and no media.
    backup._wipe("default")
    for file in backup._media_files(media):
        file.unlink()
    assert not get_user_model().objects.exists() and not Report.objects.exists()

    out = io.StringIO()
    call_command("restore", str(first), stdout=out)
    assert "Restored" in out.getvalue()
    restored = Report.objects.get(pk=report.pk)
    assert (restored.state, restored.value, restored.narrative) == ("confirmed", Decimal("3.0000"), "已开工")
    evidence = Evidence.objects.get(report=restored)
    assert evidence.file.read() == PNG
    assert get_user_model().objects.get(username="office").check_password("pw-12345678")

    second = tmp_path / "second.tar.gz"
    call_command("backup", "-o", str(second), stdout=io.StringIO())
    assert _content(second) == (rows, manifest, files)


def test_restore_refuses_a_database_holding_data_unless_forced(world, media, tmp_path):
    path = tmp_path / "b.tar.gz"
    call_command("backup", "-o", str(path), stdout=io.StringIO())
    Organisation.objects.create(name="新增单位", kind="department", parent=world.district)
    with pytest.raises(CommandError, match="already holds users or organisations"):
        call_command("restore", str(path), stdout=io.StringIO())
    call_command("restore", str(path), "--force", stdout=io.StringIO())
    assert not Organisation.objects.filter(name="新增单位").exists()
    assert Organisation.objects.count() == 8


def test_a_damaged_archive_changes_nothing(world, media, tmp_path):
    _world_with_evidence(world)
    path = tmp_path / "b.tar.gz"
    backup.backup_create(path=path)
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(path, "r:gz") as src, tarfile.open(damaged, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()
            if member.name.startswith("media/"):
                data = data[:-1] + b"X"
            dst.addfile(member, io.BytesIO(data))
    count = Report.objects.count()
    with pytest.raises(CommandError, match="damaged in the archive"):
        call_command("restore", str(damaged), "--force", stdout=io.StringIO())
    assert Report.objects.count() == count == 1
    with pytest.raises(CommandError, match="not a duban backup"):
        bad = tmp_path / "bad.tar.gz"
        with tarfile.open(bad, "w:gz"):
            pass
        call_command("restore", str(bad), stdout=io.StringIO())
