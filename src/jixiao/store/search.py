"""Full-text search over project names, goals, indicator names and targets, Chinese-aware.

The index is the table ``search_text`` (revision 0003): one row per searchable text, with its
``kind`` (``project``, ``goal``, ``indicator``, ``target``), ``field``, ``document_id``,
``project_id`` and ``indicator_id``. Its row id encodes the kind first, so ordering by it
lists project names, then goals, then indicator names, then targets, each in table order::

    id = kind_rank × 2⁴⁴ + 2 × source id + (1 for an annual target that differs from the
    实施周期 one, else 0)

(ids of projects and indicators follow table order, being allocated in that order on save).
An annual target equal to its 实施周期 target is indexed once (field ``cycle``).

A query is whitespace-separated terms; a text matches when it contains every term, as a
substring, case-insensitively for Latin letters; quotes and FTS syntax in terms are literal.

* SQLite: an FTS5 table with the trigram tokenizer. Terms of three or more characters are
  one FTS phrase each (``"培训班"``). Shorter terms cannot be a trigram, so they are looked up
  as a prefix in the index's vocabulary (``search_text_terms``): the hits are the rows holding
  any trigram that begins with the term (the ``tail`` column, the text's last two characters
  and two U+001F, gives every substring a trigram to begin). A term that begins too many
  trigrams (:data:`MAX_PREFIX_TERMS`) is checked with ``LIKE`` instead.
* PostgreSQL: a plain table with a GIN ``gin_trgm_ops`` index, every term an ``ILIKE``
  (``%``, ``_`` and the escape character taken literally); a term of fewer than three word
  characters in a row (which ``pg_trgm`` cannot index) is also required to have its one- and
  two-character substrings in ``jixiao_grams(text)``, which has a GIN index of its own.

Reading: the hits are read as id ranges (*segments*) in order: the whole index, or one range
per kind asked for, narrowed to the ids of the documents a department / year filter keeps
when they are few (:data:`NARROW`). Each segment is counted up to :data:`COUNT_CAP` hits in
all, then the page is taken from the segments in turn. FTS5 hands rows over in id order, so a
page costs what it shows; PostgreSQL's GIN indexes hand hits over unordered, so a segment
with few hits is read whole and sorted, and one with many is walked in id order (bitmap scans
and sorts off for that statement) until the page is full.

The index is kept by the store in the transaction that saves, replaces or deletes a document
(:mod:`.search_index`).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Select,
    and_,
    column,
    false,
    func,
    literal_column,
    or_,
    select,
    table,
    text,
)

from ..errors import InputError
from . import stamps
from .schema import documents, indicators, projects, units

if TYPE_CHECKING:  # queries imports this module
    from .queries import Visibility

KINDS: tuple[str, ...] = ("project", "goal", "indicator", "target")
"""What a hit can be, in the order hits are listed."""

KIND_SPAN = 1 << 44
"""The id range of one kind (kind ranks start at 1)."""

COUNT_CAP = 1000
"""Totals are counted up to this many hits (``total_capped`` says when there were more)."""

MAX_LIMIT = 500
WINDOW = 80
"""Characters of a long text shown around its first match."""

ESCAPE = "/"
SENTINEL = "\x1f"
"""Pads the ``tail`` column (SQLite); never part of a term."""

MAX_PREFIX_TERMS = 2000
"""A short term beginning more trigrams than this is matched with ``LIKE`` (SQLite)."""

search_text = table(
    "search_text",
    column("rowid"),  # SQLite (FTS5)
    column("id"),  # PostgreSQL
    column("text"),
    column("tail"),  # SQLite
    column("kind"),
    column("field"),
    column("document_id"),
    column("project_id"),
    column("indicator_id"),
)
"""The index as a lightweight table (not in the schema's metadata: on SQLite it is virtual)."""


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One text that matched, with where it is and the text cut for highlighting.

    ``fragments`` is ``text`` (or a window of about 80 characters around the first match,
    with "…" where it is cut) as ``(piece, is_match)`` pairs, so a page can highlight the
    matches without trusting any HTML.
    """

    kind: str  # "project" | "goal" | "indicator" | "target"
    document_id: int
    project_id: str  # the stable ids of the project and the indicator
    indicator_id: str | None
    department: str
    year: int | None
    unit: str
    project: str  # the project's name
    field: str  # "name", "goal", "cycle" or "annual"
    text: str
    fragments: tuple[tuple[str, bool], ...]


@dataclass(frozen=True, slots=True)
class SearchPage:
    """One page of hits; ``total`` is exact unless ``total_capped`` (then it is the cap)."""

    total: int
    hits: list[SearchHit]
    total_capped: bool = False
    limit: int = 20
    offset: int = 0


# -- terms ------------------------------------------------------------------------------------
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def terms_of(query: str) -> list[str]:
    """The distinct terms of ``query`` (control characters are separators), without those
    another term contains."""
    found: list[str] = []
    for term in _CONTROL.sub(" ", query).split():
        if term.casefold() not in (t.casefold() for t in found):
            found.append(term)
    return [
        t
        for t in found
        if not any(t.casefold() in other.casefold() and t != other for other in found)
    ]


def like_pattern(term: str) -> str:
    """``%term%`` with ``%``, ``_`` and the escape character taken literally."""
    escaped = term.replace(ESCAPE, ESCAPE * 2).replace("%", ESCAPE + "%").replace("_", ESCAPE + "_")
    return f"%{escaped}%"


def fts_phrase(term: str) -> str:
    """``term`` as one FTS5 phrase: in double quotes, inner quotes doubled."""
    return '"' + term.replace('"', '""') + '"'


def id_column(dialect: str) -> ColumnElement[Any]:
    return search_text.c.rowid if dialect == "sqlite" else search_text.c.id


def term_conditions(conn: Connection, terms: Sequence[str]) -> list[ColumnElement[bool]]:
    """Conditions on ``search_text`` that hold when a row's text contains every term."""
    if conn.dialect.name != "sqlite":
        return [c for t in terms for c in _pg_term(t)]
    phrases: list[str] = []
    likes: list[str] = []
    for term in terms:
        if len(term) >= 3:
            phrases.append(fts_phrase(term))
            continue
        starting = prefixed(conn, term.lower())
        if not starting:
            return [false()]  # no indexed text holds it
        if len(starting) > MAX_PREFIX_TERMS:
            likes.append(term)
        else:
            phrases.append("(" + " OR ".join(fts_phrase(t) for t in starting) + ")")
    conditions: list[ColumnElement[bool]] = []
    if phrases:
        conditions.append(literal_column("search_text").op("MATCH")(" AND ".join(phrases)))
    # "+text": an expression, so FTS5 does not take the LIKE itself (it cannot under 3 chars)
    plain: ColumnElement[str] = literal_column("+search_text.text")
    conditions.extend(plain.like(like_pattern(t), escape=ESCAPE) for t in likes)
    return conditions


_PREFIX_CACHE_SIZE = 4096
_prefix_cache: WeakKeyDictionary[Engine, tuple[str, dict[str, list[str]]]] = WeakKeyDictionary()
_prefix_lock = threading.Lock()


def prefixed(conn: Connection, prefix: str) -> list[str]:
    """The indexed trigrams that begin with ``prefix`` (SQLite), at most one past the cap.

    Reading them from the FTS5 vocabulary costs up to tens of milliseconds for a common
    prefix (the vocabulary counts each term's rows), so they are kept per database (its
    engine: every pooled connection shares them; kept per connection, each of a busy pool's
    connections read them again) until the search texts change: every write of them, by
    this process or another, moves :data:`.stamps.SHARED`, so a kept list is never missing a
    new trigram.
    """
    [current] = stamps.read(conn, (stamps.SHARED,))
    with _prefix_lock:
        stamp, cache = _prefix_cache.get(conn.engine, (None, {}))
        if stamp != current or len(cache) > _PREFIX_CACHE_SIZE:
            cache = {}
            _prefix_cache[conn.engine] = (current, cache)
        found: list[str] | None = cache.get(prefix)
    if found is None:
        found = _read_prefixed(conn, prefix)
        with _prefix_lock:
            cache[prefix] = found
    return found


def _read_prefixed(conn: Connection, prefix: str) -> list[str]:
    return list(
        conn.scalars(
            text(
                "SELECT term FROM search_text_terms WHERE term >= :p AND term < :p || char(1114111)"
                " LIMIT :n"
            ),
            {"p": prefix, "n": MAX_PREFIX_TERMS + 1},
        )
    )


_WORD3 = re.compile(r"\w{3}")


def walk_conditions(terms: Sequence[str]) -> list[ColumnElement[bool]]:
    """The terms as plain ``ILIKE`` conditions (PostgreSQL), checked row by row while the
    primary key is walked in order through a range known to hold many hits."""
    return [search_text.c.text.ilike(like_pattern(t), escape=ESCAPE) for t in terms]


_WALK = ("enable_bitmapscan", "enable_sort")
"""Off while walking: the planner cannot know how dense the hits are, and would take every
hit through the GIN indexes (only bitmap scans can use them) to sort them."""


def _pg_term(term: str) -> list[ColumnElement[bool]]:
    matches = search_text.c.text.ilike(like_pattern(term), escape=ESCAPE)
    if _WORD3.search(term):
        return [matches]  # pg_trgm finds it
    grams = func.jixiao_grams(search_text.c.text)
    return [grams.op("@>")(func.jixiao_grams(term)), matches]


def kind_condition(dialect: str, kinds: Collection[str]) -> ColumnElement[bool]:
    """Rows of ``kinds`` only, as id ranges (adjacent kinds merged into one range)."""
    ranks = sorted(KINDS.index(k) + 1 for k in set(kinds))
    if not ranks:
        return false()
    spans: list[list[int]] = []
    for rank in ranks:
        if spans and spans[-1][1] == rank - 1:
            spans[-1][1] = rank
        else:
            spans.append([rank, rank])
    ident = id_column(dialect)
    ranges = [and_(ident >= low * KIND_SPAN, ident < (high + 1) * KIND_SPAN) for low, high in spans]
    return ranges[0] if len(ranges) == 1 else or_(*ranges)


def check_kinds(kinds: Collection[str] | None) -> None:
    unknown = sorted(set(kinds or ()) - set(KINDS))
    if unknown:
        raise InputError(
            f"未知的检索范围：{'、'.join(unknown)}", expected="、".join(KINDS) + " 之一或几个"
        )


def check_page(limit: int, offset: int, max_limit: int = MAX_LIMIT) -> None:
    """:class:`InputError` unless 1 ≤ ``limit`` ≤ ``max_limit`` and ``offset`` ≥ 0."""
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= max_limit:
        raise InputError(f"每页条数 {limit} 无效", expected=f"1 到 {max_limit} 之间的整数")
    if isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
        raise InputError(f"起始位置 {offset} 无效", expected="不小于 0 的整数")


# -- searching ---------------------------------------------------------------------------------
NARROW = 16
"""Up to this many documents, a department or year filter also narrows the id ranges read."""

Segment = tuple[int, int] | None
"""An inclusive id range of the index (``None``: all of it)."""


def _documents(
    conn: Connection,
    department: str | None,
    year: int | None,
    visible: Visibility | None = None,
) -> tuple[list[ColumnElement[bool]], list[int] | None]:
    """The condition a department / year filter (and what the reader may see: ``visible``,
    ``None`` for all; search reads whole documents only) puts on the index, and the ids of
    the documents it keeps when they are few (``None`` when there is no filter or many)."""
    if department is None and year is None and visible is None:
        return [], None
    if department is None and year is None and visible is not None and visible.documents is None:
        # all but a few (drafts): said on the index itself, no list of the many
        return [search_text.c.document_id.not_in(sorted(visible.hidden))], None
    chosen = select(documents.c.id)
    if visible is not None:
        chosen = chosen.where(visible.condition(documents.c.id))
    if department is not None:
        chosen = chosen.where(documents.c.department.icontains(department, autoescape=True))
    if year is not None:
        chosen = chosen.where(documents.c.year == year)
    ids = list(conn.scalars(chosen.order_by(documents.c.id).limit(NARROW + 1)))
    if len(ids) > NARROW:
        return [search_text.c.document_id.in_(chosen.scalar_subquery())], None
    return [search_text.c.document_id.in_(ids)], ids


def _segments(
    conn: Connection, kinds: Collection[str] | None, document_ids: list[int] | None
) -> list[Segment]:
    """The id ranges to read, in hit order: one per kind asked for, narrowed to the rows of
    ``document_ids`` (their ids are contiguous per document, being allocated together)."""
    chosen = [k for k in KINDS if kinds is None or k in kinds]
    if document_ids is None:
        if len(chosen) == len(KINDS) and conn.dialect.name == "sqlite":
            return [None]  # FTS5 hands rows over in id order: one pass is enough
        return [(rank * KIND_SPAN, (rank + 1) * KIND_SPAN - 1) for rank in _ranks(chosen)]
    if not document_ids:
        return []
    bounds = {}
    for rows_of, kinds_of in (
        (projects, ("project", "goal")),
        (indicators, ("indicator", "target")),
    ):
        low, high = conn.execute(
            select(func.min(rows_of.c.id), func.max(rows_of.c.id)).where(
                rows_of.c.document_id.in_(document_ids)
            )
        ).one()
        for kind in kinds_of:
            bounds[kind] = (low, high)
    out: list[Segment] = []
    for kind, rank in zip(chosen, _ranks(chosen), strict=True):
        low, high = bounds[kind]
        if low is not None:
            out.append((rank * KIND_SPAN + 2 * low, rank * KIND_SPAN + 2 * high + 1))
    return out


def _ranks(kinds: Sequence[str]) -> list[int]:
    return [KINDS.index(k) + 1 for k in kinds]


def _within(ident: ColumnElement[Any], segment: Segment) -> list[ColumnElement[bool]]:
    if segment is None:
        return []
    return [ident >= segment[0], ident <= segment[1]]


def search(
    conn: Connection,
    query: str,
    *,
    department: str | None = None,
    year: int | None = None,
    kinds: Collection[str] | None = None,
    limit: int = 20,
    offset: int = 0,
    visible: Visibility | None = None,
) -> SearchPage:
    """Texts containing every term of ``query``; ``visible``: only what it lets be read."""
    check_page(limit, offset)
    check_kinds(kinds)
    terms = terms_of(query)
    if not terms:
        return SearchPage(0, [], False, limit, offset)
    ident = id_column(conn.dialect.name)
    by_document, document_ids = _documents(conn, department, year, visible)
    where = term_conditions(conn, terms) + by_document
    segments = _segments(conn, kinds, document_ids)

    def count(segment: Segment, room: int | None) -> int:
        matching: Select[Any] = (
            select(literal_column("1"))
            .select_from(search_text)
            .where(*where, *_within(ident, segment))
        )
        if room is not None:
            matching = matching.limit(room)
        return int(conn.scalar(select(func.count()).select_from(matching.subquery())) or 0)

    # Count each segment until the cap is passed; a count that reached its room is cut.
    counts: list[tuple[int, bool]] = []
    total = 0
    for segment in segments:
        room = COUNT_CAP + 1 - total
        n = count(segment, room) if room > 0 else 0
        counts.append((n, room <= 0 or n >= room))
        total += n
    # The page: skip whole segments whose exact count is within the offset.
    s = search_text.c
    rows: list[Any] = []
    skip, need = offset, limit
    for segment, (n, cut) in zip(segments, counts, strict=True):
        if need == 0:
            break
        if not cut and skip >= n:
            skip -= n
            continue
        columns = (ident, s.kind, s.field, s.text, s.document_id, s.project_id, s.indicator_id)
        matching = select(*columns).select_from(search_text).where(*where, *_within(ident, segment))
        if conn.dialect.name != "postgresql":
            page = matching.order_by(ident)  # FTS5 hands rows over in id order
        elif not cut:
            # Few hits (counted whole): take them all through the GIN indexes, then sort.
            few = matching.cte("hits").prefix_with("MATERIALIZED")
            page = select(few).order_by(few.c[ident.name])
        else:
            # Many hits in this range: walk it in id order and stop at the page's end (the
            # GIN indexes would hand over every hit first, to be sorted).
            page = (
                select(*columns)
                .select_from(search_text)
                .where(*walk_conditions(terms), *by_document, *_within(ident, segment))
                .order_by(ident)
            )
            for setting in _WALK:
                conn.exec_driver_sql(f"SET LOCAL {setting} = off")
        found = conn.execute(page.limit(need).offset(skip)).all()
        if conn.dialect.name == "postgresql" and cut:
            for setting in _WALK:
                conn.exec_driver_sql(f"SET LOCAL {setting} = on")
        if found:
            rows.extend(found)
            need -= len(found)
            skip = 0
        else:  # past the end of a segment whose count was cut: count it whole
            skip = max(0, skip - count(segment, None))
    places = _places(conn, {int(r[5]) for r in rows})
    indicator_uids = _indicator_uids(conn, {int(r[6]) for r in rows if r[6] is not None})
    hits = []
    for r in rows:
        department_, year_, unit, project, project_uid = places[int(r[5])]
        hits.append(
            SearchHit(
                kind=r[1],
                document_id=int(r[4]),
                project_id=project_uid,
                indicator_id=None if r[6] is None else indicator_uids[int(r[6])],
                department=department_,
                year=year_,
                unit=unit,
                project=project,
                field=r[2],
                text=r[3],
                fragments=fragments(r[3], terms),
            )
        )
    return SearchPage(min(total, COUNT_CAP), hits, total > COUNT_CAP, limit, offset)


def _places(
    conn: Connection, project_ids: set[int]
) -> dict[int, tuple[str, int | None, str, str, str]]:
    if not project_ids:
        return {}
    p, u, d = projects.c, units.c, documents.c
    found = conn.execute(
        select(p.id, d.department, d.year, u.name, p.name, p.uid)
        .join_from(projects, units, u.id == p.unit_id)
        .join(documents, d.id == p.document_id)
        .where(p.id.in_(sorted(project_ids)))
    )
    return {r[0]: (r[1], r[2], r[3], r[4], r[5]) for r in found}


def _indicator_uids(conn: Connection, indicator_ids: set[int]) -> dict[int, str]:
    if not indicator_ids:
        return {}
    i = indicators.c
    found = conn.execute(select(i.id, i.uid).where(i.id.in_(sorted(indicator_ids))))
    return {r[0]: r[1] for r in found}


# -- highlighting ------------------------------------------------------------------------------
def fragments(
    value: str, terms: Sequence[str], width: int = WINDOW
) -> tuple[tuple[str, bool], ...]:
    """``value`` (or a window of ``width`` characters around its first match) as
    ``(piece, is_match)`` pairs; matches are case-insensitive, overlapping ones merged."""
    marked = [False] * len(value)
    for term in terms:
        if not term:
            continue
        for m in re.finditer(re.escape(term), value, re.IGNORECASE):
            marked[m.start() : m.end()] = [True] * (m.end() - m.start())
    start, end = 0, len(value)
    if len(value) > width:
        first = marked.index(True) if True in marked else 0
        run = first
        while run < len(value) and marked[run]:
            run += 1
        centre = (first + run) // 2
        start = max(0, min(centre - width // 2, len(value) - width))
        end = start + width
    pieces: list[tuple[str, bool]] = []
    if start > 0:
        pieces.append(("…", False))
    i = start
    while i < end:
        j = i
        while j < end and marked[j] == marked[i]:
            j += 1
        pieces.append((value[i:j], marked[i]))
        i = j
    if end < len(value):
        pieces.append(("…", False))
    return tuple(pieces)
