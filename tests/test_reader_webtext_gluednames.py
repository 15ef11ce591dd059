"""A form's project name in text whose cells run together, read only where the next label
proves where it ends (readers/webtext_gluednames.py). Made-up forms of the shape."""

from __future__ import annotations

import pytest

from jixiao.errors import ParseError
from jixiao.ingest import read_bytes
from jixiao.ingest.readers.webtext_gluednames import unproven_name
from jixiao.ingest.text_tokens import tokens

_BODY = (
    "一级指标二级指标三级指标指标值产出指标数量指标清扫道路条数485条质量指标垃圾无害化处理率100%"
    "满意度指标服务对象满意度指标群众满意度≥90%\n"
)


def _form(fields: str) -> bytes:
    return f"某某项目绩效目标表\n{fields}实施单位某某局{_BODY}".encode()


def _name(fields: str) -> str:
    (doc,) = read_bytes(_form(fields), "glued.txt")
    (project,) = [p for _, p in doc.projects()]
    return project.name


def test_a_name_run_into_a_label_whose_opening_word_may_end_it_is_not_read() -> None:
    # 某某作业项目主管部门: 某某作业 | 项目主管部门 or 某某作业项目 | 主管部门
    with pytest.raises(ParseError, match="“项目”属名称还是属栏名无从确定"):
        read_bytes(_form("项目名称某某作业项目主管部门某某局"), "glued.txt")


def test_a_name_run_into_a_label_templates_print_with_nothing_before_it_keeps_the_word() -> None:
    # 主管部门及代码 (the 项目支出绩效目标表's field; no template prints 项目主管部门及代码)
    assert _name("项目名称某某作业项目主管部门及代码某某局") == "某某作业项目"
    assert _name("项目名称某某补助资金中央主管部门及代码某某部") == "某某补助资金"  # (a qualifier)


def test_a_name_ends_before_a_label_opening_with_a_qualifier_or_the_word_it_ends_with() -> None:
    assert _name("项目名称某某补助资金中央主管部门某某部") == "某某补助资金"  # (中央 ends no name)
    assert _name("项目名称某某建设项目项目负责人张三") == "某某建设项目"  # (no name ends 项目项目)
    assert _name("项目名称某某制作安装项目负责人及电话张三") == "某某制作安装"  # (printed whole)


def test_a_name_holding_a_money_units_label_and_an_amount_is_not_read() -> None:
    with pytest.raises(ParseError, match="连进了带金额单位的栏名"):
        read_bytes(_form("项目名称某某工程一期中期市财政预算(万元)2845.00"), "glued.txt")


def test_a_name_in_a_cell_of_its_own_is_proven_by_its_separator() -> None:
    toks = tokens("项目名称 | 某某作业 | 项目主管部门 | 某某局\n")
    assert unproven_name(toks, 0, len(toks)) is None
    toks = tokens("项目名称某某作业项目主管部门某某局\n")
    assert unproven_name(toks, 0, len(toks)) is not None


def test_a_department_wide_forms_name_is_the_departments() -> None:
    # no 项目名称: the department's name is the project's, proven the same way
    # (年度 of 年度本级预算金额 may end a name: 本级预算金额 is a label of its own)
    toks = tokens("部门(单位)名称某某局年度本级预算金额(万元)100\n")
    assert unproven_name(toks, 0, len(toks)) is not None
    toks = tokens("项目名称某某经费部门(单位)名称某某局年度预算申请(万元)年初预算数\n")
    assert unproven_name(toks, 0, len(toks)) is None  # (the project's name is proven)
