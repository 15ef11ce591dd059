"""The server's guards: trusted Host headers, a per-client rate limit on exports and search
(429 in the error envelope), whole-store exports built on the server capped (413)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from jixiao.cli import main
from jixiao.store import Store
from jixiao.web.guard import RateLimiter, host_allowed

from .test_web_api import assert_error
from .web_helpers import TestClient, client_for, fill


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("guard") / "web.db")
    with Store(path) as store:
        fill(store)
    return path


@pytest.fixture
def guarded(db: str) -> Iterator[TestClient]:
    with client_for(
        db, allowed_hosts=("jixiao.example.gov.cn", "*.intranet"), rate_limit=3, export_documents=2
    ) as client:
        yield client


def test_host_patterns() -> None:
    allowed = ("jixiao.example.gov.cn", "*.intranet", "127.0.0.1", "::1")
    assert host_allowed("jixiao.example.gov.cn:8000", allowed)
    assert host_allowed("a.b.intranet", allowed) and host_allowed("[::1]:8000", allowed)
    assert host_allowed("127.0.0.1:80", allowed)
    assert not host_allowed("evil.example", allowed) and not host_allowed("intranet.evil", allowed)
    assert not host_allowed("", allowed)
    assert host_allowed("anything", ("*",))


def test_untrusted_host_is_refused_in_the_envelope(guarded: TestClient) -> None:
    ok = guarded.get("/api/v1/health", headers={"host": "jixiao.example.gov.cn"})
    assert ok.status_code == 200
    sub = guarded.get("/", headers={"host": "web.intranet:8000"})
    assert sub.status_code == 200
    error = assert_error(guarded.get("/api/v1/health", headers={"host": "evil.example"}), 400)
    assert error["code"] == "bad_host" and "evil.example" in error["message"]


def test_rate_limit_on_expensive_routes(guarded: TestClient) -> None:
    host = {"host": "jixiao.example.gov.cn"}
    for _ in range(3):
        assert guarded.get("/api/v1/search", params={"q": "科技"}, headers=host).status_code == 200
    response = guarded.get("/api/v1/export", params={"format": "json"}, headers=host)
    error = assert_error(response, 429, "too_many_requests")
    assert "每分钟最多 3 次" in error["message"]
    assert int(response.headers["Retry-After"]) >= 1
    page = guarded.get("/search", params={"q": "科技"}, headers=host)
    assert page.status_code == 429 and "请求过于频繁" in page.text
    assert guarded.get("/api/v1/documents", headers=host).status_code == 200  # cheap: no limit


def test_rate_limiter_window() -> None:
    limiter = RateLimiter(2)
    assert limiter.wait("a", now=0.0) == 0 and limiter.wait("a", now=1.0) == 0
    assert limiter.wait("a", now=2.0) == pytest.approx(58.0)
    assert limiter.wait("b", now=2.0) == 0  # per client
    assert limiter.wait("a", now=60.5) == 0  # the first hit left the window
    assert RateLimiter(0).wait("a") == 0


def test_whole_store_export_past_the_cap_is_413(db: str) -> None:
    with client_for(db, export_documents=2) as client:
        error = assert_error(client.get("/api/v1/export", params={"format": "xlsx"}), 413)
        assert error["code"] == "limit" and "3 个" in error["message"]
        assert "department" in error["message"]
        assert client.get("/api/v1/export", params={"format": "csv"}).status_code == 200
        narrowed = client.get(
            "/api/v1/export", params={"format": "html", "department": "转义测试局"}
        )
        assert narrowed.status_code == 200


def test_serve_options_are_checked(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["serve", "--db", str(tmp_path / "x.db"), "--limit", "nope=1"]
    )
    assert result.exit_code == 3 and "未知的上限" in result.stderr
