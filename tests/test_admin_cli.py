"""`jixiao admin create`: the first 系统管理员, and no other way to a first account."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from jixiao.cli import main
from jixiao.services import accounts
from jixiao.services.policy import load_policy
from jixiao.store import Store


def _create(db: str, username: str, password: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        main, ["admin", "create", "--db", db, "--username", username, "--password-stdin"],
        input=password + "\n",
    )  # fmt: skip
    return result.exit_code, result.output


def test_admin_create_makes_the_first_system_admin_once(tmp_path: Path) -> None:
    db = str(tmp_path / "a.db")
    with Store(db) as store, store.accounts() as rows:
        assert rows.count_users() == 0  # no default account
    code, out = _create(db, "root", "weak")
    assert code == 2 and "密码策略" in out and "Traceback" not in out
    code, out = _create(db, "root", "Strong#Pass1")
    assert code == 0 and "已建立系统管理员" in out
    code, out = _create(db, "second", "Strong#Pass2")
    assert code == 2 and "已有系统管理员" in out
    with Store(db) as store:
        signed = accounts.sign_in(store, load_policy(), "root", "Strong#Pass1", "本机")
        assert signed.principal.can("users.manage") and not signed.principal.can("audit.read")
        with store.accounts() as rows:
            events = [r.event for r in rows.audit_all(_all())]
    assert events == ["新建账户", "登录"]


def test_admin_create_prompts_twice_without_echo(tmp_path: Path) -> None:
    db = str(tmp_path / "b.db")
    result = CliRunner().invoke(main, ["admin", "create", "--db", db, "--username", "root"],
                                input="Strong#Pass1\nStrong#Pass1\n")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Strong#Pass1" not in result.output


def _all() -> object:
    from jixiao.store.audit import AuditFilter

    return AuditFilter(limit=100)
