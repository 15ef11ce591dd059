"""The readers' loaders run ahead of the first table (jixiao.preload, jixiao.ingest.warm,
jixiao.ingest.libraries): every cached loader of no arguments is registered, running them
loads each, and a long-running process's workers start with the readers' libraries too."""

from __future__ import annotations

import functools
import importlib
import inspect
import pkgutil
import subprocess
import sys
import textwrap
from pathlib import Path

import jixiao
import jixiao.ingest
from jixiao import preload

ROOT = Path(__file__).resolve().parent.parent

# Loaded with the libraries (jixiao.ingest.libraries), not for every file: only pages in
# Traditional characters need the converter.
LIBRARY_LOADERS = {"jixiao.ingest.text_clean._zhconv"}


def _cached_loaders() -> set[str]:
    """Every cached function of no arguments defined in jixiao's readers and core modules."""
    found = set()
    names = [m.name for m in pkgutil.walk_packages(jixiao.ingest.__path__, "jixiao.ingest.")]
    for name in [*names, "jixiao.framework", "jixiao.targets"]:
        if name.endswith((".warm", ".libraries")):
            continue  # (importing them does the work under test)
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            if (
                isinstance(value, functools._lru_cache_wrapper)
                and value.__module__ == name
                and not inspect.signature(value).parameters
            ):
                found.add(f"{name}.{attr}")
    return found


def test_every_cached_loader_of_the_readers_is_registered() -> None:
    registered = {f"{f.__module__}.{f.__name__}" for f in preload._LOADERS}
    missing = _cached_loaders() - registered - LIBRARY_LOADERS
    assert not missing, f"cached loaders not registered with @preloaded: {sorted(missing)}"


def test_preloaded_registers_and_preload_runs_each_once() -> None:
    calls: list[int] = []

    @functools.cache
    def loader() -> int:
        calls.append(1)
        return len(calls)

    assert preload.preloaded(loader) is loader
    try:
        count = preload.preload()
        preload.preload()
        assert count == len(preload._LOADERS) and calls == [1]
    finally:
        preload._LOADERS.remove(loader)


def imported(names: list[str]) -> list[str]:
    """Which of ``names`` the process running it has imported (run in a worker)."""
    return [name for name in names if name in sys.modules]


def _run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-W", "error", "-c", textwrap.dedent(code)],
        capture_output=True,
        cwd=ROOT,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_importing_warm_loads_every_registered_loader() -> None:
    out = _run(
        """
        import jixiao.ingest.warm
        from jixiao import preload
        print(sum(f.cache_info().currsize for f in preload._LOADERS), len(preload._LOADERS))
        """
    )
    loaded, registered = out.split()
    assert int(registered) >= 15 and loaded == registered


def test_a_long_running_process_starts_its_workers_with_the_libraries() -> None:
    out = _run(
        """
        from jixiao.isolation import _preload, preload_libraries, run_one
        from jixiao.limits import Limits
        from tests.test_preload import imported

        if __name__ == "__main__":
            preload_libraries()
            preload_libraries()  # (once is enough: nothing imported twice)
            names = ["openpyxl", "docx", "pdfplumber", "pypdfium2", "zhconv"]
            print(",".join(run_one(imported, names, "f.xlsx", Limits.defaults())))
            print(" ".join(_preload[-2:]))
        """
    )
    # the libraries imported before the warm-up, whose gc.freeze then covers them too
    assert out.splitlines() == [
        "openpyxl,docx,pdfplumber,pypdfium2,zhconv",
        "jixiao.ingest.libraries jixiao.ingest.warm",
    ]
