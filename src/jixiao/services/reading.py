"""What a principal may read: documents whole, units of documents it may not read whole, one
project; decided from the org tree (单位 → 主管部门 → 财政) and the documents' publication."""

from __future__ import annotations

from dataclasses import dataclass

from .accounts import AccountRepo, Principal


@dataclass(frozen=True, slots=True)
class Readable:
    """The documents a principal reads whole (``None``: all) and the units it reads in
    documents it may not read whole (its own unit of a draft)."""

    documents: frozenset[int] | None
    units: frozenset[int] = frozenset()
    hidden: frozenset[int] = frozenset()  # with documents None: every live one but these

    def document(self, document_id: int) -> bool:
        if self.documents is None:
            return document_id not in self.hidden
        return document_id in self.documents


def _readable(every: frozenset[int], seen: frozenset[int], units: frozenset[int]) -> Readable:
    """``seen`` of the live documents ``every``, said the shorter way: as the documents read,
    or as all but the few that are not (a filter of thousands of ids makes every query slow;
    a public database with a few drafts is all but those)."""
    if len(seen) * 2 > len(every):
        return Readable(None, units, every - seen)
    return Readable(seen, units)


def readable(repo: AccountRepo, principal: Principal) -> Readable:
    from .actor import CLI_ROLE

    if CLI_ROLE in principal.actor.roles:
        return Readable(None)
    with repo.accounts() as rows:
        reader = principal.can("documents.read") and bool(principal.roots)
        if reader and rows.top_orgs() <= set(principal.roots):
            return Readable(None)  # the whole tree: every live document, no list of them
        every = rows.live_documents()
        published = rows.published_documents() if principal.can("public.read") else frozenset()
        if not reader:
            return _readable(every, published, frozenset())
        orgs = rows.subtree(principal.roots)
        whole = published | rows.documents_in(orgs)
        return _readable(every, whole, rows.units_in(orgs, besides=whole))


def may_read_project(repo: AccountRepo, principal: Principal, project_id: str) -> bool:
    """Whether ``principal`` may read the project: what :func:`readable` says of its
    document and unit, decided from the project's row and the principal's subtree alone.
    :func:`readable` lists every readable document, kept until what spans documents changes
    (any edit: search texts), so while people work it was read again (thousands of ids) at
    each request."""
    from .actor import CLI_ROLE

    if CLI_ROLE in principal.actor.roles:
        return True
    with repo.accounts() as rows:
        reader = principal.can("documents.read") and bool(principal.roots)
        if reader and rows.top_orgs() <= set(principal.roots):
            return True
        found = rows.project_reach(project_id)
        if found is None or not found[0]:
            return False
        if found[1] == "published" and principal.can("public.read"):
            return True
        if not reader:
            return False
        orgs = rows.subtree(principal.roots)
        return found[2] in orgs or found[3] in orgs
