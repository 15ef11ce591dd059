"""The ``jixiao`` command: thin edges over the library (Click + Rich).

Each command reads its arguments, calls one library function, formats the result, and lets
:class:`~jixiao.cli.common.JixiaoGroup` map :class:`~jixiao.errors.JixiaoError` to a message and
an exit code. Commands live in :mod:`.tables` (parse, ingest, list, show, export, demo),
:mod:`.review` (review, rules), :mod:`.selfeval` (audit-selfeval, selfeval-rules),
:mod:`.compare` (compare) and :mod:`.web` (serve).
"""

from . import compare, review, selfeval, tables, web  # noqa: F401  (registers the commands)
from .common import main

__all__ = ["main"]
