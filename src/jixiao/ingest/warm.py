"""The readers made ready before the first table, once for a process that forks workers.

The isolation's forkserver imports this module (:data:`jixiao.isolation.PRELOAD`: a
forkserver's preload is a list of modules to import, so the import does the work). Every
worker it forks then starts with the vocabularies loaded and their patterns compiled
(:mod:`jixiao.preload`) instead of doing that again on its first file.
"""

from __future__ import annotations

import gc

from ..errors import JixiaoError
from ..preload import preload
from . import read_bytes  # noqa: F401  (imports every reader: their loaders are registered)

__all__ = ["warm"]


def warm() -> int:
    """Run the registered loaders; how many. A broken bundled vocabulary is left for the first
    table to report (a worker's error names the file; the forkserver's would stop every read)."""
    try:
        count = preload()
    except JixiaoError:
        return 0
    # What is loaded now lives as long as the process: out of the collector's passes, and the
    # forked workers' memory pages stay shared with the server's (gc.freeze's documented use).
    gc.freeze()
    return count


warm()
