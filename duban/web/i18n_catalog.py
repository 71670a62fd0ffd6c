"""The translation catalogue: merge engineers' ``docs/i18n/*.tsv`` into the .po and compile the .mo in Python.

Why compile in Python: CI and developers' machines need not have GNU gettext; the compiled ``django.mo`` is
committed (a shipped artefact, as in Django itself) and a test compares it with the ``.po`` entry by entry,
so a stale ``.mo`` fails the suite. Extracting new msgids still uses ``duban makemessages`` (GNU xgettext).
"""

import gettext
from dataclasses import dataclass, field
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
PO_PATH = LOCALE_DIR / "zh_Hans" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")
TSV_DIR = Path(__file__).resolve().parents[2] / "docs" / "i18n"


@dataclass
class MergeResult:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def read_tsv(path: Path) -> tuple[dict[str, str], list[str]]:
    """``msgid<TAB>中文`` lines; blank lines and lines starting with '#' are skipped."""
    entries, errors = {}, []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0] or not parts[1].strip():
            errors.append(f"{path.name}:{number}: expected 'msgid<TAB>translation'")
            continue
        entries[_unescape(parts[0])] = _unescape(parts[1].strip())
    return entries, errors


def _unescape(text: str) -> str:
    # A TSV line cannot hold a newline or a tab: they are written \n and \t.
    return text.replace("\\n", "\n").replace("\\t", "\t")


def owns(app: str, entry: polib.POEntry) -> bool:
    """Whether every use of the msgid is inside ``duban/<app>/`` (or it is not used anywhere yet)."""
    return all(path.startswith(f"duban/{app}/") for path, _line in entry.occurrences)


def merge_tsv(po: polib.POFile, entries: dict[str, str], result: MergeResult, app: str) -> None:
    """Set the translation of each msgid, adding msgids the .po does not have yet.

    The TSV of app X wins for msgids used only in duban/X/ and for untranslated ones; a msgid shared with
    other apps keeps its translation, and the disagreement is reported as a conflict to settle in the .po.
    """
    for msgid, msgstr in entries.items():
        entry = po.find(msgid)
        if entry is None:
            po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
            result.added.append(msgid)
        elif entry.msgid_plural:
            result.errors.append(f"{msgid!r} has a plural form: translate it in the .po")
        elif entry.translated() and entry.msgstr != msgstr and not owns(app, entry):
            result.conflicts.append(f"{app}.tsv: {msgid!r} → {msgstr!r} kept as {entry.msgstr!r} (shared msgid)")
        elif entry.msgstr != msgstr or entry.fuzzy:
            entry.msgstr = msgstr
            if entry.fuzzy:
                entry.flags.remove("fuzzy")
            result.changed.append(msgid)


def merge_all(po: polib.POFile, tsv_dir: Path = TSV_DIR) -> MergeResult:
    result = MergeResult()
    for path in sorted(tsv_dir.glob("*.tsv")):
        entries, errors = read_tsv(path)
        result.errors.extend(errors)
        merge_tsv(po, entries, result, app=path.stem)
    return result


def untranslated(po: polib.POFile) -> list[str]:
    """msgids without a usable translation (empty or fuzzy), which users would see in English."""
    return [e.msgid for e in po if not e.obsolete and (e.fuzzy or not e.translated())]


def po_catalog(po: polib.POFile) -> dict:
    """What gettext will serve: msgid (or (msgid, n) for plurals, with context prefixed) → msgstr."""
    catalog = {}
    for e in po.translated_entries():
        key = f"{e.msgctxt}\x04{e.msgid}" if e.msgctxt else e.msgid
        if e.msgid_plural:
            for n, text in e.msgstr_plural.items():
                catalog[(key, int(n))] = text
        else:
            catalog[key] = e.msgstr
    return catalog


def mo_catalog(mo_path: Path = MO_PATH) -> dict:
    with mo_path.open("rb") as fh:
        catalog = dict(gettext.GNUTranslations(fh)._catalog)
    catalog.pop("", None)  # the header
    return catalog


def mo_is_current(po_path: Path = PO_PATH, mo_path: Path = MO_PATH) -> bool:
    if not mo_path.exists():
        return False
    expected = po_catalog(polib.pofile(str(po_path)))
    return mo_catalog(mo_path) == expected


def compile_mo(po: polib.POFile, mo_path: Path = MO_PATH) -> None:
    po.save_as_mofile(str(mo_path))
