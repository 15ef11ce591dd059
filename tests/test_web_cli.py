"""``jixiao serve`` (a real server process answering over HTTP), its errors, and the settings
the web app is built from."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from jixiao.cli import main
from jixiao.errors import ConfigError
from jixiao.settings import Settings
from jixiao.store import Store

from .web_helpers import fill

JIXIAO = Path(sys.executable).with_name("jixiao")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read().decode("utf-8")


def test_serve_answers_over_http_with_workers(tmp_path: Path) -> None:
    db = str(tmp_path / "served.db")
    with Store(db) as store:
        fill(store)
    port = _free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    server = subprocess.Popen(
        [
            str(JIXIAO),
            "serve",
            "--db",
            db,
            "--port",
            str(port),
            "--workers",
            "2",
            "--threads",
            "2",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
            try:
                status, body = _get(base + "/api/v1/health")
                break
            except OSError:
                assert time.monotonic() < deadline, "jixiao serve did not answer"
                time.sleep(0.2)
        assert status == 200 and '"status":"ok"' in body
        status, home = _get(base + "/")
        assert status == 200 and "广州市科学技术局" in home
    finally:
        server.terminate()
        out, _ = server.communicate(timeout=20)
    assert f"http://127.0.0.1:{port}/" in out.decode("utf-8")  # the URL is printed


def test_serve_refuses_a_database_it_cannot_open(tmp_path: Path) -> None:
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("这不是数据库", encoding="utf-8")
    result = CliRunner().invoke(main, ["serve", "--db", str(not_a_db), "--port", "1"])
    assert result.exit_code == 4
    assert "不是 SQLite 数据库文件" in result.stderr and "Traceback" not in result.output


def test_serve_refuses_a_bad_ruleset(tmp_path: Path) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text("[rules.\n", encoding="utf-8")
    Store(str(tmp_path / "x.db")).close()
    result = CliRunner().invoke(
        main, ["serve", "--db", str(tmp_path / "x.db"), "--rules", str(rules)]
    )
    assert result.exit_code == 3 and "Traceback" not in result.output


def test_serve_refuses_a_database_that_does_not_exist(tmp_path: Path) -> None:
    typo = tmp_path / "typo.db"
    result = CliRunner().invoke(main, ["serve", "--db", str(typo), "--port", "1"])
    assert result.exit_code == 5 and "数据库不存在" in result.stderr and str(typo) in result.stderr
    assert not typo.exists()


def test_serve_checks_its_port_option() -> None:
    result = CliRunner().invoke(main, ["serve", "--port", "70000"])
    assert result.exit_code == 2 and "70000" in result.output + result.stderr


# -- settings ----------------------------------------------------------------------------------
def test_settings_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIXIAO_DB", "/data/j.db")
    settings = Settings.from_env()
    assert settings.db == "/data/j.db" and settings.port == 8000
    assert Settings.from_env("other.db", host="0.0.0.0", port=9000).db == "other.db"


@pytest.mark.parametrize(
    ("host", "port", "url"),
    [
        ("127.0.0.1", 8000, "http://127.0.0.1:8000/"),
        ("0.0.0.0", 80, "http://127.0.0.1:80/"),
        ("::", 8080, "http://[::1]:8080/"),
        ("example.org", 8001, "http://example.org:8001/"),
    ],
)
def test_settings_url(host: str, port: int, url: str) -> None:
    assert Settings(db="x.db", host=host, port=port).url == url


@pytest.mark.parametrize(
    "bad",
    [{"port": 0}, {"port": 65536}, {"page_size": 0}, {"page_size": 600}, {"threads": 0}],
)
def test_settings_refuse_bad_values(bad: dict[str, int]) -> None:
    with pytest.raises(ConfigError):
        Settings(db="x.db", **bad)  # type: ignore[arg-type]


def test_the_app_works_on_as_many_requests_at_once_as_its_settings_say(tmp_path: Path) -> None:
    import anyio.to_thread
    from fastapi.testclient import TestClient

    from jixiao.web import create_app

    db = str(tmp_path / "threads.db")
    with Store(db) as store:
        fill(store)
    with TestClient(create_app(Settings(db=db, threads=3))) as client:
        assert client.get("/api/v1/health").status_code == 200
        tokens = client.portal.call(
            lambda: anyio.to_thread.current_default_thread_limiter().total_tokens
        )
    assert tokens == 3
