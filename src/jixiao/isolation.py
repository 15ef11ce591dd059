"""Work on untrusted files in worker processes with a memory and a time limit each.

A hostile or broken file can make a parser allocate gigabytes (calamine aborts the whole
process when an allocation fails), recurse, or run for minutes. So each file is handled in a
worker process of a :class:`Workers` pool: the worker's address space is capped with
``RLIMIT_AS`` (``Limits.memory_mb``) and the parent kills a worker that spends more than
``Limits.seconds`` on one file. A worker that dies (killed by the kernel, aborted by a
library, over its time) is reported as that file's error — a
:class:`~jixiao.errors.LimitError` or :class:`~jixiao.errors.UnreadableError` — and replaced
by a fresh one; the other files go on. Whatever the work function raises comes back as a
:class:`~jixiao.errors.JixiaoError` (anything else, ``BaseException`` subclasses such as
pyo3's ``PanicException`` included, as ``UnreadableError``).

Workers are forked from a ``forkserver`` (never from a parent holding database connections or
threads) that preloads Jixiao's readers with their vocabularies loaded
(:mod:`jixiao.ingest.warm`), so starting one costs milliseconds and its first file reads as
fast as the next; a worker serves files one after another until the pool closes.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

from .errors import JixiaoError, UnreadableError
from .limits import Limits, exceeded

T = TypeVar("T")
R = TypeVar("R")

# jixiao.ingest.warm last: it loads the vocabularies of everything imported before it
PRELOAD = ["jixiao.loader", "jixiao.ingest", "jixiao.isolation", "jixiao.ingest.warm"]
LIBRARIES = "jixiao.ingest.libraries"

_preload = list(PRELOAD)  # what this process's forkserver imports (it is started once)


def preload_libraries() -> None:
    """Have this process's forkserver also import the readers' libraries
    (:mod:`jixiao.ingest.libraries`); call it before the first file is read. For a long-running
    process: it reads every file in a fresh worker, which then need not import its library."""
    if LIBRARIES not in _preload:  # (before the warm-up, whose gc.freeze then covers them)
        _preload.insert(_preload.index("jixiao.ingest.warm"), LIBRARIES)


def _context() -> Any:
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(_preload)
    return ctx


def limit_memory(megabytes: int) -> None:
    """Cap this process's address space (a MemoryError, or an abort, past it)."""
    import resource

    size = megabytes << 20
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        size = min(size, hard)
    resource.setrlimit(resource.RLIMIT_AS, (size, hard))


def error_of(exc: BaseException, source: str | None, limits: Limits) -> JixiaoError:
    """``exc`` as the project's error for the file ``source``."""
    if isinstance(exc, JixiaoError):
        return exc
    if isinstance(exc, MemoryError):
        return exceeded("memory_mb", limits.memory_mb, source)
    return UnreadableError.of(exc, source)


def _serve(
    conn: Connection,
    limits: Limits,
    initializer: Callable[..., None] | None,
    initargs: tuple[Any, ...],
) -> None:
    """A worker's loop: receive ``(function, item, source)``, send ``(ok, value)`` back."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle
    # pdfminer logs a warning per oddity of a broken PDF; the file's error says what matters
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    limit_memory(limits.memory_mb)
    failed: JixiaoError | None = None
    if initializer is not None:
        try:
            initializer(*initargs)
        except Exception as exc:  # e.g. the database: every item gets this error
            failed = error_of(exc, None, limits)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        fn, item, source = job
        if failed is not None:
            conn.send((False, failed))
            continue
        try:
            reply: tuple[bool, Any] = (True, fn(item))
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # every failure is the file's error
            reply = (False, error_of(exc, source, limits))
        try:
            conn.send(reply)
        except Exception as exc:  # a result that cannot be pickled
            conn.send((False, error_of(exc, source, limits)))


@dataclass(slots=True)
class _Worker:
    process: Any
    conn: Connection
    job: int | None = None  # index of the item it works on
    started: float = 0.0


@dataclass(frozen=True, slots=True)
class Done(Generic[R]):
    """One item's result: ``value`` or ``error``."""

    index: int
    value: R | None
    error: JixiaoError | None


