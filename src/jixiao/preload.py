"""Work a process does once, before its first table: loading the vocabularies and compiling
their patterns. Each module registers its loaders (cached functions of no arguments) with
:func:`preloaded`; :func:`preload` runs them all.

The isolation's forkserver runs them once (:mod:`jixiao.ingest.warm`), so a worker it forks
starts with them done. Without that, each worker did them again on its first file, and a file
read alone (a page's upload, ``jixiao tables``) is its worker's first: the loading cost several
times the reading.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

__all__ = ["preload", "preloaded"]

F = TypeVar("F", bound=Callable[[], object])

_LOADERS: list[Callable[[], object]] = []


def preloaded(loader: F) -> F:
    """Register ``loader`` (cached, no arguments) to be run by :func:`preload`."""
    _LOADERS.append(loader)
    return loader


def preload() -> int:
    """Run every loader registered by the modules imported so far; how many."""
    for loader in _LOADERS:
        loader()
    return len(_LOADERS)
