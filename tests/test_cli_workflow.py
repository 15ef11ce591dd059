"""``jixiao workflow``: state, act and overview through the command's runner."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from jixiao.cli import main
from jixiao.services import documents
from jixiao.services.actor import cli_actor
from jixiao.store import ProjectFilter, Store

from .auth_helpers import DRAFT_DEPARTMENT, draft_document


def test_state_act_and_overview(tmp_path: Path) -> None:
    db = str(tmp_path / "w.db")
    with Store(db) as store:
        document = documents.save(store, draft_document(), cli_actor()).document_id
        project = store.projects_page(ProjectFilter(document_id=document, limit=1)).items[0].id
    run = CliRunner()
    done = run.invoke(main, ["workflow", "act", "--db", db, project, "submit"])
    assert done.exit_code == 0, done.output
    assert "送审" in done.output and "已送审" in done.output
    refused = run.invoke(main, ["workflow", "act", "--db", db, project, "return"])
    assert refused.exit_code == 2 and "退回须说明理由" in refused.output
    wrong = run.invoke(main, ["workflow", "act", "--db", db, project, "publish"])
    assert wrong.exit_code == 6 and "不能公开" in wrong.output
    back = run.invoke(
        main, ["workflow", "act", "--db", db, project, "return", "--comment", "补充指标"]
    )
    assert back.exit_code == 0, back.output
    shown = run.invoke(main, ["workflow", "state", "--db", db, project], terminal_width=200)
    assert shown.exit_code == 0 and "已退回" in shown.output and "补充指标" in shown.output
    assert "submit（送审）" in shown.output
    view = run.invoke(
        main, ["workflow", "overview", "--db", db, "--deadline", "2000-01-01"], terminal_width=200
    )
    assert view.exit_code == 0 and DRAFT_DEPARTMENT in view.output and "被退回" in view.output
