"""Benchmark: extract every report of the corpus in one process; characters per second and peak memory.

    .venv/bin/python bench/bench_extract.py [CORPUS_DIR] [--repeat N]

CORPUS_DIR defaults to ../shared/corpus relative to the project root.
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
    args = parser.parse_args()
    texts = load(args.corpus)
    chars = sum(len(t) for _, t in texts)
    run(texts)                                  # warm-up: compile regexes, import lazily loaded modules
    best = min(_timed(texts) for _ in range(args.repeat))
    tracemalloc.start()
    items = run(texts)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"files {len(texts)}  characters {chars:,}  items {items:,}")
    print(f"best of {args.repeat}: {best:.3f} s  ->  {chars / best:,.0f} chars/s")
    print(f"peak traced Python memory during one pass: {peak / 1024 / 1024:.1f} MB; process max RSS {rss_mb:.0f} MB")


def _timed(texts: list[tuple[str, str]]) -> float:
    start = time.perf_counter()
    run(texts)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