class Workers:
    """A pool of ``jobs`` isolated worker processes (see the module docstring)."""

    def __init__(
        self,
        jobs: int,
        limits: Limits,
        initializer: Callable[..., None] | None = None,
        initargs: tuple[Any, ...] = (),
    ) -> None:
        self.jobs = max(1, jobs)
        self.limits = limits
        self.initializer = initializer
        self.initargs = initargs
        self._ctx = _context()
        self._workers: list[_Worker] = []

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(
            target=_serve,
            args=(child, self.limits, self.initializer, self.initargs),
            daemon=True,
        )
        process.start()
        child.close()
        return _Worker(process, parent)

    def _stop(self, worker: _Worker, *, kill: bool) -> None:
        if kill and worker.process.is_alive():
            worker.process.kill()
        worker.process.join(5)
        if worker.process.is_alive():  # pragma: no cover - a worker that ignores SIGTERM
            worker.process.kill()
            worker.process.join()
        worker.conn.close()
        self._workers.remove(worker)

    def close(self) -> None:
        for worker in list(self._workers):
            if worker.job is None:
                with contextlib.suppress(OSError):
                    worker.conn.send(None)
            self._stop(worker, kill=worker.job is not None)

    def run(
        self,
        fn: Callable[[T], R],
        items: Iterable[T],
        sources: Callable[[T], str | None] = lambda item: None,
    ) -> Iterator[Done[R]]:
        """``fn(item)`` for every item in a worker, yielded as each finishes (any order).
        ``items`` is consumed as workers become free, so it may be a long generator."""
        pending = iter(enumerate(items))
        upcoming = next(pending, None)
        jobs: dict[int, T] = {}
        while upcoming is not None or any(w.job is not None for w in self._workers):
            while upcoming is not None and (
                len(self._workers) < self.jobs or any(w.job is None for w in self._workers)
            ):
                worker = next((w for w in self._workers if w.job is None), None)
                worker = worker or self._start()
                if worker not in self._workers:
                    self._workers.append(worker)
                index, item = upcoming
                upcoming = next(pending, None)
                jobs[index] = item
                worker.job, worker.started = index, time.monotonic()
                with contextlib.suppress(OSError, ValueError):  # died: the next wait says so
                    worker.conn.send((fn, item, sources(item)))
            yield from self._collect(jobs, sources)

    def _collect(
        self, jobs: dict[int, Any], sources: Callable[[Any], str | None]
    ) -> Iterator[Done[Any]]:
        busy = [w for w in self._workers if w.job is not None]
        deadline = min(w.started for w in busy) + self.limits.seconds
        ready = wait(
            [w.conn for w in busy] + [w.process.sentinel for w in busy],
            timeout=max(0.0, deadline - time.monotonic()),
        )
        now = time.monotonic()
        for worker in busy:
            index = worker.job
            assert index is not None
            source = sources(jobs[index])
            if worker.conn in ready:
                try:
                    ok, value = worker.conn.recv()
                except (EOFError, OSError):
                    ok, value = False, self._death(worker, source)
                    self._stop(worker, kill=True)
                else:
                    worker.job = None
                del jobs[index]
                yield Done(index, value if ok else None, None if ok else value)
            elif worker.process.sentinel in ready:
                error = self._death(worker, source)
                self._stop(worker, kill=True)
                del jobs[index]
                yield Done(index, None, error)
            elif now - worker.started >= self.limits.seconds:
                self._stop(worker, kill=True)
                del jobs[index]
                yield Done(index, None, exceeded("seconds", self.limits.seconds, source))

    def _death(self, worker: _Worker, source: str | None) -> JixiaoError:
        worker.process.join(5)
        code = worker.process.exitcode
        if code is not None and code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = str(-code)
            how = f"被信号 {name} 终止"
        else:
            how = f"以退出码 {code} 退出"
        return UnreadableError(
            f"读取该文件的进程{how}（文件损坏、超出内存上限 {self.limits.memory_mb:,} MB "
            "或触发了读取库的缺陷）；其余文件不受影响",
            cause=f"worker:{code}",
            source=source,
            expected="完整、未损坏的表文件；确为正常文件时，可用 --limit memory_mb=更大的值 重试",
        )


def run_one(fn: Callable[[T], R], item: T, source: str | None, limits: Limits) -> R:
    """``fn(item)`` in one isolated worker; its error raised here."""
    with Workers(1, limits) as workers:
        for done in workers.run(fn, [item], lambda _: source):
            if done.error is not None:
                raise done.error
            return done.value  # type: ignore[return-value]
    raise AssertionError("one item gives one result")  # pragma: no cover
