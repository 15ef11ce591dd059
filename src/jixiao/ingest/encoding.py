"""Bytes → text for the text layouts, with errors a user can act on.

Published tables are UTF-8 as a rule; a GBK/GB18030 file is refused with a message that says
so and how to read it anyway (``--encoding gb18030``), rather than guessed at silently.
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


def _looks_chinese(text: str) -> bool:
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return cjk >= max(4, len(text.replace(" ", "")) // 5)


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
                "文件不是 UTF-8 编码，看起来是 GBK/GB18030 编码的中文",
                source=source,
                line=line,
                expected="UTF-8 文本；GBK 文件请加 --encoding gb18030，或先转存为 UTF-8",
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
