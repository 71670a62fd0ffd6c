"""The media folder checked against the database: files no row points at, rows whose file is missing.

Every FileField of every installed model counts (looked up through the apps registry, so no app is imported):
evidence files, street-report photos, and whatever comes later. A file younger than the grace period is left
alone, since its upload may still be in a transaction that has not committed yet.
"""

import os
import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models


@dataclass
class SweepResult:
    orphans: list[str] = field(default_factory=list)          # files under MEDIA_ROOT that no row points at
    missing: list[tuple[str, int, str]] = field(default_factory=list)  # (model label, pk, file name) without a file
    promoted: list[str] = field(default_factory=list)        # committed evidence moved out of staging
    deleted: int = 0


def _file_fields():
    for model in apps.get_models():
        for f in model._meta.get_fields():
            if isinstance(f, models.FileField) and f.concrete:
                yield model, f


def media_sweep(*, dry_run: bool = False, grace: timedelta = timedelta(hours=1), now: float | None = None) -> SweepResult:
    """Delete (unless ``dry_run``) files with no row older than ``grace``; list rows whose file is missing.

    Rows are never deleted: a missing file is reported for a person to look at (a restore from backup).
    Committed evidence still under its staging name (the process stopped right after the commit) is moved to
    its final name first.
    """
    from .services.reports import STAGING, evidence_promote  # the one door for evidence's writes

    root = Path(settings.MEDIA_ROOT)
    result = SweepResult()
    if not dry_run:
        evidence = apps.get_model("tracking", "Evidence")
        for row in evidence.objects.filter(file__startswith=STAGING + "/"):
            final = evidence_promote(evidence_id=row.pk, final_name=row.file.field.generate_filename(row, row.original_name))
            if final:
                result.promoted.append(final)
    referenced: set[str] = set()
    for model, f in _file_fields():
        for pk, name in model.objects.exclude(**{f.name: ""}).values_list("pk", f.name).order_by("pk").iterator():
            if not name:
                continue
            referenced.add(name)
            if not (root / name).is_file():
                result.missing.append((model._meta.label, pk, name))
    cutoff = (now if now is not None else time.time()) - grace.total_seconds()
    if root.is_dir():
        for path in sorted(root.rglob("*")):
            if not path.is_file():
                continue
            name = path.relative_to(root).as_posix()
            if name in referenced or path.stat().st_mtime > cutoff:
                continue
            result.orphans.append(name)
            if not dry_run:
                os.remove(path)
                result.deleted += 1
    return result
