"""Readers: bytes of a published table → :class:`~jixiao.model.Document` objects.

A reader is registered by key with a content sniffer; :func:`read_bytes` picks the reader by
content, not by file extension (``layout=`` overrides), stamps the source (name, sha256,
layout) and reconciles the money. No file system access here: see :mod:`jixiao.ingest.files`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath

from ..errors import InputError, InterchangeError, JixiaoError, ParseError, UnreadableError
from ..interchange import from_dict
from ..limits import Limits, exceeded
from ..model import Document, Note, Source, assign_ids
from ..reconcile import reconcile
from .encoding import GB18030_NOTE, decode, decode_text
from .grid import Grid
from .jsonscan import check_json
from .kinds import identify
from .official import read_book as read_official_book
from .pdf import read_pdf
from .pdf import sniff as sniff_pdf
from .readers import csv as csv_reader
from .readers import docx as docx_reader
from .readers import html as html_reader
from .readers import tree as tree_reader
from .readers import webtext as webtext_reader
from .readers import xls as xls_reader
from .readers import xlsx as xlsx_reader
from .table import interpret
from .text_clean import normalize
from .text_layout import parse_text


@dataclass(frozen=True, slots=True)
class Options:
    year: int | None = None
    encoding: str | None = None
    limits: Limits = field(default_factory=Limits.defaults)


@dataclass(frozen=True, slots=True)
class Reader:
    key: str
    description: str
    suffixes: tuple[str, ...]  # file names to pick up when a folder is ingested
    sniff: Callable[[bytes], bool]
    read: Callable[[bytes, str, Options], list[Document]]
    reconciles: bool = True  # run money reconciliation on what it reads
    label: str = ""  # what users call the format (messages list the formats read by it)
    binary: bool = False  # sniffs a binary container: other binaries never reach it …
    container: bool = False  # … unless it sniffs only the container (OLE2: .xls, .doc, .ppt)


READERS: dict[str, Reader] = {}


def register(reader: Reader) -> Reader:
    READERS[reader.key] = reader
    return reader


def formats() -> str:
    """The formats read, for messages and help: ``PDF（.pdf）、Excel 工作簿（.xlsx）…``, from
    the registry (readers that take no file name by itself are reached through the others)."""
    return "、".join(
        f"{r.label or r.key}（{'、'.join(r.suffixes)}）" for r in READERS.values() if r.suffixes
    )


def _sniff_json(data: bytes) -> bool:
    """An object, or an array of objects, arrays or strings (a broken one gets JSON's error);
    not a page's text that starts with a bracketed code ([077]某局 …)."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] == b"{":
        return True
    return head[:1] == b"[" and head[1:].lstrip(b" \t\r\n")[:1] in (b"{", b"[", b'"', b"]")


def _read_json(data: bytes, name: str, options: Options) -> list[Document]:
    text = decode(data, name, options.encoding)
    check_json(text, name, options.limits)  # nesting and long numbers, before json.loads
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InterchangeError(
            f"不是有效的 JSON：{exc.msg}（第 {exc.colno} 列）",
            source=name,
            line=exc.lineno,
            expected="交换格式的 JSON 文档或文档数组",
        ) from exc
    items = payload if isinstance(payload, list) else [payload]
    docs = []
    for k, item in enumerate(items):
        where = name if len(items) == 1 else f"{name}[{k}]"
        if not isinstance(item, dict):
            raise InterchangeError("数组元素不是 JSON 对象", source=where)
        doc = from_dict(item, where)
        if options.year is not None:
            doc.year = options.year
        docs.append(doc)
    return docs


def _read_text(data: bytes, name: str, options: Options) -> list[Document]:
    text, guessed = decode_text(data, name, options.encoding)
    check_lines(text, name, options.limits)
    text, cleaned = normalize(text)  # (a mirror's Traditional page, pinyin, a copy's blank lines)
    doc = parse_text(text, name, year=options.year)
    doc.notes[:0] = [Note(n.level, n.code, n.message) for n in cleaned]
    if guessed is not None:
        doc.notes.insert(0, Note("info", f"encoding.{guessed}", GB18030_NOTE))
    return [doc]


def check_lines(text: str, name: str, limits: Limits) -> None:
    """Refuse a text whose longest line is past ``cell_chars`` (before any regex runs on it)."""
    if len(text) <= limits.cell_chars:
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if len(line) > limits.cell_chars:
            raise exceeded("cell_chars", limits.cell_chars, name, value=len(line), line=number)


def check_grids(found: list[Grid], name: str, limits: Limits) -> list[Grid]:
    """Refuse grids with too many cells or too long a cell, before they are interpreted."""
    for grid in found:
        cells = sum(len(row) for row in grid.rows)
        limits.check("cells", cells, name)
        for row, line in zip(grid.rows, grid.lines, strict=False):
            longest = max((len(c) for c in row), default=0)
            if longest > limits.cell_chars:
                raise exceeded("cell_chars", limits.cell_chars, name, value=longest, line=line)
    return found


register(
    Reader(
        "json",
        "Jixiao 交换格式 JSON（jixiao parse --json / jixiao export --format json 的输出）",
        (".json",),
        _sniff_json,
        _read_json,
        reconciles=False,
        label="Jixiao 交换格式 JSON",
    )
)


GridsFn = Callable[[bytes, str, str | None, Limits], list[Grid]]


def _grid_reader(grids: GridsFn) -> Callable[[bytes, str, Options], list[Document]]:
    """A reader's ``read`` for a module that turns bytes into grids: one interpreted document."""

    def read(data: bytes, name: str, options: Options) -> list[Document]:
        found = check_grids(
            grids(data, name, options.encoding, options.limits), name, options.limits
        )
        return [interpret(found, name, year=options.year)]

    return read


def _text_grids(grids: Callable[[bytes, str, str | None], list[Grid]]) -> GridsFn:
    """``grids`` of a text reader, its lines checked against ``cell_chars`` first."""

    def read(data: bytes, name: str, encoding: str | None, limits: Limits) -> list[Grid]:
        if len(data) > limits.cell_chars:
            check_lines(decode_lenient(data), name, limits)
        return grids(data, name, encoding)

    return read


def decode_lenient(data: bytes) -> str:
    """``data`` as text for measuring lines (never raises; the reader decodes it properly)."""
    return data.decode("utf-8", errors="replace")


def _read_xlsx(data: bytes, name: str, options: Options) -> list[Document]:
    """Sheets in the official layout are read as such; other workbooks are interpreted."""
    xlsx_reader.check(data, name, options.limits)  # sizes, before openpyxl builds any cell
    book = xlsx_reader.load(data, name)  # once, for both readers (it is most of the time)
    official = read_official_book(book, name, options.year)
    if official is not None:
        return official
    found = check_grids(xlsx_reader.book_grids(book, name), name, options.limits)
    return [interpret(found, name, year=options.year)]


def _read_pdf(data: bytes, name: str, options: Options) -> list[Document]:
    return read_pdf(data, name, options.year, options.limits)


register(
    Reader(
        "pdf",
        "PDF（官方版式或每行一个指标的表格，有线或无线；或编号文本版式的文字）",
        (".pdf",),
        sniff_pdf,
        _read_pdf,
        label="PDF",
        binary=True,
    )
)
register(
    Reader(
        "xlsx",
        "Excel 工作簿（.xlsx；官方版式，或每行一个指标，合并单元格展开）",
        (".xlsx",),
        xlsx_reader.sniff,
        _read_xlsx,
        label="Excel 工作簿",
        binary=True,
    )
)
register(
    Reader(
        "xls",
        "旧版 Excel 工作簿（.xls；合并单元格展开）",
        (".xls",),
        xls_reader.sniff,
        _grid_reader(xls_reader.grids),
        label="旧版 Excel 工作簿",
        binary=True,
        container=True,
    )
)
register(
    Reader(
        "docx",
        "Word 文档（.docx；其中的表格，合并单元格展开）",
        (".docx",),
        docx_reader.sniff,
        _grid_reader(docx_reader.grids),
        label="Word 文档",
        binary=True,
    )
)
register(
    Reader(
        "html",
        "含 <table> 的网页（rowspan/colspan 展开）",
        (".html", ".htm"),
        html_reader.sniff,
        _grid_reader(html_reader.grids),
        label="网页",
    )
)
register(
    Reader(
        "tree",
        "按缩进分层的指标树文本（“绩效指标  指标值”表头之下，一级、二级、三级指标逐层缩进）",
        (),
        tree_reader.sniff,
        _grid_reader(_text_grids(tree_reader.grids)),
    )
)
register(
    Reader(
        "csv",
        "CSV/TSV 表格（UTF-8、带 BOM 的 UTF-8 或 GB18030；分隔符自动识别）",
        (".csv", ".tsv"),
        csv_reader.sniff,
        _grid_reader(_text_grids(csv_reader.grids)),
        label="CSV/TSV 表格",
    )
)
register(
    Reader(
        "text",
        "编号文本版式（从 PDF 提取的文本：1、1-产出指标；11-数量指标；…）",
        (),
        webtext_reader.is_numbered,
        _read_text,
    )
)
register(
    Reader(
        "webtext",
        "从网页保存的表格文本（单元格以“|”、空格或换行分隔，或连在一起）",
        (".txt", ".text"),
        lambda data: True,
        _grid_reader(_text_grids(webtext_reader.grids)),
        label="文本",
    )
)


_VALID = "完整、未损坏的表文件"


def _megabytes(size: int) -> int:
    """``size`` bytes in whole MB, rounded up (so 50 MB + 1 byte is past a 50 MB limit)."""
    return -(-size // (1 << 20))


def sniff(data: bytes) -> Reader:
    """The reader for ``data``, chosen by content."""
    for reader in READERS.values():
        if reader.sniff(data):
            return reader
    raise ParseError("无法识别文件版式")  # pragma: no cover - the text reader takes anything


def _refuse_other_files(data: bytes, name: str) -> None:
    """A file no reader takes (an image, an archive, a legacy Word file …) named for what it is,
    rather than refused as text that is not UTF-8."""
    kind = identify(data)
    if kind is None:
        return
    advice = "；旧版 Word 文档请在 Word 或 WPS 中另存为 .docx" if "旧版 Word" in kind else ""
    raise InputError(
        f"这是{' ' if kind[0].isascii() else ''}{kind}，不是 Jixiao 能读取的表文件",
        source=name,
        expected=f"Jixiao 能读取的表文件：{formats()}{advice}",
    )


def read_bytes(
    data: bytes,
    name: str,
    *,
    layout: str | None = None,
    year: int | None = None,
    encoding: str | None = None,
    limits: Limits | None = None,
) -> list[Document]:
    """Every document in ``data``, the bytes of the file ``name`` (a path as the user gave it:
    errors name it; the stored source keeps its last part). Whatever a reader or a library
    under it raises becomes a :class:`~jixiao.errors.JixiaoError` naming the file: a limit
    (:class:`~jixiao.errors.LimitError`) or :class:`~jixiao.errors.UnreadableError`."""
    limits = limits or Limits.defaults()
    if layout is not None and layout not in READERS:
        raise InputError(f"未知的版式“{layout}”", expected="、".join(READERS))
    limits.check("file_mb", _megabytes(len(data)), name)
    if not data.strip():
        raise ParseError("文件是空的", source=name, expected="项目支出绩效目标表")
    options = Options(year=year, encoding=encoding, limits=limits)
    try:
        reader = READERS[layout] if layout else sniff(data)
        if layout is None and (not reader.binary or reader.container):
            _refuse_other_files(data, name)
        docs = reader.read(data, name, options)
    except (JixiaoError, KeyboardInterrupt, SystemExit):
        raise
    except MemoryError:
        raise exceeded("memory_mb", limits.memory_mb, name) from None
    except RecursionError as exc:
        raise UnreadableError(
            "文件结构嵌套过深，无法读取", cause="RecursionError", source=name, expected=_VALID
        ) from exc
    except BaseException as exc:  # a library's own errors, pyo3's PanicException among them
        raise UnreadableError.of(exc, name) from exc
    digest = hashlib.sha256(data).hexdigest()
    for n, doc in enumerate(docs):
        if doc.source is None:
            doc.source = Source(PurePath(name).name, digest, reader.key)
        # Stable ids from the file's bytes and positions: reading it again gives the same ones.
        assign_ids(doc, digest if len(docs) == 1 else f"{digest}#{n}")
        if reader.reconciles:
            doc.notes.extend(reconcile(doc))
    return docs
