"""Search for the pages and the API: the store's search, kept per query, filters and reader.

A page of hits depends on the query, its filters and what the reader may see, and on nothing
else but the data: it is kept in the app's memo (:meth:`.context.Context.memo`, dropped by any
write of what spans documents: search texts, documents, publication) so the same search asked
again costs a dictionary lookup. Short terms need it most: a two-character term is a union of
many index terms, a few to a few dozen milliseconds each time; people search for the same few
words.
"""

from __future__ import annotations

from collections.abc import Collection

from ..services.accounts import Principal
from ..store import SearchPage
from .auth import visibility
from .context import Context


def search(
    ctx: Context,
    me: Principal,
    query: str,
    *,
    department: str | None = None,
    year: int | None = None,
    kinds: Collection[str] | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchPage:
    """One page of hits of ``query`` among what ``me`` may read (shared: do not change it)."""
    visible = visibility(ctx, me)
    key = ("search", query, department, year, tuple(sorted(kinds)) if kinds else None, limit,
           offset, visible)  # fmt: skip
    return ctx.memo(
        key,
        lambda: ctx.store.search(
            query,
            department=department,
            year=year,
            kinds=kinds,
            limit=limit,
            offset=offset,
            visible=visible,
        ),
    )
