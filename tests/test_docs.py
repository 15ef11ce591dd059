"""Docs that are checked: every CLI command has help and a section in docs/cli.md."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from jixiao.cli import main

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = sorted(main.commands)


def test_there_are_commands() -> None:
    assert {"parse", "ingest", "list", "show", "export", "demo"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help(name: str) -> None:
    command = main.commands[name]
    assert command.help and len(command.help.strip()) > 10, f"{name} lacks help text"
    for param in command.params:
        if isinstance(param, click.Option) and param.name not in {"help"}:
            assert param.help, f"{name} {param.opts} lacks help"
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0
    assert command.help.strip().splitlines()[0] in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_documented(name: str) -> None:
    text = (ROOT / "docs/cli.md").read_text(encoding="utf-8")
    assert f"## `jixiao {name}`" in text, f"docs/cli.md has no section for jixiao {name}"
    command = main.commands[name]
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.opts[0] in text, f"docs/cli.md does not mention {name} {param.opts[0]}"


SUBCOMMANDS = sorted(
    (group, name)
    for group, command in main.commands.items()
    if isinstance(command, click.Group)
    for name in command.commands
)


@pytest.mark.parametrize(("group", "name"), SUBCOMMANDS)
def test_subcommand_has_help_and_docs(group: str, name: str) -> None:
    command = main.commands[group].commands[name]  # type: ignore[attr-defined]
    assert command.help and len(command.help.strip()) > 10, f"{group} {name} lacks help text"
    text = (ROOT / "docs/cli.md").read_text(encoding="utf-8")
    assert f"## `jixiao {group} {name}`" in text, f"docs/cli.md has no jixiao {group} {name}"
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"{group} {name} {param.opts} lacks help"
            assert param.opts[0] in text, f"docs/cli.md does not mention {param.opts[0]}"
    result = CliRunner().invoke(main, [group, name, "--help"])
    assert result.exit_code == 0 and command.help.strip().splitlines()[0] in result.output


def test_readme_first_screen_shows_the_two_commands() -> None:
    first = "\n".join((ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:15])
    assert "make demo" in first and "make test" in first


def test_every_review_rule_is_documented() -> None:
    from jixiao.review import RULES

    text = (ROOT / "docs/rules.md").read_text(encoding="utf-8")
    for rule_id, info in RULES.items():
        assert f"### `{rule_id}`" in text, f"docs/rules.md has no section for {rule_id}"
        for param in info.defaults:
            assert f"`{param}" in text, f"docs/rules.md does not mention {rule_id}'s {param}"


def test_every_interchange_field_is_documented() -> None:
    from jixiao.interchange import FORMAT_VERSION, schema

    text = (ROOT / "docs/format.md").read_text(encoding="utf-8")
    assert f"`jixiao.document` {FORMAT_VERSION}" in text.splitlines()[0]
    found = schema()
    objects = {"document": found, **found["$defs"]}
    for name in ("document", "project", "execution", "indicator", "target", "funds"):
        for field in objects[name]["properties"]:
            assert f"`{field}`" in text, f"docs/format.md does not mention {name}.{field}"


def test_every_selfeval_rule_and_departure_is_documented() -> None:
    from jixiao.selfeval import DEPARTURES, SCORING_RULES

    text = (ROOT / "docs/selfeval.md").read_text(encoding="utf-8")
    for key in [*SCORING_RULES, *DEPARTURES]:
        assert f"### `{key}`" in text, f"docs/selfeval.md has no section for {key}"
    for title in DEPARTURES.values():
        assert title in text, f"docs/selfeval.md does not name {title}"


def test_monitoring_lights_and_values_are_documented() -> None:
    from jixiao.monitoring import load_monitoring_rules
    from jixiao.monitoring.config import GIVEN, KINDS

    text = (ROOT / "docs/monitoring.md").read_text(encoding="utf-8")
    for name in [*KINDS, *GIVEN]:
        assert f"`{name}`" in text, f"docs/monitoring.md does not mention {name}"
    for light in load_monitoring_rules().lights:
        assert f"`{light.key}`" in text and light.name in text


def test_makefile_installs_debian_packages_without_recommends() -> None:
    import re

    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = re.findall(r"apt-get install[^;\n]*", makefile)
    assert len(installs) >= 2
    for line in installs:
        assert "--no-install-recommends" in line, line
    packages = re.search(r"^TEST_PACKAGES\s*:=\s*(.*)$", makefile, re.MULTILINE)
    assert packages is not None and packages.group(1).split() == ["chromium"]
