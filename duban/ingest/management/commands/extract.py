"""duban extract FILE... : propose the quantified items of reports, as JSON Lines or a table."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from duban.ingest.extract import ExtractionResult, extract_text
from duban.ingest.readers import DocumentError, read_document

TABLE_COLUMNS = ("doc", "start", "quote", "value", "unit", "qualifier", "metric", "aspect", "kind", "period",
                 "confidence")


class Command(BaseCommand):
    help = "Extract quantified items (targets and results) from report files: text, .docx or PDF."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="report files (.txt, .docx, .pdf)")
        parser.add_argument("--year", type=int, help="the reports' year (default: inferred from each text)")
        parser.add_argument("--format", choices=("jsonl", "table"), default="jsonl", help="output format")

    def handle(self, *args, files, year, format, **options):
        texts = read_all([Path(f) for f in files])           # fail before any output
        results = [
            extract_text(text, doc=path.name, year=year)
            for path, text in tqdm(texts, desc="extract", unit="file", file=sys.stderr, disable=len(texts) < 2)
        ]
        for result in results:
            if result.year_inferred:
                self.stderr.write(f"{result.doc}: report year {result.year} (inferred from the text; "
                                  "give --year to set it)")
        lines = jsonl_lines(results) if format == "jsonl" else table_lines(results)
        self.stdout.write("\n".join(lines)) if lines else None


def read_all(paths: list[Path]) -> list[tuple[Path, str]]:
    """Read every file first, so that one bad file stops the run before anything is printed."""
    try:
        return [(path, read_document(path)) for path in paths]
    except DocumentError as exc:
        raise CommandError(str(exc)) from exc


def jsonl_lines(results: list[ExtractionResult]) -> list[str]:
    return [json.dumps(item.to_record(), ensure_ascii=False) for r in results for item in r.items]


def table_lines(results: list[ExtractionResult]) -> list[str]:
    rows = [[_cell(getattr(item, c)) for c in TABLE_COLUMNS] for r in results for item in r.items]
    return ["\t".join(TABLE_COLUMNS), *("\t".join(row) for row in rows)]


def _cell(value) -> str:
    return "" if value is None else str(value).replace("\n", "⏎").replace("\t", " ")
