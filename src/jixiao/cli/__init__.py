"""The ``jixiao`` command: thin edges over the library (Click + Rich).

Each command reads its arguments, calls one library function, formats the result, and lets
:class:`~jixiao.cli.common.JixiaoGroup` map :class:`~jixiao.errors.JixiaoError` to a message and
an exit code. Commands live in :mod:`.tables` (parse, ingest, list, show, export),
:mod:`.demo` (demo), :mod:`.review` (review, rules, opinion), :mod:`.selfeval`
(audit-selfeval, selfeval-rules), :mod:`.compare` (compare), :mod:`.corrections` (delete,
correct), :mod:`.web` (serve), :mod:`.admin` (admin create: the first 系统管理员),
:mod:`.audit` (audit verify, list), :mod:`.backup` (backup, restore) and :mod:`.workflow`
(workflow state, act, overview).
"""

from . import (  # noqa: F401
    admin,
    audit,
    backup,
    compare,
    corrections,
    demo,
    review,
    selfeval,
    tables,
    web,
    workflow,
)
from .common import main

__all__ = ["main"]
