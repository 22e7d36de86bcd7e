"""A 区卫健委's 2026 部门预算 that states its 疾控中心's budget, change and reason, beside that 疾控中心's own 2025
self-evaluation; a 水务局's 2025 决算 (its vehicles by use, a completion against the adjusted budget, its 三公 money
and 政府采购 with parts).

Questions: the member's 2026 budget, change and why (it has a document of its own, of another year only); "执法车"
and "应急保障用车" counted by use; "实际支出是多少" worded with 是; "A中B占多少比例" as B's share of A; a completion
the document states against the adjusted budget is not said to be the 年初预算's.

The documents are invented in the shape of real ones; no gold set holds them."""

from __future__ import annotations

import pytest
from conftest import service_of_texts

DEPARTMENT = """岚川市鹤岭区卫生健康委员会2026年部门预算
第一部分 部门概况
纳入2026年部门预算编制范围的单位共3个，包括：区卫生健康委员会本级、鹤岭区疾病预防控制中心、鹤岭区卫生监督所。
第二部分 2026年部门预算情况说明
一、收支预算总体情况说明
2026年收入、支出预算总计9860.00万元，比上年增加910.00万元。
（二）鹤岭区疾病预防控制中心2026年预算2,680.00万元，比2025年增加420.00万元，增长18.58%，主要原因是：新增疾控实验室能力提升项目。
"""

CENTRE = """岚川市鹤岭区疾病预防控制中心
2025年度部门整体支出绩效自评报告
一、预算执行情况
2025年全年预算数2,300.00万元，全年实际支出2,203.70万元，预算执行率95.81%。与2024年实际支出1,968.40万元相比，增加235.30万元，增长11.95%，主要原因是开展输入性传染病防控。
"""

WATER = """岚川市青川区水务局2025年度部门决算
一、财政拨款支出决算情况说明
2025年度财政拨款支出5,760.00万元。与年初预算相比，年初预算数5,400.00万元，年中追加预算720.00万元，决算数5,760.00万元，完成调整后预算的94.12%，主要原因是：部分采购流标。
二、“三公”经费支出情况说明
2025年度“三公”经费财政拨款支出决算18.60万元，其中：公务接待费支出2.79万元，公务用车运行维护费支出15.81万元。
三、其他重要事项
（一）政府采购情况。2025年度政府采购支出总额1,246.50万元，其中：政府采购货物支出786.50万元、政府采购服务支出460.00万元。
（二）国有资产占有使用情况。截至2025年12月31日，本部门共有车辆12辆，其中：执法执勤用车5辆、应急保障用车4辆、其他用车3辆。
"""


@pytest.fixture(scope="module")
def svc(tmp_path_factory):
    home = tmp_path_factory.mktemp("heling")
    texts = {"wjw_2026.txt": DEPARTMENT, "jkzx_2025.txt": CENTRE, "swj_2025.txt": WATER}
    return service_of_texts(home, texts, DISCLOSURE_TODAY="2026-11-30")


def test_a_member_with_a_document_of_another_year_only(svc):
    budget = svc.ask("鹤岭区疾控中心今年预算多少？")
    assert budget.answerable and "2,680.00万元" in budget.answer and "2026年自己的公开文件" in budget.answer
    change = svc.ask("鹤岭区疾控中心今年预算比去年增加了多少？")
    assert change.answerable and "420.00万元" in change.answer and "910" not in change.answer
    own = svc.ask("鹤岭区疾控中心去年实际支出是多少？")  # (its own 2025 document; 是 before 多少)
    assert own.answerable and "2203.70万元" in own.answer
    before = svc.ask("鹤岭区疾控中心前年实际支出是多少？")
    assert before.answerable and "1968.40万元" in before.answer


def test_vehicles_named_by_a_short_use(svc):
    enforcement = svc.ask("青川区水务局执法车有几辆？")
    assert enforcement.answerable and "5辆" in enforcement.answer and "12辆" not in enforcement.answer
    emergency = svc.ask("青川区水务局有几辆应急保障用车？")
    assert emergency.answerable and "4辆" in emergency.answer and "12辆" not in emergency.answer


def test_a_parts_share_of_the_whole_it_is_named_within(svc):
    goods = svc.ask("青川区水务局去年政府采购中货物占多少比例？")
    assert goods.answerable and "63.10%" in goods.answer
    reception = svc.ask("青川区水务局去年三公经费中公务接待费占多少比例？")
    assert reception.answerable and "15.00%" in reception.answer


def test_a_completion_against_the_adjusted_budget_keeps_its_base(svc):
    done = svc.ask("青川区水务局去年财政拨款完成预算的百分之多少？")
    assert done.answerable and "调整后预算" in done.answer and "94.12%" in done.answer
    assert "完成年初预算" not in done.answer
