"""duban compile_translations: merge docs/i18n/*.tsv into the Chinese catalogue and compile django.mo."""

from pathlib import Path

import polib
from django.core.management.base import BaseCommand, CommandError

from duban.web import i18n_catalog


class Command(BaseCommand):
    help = (
        "Merge the engineers' docs/i18n/*.tsv (msgid<TAB>中文) into duban/locale/zh_Hans/LC_MESSAGES/django.po "
        "and compile django.mo without GNU gettext. Extract new msgids first with "
        "'duban makemessages -l zh_Hans --ignore=.venv --ignore=tests' (needs gettext)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--tsv-dir", type=Path, default=i18n_catalog.TSV_DIR, help="Folder of *.tsv files.")
        parser.add_argument("--check", action="store_true",
                            help="Change nothing; fail if a merge or a compile would change the catalogue.")
        parser.add_argument("--strict", action="store_true", help="Also fail when some msgid has no translation.")

    def handle(self, *args, tsv_dir: Path, check: bool, strict: bool, verbosity: int, **options):
        po = polib.pofile(str(i18n_catalog.PO_PATH), wrapwidth=120)
        merged = i18n_catalog.merge_all(po, tsv_dir)
        for error in merged.errors:
            self.stderr.write(error)
        if verbosity > 0:
            for conflict in merged.conflicts:
                self.stderr.write(f"conflict: {conflict}")
        missing = i18n_catalog.untranslated(po)
        if verbosity > 1:
            for msgid in missing:
                self.stdout.write(f"untranslated: {msgid!r}")
        summary = (f"{len(merged.added)} added, {len(merged.changed)} changed from TSV; "
                   f"{len(po.translated_entries())} translated, {len(missing)} untranslated")
        if check:
            self._check(merged, summary)
        else:
            po.save(str(i18n_catalog.PO_PATH))
            i18n_catalog.compile_mo(po)
            self.stdout.write(f"{summary}; wrote {i18n_catalog.MO_PATH.name}")
        if merged.errors or (strict and missing):
            raise CommandError(f"{len(merged.errors)} TSV errors, {len(missing)} untranslated msgids")

    def _check(self, merged: i18n_catalog.MergeResult, summary: str) -> None:
        stale = not i18n_catalog.mo_is_current()
        if merged.added or merged.changed or stale:
            raise CommandError(f"Catalogue out of date ({summary}; .mo stale: {stale}). "
                               "Run 'duban compile_translations'.")
        self.stdout.write(f"Catalogue up to date: {summary}")
