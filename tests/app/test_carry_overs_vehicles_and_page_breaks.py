"""A county hospital's 2025 单位决算 as a PDF text layer saved as text (a share sentence broken by a page's footer and
header, vehicles counted by use with a bracketed name, procurement listed by kind), and one 组织部's 2024 and 2025
决算 (机关运行经费 against the year before, the 2024 carry-over with its reason, the 三公 budget's completion).

Questions: how many ambulances (救护车, not all vehicles); the procurement total asked as 总共 (not its first part)
with the share of it printed after the page break; a follow-up naming only a base year ("为啥比2023年少了？") keeps
the year asked before; "钱没花完" is the year's carry-over and its own reason, not a gap from the budget; "完成了百分之
多少" after a budget question is the budget's completion.

The documents are invented in the shape of real ones; no gold set holds them."""

from __future__ import annotations

import pytest
from conftest import service_of_texts

HOSPITAL = """临溪县人民医院2025年度单位决算
八、其他重要事项的情况说明
（二）政府采购。2025年度政府采购支出总额2865.40万元，其中：货物2206.80万
元，工程418.30万元，服务240.30万元。授予中小企业合同金额1968.20万元，占政府

第 4 页 共 5 页
临溪县人民医院2025年度单位决算

采购支出总额的68.69%。
（三）国有资产占有使用情况。截至2025年12月31日，本单位共有车辆11辆，其中
：特种专业技术用车（救护车）8辆、一般公务用车2辆、其他用车1辆。

第 5 页 共 5 页
临溪县人民医院2025年度单位决算
"""

ORGANISATION_2024 = """中共临溪县委组织部2024年度部门决算
一、收入支出决算总体情况说明
2024年度本年支出合计1208.90万元。年末结转和结余32.64万元，主要原因是基层党组织建设经费中村级党群服务中心维修工程尚未完工结算，资金结转下年使用。
二、机关运行经费支出情况说明
2024年度本部门机关运行经费支出76.85万元，与2023年度的79.40万元相比，减少2.55万元，下降3.21%，主要原因是压减会务和印刷支出。
"""

ORGANISATION_2025 = """中共临溪县委组织部2025年度部门决算
一、机关运行经费支出情况说明
2025年度本部门机关运行经费支出73.62万元，与2024年度的76.85万元相比，减少3.23万元，下降4.20%，主要原因是压减差旅费。
二、“三公”经费支出情况说明
2025年度“三公”经费财政拨款支出预算为6.00万元，支出决算为5.10万元，完成预算的85.00%。
"""


@pytest.fixture(scope="module")
def svc(tmp_path_factory):
    home = tmp_path_factory.mktemp("linxi")
    texts = {"hospital_2025.txt": HOSPITAL, "zzb_2024.txt": ORGANISATION_2024, "zzb_2025.txt": ORGANISATION_2025}
    return service_of_texts(home, texts, DISCLOSURE_TODAY="2026-11-30")


def test_vehicles_of_one_use_are_counted_apart_from_all(svc):
    ambulances = svc.ask("县医院有几辆救护车？")
    assert ambulances.answerable and "8辆" in ambulances.answer and "11辆" not in ambulances.answer
    cars = svc.ask("县医院一共有多少辆车？")
    assert cars.answerable and "11辆" in cars.answer


def test_the_procurement_total_and_its_share_printed_after_a_page_break(svc):
    total = svc.ask("县医院去年政府采购总共多少？给中小企业的占多少？")
    assert total.answerable and "2865.40万元" in total.answer and "68.69%" in total.answer
    goods = svc.ask("县医院去年政府采购中货物多少？")  # (the part still, when named)
    assert goods.answerable and "2206.80万元" in goods.answer


def test_a_follow_up_naming_only_a_base_year_keeps_the_year_asked_before(svc):
    first, parsed = svc.ask_turn("组织部前年机关运行经费是多少？")
    assert first.answerable and "76.85万元" in first.answer
    why, _ = svc.ask_turn("为啥比2023年少了？", parsed)
    assert why.answerable and "会务" in why.answer and "差旅" not in why.answer


def test_money_left_unspent_is_the_carry_over_and_its_own_why(svc):
    why = svc.ask("县委组织部前年年底为啥还有钱没花完？")
    assert why.answerable and "32.64万元" in why.answer and "尚未完工" in why.answer


def test_a_completion_asked_after_the_budget_is_the_budgets(svc):
    done = svc.ask("组织部去年三公经费预算是多少？完成了百分之多少？")
    assert done.answerable and "6.00万元" in done.answer and "85.00%" in done.answer
