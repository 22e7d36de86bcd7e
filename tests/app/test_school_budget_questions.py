"""A school's 单位预算 asked the way people ask: why it has none of a figure (the nil sentence gives the cause), its
whole budget against last year's (the statement names the total with its amount), a room named after the school
(智慧教室 is no unit below it), and two counts asked at once."""

from __future__ import annotations

import pytest
from conftest import service_with

BUDGET = """榆溪区育才小学2026年单位预算
第一部分 单位概况
一、主要职能
榆溪区育才小学是榆溪区教育局所属的公益一类事业单位，承担小学阶段义务教育教学任务。
二、机构设置及人员情况
本单位核定事业编制88名，2026年初实有在职教职工84人，退休人员21人。
第二部分 2026年单位预算情况说明
一、收支预算总体情况
2026年收支预算总计1,634.80万元，比2025年预算1,512.40万元增加122.40万元，增长8.09%。主要原因是新增智慧教室改造项目。
二、项目支出预算情况
智慧教室改造项目预算48.60万元，改造12间普通教室，配备交互式智慧黑板。
三、机关运行经费情况
本单位为事业单位，不属于机关运行经费的统计范围，2026年无机关运行经费预算。
"""


@pytest.fixture(scope="module")
def svc(tmp_path_factory):
    return service_with(tmp_path_factory.mktemp("yucai"), "yucai_2026_budget.txt", BUDGET, DISCLOSURE_TODAY="2026-11-30")


def test_why_none_is_the_nil_sentences_cause(svc):
    a = svc.ask("育才小学为什么没有机关运行经费预算？")
    assert a.answerable and "事业单位" in a.answer and "统计范围" in a.answer, a.answer
    assert "统计范围" in a.citations[0].quote


def test_the_whole_budget_against_last_year(svc):
    a = svc.ask("育才小学今年预算比去年多了多少？增长百分之几？")
    assert a.answerable and "122.40" in a.answer and "8.09" in a.answer, a.answer
    assert "1,634.80万元为" not in a.answer and "1634.80万元为" not in a.answer, a.answer


def test_a_room_named_after_the_school_is_no_unit(svc):
    a = svc.ask("育才小学智慧教室改造要改多少间？预算多少钱？")
    assert a.answerable and "48.60" in a.answer, a.answer


def test_two_counts_asked_at_once(svc):
    a = svc.ask("育才小学的编制和实有教职工各是多少？")
    assert a.answerable and "88" in a.answer and "84" in a.answer, a.answer
    assert len(a.citations) == 2
