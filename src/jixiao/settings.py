"""Settings injected into the edges (CLI, web app): where the database is, and so on.

One frozen :class:`Settings` per process or app; nothing reads the environment after it is
built. ``Settings.from_env(db)`` takes the database from the argument, else ``$JIXIAO_DB``, else
the user's data directory; everything else from its arguments or the defaults below.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError
from .limits import Limits

ENV_DB = "JIXIAO_DB"

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
DEFAULT_EXPORT_DOCUMENTS = 50
DEFAULT_RATE_LIMIT = 120
DEFAULT_MAX_BODY_KB = 1024
DEFAULT_THREADS = 40  # what anyio runs at once by default


def default_db() -> str:
    """``$JIXIAO_DB``, else ``jixiao.db`` in the user's data directory."""
    env = os.environ.get(ENV_DB)
    if env:
        return env
    from platformdirs import user_data_dir

    return str(Path(user_data_dir("jixiao", appauthor=False)) / "jixiao.db")


@dataclass(frozen=True, slots=True)
class Settings:
    """``db``: SQLite file path or SQLAlchemy URL. Web app: ``host`` and ``port`` to listen on,
    ``page_size`` (default rows per page) and ``max_page_size`` (the most a client may ask
    for), ``ruleset`` (a review ruleset TOML layered over the bundled one; ``None``: bundled),
    ``allowed_hosts`` (the Host headers the app answers; ``("*",)``: any), ``export_documents``
    (the most documents one pdf / xlsx / html / text export of the store may hold; more is
    refused with 413, asking to narrow the query), ``rate_limit`` (expensive requests —
    exports, search — one client may make per minute; 0: no limit). ``limits``: what one input
    file may make the readers do (:mod:`jixiao.limits`). ``security``: a security policy TOML
    layered over ``data/security.toml`` (``None``: bundled); ``max_body_kb``: the largest
    request body the web app reads (larger: 413). ``workflow``: a workflow table TOML layered
    over ``data/workflow.toml`` (``None``: bundled). ``threads``: how many requests one web
    worker process works on at once (the others wait their turn, first come first served)."""

    db: str
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    page_size: int = DEFAULT_PAGE_SIZE
    max_page_size: int = MAX_PAGE_SIZE
    ruleset: str | None = None
    allowed_hosts: tuple[str, ...] = ("*",)
    export_documents: int = DEFAULT_EXPORT_DOCUMENTS
    rate_limit: int = DEFAULT_RATE_LIMIT
    limits: Limits = field(default_factory=Limits.defaults)
    security: str | None = None
    max_body_kb: int = DEFAULT_MAX_BODY_KB
    workflow: str | None = None
    threads: int = DEFAULT_THREADS

    def __post_init__(self) -> None:
        if not 0 < self.port < 65536:
            raise ConfigError(f"端口号无效：{self.port}", expected="1–65535 的整数")
        if not 0 < self.page_size <= self.max_page_size:
            raise ConfigError(
                f"每页条数无效：{self.page_size}", expected=f"1–{self.max_page_size} 的整数"
            )
        if not 0 < self.threads <= 256:
            raise ConfigError(f"并发请求数无效：{self.threads}", expected="1–256 的整数")
        if self.max_body_kb <= 0:
            raise ConfigError(f"请求大小上限无效：{self.max_body_kb}", expected="正整数（KB）")
        if self.export_documents <= 0 or self.rate_limit < 0:
            raise ConfigError(
                "导出文件数上限或请求频率上限无效", expected="正整数（频率可为 0：不限）"
            )
        if not self.allowed_hosts or not all(h.strip() for h in self.allowed_hosts):
            raise ConfigError(
                "允许的主机名不能为空", expected="主机名，如 jixiao.example.gov.cn，或 *"
            )

    @classmethod
    def from_env(
        cls,
        db: str | None = None,
        *,
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        ruleset: str | None = None,
        allowed_hosts: tuple[str, ...] = ("*",),
        export_documents: int = DEFAULT_EXPORT_DOCUMENTS,
        rate_limit: int = DEFAULT_RATE_LIMIT,
        limits: dict[str, str] | None = None,
        security: str | None = None,
        workflow: str | None = None,
        threads: int = DEFAULT_THREADS,
    ) -> Settings:
        """Settings with the database from ``db``, else ``$JIXIAO_DB``, else the default;
        the input limits from ``$JIXIAO_LIMIT_*``, then ``limits`` (``--limit NAME=VALUE``)."""
        return cls(
            db=db or default_db(),
            host=host,
            port=port,
            ruleset=ruleset,
            allowed_hosts=allowed_hosts or ("*",),
            export_documents=export_documents,
            rate_limit=rate_limit,
            limits=Limits.from_env(limits),
            security=security,
            workflow=workflow,
            threads=threads,
        )

    @property
    def url(self) -> str:
        """Where ``jixiao serve`` answers: ``http://host:port/`` (IPv6 hosts bracketed; a
        wildcard address shown as the loopback one, which a browser on this machine opens)."""
        host = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(self.host, self.host)
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self.port}/"
