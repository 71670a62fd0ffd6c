"""duban eval-extract --gold FILE_OR_DIR... --texts DIR : score extraction against gold annotations."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from duban.ingest import evaluation as ev
from duban.ingest.extract import extract_text
from duban.ingest.readers import DocumentError, read_document

ACCURACIES = ("kind", "aspect", "period", "qualifier")


class Command(BaseCommand):
    help = (
        "Score extraction against gold items (eval GUIDELINE.md format). Report years: --year NAME=YYYY "
        "(repeatable; NAME is a file name or its prefix before '_', '*' for all), --years FILE (one NAME=YYYY "
        "a line), --year-from-name (names ending _YYYY.txt); otherwise each year is inferred from the text. "
        "A document whose text is missing or unreadable, or whose gold quote is not in it, is named on stderr "
        "with the gold file and line, left out of the totals, and makes the command exit with status 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("--gold", nargs="+", required=True, type=Path, metavar="FILE_OR_DIR",
                            help="gold .jsonl files or folders of them")
        parser.add_argument("--texts", required=True, type=Path, metavar="DIR", help="folder of the documents")
        parser.add_argument("--year", action="append", default=[], metavar="NAME=YYYY",
                            help="report year of one document, e.g. 000=2021 (repeatable)")
        parser.add_argument("--years", type=Path, metavar="FILE", help="file of NAME=YYYY lines")
        parser.add_argument("--year-from-name", action="store_true",
                            help="take the year from names ending _YYYY.txt")
        parser.add_argument("--show-errors", action="store_true", help="list misses, extras and disagreements")

    def handle(self, *args, **options):
        mapping = year_mapping(options["year"], options["years"])
        try:
            gold = ev.load_gold(options["gold"])
        except (OSError, ev.GoldError, KeyError) as exc:
            raise CommandError(f"cannot read gold: {exc}") from exc
        if not gold:
            raise CommandError("no gold items found")
        total, failed = ev.Scores(), 0
        for doc in sorted(gold):
            try:
                scores = self.score_one(doc, gold[doc], options["texts"], mapping,
                                        options["year_from_name"])
            except DocumentSkipped as exc:
                self.stderr.write(str(exc))
                failed += 1
                continue
            self.stdout.write(f"{doc}: {summary(scores)}  kind {scores.accuracy('kind'):.3f} "
                              f"aspect {scores.accuracy('aspect'):.3f} period {scores.accuracy('period'):.3f} "
                              f"metric char-F1 {scores.metric_f1:.3f}")
            if options["show_errors"] and (lines := error_lines(scores)):
                self.stdout.write("\n".join(lines))
            total = total.add(scores)
        self.stdout.write(f"ALL: {summary(total)}")
        self.stdout.write("accuracy on matched items: " + ", ".join(
            f"{name} {total.accuracy(name):.3f}" for name in ACCURACIES) + f", metric char-F1 {total.metric_f1:.3f}")
        if failed:
            raise CommandError(ngettext("%(total)s file read, %(failed)s failed",
                                        "%(total)s files read, %(failed)s failed", len(gold))
                               % {"total": len(gold), "failed": failed})

    def score_one(self, doc, records, texts_dir, mapping, from_name) -> ev.Scores:
        try:
            text = read_document(texts_dir / doc, filename=str(texts_dir / doc))
        except DocumentError as exc:
            raise DocumentSkipped(_("%(problem)s (gold items of %(gold)s line %(line)s)")
                                  % {"problem": exc, "gold": records[0]["_gold"],
                                     "line": records[0]["_line"]}) from exc
        gold = []
        for record in records:
            try:
                gold.append(ev.gold_span(record, text))
            except ev.GoldError as exc:
                raise DocumentSkipped(f"{record['_gold']}:{record['_line']}: {doc}: {exc}") from exc
        result = extract_text(text, doc=doc, year=ev.year_for(doc, mapping, from_name))
        predicted = [ev.predicted_span(item.to_record()) for item in result.items]
        return ev.score_document(gold, predicted)


class DocumentSkipped(Exception):
    """One gold document cannot be scored; the message names it, the gold file and line."""


def year_mapping(pairs: list[str], years_file: Path | None) -> dict[str, int]:
    try:
        lines = years_file.read_text(encoding="utf-8").splitlines() if years_file else []
        return ev.parse_year_mapping(lines + [p if "=" in p else f"*={p}" for p in pairs])
    except (OSError, ValueError) as exc:
        raise CommandError(f"bad year mapping: {exc}") from exc


def summary(s: ev.Scores) -> str:
    return (f"gold {s.gold} predicted {s.predicted} matched {s.matched}  "
            f"P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f}  strict F1 {s.strict_f1:.3f}")


def error_lines(s: ev.Scores) -> list[str]:
    lines = [f"  miss   {g.quote!r} {g.value} {g.unit} [{g.metric}]" for g in s.misses]
    lines += [f"  extra  {p.quote!r} {p.value} {p.unit} [{p.metric}]" for p in s.extras]
    for g, p in s.pairs:
        wrong = [f"{n}: {getattr(g, n)!r}≠{getattr(p, n)!r}" for n in ACCURACIES if getattr(g, n) != getattr(p, n)]
        if ev.char_f1(g.metric, p.metric) < ev.STRICT_METRIC_F1:
            wrong.append(f"metric: {g.metric!r}≠{p.metric!r}")
        if wrong:
            lines.append(f"  differ {g.quote!r} " + "; ".join(wrong))
    return lines
