"""Who does something: the :class:`Actor` every write and every audit record names.

A person signed in to the web app or the API is an actor with a user id, roles and the org
tree node the account belongs to; the command line acts as ``命令行:<OS user>`` with the
operator's full trust (it has the database in hand); a visitor without an account is
``匿名``. The source address is the client's (web) or ``本机`` (command line).
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass, field

ANONYMOUS = "匿名"
CLI_ROLE = "命令行"


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts: ``name`` (the user name), ``roles`` (role keys, see ``data/security.toml``),
    ``user_id`` (``None``: not an account), ``org_id`` (the account's node in the org tree),
    ``address`` (where the request came from) and ``scopes`` (departments assigned to a
    finance reviewer; empty: all)."""

    name: str
    roles: frozenset[str] = frozenset()
    user_id: int | None = None
    org_id: int | None = None
    address: str = "本机"
    scopes: frozenset[int] = field(default_factory=frozenset)

    @property
    def role(self) -> str:
        """The roles as one text for an audit record (``、``-joined, sorted)."""
        return "、".join(sorted(self.roles)) or "无"

    @property
    def anonymous(self) -> bool:
        return self.user_id is None and CLI_ROLE not in self.roles


def cli_actor() -> Actor:
    """The operator at the command line (trusted: it holds the database)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    return Actor(f"命令行:{user}", frozenset({CLI_ROLE}))


def anonymous(address: str) -> Actor:
    return Actor(ANONYMOUS, frozenset(), address=address)
