"""Click's own text in Chinese (:mod:`jixiao.cli.i18n`) and operating-system errors mapped to
Chinese messages naming the path (:func:`jixiao.errors.from_os_error`), through the runner."""

from __future__ import annotations

import ast
import errno
import re
import string
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from jixiao.cli import main
from jixiao.cli.common import JixiaoGroup
from jixiao.cli.i18n import load
from jixiao.errors import from_os_error


def _click_messages() -> tuple[set[str], set[tuple[str, str]]]:
    """Every message the installed Click passes through gettext / ngettext."""
    single: set[str] = set()
    plural: set[tuple[str, str]] = set()
    for path in sorted(Path(click.__file__).parent.glob("*.py")):
        if path.name in ("testing.py", "_winconsole.py"):  # the test runner; Windows only
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            args = [a.value for a in node.args if isinstance(a, ast.Constant)]
            if node.func.id == "_" and args and isinstance(args[0], str):
                single.add(args[0])
            elif node.func.id == "ngettext" and len(args) >= 2:
                plural.add((args[0], args[1]))
    return single, plural


def _fields(text: str) -> set[str]:
    names = {f for _, f, _, _ in string.Formatter().parse(text) if f}
    return names | set(re.findall(r"%\((\w+)\)s", text))


def test_catalogue_covers_every_click_message_and_keeps_its_placeholders() -> None:
    catalogue = load()
    single, plural = _click_messages()
    assert single and plural
    assert single <= set(catalogue.messages), single - set(catalogue.messages)
    assert plural <= set(catalogue.plurals), plural - set(catalogue.plurals)
    for msgid, msgstr in catalogue.messages.items():
        assert _fields(msgstr) <= _fields(msgid), msgid
    for (one, many), msgstr in catalogue.plurals.items():
        assert _fields(msgstr) <= _fields(one) | _fields(many), one


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), prog_name="jixiao")
    return result.exit_code, result.output + result.stderr


def test_help_is_chinese() -> None:
    code, out = run("--help")
    assert code == 0 and "用法： jixiao [选项] 命令 [参数]..." in out
    assert "选项：" in out and "命令：" in out and "显示此帮助并退出。" in out
    code, out = run("export", "--help")
    assert "[默认：json]" in out and "[选项]" in out
    for english in ("Usage:", "Options:", "Show this message", "[default:", "Commands:"):
        assert english not in out


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("parse", "--year", "3000", "x.txt"), "错误：'--year' 的值无效：3000 不在范围"),
        (("parse", "--year", "abc", "x.txt"), "错误：'--year' 的值无效：'abc' 不是有效的整数。"),
        (("ingest", "--jobs", "two", "x.txt"), "不是有效的整数。"),
        (("parse",), "错误：缺少参数 'FILE'"),
        (("parse", "--yaer", "2024", "x.txt"), "错误：没有选项 '--yaer'。"),
        (("list", "everything"), "错误：'[documents|projects]' 的值无效：'everything' 不是可选值"),
        (("nonsense",), "错误：没有命令 'nonsense'。"),
    ],
)
def test_click_errors_are_chinese(args: tuple[str, ...], expected: str) -> None:
    code, out = run(*args)
    assert code == 2 and expected in out and "运行 'jixiao" in out
    assert "Error" not in out and "Invalid value" not in out and "Usage" not in out
    assert "integer" not in out and "range" not in out


def test_os_errors_name_the_path_in_chinese(tmp_path: Path) -> None:
    a_file = tmp_path / "表.txt"
    a_file.write_text("x", encoding="utf-8")
    code, out = run("parse", str(a_file / "child.txt"))
    assert code == 2 and f"文件 {a_file / 'child.txt'}：无法读取：路径中有一级不是文件夹" in out
    assert "Not a directory" not in out


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        (errno.ENOENT, "文件或文件夹不存在"),
        (errno.EACCES, "没有权限"),
        (errno.EISDIR, "这是文件夹，不是文件"),
        (errno.ENOSPC, "磁盘空间不足"),
        (errno.EROFS, "所在的文件系统只读"),
    ],
)
def test_os_error_reasons(number: int, reason: str) -> None:
    error = from_os_error(OSError(number, "English text", "/data/表.xlsx"), doing="写入")
    assert str(error) == f"文件 /data/表.xlsx：无法写入：{reason}" and error.exit_code == 2


def test_an_os_error_that_escapes_is_translated_once_at_the_edge() -> None:
    @click.group(cls=JixiaoGroup)
    def group() -> None:
        """A group like jixiao's."""

    @group.command()
    def full() -> None:
        """Writes to a full disk."""
        raise OSError(errno.ENOSPC, "No space left on device", "/srv/out.csv")

    @group.command()
    def bug() -> None:
        """An OSError about no file: a bug, not mapped."""
        raise OSError("socket closed")

    result = CliRunner().invoke(group, ["full"])
    assert result.exit_code == 2
    assert "文件 /srv/out.csv：无法访问：磁盘空间不足" in result.stderr
    result = CliRunner().invoke(group, ["bug"])
    assert isinstance(result.exception, OSError)
