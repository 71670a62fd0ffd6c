"""Benchmark: extract every report of the corpus in one process; characters per second and peak memory;
then one large report (the corpus reports joined until it is BIG_MB megabytes of UTF-8) to show the speed
per character does not fall with the size of a document.

    .venv/bin/python bench/bench_extract.py [CORPUS_DIR] [--repeat N] [--big-mb 5]

CORPUS_DIR defaults to ../shared/corpus relative to the project root. Times are given as wall-clock and as
process CPU time (on a shared machine the CPU time is the figure to compare; the wall clock includes waiting
for a core).
"""

import argparse
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from duban.ingest.extract import extract_text  # noqa: E402


def load(corpus: Path) -> list[tuple[str, str]]:
    files = sorted(corpus.glob("*.txt"))
    if not files:
        sys.exit(f"no .txt files in {corpus}")
    return [(f.name, f.read_text(encoding="utf-8")) for f in files]


def run(texts: list[tuple[str, str]]) -> int:
    return sum(len(extract_text(text, doc=name).items) for name, text in texts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--repeat", type=int, default=5, help="timed passes over the corpus (best is kept)")
    parser.add_argument("--big-mb", type=float, default=5.0, help="size of the large report in MB (0: skip)")
    args = parser.parse_args()
    texts = load(args.corpus)
    chars = sum(len(t) for _, t in texts)
    run(texts)                                  # warm-up: compile regexes, import lazily loaded modules
    passes = [_timed(texts) for _ in range(args.repeat)]
    best = min(wall for wall, _ in passes)
    best_cpu = min(cpu for _, cpu in passes)
    tracemalloc.start()
    items = run(texts)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"files {len(texts)}  characters {chars:,}  items {items:,}")
    print(f"best of {args.repeat}: {best:.3f} s  ->  {chars / best:,.0f} chars/s (wall); "
          f"CPU {best_cpu:.3f} s  ->  {chars / best_cpu:,.0f} chars/s")
    print(f"peak traced Python memory during one pass: {peak / 1024 / 1024:.1f} MB; process max RSS {rss_mb:.0f} MB")
    if args.big_mb > 0:
        big = big_report(texts, args.big_mb)
        big_passes = [_timed([("big.txt", big)]) for _ in range(max(1, args.repeat // 2))]
        wall = min(w for w, _ in big_passes)
        cpu = min(c for _, c in big_passes)
        print(f"one report of {len(big.encode('utf-8')) / 1024 / 1024:.1f} MB ({len(big):,} characters): "
              f"{wall:.3f} s -> {len(big) / wall:,.0f} chars/s (wall); CPU {cpu:.3f} s -> {len(big) / cpu:,.0f} chars/s; "
              f"per character {cpu / len(big) / (best_cpu / chars):.2f}x the corpus (CPU)")


def big_report(texts: list[tuple[str, str]], megabytes: float) -> str:
    """The corpus reports joined (and repeated) until the text is ``megabytes`` of UTF-8."""
    parts, size, limit = [], 0, int(megabytes * 1024 * 1024)
    while size < limit:
        for _, text in texts:
            parts.append(text)
            size += len(text.encode("utf-8")) + 1
            if size >= limit:
                break
    return "\n".join(parts)


def _timed(texts: list[tuple[str, str]]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one pass."""
    start, start_cpu = time.perf_counter(), time.process_time()
    run(texts)
    return time.perf_counter() - start, time.process_time() - start_cpu


if __name__ == "__main__":
    main()
