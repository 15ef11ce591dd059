"""Inputs for fuzzing every reader: seeds (the test fixtures, per reader), mutations of them
(byte flips, cuts, insertions of interesting tokens, duplicated slices, splices, XML-level edits
inside .xlsx, odd encodings) and amplification shapes (spans, nesting, long digits, unclosed
brackets, long lines, far cells, merges, flate bombs, pages).

A mutation is a list of :data:`Op` tuples applied by :func:`apply_ops`, so the same code serves
Hypothesis (tests/test_fuzz_readers.py draws the ops) and `make fuzz` (bench/fuzz.py draws
them from a seeded ``random.Random``).
"""

from __future__ import annotations

import io
import json
import random
import zipfile
from functools import cache

from bench import hostile

ROOT = hostile.ROOT
TABLES = ROOT / "tests/data/tables"
TEXT = ROOT / "tests/data/text"

READER_KEYS = ("json", "pdf", "xlsx", "xls", "docx", "html", "tree", "csv", "webtext", "text")
SUFFIX = {"json": ".json", "pdf": ".pdf", "xlsx": ".xlsx", "xls": ".xls", "docx": ".docx",
          "html": ".html", "tree": ".txt", "csv": ".csv", "webtext": ".txt",
          "text": ".txt"}  # fmt: skip
ENCODINGS = (None,) * 12 + ("gb18030", "utf-16", "latin-1", "undefined", "utf-8-sig")

# interesting tokens inserted by mutations
TOKENS: tuple[bytes, ...] = (
    "（".encode() * 50, b"(" * 50, b"|" * 20, b"\t" * 30, b" " * 60, "　".encode() * 20,
    b"\r\n" * 20, b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", "一级指标".encode(), "三级指标".encode(),
    "绩效指标    指标值\n".encode(), "产出指标\n  数量指标\n".encode(), "项目名称：".encode(),
    b"9" * 400, b"-1", b"1e999", b"[" * 200, b"{" * 200, b'"', b"\\", b"<table>", b"</td>",
    b'<td rowspan="999" colspan="999">', b"<!--", b"<![CDATA[", b"&#x10FFFF;", b"&#99999999;",
    "≥≤％".encode(), b"obj", b"endobj", b"stream\n", b"/Count 999999", b"/MediaBox /A",
    b"<c r=\"XFD1048576\"/>", b"<mergeCell ref=\"A1:XFD1048576\"/>", b"PK\x03\x04",
)  # fmt: skip

# (kind, where: 0..1, length or count, token index, raw bytes)
Op = tuple[int, float, int, int, bytes]
KINDS = 8


@cache
def seeds(key: str) -> tuple[bytes, ...]:
    """Files the reader ``key`` reads (or nearly), to mutate."""
    files = {
        "pdf": ["form.pdf", "cut_short.pdf", "unruled_form.pdf", "garbled.pdf", "department.pdf"],
        "xls": ["legacy.xls"],
        "html": ["form.html"],
        "csv": ["gb18030.csv"],
        "tree": ["tree.txt", "tree_cut.txt", "tree_units.txt"],
        "webtext": ["pipe.txt", "cells.txt", "cells_blank.txt", "cells_spaced.txt"],
        "xlsx": ["tree.xlsx"],
    }.get(key, [])
    out = [(TABLES / f).read_bytes() for f in files]
    if key == "text":
        out += [p.read_bytes() for p in sorted(TEXT.glob("*.txt"))]
    if key == "json":
        out.append(_interchange())
    if key == "xlsx":
        out.append(_official_xlsx())
        out.append(hostile.xlsx_book())
    if key == "pdf":
        out.append(hostile.pdf_pages(2))
    if key == "docx":
        out.append(_word())
    return tuple(out)


