"""duban extract FILE... : propose the quantified items of reports, as JSON Lines or a table."""

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from tqdm import tqdm

from duban.ingest.extract import ExtractionResult, extract_text
from duban.ingest.readers import DocumentError, read_document

TABLE_COLUMNS = ("doc", "start", "quote", "value", "unit", "qualifier", "metric", "aspect", "kind", "period",
                 "confidence")


@dataclass(frozen=True)
class Outcome:
    """One file's result: all its items, or the reason it gave none."""

    path: Path
    result: ExtractionResult | None = None
    error: str = ""


class Command(BaseCommand):
    help = (
        "Extract quantified items (targets and results) from report files: text, .docx or PDF. Every file is "
        "tried; a bad file is named on stderr and gives no items, the others' items are written, and the "
        "command then exits with status 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="report files (.txt, .docx, .pdf)")
        parser.add_argument("--year", type=int, help="the reports' year (default: inferred from each text)")
        parser.add_argument("--format", choices=("jsonl", "table"), default="jsonl", help="output format")

    def handle(self, *args, files, year, format, **options):
        paths = [Path(f) for f in files]
        bar = tqdm(paths, desc="extract", unit="file", file=sys.stderr, disable=len(paths) < 2)
        outcomes = [extract_one(path, year) for path in bar]
        results = [o.result for o in outcomes if o.result is not None]
        for outcome in outcomes:
            if outcome.error:
                self.stderr.write(outcome.error)
        for result in results:
            if result.year_inferred:
                self.stderr.write(_("%(name)s: report year %(year)s (inferred from the text; give --year to set "
                                    "it)") % {"name": result.doc, "year": result.year})
        lines = jsonl_lines(results) if format == "jsonl" else table_lines(results)
        if lines:
            self.stdout.write("\n".join(lines))
        if failed := len(outcomes) - len(results):
            raise CommandError(files_summary(len(outcomes), failed))


def extract_one(path: Path, year: int | None) -> Outcome:
    """Read and extract one file; a failure becomes a message, so the other files still run."""
    try:
        text = read_document(path)
    except DocumentError as exc:
        return Outcome(path, error=str(exc))
    try:
        return Outcome(path, result=extract_text(text, doc=path.name, year=year))
    except Exception as exc:  # noqa: BLE001 - one file's extraction bug must not lose the other files' items
        return Outcome(path, error=_("%(name)s: extraction failed (%(reason)s)")
                       % {"name": path.name, "reason": f"{type(exc).__name__}: {exc}"})


def files_summary(total: int, failed: int) -> str:
    return ngettext("%(total)s file read, %(failed)s failed", "%(total)s files read, %(failed)s failed",
                    total) % {"total": total, "failed": failed}


def jsonl_lines(results: list[ExtractionResult]) -> list[str]:
    return [json.dumps(item.to_record(), ensure_ascii=False) for r in results for item in r.items]


def table_lines(results: list[ExtractionResult]) -> list[str]:
    rows = [[_cell(getattr(item, c)) for c in TABLE_COLUMNS] for r in results for item in r.items]
    return ["\t".join(TABLE_COLUMNS), *("\t".join(row) for row in rows)]


def _cell(value) -> str:
    return "" if value is None else str(value).replace("\n", "⏎").replace("\t", " ")
