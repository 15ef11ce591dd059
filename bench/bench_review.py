"""Review throughput on a corpus of ≥ 1,000,000 indicators made from the bundled table.

Run with ``make bench``. The corpus: ``--distinct`` variants of the table are parsed (numbers
and department names varied, see bench/corpus.py), then repeated under distinct department
names until the corpus holds ``--indicators`` indicators, as a province's tables repeat much
of their wording. Prints indicators/s and the share of time in the cross-project rules.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace
from pathlib import Path

from bench.corpus import variant
from jixiao.ingest.text_layout import parse_text
from jixiao.review import load_ruleset, review_documents

SEED = Path(__file__).resolve().parent.parent / "src/jixiao/data/demo/000_bb9c12b27b9c899c.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--indicators", type=int, default=1_000_000)
    parser.add_argument("--distinct", type=int, default=300)
    args = parser.parse_args()
    text = SEED.read_text(encoding="utf-8")
    t0 = time.perf_counter()
    base = [parse_text(variant(text, k), f"v{k}.txt") for k in range(args.distinct)]
    per_doc = base[0].counts()["indicators"]
    count = -(-args.indicators // per_doc)
    docs = [
        replace(base[k % len(base)], department=f"{base[k % len(base)].department}-{k:05d}")
        for k in range(count)
    ]
    indicators = sum(d.counts()["indicators"] for d in docs)
    projects = sum(d.counts()["projects"] for d in docs)
    print(
        f"corpus: {len(docs)} documents ({args.distinct} distinct), {projects} projects, "
        f"{indicators} indicators (built in {time.perf_counter() - t0:.1f} s)"
    )
    ruleset = load_ruleset()
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    findings = review_documents(docs, ruleset, timings=timings)
    elapsed = time.perf_counter() - t0
    total = sum(len(f) for f in findings)
    corpus_share = timings["corpus"] / elapsed
    print(
        f"review: {elapsed:.1f} s for {indicators} indicators = {indicators / elapsed:,.0f} "
        f"indicators/s; {total} findings; cross-project rules {timings['corpus']:.1f} s "
        f"({corpus_share:.0%} of the time)"
    )
    print("goal: the whole corpus (≥ 1,000,000 indicators) in ≤ 60 s")


if __name__ == "__main__":
    main()
