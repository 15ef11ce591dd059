"""Every real text fixture read again as other saves of the same page give it: line ends of
Windows, GBK and UTF-16 files, byte-order marks, spaces as no-break or ideographic spaces or
tabs, spaces left at line ends, and a page of ``|`` rows copied with a blank line after every
line. Each must read as the fixture does (:mod:`tests.realworld`): none of these says anything
about the table."""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable

import pytest

from jixiao.ingest import read_bytes
from jixiao.ingest.text_tokens import is_pipe_text

from . import realworld
from .test_realworld import KNOWN

_BETWEEN = re.compile(r"(?<=\S) +(?=\S)")

SAVES: dict[str, Callable[[str], bytes | None]] = {
    "windows-line-ends": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    "gb18030": lambda t: t.encode("gb18030"),
    "utf-16": lambda t: t.encode("utf-16"),
    "utf-8-bom": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "no-break-spaces": lambda t: t.replace(" ", "\u00a0").encode("utf-8"),
    "ideographic-spaces": lambda t: t.replace(" ", "\u3000").encode("utf-8"),
    "tabs-between-cells": lambda t: "\n".join(
        _BETWEEN.sub("\t", ln) for ln in t.split("\n")
    ).encode("utf-8"),
    "spaces-at-line-ends": lambda t: "\n".join(
        ln + "  " if ln.strip() else ln for ln in t.split("\n")
    ).encode("utf-8"),
    "double-spaced-rows": lambda t: (
        t.replace("\n", "\n\n").encode("utf-8") if is_pipe_text(t.split("\n")) else None
    ),
}


def _fixtures() -> list[str]:
    return [
        f
        for f in realworld.fixtures()
        if (realworld.HERE / f"{f}.txt").exists()
        and f not in KNOWN.get("txt", ())
        and realworld.expected(f)["kind"] != "monitor"
    ]


@pytest.mark.parametrize("fixture", _fixtures())
def test_other_saves_of_the_page_read_the_same(fixture: str) -> None:
    path = realworld.HERE / f"{fixture}.txt"
    text = path.read_text("utf-8")
    for save, make in SAVES.items():
        data = make(text)
        if data is None:
            continue
        tally = realworld.measure(fixture, save, lambda d=data: read_bytes(d, str(path)))
        assert tally.ok, f"{save}:\n" + "\n".join(tally.problems)
