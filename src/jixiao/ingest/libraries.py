"""The readers' libraries imported ahead of the first file (Excel, Word, PDF, and the
Traditional-character converter with its dictionary), for a long-running process.

Each is otherwise imported by the first file that needs it, in that file's worker: for a page's
upload, read alone in a fresh worker, that import cost several times the reading. The
forkserver of a long-running process (``jixiao serve``) imports this module
(:func:`jixiao.isolation.preload_libraries`) and its workers start with them; a command that
reads one file does not, as it would import all of them to use one.
"""

from __future__ import annotations

import docx  # noqa: F401
import openpyxl  # type: ignore[import-untyped]
import pdfplumber  # noqa: F401
import pypdfium2  # noqa: F401

from .text_clean import simplified

simplified("")  # (the converter's dictionary is loaded on its first use)
# (openpyxl tests each cell's number format with a pattern it compiles on first use: compiled
# here, a worker finds it in re's cache)
openpyxl.styles.numbers.is_date_format("General")
