"""The file-system edge of ingest: expand paths, read files, map OS errors."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..errors import InputError, from_os_error
from ..limits import Limits
from ..model import Document
from . import READERS, read_bytes


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, plus the table files inside folders (recursively, sorted)."""
    suffixes = {s for reader in READERS.values() for s in reader.suffixes}
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in suffixes
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            out.extend(found)
        elif path.exists():
            out.append(path)
        else:
            raise InputError("文件或文件夹不存在", source=str(path))
    return out


def read_path(
    path: str | Path,
    *,
    layout: str | None = None,
    year: int | None = None,
    encoding: str | None = None,
    limits: Limits | None = None,
) -> list[Document]:
    """Read and parse one file (see :func:`jixiao.ingest.read_bytes`); a file past the size
    limit is refused before it is read."""
    p = Path(path)
    limits = limits or Limits.defaults()
    try:
        size = p.stat().st_size
        if size > limits.file_mb << 20:
            limits.check("file_mb", -(-size // (1 << 20)), str(p))
        data = p.read_bytes()
    except OSError as exc:
        raise from_os_error(exc, str(p)) from exc
    return read_bytes(data, str(p), layout=layout, year=year, encoding=encoding, limits=limits)
