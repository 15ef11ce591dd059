"""Character classes the readers and the value grammar test text by, compiled once.

Compiled at import, which the isolation's forkserver does once, so that no worker compiles them
again on its first file: ``re.search(r"\\d", x)`` inside a function compiles its pattern on
first use in every fresh worker process.
"""

from __future__ import annotations

import re

DIGIT = re.compile(r"\d")  # any decimal digit, full-width ones too (search: has a figure)
HAN = re.compile(r"[\u4e00-\u9fff]")  # one Chinese character (findall: how many words)
HAN_PAIR = re.compile(r"[\u4e00-\u9fff]{2}")  # two Chinese characters in a row
BARE_NUMBER = re.compile(r"\d+(?:\.\d+)?")  # digits, a fraction: no sign, separator, unit, percent
SPACES = re.compile(r"\s+")
YEAR = re.compile(r"(?:19|20)\d{2}")  # a year's four digits (fullmatch: a bare year, 2020)
BRACKETED = re.compile(r"[（(][^）)]*[）)]")  # fullmatch: wholly in brackets, (盖章), (万元)