def _word() -> bytes:
    """A small Word document (the three parts a package needs): a title and a merged table."""
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    cell = "<w:tc>{pr}<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"
    rows = [
        [("", "一级指标"), ("", "二级指标"), ("", "三级指标"), ("", "年度指标值")],
        [('<w:tcPr><w:vMerge w:val="restart"/></w:tcPr>', "产出指标"), ("", "数量指标"),
         ("", "培训人次"), ("", "≥100人次")],
        [("<w:tcPr><w:vMerge/></w:tcPr>", ""), ("", "质量指标"), ("", "合格率"), ("", "≥95%")],
        [('<w:tcPr><w:gridSpan w:val="2"/></w:tcPr>', "满意度指标"), ("", "满意度"),
         ("", "≥90%")],
    ]  # fmt: skip
    body = "".join(
        "<w:tr>" + "".join(cell.format(pr=pr, text=text) for pr, text in row) + "</w:tr>"
        for row in rows
    )
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document {ns}><w:body>'
        "<w:p><w:r><w:t>某局2024年项目支出绩效目标表</w:t></w:r></w:p>"
        f"<w:tbl><w:tblGrid>{'<w:gridCol/>' * 4}</w:tblGrid>{body}</w:tbl></w:body></w:document>"
    )
    package = "http://schemas.openxmlformats.org/package/2006"
    types = (
        f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{package}/content-types">'
        '<Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
        'document.main+xml"/></Types>'
    )
    rels = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/document.xml", document)
    return buf.getvalue()


@cache
def _document() -> object:
    from jixiao.ingest import read_bytes

    return read_bytes((TEXT / "four_columns.txt").read_bytes(), "four_columns.txt")[0]


def _interchange() -> bytes:
    from jixiao.interchange import to_dict

    return json.dumps(to_dict(_document()), ensure_ascii=False).encode()  # type: ignore[arg-type]


def _official_xlsx() -> bytes:
    from jixiao.export import get

    return b"".join(get("xlsx").export([_document()]))  # type: ignore[list-item]


def apply_ops(data: bytes, ops: list[Op], other: bytes = b"") -> bytes:
    """``data`` with the mutations ``ops`` applied in order."""
    buf = bytearray(data)
    for kind, where, n, token, raw in ops:
        at = _boundary(buf, int(where * len(buf)) if buf else 0)
        if kind == 0:  # overwrite bytes
            buf[at : _boundary(buf, at + len(raw))] = raw
        elif kind == 1:  # cut the end
            del buf[at:]
        elif kind == 2:  # insert a token, repeated
            buf[at:at] = TOKENS[token % len(TOKENS)] * max(1, n % 64)
        elif kind == 3:  # duplicate a slice (amplify)
            piece = bytes(buf[at : _boundary(buf, at + max(1, n % 4096))])
            buf[at:at] = piece * max(1, n % 16)
        elif kind == 4:  # delete a slice
            del buf[at : _boundary(buf, at + max(1, n % 512))]
        elif kind == 5 and other:  # splice in part of another seed
            start = int(where * len(other))
            buf[at:at] = other[start : start + max(1, n % 2048)]
        elif kind == 6:  # insert raw bytes
            buf[at:at] = raw
        elif kind == 7 and buf[:4] == b"PK\x03\x04":  # edit inside a zip member
            buf = bytearray(_edit_zip(bytes(buf), where, n, token, raw))
    return bytes(buf)


def _boundary(buf: bytearray, at: int) -> int:
    """``at`` moved past UTF-8 continuation bytes, so edits of text keep it decodable."""
    while at < len(buf) and (buf[at] & 0xC0) == 0x80:
        at += 1
    return at


def _edit_zip(data: bytes, where: float, n: int, token: int, raw: bytes) -> bytes:
    try:
        src = zipfile.ZipFile(io.BytesIO(data))
        members = [(i, src.read(i.filename)) for i in src.infolist()]
    except Exception:  # a broken zip stays as it is
        return data
    if not members:
        return data
    k = n % len(members)
    info, body = members[k]
    inner: list[Op] = [(2 if raw == b"" else 0, where, n, token, raw)]
    members[k] = (info, apply_ops(body, inner))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for i, b in members:
            dst.writestr(i, b)
    return out.getvalue()


def random_ops(rnd: random.Random) -> list[Op]:
    ops: list[Op] = []
    for _ in range(rnd.choice((1, 1, 2, 3, 5, 8))):
        kind = rnd.randrange(KINDS)
        top = 256 if rnd.random() < 0.3 else 128  # mostly ASCII: text stays decodable
        raw = bytes(rnd.randrange(top) for _ in range(rnd.randrange(0, 8)))
        ops.append((kind, rnd.random(), rnd.randrange(1 << 16), rnd.randrange(len(TOKENS)), raw))
    return ops


def reencode(data: bytes, encoding: str) -> bytes:
    """A text seed in another encoding (undecodable bytes left as they are)."""
    try:
        return data.decode("utf-8").encode(encoding, errors="replace")
    except (UnicodeDecodeError, LookupError):
        return data


