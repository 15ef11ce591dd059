"""What a file is, by its first bytes: for the error on a file no reader takes.

A Word document, an image or an archive handed to Jixiao would otherwise reach the text
readers and be refused as "not UTF-8 text"; :func:`identify` names it instead (the caller adds
which formats are read, from the readers' registry). Only well-known signatures: a file not
recognised here gets the text readers' own error.
"""

from __future__ import annotations

import io
import zipfile

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"GIF87a", "GIF 图片"),
    (b"GIF89a", "GIF 图片"),
    (b"BM", "BMP 图片"),
    (b"II*\x00", "TIFF 图片"),
    (b"MM\x00*", "TIFF 图片"),
    (b"Rar!\x1a\x07", "RAR 压缩包"),
    (b"7z\xbc\xaf\x27\x1c", "7z 压缩包"),
    (b"\x1f\x8b", "gzip 压缩包"),
    (b"BZh", "bzip2 压缩包"),
    (b"\xfd7zXZ\x00", "xz 压缩包"),
    (b"{\\rtf", "RTF 文档"),
    (b"SQLite format 3\x00", "SQLite 数据库"),
    (b"MZ", "Windows 程序"),
    (b"\x7fELF", "程序文件"),
)

_ZIP_PARTS = (
    ("word/", "Word 文档（.docx）"),
    ("ppt/", "PowerPoint 演示文稿（.pptx）"),
    ("xl/", "Excel 工作簿（.xlsx）"),
)

_OLE2_STREAMS = (
    ("WordDocument", "旧版 Word 文档（.doc）或 WPS 文字文档"),
    ("PowerPoint Document", "旧版 PowerPoint 演示文稿（.ppt）"),
)

_ODF = (
    (b"application/vnd.oasis.opendocument.text", "OpenDocument 文字文档（.odt）"),
    (b"application/vnd.oasis.opendocument.spreadsheet", "OpenDocument 表格（.ods）"),
)


def identify(data: bytes) -> str | None:
    """What ``data`` is, in Chinese (``"PNG 图片"``, ``"ZIP 压缩包"`` …), or ``None`` when it
    is none of the kinds known here (text, or an Office file whose reader says more)."""
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _zip(data)
    if data.startswith(_OLE2):
        return _ole2(data)
    if data[8:12] == b"WEBP" and data.startswith(b"RIFF"):
        return "WebP 图片"
    for magic, kind in _SIGNATURES:
        if data.startswith(magic):
            return kind
    return None


def _zip(data: bytes) -> str:
    for mimetype, kind in _ODF:
        if data[30:38] == b"mimetype" and mimetype in data[:200]:
            return kind
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = z.namelist()
    except (zipfile.BadZipFile, NotImplementedError, ValueError, OSError, EOFError):
        return "ZIP 压缩包（已损坏）"
    for prefix, kind in _ZIP_PARTS:
        if any(n.startswith(prefix) for n in names):
            return kind
    return "ZIP 压缩包"


def _ole2(data: bytes) -> str | None:
    """A legacy Word or PowerPoint file; ``None`` for a workbook or anything else in the
    container (the ``.xls`` reader takes those and says what is wrong)."""
    # The directory's stream names are UTF-16 text in the container; enough to tell them apart.
    if "Book".encode("utf-16-le") in data:  # Workbook (BIFF8) or Book (BIFF5): an .xls
        return None
    for stream, kind in _OLE2_STREAMS:
        if stream.encode("utf-16-le") in data:
            return kind
    return None
