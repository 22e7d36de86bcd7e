"""A street office's 2025 决算 with its procurement and a whole self-evaluation's form; a 规划和自然资源局 of the same
district.

"中小企业拿了百分之多少" asks the share its sentence prints (not the amount), while "完成预算的百分之多少" stays a
completion; "整体绩效自评得了多少分" is the form's 自评得分, not its fund row's; "规资局" is 规划和自然资源局 by its
present name (no note of a former name, though 规划和国土资源局 fits too); "比去年多了多少？涨了几个点？" after a
question about a figure goes on with that figure, and "为什么增加了？" after it is answered by the budget's reason for its
total (a budget balances: the reason given for its income's total is its spending's).

The documents are invented in the shape of real ones; no gold set holds them."""

from __future__ import annotations

import pytest
from conftest import service_of_texts

STREET = """潆洲市桐溪区人民政府白沙街道办事处2025年度部门决算
第三部分 2025年度部门决算情况说明
一、收入支出决算总体情况说明
2025年度收入、支出决算总计3120.40万元，与上年相比，增加160.20万元，增长5.41%，主要原因是新增老旧小区改造项目。
二、“三公”经费支出决算情况说明
2025年度“三公”经费财政拨款支出预算为6.50万元，支出决算为5.70万元，完成预算的87.69%。
三、其他重要事项
（一）政府采购支出情况。2025年度政府采购支出总额216.38万元，其中：政府采购货物支出79.26万元，政府采购服务支出137.12万元。授予中小企业合同金额182.45万元，占政府采购支出总额的84.32%。
第四部分 部门整体支出绩效自评
2025年度部门整体支出绩效自评表
一级指标\t分值\t得分
预算执行\t10\t9.85
产出指标\t50\t48.00
总分\t100\t97.85
经自评，白沙街道2025年度部门整体支出绩效自评得分为97.85分，评价等级为“优”。
"""

PLANNING = """潆洲市桐溪区规划和自然资源局2025年度部门决算
第三部分 2025年度部门决算情况说明
二、“三公”经费支出决算情况说明
2025年度“三公”经费财政拨款支出决算为0.39万元。
"""


TOWN = """潆洲市桐溪区青坪镇人民政府2026年部门预算
第三部分 2026年部门预算情况说明
一、收支预算总体情况说明
2026年收入预算1759.23万元，支出预算1759.23万元，比2025年预算数1680.35万元增加78.88万元，增长4.69%。主要原因是村级组织运转经费补助标准提高和集镇保洁范围扩大。
"""


@pytest.fixture(scope="module")
def svc(tmp_path_factory):
    texts = {"street.txt": STREET, "planning.txt": PLANNING, "town.txt": TOWN}
    return service_of_texts(tmp_path_factory.mktemp("tongxi"), texts, DISCLOSURE_TODAY="2026-11-30")


def test_a_share_asked_as_baifenzhi_duoshao(svc):
    share = svc.ask("白沙街道去年中小企业拿了百分之多少？")
    assert share.answerable and "84.32%" in share.answer
    done = svc.ask("白沙街道去年三公经费完成预算的百分之多少？")
    assert done.answerable and "87.69%" in done.answer and "84.32" not in done.answer


def test_a_present_names_abbreviation_is_no_former_name(svc):
    answer = svc.ask("桐溪区规资局去年三公经费多少？")
    assert answer.answerable and "0.39万元" in answer.answer and "理解" not in answer.answer


def test_a_change_asked_in_points_goes_on_with_the_figure(svc):
    first, turn = svc.ask_turn("白沙街道去年收支总计多少？")
    second, _ = svc.ask_turn("比前年多了多少？涨了几个点？", turn)
    assert "3120.40" in first.answer
    assert second.answerable and "160.20" in second.answer and "5.41" in second.answer


def test_the_whole_self_evaluations_own_score(svc):
    answer = svc.ask("白沙街道去年整体绩效自评得了多少分？")
    assert answer.answerable and "97.85" in answer.answer and "9.85分" not in answer.answer.replace("97.85", "")


def test_why_a_budgets_total_grew_after_its_change(svc):
    turn = None
    for q in ("青坪镇今年的预算一共多少钱？", "比去年的预算多了多少？涨了几个点？", "为什么增加了？"):
        answer, turn = svc.ask_turn(q, turn)
    assert answer.answerable and "村级组织运转经费" in answer.answer
