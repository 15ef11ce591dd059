"""Readers: bytes of a published table → :class:`~jixiao.model.Document` objects.

A reader is registered by key with a content sniffer; :func:`read_bytes` picks the reader by
content, not by file extension (``layout=`` overrides), stamps the source (name, sha256,
layout) and reconciles the money. No file system access here: see :mod:`jixiao.ingest.files`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

from ..errors import InputError, InterchangeError, ParseError
from ..interchange import from_dict
from ..model import Document, Source, assign_ids
from ..reconcile import reconcile
from .encoding import decode
from .grid import Grid
from .official import read_xlsx as read_official_xlsx
from .pdf import read_pdf
from .pdf import sniff as sniff_pdf
from .readers import csv as csv_reader
from .readers import html as html_reader
from .readers import tree as tree_reader
from .readers import webtext as webtext_reader
from .readers import xls as xls_reader
from .readers import xlsx as xlsx_reader
from .table import interpret
from .text_layout import parse_text


@dataclass(frozen=True, slots=True)
class Options:
    year: int | None = None
    encoding: str | None = None


@dataclass(frozen=True, slots=True)
class Reader:
    key: str
    description: str
    suffixes: tuple[str, ...]  # file names to pick up when a folder is ingested
    sniff: Callable[[bytes], bool]
    read: Callable[[bytes, str, Options], list[Document]]
    reconciles: bool = True  # run money reconciliation on what it reads


READERS: dict[str, Reader] = {}


def register(reader: Reader) -> Reader:
    READERS[reader.key] = reader
    return reader


def _sniff_json(data: bytes) -> bool:
    """An object is JSON (a broken one gets JSON's error); an array only if it parses as JSON:
    a page's text may start with "[" too ([077]某局 …)."""
    first = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if first == b"{":
        return True
    if first != b"[":
        return False
    try:
        json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return False
    return True


def _read_json(data: bytes, name: str, options: Options) -> list[Document]:
    text = decode(data, name, options.encoding)
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
    return [parse_text(decode(data, name, options.encoding), name, year=options.year)]


register(
    Reader(
        "json",
        "Jixiao 交换格式 JSON（jixiao parse --json / jixiao export --format json 的输出）",
        (".json",),
        _sniff_json,
        _read_json,
        reconciles=False,
    )
)


def _grid_reader(
    grids: Callable[[bytes, str, str | None], list[Grid]],
) -> Callable[[bytes, str, Options], list[Document]]:
    """A reader's ``read`` for a module that turns bytes into grids: one interpreted document."""

    def read(data: bytes, name: str, options: Options) -> list[Document]:
        return [interpret(grids(data, name, options.encoding), name, year=options.year)]

    return read


def _read_xlsx(data: bytes, name: str, options: Options) -> list[Document]:
    """Sheets in the official layout are read as such; other workbooks are interpreted."""
    official = read_official_xlsx(data, name, options.year)
    if official is not None:
        return official
    return _grid_reader(xlsx_reader.grids)(data, name, options)


def _read_pdf(data: bytes, name: str, options: Options) -> list[Document]:
    return read_pdf(data, name, options.year)


register(
    Reader(
        "pdf",
        "PDF（官方版式或每行一个指标的表格，有线或无线；或编号文本版式的文字）",
        (".pdf",),
        sniff_pdf,
        _read_pdf,
    )
)
register(
    Reader(
        "xlsx",
        "Excel 工作簿（.xlsx；官方版式，或每行一个指标，合并单元格展开）",
        (".xlsx",),
        xlsx_reader.sniff,
        _read_xlsx,
    )
)
register(
    Reader(
        "xls",
        "旧版 Excel 工作簿（.xls；合并单元格展开）",
        (".xls",),
        xls_reader.sniff,
        _grid_reader(xls_reader.grids),
    )
)
register(
    Reader(
        "html",
        "含 <table> 的网页（rowspan/colspan 展开）",
        (".html", ".htm"),
        html_reader.sniff,
        _grid_reader(html_reader.grids),
    )
)
register(
    Reader(
        "tree",
        "按缩进分层的指标树文本（“绩效指标  指标值”表头之下，一级、二级、三级指标逐层缩进）",
        (),
        tree_reader.sniff,
        _grid_reader(tree_reader.grids),
    )
)
register(
    Reader(
        "csv",
        "CSV/TSV 表格（UTF-8、带 BOM 的 UTF-8 或 GB18030；分隔符自动识别）",
        (".csv", ".tsv"),
        csv_reader.sniff,
        _grid_reader(csv_reader.grids),
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
        _grid_reader(webtext_reader.grids),
    )
)


def sniff(data: bytes) -> Reader:
    """The reader for ``data``, chosen by content."""
    for reader in READERS.values():
        if reader.sniff(data):
            return reader
    raise ParseError("无法识别文件版式")  # pragma: no cover - the text reader takes anything


def read_bytes(
    data: bytes,
    name: str,
    *,
    layout: str | None = None,
    year: int | None = None,
    encoding: str | None = None,
) -> list[Document]:
    """Every document in ``data``, the bytes of the file ``name`` (a path as the user gave it:
    errors name it; the stored source keeps its last part)."""
    if layout is not None and layout not in READERS:
        raise InputError(f"未知的版式“{layout}”", expected="、".join(READERS))
    if not data.strip():
        raise ParseError("文件是空的", source=name, expected="项目支出绩效目标表")
    reader = READERS[layout] if layout else sniff(data)
    docs = reader.read(data, name, Options(year=year, encoding=encoding))
    digest = hashlib.sha256(data).hexdigest()
    for n, doc in enumerate(docs):
        if doc.source is None:
            doc.source = Source(PurePath(name).name, digest, reader.key)
        # Stable ids from the file's bytes and positions: reading it again gives the same ones.
        assign_ids(doc, digest if len(docs) == 1 else f"{digest}#{n}")
        if reader.reconciles:
            doc.notes.extend(reconcile(doc))
    return docs
