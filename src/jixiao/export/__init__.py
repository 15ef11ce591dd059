"""Exporters: documents → the bytes of a file, registered by format key.

An exporter is a function ``(documents) -> Iterator[bytes]``; the caller (the CLI, the web app)
decides where the chunks go. Heavy dependencies are imported inside the exporter. An exporter
may refuse a document it cannot hold whole (an :class:`~jixiao.errors.InputError` naming the
formats that can), never drop part of it; a format registered with ``stream=True`` never
refuses one, so its chunks may be sent as they come; the others are collected first, so a
refusal leaves nothing half-written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from ..errors import InputError
from ..model import Document

Exporter = Callable[[Iterable[Document]], Iterator[bytes]]


@dataclass(frozen=True, slots=True)
class Format:
    key: str
    suffix: str
    media_type: str
    description: str
    export: Exporter
    stream: bool = False  # chunks may be sent as they come (the format refuses no document)

    @property
    def binary(self) -> bool:
        """Whether the output is not text (it then goes to a file, never to a terminal)."""
        return not (self.media_type.startswith("text/") or self.media_type.endswith("json"))


FORMATS: dict[str, Format] = {}


def register(
    key: str, suffix: str, media_type: str, description: str, *, stream: bool = False
) -> Callable[[Exporter], Exporter]:
    def wrap(fn: Exporter) -> Exporter:
        FORMATS[key] = Format(key, suffix, media_type, description, fn, stream)
        return fn

    return wrap


def get(key: str) -> Format:
    try:
        return FORMATS[key]
    except KeyError:
        raise InputError(f"未知的导出格式“{key}”", expected="、".join(FORMATS)) from None


from . import datapackage, official, tabular  # noqa: E402,F401  (register their formats)
