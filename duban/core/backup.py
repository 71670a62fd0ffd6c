"""Backup and restore of the whole site: every table of every app (history, users, queue) and the media files.

An archive is a gzip'd tar holding ``manifest.json`` (format, migrations applied, row counts, media files with
their SHA-256), ``data.json`` (Django's serialisation of every row, primary keys kept) and ``media/``. Because
rows are written with Django's serialiser, an archive made on SQLite restores into PostgreSQL and back.
"""

import hashlib
import io
import json
import tarfile
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from .bulk import analyze
from .changes import changes_compact

FORMAT = 1


class BackupError(Exception):
    """The archive cannot be used, or the database is not ready for it; the message says why."""


@dataclass
class BackupSummary:
    path: Path
    rows: int
    media_files: int


def applied_migrations(using: str = "default") -> list[str]:
    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connections[using]).applied_migrations())


def _media_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file())


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime = len(data), int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


def backup_create(*, path: Path, using: str = "default") -> BackupSummary:
    """Write the archive to ``path`` (via a temporary file, so a failed run leaves no half archive)."""
    path = Path(path)
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        data_path = Path(tmp) / "data.json"
        # One read transaction: the rows of every table are of the same moment.
        with transaction.atomic(using=using):
            call_command("dumpdata", all=True, database=using, output=str(data_path), verbosity=0)
            migrations = applied_migrations(using)
        rows = json.loads(data_path.read_bytes())
        media = _media_files(media_root)
        manifest = {
            "format": FORMAT, "created_at": timezone.now().isoformat(), "vendor": connections[using].vendor,
            "migrations": migrations, "rows": dict(sorted(Counter(r["model"] for r in rows).items())),
            "media": {p.relative_to(media_root).as_posix(): _sha256(p) for p in media},
        }
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            _add_bytes(archive, "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1).encode())
            archive.add(data_path, "data.json")
            for file in media:
                archive.add(file, "media/" + file.relative_to(media_root).as_posix())
        partial.replace(path)
    return BackupSummary(path=path, rows=len(rows), media_files=len(media))


def read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(archive.extractfile("manifest.json"))
    except KeyError:
        raise BackupError("not a duban backup: manifest.json is missing") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"backup format {manifest.get('format')!r} is not supported (this version reads {FORMAT})")
    return manifest


def database_is_empty(using: str = "default") -> bool:
    """No users and no organisations: what a freshly migrated database looks like (migrations seed only defaults)."""
    from django.apps import apps
    from django.contrib.auth import get_user_model

    organisations = apps.get_model("org", "Organisation")  # core sits below org: looked up, not imported
    return not get_user_model().objects.using(using).exists() and not organisations.objects.using(using).exists()


def _all_tables() -> list[str]:
    tables = set()
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            tables.add(model._meta.db_table)
    return sorted(tables)


def _wipe(using: str) -> None:
    """Delete every row of every model table (not django_migrations), without re-seeding anything."""
    connection = connections[using]
    statements = connection.ops.sql_flush(no_style(), _all_tables(), reset_sequences=False, allow_cascade=True)
    if connection.vendor == "postgresql":
        # PostgreSQL refuses TRUNCATE while deferred foreign-key checks of this transaction are pending.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    connection.ops.execute_sql_flush(statements)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _safe_member(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts:
        raise BackupError(f"unsafe path in the archive: {name}")
    return path


def _same_device(a: Path, b: Path) -> bool:
    b.mkdir(parents=True, exist_ok=True)
    return a.stat().st_dev == b.stat().st_dev


def backup_restore(*, path: Path, force: bool = False, using: str = "default") -> BackupSummary:
    """Replace the database's rows (and add the media files) with the archive's; all or nothing for the rows."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"no such file: {path}")
    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(path, "r:gz") as archive, tempfile.TemporaryDirectory() as tmp:
        manifest = read_manifest(archive)
        here = applied_migrations(using)
        if manifest["migrations"] != here:
            missing = sorted(set(manifest["migrations"]) - set(here))
            extra = sorted(set(here) - set(manifest["migrations"]))
            raise BackupError(
                "the database's migrations differ from the backup's: run `duban migrate` on an empty database of "
                f"the same duban version first (missing here: {', '.join(missing[:5]) or '-'}; "
                f"not in the backup: {', '.join(extra[:5]) or '-'})")
        if not force and not database_is_empty(using):
            raise BackupError("the database already holds users or organisations: restore into an empty database, "
                              "or pass --force to replace everything in it")
        members = {m.name: m for m in archive.getmembers()}
        for name in members:
            _safe_member(name)
        # Unpack and check every file before touching the database: a damaged archive changes nothing.
        staged = Path(tmp) / "media"
        for relative, digest in manifest["media"].items():
            if "media/" + relative not in members:
                raise BackupError(f"media file {relative} is listed but missing from the archive")
            target = staged / _safe_member(relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.extractfile(members["media/" + relative]).read())
            if _sha256(target) != digest:
                raise BackupError(f"media file {relative} is damaged in the archive (checksum differs)")
        data_path = Path(tmp) / "data.json"
        data_path.write_bytes(archive.extractfile("data.json").read())
        with transaction.atomic(using=using):
            _wipe(using)
            call_command("loaddata", str(data_path), database=using, verbosity=0)
        changes_compact(using)  # loaddata wrote a change row per saved row (core.changes)
        analyze(using)  # a restored database has no planner statistics until autovacuum comes round
        for relative in manifest["media"]:
            target = media_root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            (staged / relative).replace(target) if _same_device(staged, media_root) else target.write_bytes(
                (staged / relative).read_bytes())
    return BackupSummary(path=path, rows=sum(manifest["rows"].values()), media_files=len(manifest["media"]))
