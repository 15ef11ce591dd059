"""Bytes → text for the text layouts, with errors a user can act on.

Published tables are UTF-8 as a rule, but tables saved on Chinese Windows are GBK/GB18030.
:func:`decode_text` decides, without ``--encoding``:

1. a byte-order mark names the encoding (UTF-8, UTF-16);
2. bytes that are valid UTF-8 are UTF-8 (GBK text of any length is almost never valid UTF-8);
3. otherwise GB18030 (a superset of GBK and GB2312) only when the bytes decode strictly as
   GB18030, hold no control characters, are mostly Chinese (:func:`_looks_chinese`) and nine in
   ten of their Han characters (or of their Simplified forms, for Traditional text) are among
   GB2312's 6,763 common ones: real GBK text is; bytes of another encoding (Big5, Shift-JIS)
   or of a binary file read as GB18030 give rare characters scattered over the whole
   repertoire, and are refused, never read as wrong text.

The caller notes the guessed encoding on what it reads (:data:`GB18030_NOTE`).
"""

from __future__ import annotations

import codecs
import re

from ..errors import DecodeError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


# Spaces and ASCII punctuation: a table's rules and padding (| | | |, ----), no text either way.
_RULING = re.compile(r"[\s!-/:-@\[-`{-~]")


def _looks_chinese(text: str) -> bool:
    """At least one in five of the characters that are not rules or padding are Han ones (a
    table padded with runs of | is Chinese text all the same)."""
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return cjk >= max(4, len(_RULING.sub("", text)) // 5)


GB18030_NOTE = (
    "文件不是 UTF-8 编码，已按 GB18030（兼容 GBK、GB2312）读取；如有乱码请用 --encoding 指定编码"
)
_COMMON_SHARE = 0.9  # of the Han characters, at least this share in GB2312


def _common_han(text: str) -> bool:
    """Whether nine in ten of the Han characters of ``text`` are in GB2312."""
    counts: dict[str, int] = {}
    for ch in text:
        if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or ch > "\uffff":
            counts[ch] = counts.get(ch, 0) + 1
    total = sum(counts.values())
    common = 0
    for ch, n in counts.items():
        try:
            ch.encode("gb2312")
        except UnicodeEncodeError:
            continue
        common += n
    return total > 0 and common >= _COMMON_SHARE * total


_SAMPLE = 65_536  # characters of a text enough to tell Traditional GBK from another encoding
_MARKUP = re.compile(r"<[^<>]*>|&[#a-zA-Z0-9]+;")


def legacy_chinese(data: bytes, *, markup: bool = False) -> str | None:
    """``data`` decoded as GB18030 when it is Chinese text in that encoding beyond reasonable
    doubt (see the module's rules), else ``None``; ``markup``: HTML, whose tags and entities
    are no text (a page is mostly markup)."""
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    shown = _MARKUP.sub("", text) if markup else text
    if len(_CONTROL.findall(text)) > 0 or not _looks_chinese(shown):
        return None
    if _common_han(text):
        return text
    from .text_clean import simplified  # (zhconv's tables, only for such text)

    # Traditional text in GBK (a mirror that converts pages): its characters are the
    # Traditional forms of common ones, which the Simplified reading shows (of a sample: the
    # conversion is pure Python, and a long file in another encoding must not cost its length).
    return text if _common_han(simplified(text[:_SAMPLE])) else None


def decode_text(
    data: bytes, source: str, encoding: str | None = None, *, markup: bool = False
) -> tuple[str, str | None]:
    """The text of ``data`` and, when it was not UTF-8 and no ``encoding`` was given, the
    encoding it was read in (``"gb18030"``); what is neither is refused as :func:`decode`."""
    if encoding is None and not data.startswith(tuple(b for b, _ in _BOMS)):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            text = legacy_chinese(data, markup=markup)
            if text is not None:
                return text, "gb18030"
    return decode(data, source, encoding), None


def decode(data: bytes, source: str, encoding: str | None = None) -> str:
    """Decode ``data`` as UTF-8 (BOMs honoured) or as the given ``encoding``."""
    if encoding is not None:
        try:
            return data.decode(encoding)
        except LookupError as exc:
            raise DecodeError(f"未知的编码“{encoding}”", source=source) from exc
        except UnicodeDecodeError as exc:
            raise DecodeError(
                f"无法按 {encoding} 解码：字节 0x{data[exc.start]:02x} 无效",
                source=source,
                line=_line_of(data, exc.start),
                expected=f"{encoding} 编码的文本",
            ) from exc
        except (UnicodeError, TypeError, ValueError) as exc:  # "undefined", codecs not for text
            raise DecodeError(
                f"编码“{encoding}”不能用来读取文本（{exc}）",
                source=source,
                expected="文本编码，如 utf-8、gb18030",
            ) from exc
    for bom, name in _BOMS:
        if data.startswith(bom):
            return decode(data, source, name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = _line_of(data, exc.start)
        try:
            legacy = data.decode("gb18030")
        except UnicodeDecodeError:
            legacy = ""
        if legacy and _looks_chinese(legacy):
            raise DecodeError(
                "文件不是 UTF-8 编码，看起来是 GBK/GB18030 编码的中文，但不能确定",
                source=source,
                line=line,
                expected="UTF-8 文本；确是 GBK 文件请加 --encoding gb18030，或先转存为 UTF-8",
            ) from exc
        raise DecodeError(
            f"不是文本文件：字节 0x{data[exc.start]:02x} 无法按 UTF-8 解码",
            source=source,
            line=line,
            expected="UTF-8 编码的项目支出绩效目标表文本",
        ) from exc
    control = len(_CONTROL.findall(text))
    if control > max(8, len(text) // 100):
        raise DecodeError(
            f"不是文本文件：含有 {control} 个控制字符",
            source=source,
            expected="UTF-8 编码的项目支出绩效目标表文本",
        )
    return text
