"""Tabular readers: bytes → :class:`~jixiao.ingest.grid.Grid` objects, one module per format.

Each module exposes ``sniff(data) -> bool`` (by content, never by file name) and
``grids(data, name, encoding) -> list[Grid]``; :mod:`jixiao.ingest` registers them and hands
the grids to :func:`jixiao.ingest.table.interpret`.
"""