def shape(key: str, rnd: random.Random) -> tuple[bytes, str | None]:
    """An amplification shape for reader ``key`` (sizes drawn from ``rnd``), with the
    encoding to read it with."""
    n = rnd.choice((10, 100, 1000, 5000, 20_000))
    if key == "html":
        pick = rnd.randrange(4)
        if pick == 0:
            return hostile.html_span_bomb(
                rnd.choice((10, 100, 1000, 5000)), rnd.randrange(1, 20)
            ), None
        if pick == 1:
            return hostile.html_long_span(rnd.choice((50, 500, 5000))), None
        if pick == 2:
            return ("<table><tr><td>" * n).encode(), None
        return ("<table>" + "<tr><td>三级指标</td><td>x</td></tr>" * n + "</table>").encode(), None
    if key == "json":
        pick = rnd.randrange(3)
        if pick == 0:
            return hostile.json_deep(n), None
        if pick == 1:
            return hostile.json_long_number(rnd.choice((50, 500, 5000, 50_000))), None
        return json.dumps([{"department": "某局"}] * min(n, 2000)).encode(), None
    if key == "xls":
        if rnd.random() < 0.5:
            return hostile.xls_truncated(rnd.randrange(5632)), None
        return hostile.xls_inflated(rnd.randrange(1 << 32)), None
    if key == "xlsx":
        pick = rnd.randrange(3)
        if pick == 0:
            return hostile.xlsx_far_cell(), None
        if pick == 1:
            return hostile.xlsx_whole_merge(), None
        return hostile.xlsx_many_merges(rnd.choice((10, 100, 1000, 6000))), None
    if key == "pdf":
        pick = rnd.randrange(4)
        if pick == 0:
            return hostile.pdf_pages(rnd.choice((1, 10, 100, 501))), None
        if pick == 1:
            return hostile.pdf_ruling_lines(rnd.choice((10, 1000, 20_001))), None
        if pick == 2:
            return hostile.pdf_mediabox_name(), None
        return _bomb(), None
    # the text readers: brackets, long lines, many cells, many lines
    pick = rnd.randrange(5)
    if pick == 0:
        return hostile.unclosed_brackets(n).encode(), None
    if pick == 1:
        return hostile.tree_text(n), None
    if pick == 2:
        return ("三级指标," * n + "\n" + "x," * n + "\n").encode(), None
    if pick == 3:
        return (
            "一级指标|二级指标|三级指标|指标值\n" + "产出指标|数量指标|" + "（" * n + "|1\n"
        ).encode(), None
    return ("1、1-产出指标；" + " " * n + "x\n").encode() * 3, None


@cache
def _bomb() -> bytes:
    return hostile.pdf_flate_bomb(600)  # past the default inflated_mb (512)


def draw(key: str, rnd: random.Random) -> tuple[bytes, str | None]:
    """One fuzz input for reader ``key``: a mutated seed (often), a shape (sometimes), or a seed
    in an odd encoding; and the ``--encoding`` to read it with."""
    pool = seeds(key)
    roll = rnd.random()
    if roll < 0.08 or not pool:
        return shape(key, rnd)
    base = rnd.choice(pool)
    other = rnd.choice(seeds(rnd.choice(READER_KEYS)) or (b"",))
    if roll < 0.16 and key in ("csv", "tree", "webtext", "text", "html", "json"):
        base = reencode(base, rnd.choice(("utf-16", "gb18030", "latin-1", "utf-8-sig", "cp1252")))
    return apply_ops(base, random_ops(rnd), other), rnd.choice(ENCODINGS)


def fuzz_one(job: tuple[str, bytes, str | None, bool]) -> tuple[str, str, float, int]:
    """Read one input as the CLI would (in a worker of bench/fuzz.py or the tests): its outcome
    (``ok``, or the error's code), what it names (the limit, or the failing exception's type)
    and the seconds it took."""
    import time

    from jixiao.errors import JixiaoError, LimitError, UnreadableError
    from jixiao.ingest import read_bytes

    key, data, encoding, sniffed = job
    start = time.perf_counter()
    try:
        read_bytes(data, "fuzz" + SUFFIX[key], layout=None if sniffed else key, encoding=encoding)
        outcome = ("ok", "")
    except LimitError as exc:
        outcome = ("limit", exc.key)
    except UnreadableError as exc:
        outcome = ("unreadable", exc.cause)
    except JixiaoError as exc:
        outcome = (exc.code, "")
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KB
    return (*outcome, time.perf_counter() - start, peak)
