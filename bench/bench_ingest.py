"""Ingest throughput, end to end: read + parse + type + store in SQLite.

Run with ``make bench``. Prints MB/s, documents/s and indicators/s over a corpus of distinct
documents made from the bundled table, for 1 and 2 parsing processes, and where the time goes.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus
from jixiao.ingest.files import read_path
from jixiao.loader import load
from jixiao.store import Store
from jixiao.targets import type_target

SEED = Path(__file__).resolve().parent.parent / "src/jixiao/data/demo/000_bb9c12b27b9c899c.txt"
TABLES = Path(__file__).resolve().parent.parent / "tests/data/tables"  # the PDF fixtures


def _clear_caches() -> None:
    clear = getattr(type_target, "cache_clear", None)
    if clear is not None:
        clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=400)
    parser.add_argument("--jobs", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--pdf-documents", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as tmp:
        folder = Path(tmp) / "corpus"
        files = write_corpus(SEED, folder, args.documents)
        size = sum(p.stat().st_size for p in files)
        print(f"corpus: {len(files)} distinct documents, {size / 1e6:.1f} MB (seed varied)")

        # Where the time goes: parse + type alone, then store alone.
        _clear_caches()
        t0 = time.perf_counter()
        docs = [doc for p in files for doc in read_path(p)]
        parse_s = time.perf_counter() - t0
        indicators = sum(d.counts()["indicators"] for d in docs)
        store = Store(f"sqlite:///{tmp}/store-only.db")
        t0 = time.perf_counter()
        for doc in docs:
            store.save(doc)
        store_s = time.perf_counter() - t0
        store.close()
        print(f"  parse+type only : {parse_s:6.2f} s  {size / 1e6 / parse_s:6.1f} MB/s  "
              f"{indicators / parse_s:9.0f} indicators/s")  # fmt: skip
        print(f"  store only      : {store_s:6.2f} s  {indicators / store_s:9.0f} indicators/s "
              f"into SQLite")  # fmt: skip

        for jobs in args.jobs:
            _clear_caches()
            store = Store(f"sqlite:///{tmp}/end-to-end-{jobs}.db")
            t0 = time.perf_counter()
            outcomes = load(store, [folder], jobs=jobs)
            elapsed = time.perf_counter() - t0
            store.close()
            stored = sum(1 for o in outcomes if o.status == "stored")
            assert stored == len(files), [o.reason for o in outcomes if o.status != "stored"][:3]
            print(
                f"end to end, --jobs {jobs}: {elapsed:6.2f} s  {size / 1e6 / elapsed:6.1f} MB/s  "
                f"{stored / elapsed:7.1f} documents/s  {indicators / elapsed:9.0f} indicators/s"
            )
        print("goal: ≥ 15 MB/s end to end (系统吞吐量 15MB/S)")
        _bench_pdf(files[: args.pdf_documents])


def _pages(data: bytes) -> int:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)


def _bench_pdf(files: list[Path]) -> None:
    """PDF ingest: documents exported as official-layout PDFs, read back (tables + text); then
    the PDF fixtures of the tests by kind (row-per-indicator tables ruled and unruled, and
    fonts without a Unicode map, read again with pypdfium2)."""
    from jixiao.export import get
    from jixiao.ingest.pdf import read_pdf

    docs = [doc for p in files for doc in read_path(p)]
    pdfs = [b"".join(get("pdf").export([doc])) for doc in docs]
    pages = sum(_pages(data) for data in pdfs)
    t0 = time.perf_counter()
    for k, data in enumerate(pdfs):
        read_pdf(data, f"doc{k}.pdf", None)
    elapsed = time.perf_counter() - t0
    print(
        f"PDF ingest (read + parse): {len(pdfs)} documents, {pages} pages in {elapsed:.1f} s = "
        f"{pages / elapsed:.1f} pages/s, {len(pdfs) / elapsed:.2f} documents/s"
    )
    kinds = {
        "ruled, one row per indicator": ("form.pdf", "department.pdf", "cut_short.pdf"),
        "unruled (word positions)": ("unruled.pdf", "unruled_form.pdf"),
        "garbled fonts (pypdfium2)": ("garbled.pdf",),
    }
    repeat = 20
    for kind, names in kinds.items():
        datas = [(TABLES / n).read_bytes() for n in names]
        pages = repeat * sum(_pages(data) for data in datas)
        t0 = time.perf_counter()
        for _ in range(repeat):
            for name, data in zip(names, datas, strict=True):
                read_pdf(data, name, None)
        elapsed = time.perf_counter() - t0
        print(
            f"PDF ingest, {kind}: {pages} pages in {elapsed:.2f} s = {pages / elapsed:.1f} pages/s"
        )


if __name__ == "__main__":
    main()
