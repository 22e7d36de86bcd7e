"""A 区卫健委's 2026 部门预算 whose income table lists its units, and its 本级's 单位预算 of the same year; both state
their 三公 budget against last year's budget ("比2025年预算数X万元"). No document of 2025 is held.

Questions: a member named together with its department ("区卫健委下面的疾控中心", "卫健委的卫生监督所") is answered from the
department's row for it, not refused nor answered with the department's total; a member under a department that does
not take it in is not answered; last year's budget of a figure is the base this year's budget states (each scope's),
never what was spent.

The documents are invented in the shape of real ones; no gold set holds them."""

from __future__ import annotations

import pytest
from conftest import service_of_texts

DEPARTMENT = """筠溪市棠梨区卫生健康委员会2026年部门预算
第一部分 部门概况
纳入2026年部门预算编制范围的单位共3个，包括：区卫生健康委员会本级、区疾病预防控制中心、区卫生监督所。
第二部分 2026年部门预算表
表1 部门收入预算表
单位名称,合计,一般公共预算拨款收入,事业收入,其他收入
合计,"3,260.00","3,050.00",180.00,30.00
区卫生健康委员会本级,"1,410.00","1,400.00",0.00,10.00
区疾病预防控制中心,"1,220.00","1,060.00",150.00,10.00
区卫生监督所,630.00,590.00,30.00,10.00
第三部分 2026年部门预算情况说明
一、收支预算总体情况
2026年收入、支出预算总计3260.00万元，比2025年预算数3120.00万元增加140.00万元，增长4.49%。
二、“三公”经费预算情况说明
2026年“三公”经费预算12.60万元，比2025年预算数15.00万元减少2.40万元，下降16.00%，主要原因是压减公务用车运行费。
三、其他重要事项
2026年机关运行经费预算68.00万元，比2025年预算数70.50万元减少2.50万元，下降3.55%。
"""

OWN = """筠溪市棠梨区卫生健康委员会（本级）2026年单位预算
第一部分 单位概况
本单位为区卫生健康委员会本级，行政单位。
第二部分 2026年单位预算情况说明
一、收支预算总体情况
2026年收入、支出预算总计1410.00万元，比2025年预算数1380.00万元增加30.00万元，增长2.17%。
二、“三公”经费预算情况说明
2026年“三公”经费预算5.20万元，比2025年预算数6.00万元减少0.80万元，下降13.33%，主要原因是压减公务接待。
"""

BUREAU = """筠溪市棠梨区民政局2026年部门预算
第一部分 部门概况
纳入2026年部门预算编制范围的单位共2个，包括：区民政局本级、区社会福利院。
"""


@pytest.fixture(scope="module")
def svc(tmp_path_factory):
    home = tmp_path_factory.mktemp("tangli")
    texts = {"wjw_2026.txt": DEPARTMENT, "wjw_own_2026.txt": OWN, "mzj_2026.txt": BUREAU}
    return service_of_texts(home, texts, DISCLOSURE_TODAY="2026-11-30")


@pytest.mark.parametrize("question", ["区卫健委下面的疾控中心今年预算多少？", "卫健委的疾控中心今年收入多少？",
                                      "棠梨区卫健委今年疾控中心的预算是多少"])
def test_a_member_named_with_its_department(svc, question):
    answer = svc.ask(question)
    assert answer.answerable and "1,220.00" in answer.answer or "1220.00" in answer.answer, answer.answer
    assert "3,260.00" not in answer.answer and "3260.00" not in answer.answer


def test_a_member_under_a_department_that_does_not_take_it_in(svc):
    answer = svc.ask("民政局下面的疾控中心今年预算多少？")
    assert not answer.answerable and "1220" not in answer.answer.replace(",", "")
    other = svc.ask("区卫健委的卫生监督所今年预算多少？")
    assert other.answerable and "630.00" in other.answer


def test_last_years_budget_is_the_base_this_years_budget_states(svc):
    answer = svc.ask("棠梨区卫健委去年三公经费预算是多少？")
    assert answer.answerable and "15.00万元" in answer.answer and "6.00万元" in answer.answer  # (部门, 本级)
    assert "档案中没有" in answer.answer  # (said to be the 2026 budget's statement, no 2025 document held)
    running = svc.ask("棠梨区卫健委2025年机关运行经费预算是多少？")
    assert running.answerable and "70.50万元" in running.answer


def test_what_was_spent_last_year_is_not_last_years_budget(svc):
    answer = svc.ask("棠梨区卫健委去年三公经费花了多少？")
    assert not answer.answerable and "15.00万元" not in answer.answer


def test_a_year_no_document_states_is_not_answered_with_the_newest(svc):
    answer = svc.ask("棠梨区卫健委前年三公经费预算是多少？")  # (2024: neither the 2026 documents nor any other say)
    assert not answer.answerable and "12.60" not in answer.answer and "5.20" not in answer.answer
