"""A why about the document's money as a whole ("今年预算为什么比去年增加了") is answered with the totals' reason, not
with the reason of whichever row changed; a why naming a row still gets that row's."""

from __future__ import annotations

from conftest import service_with

TEXT = """青禾县司法局2026年部门预算
第三部分 2026年部门预算情况说明
一、收入支出预算总体情况
2026年收入预算总计1,860.40万元，支出预算总计1,860.40万元。与2025年预算总额1,702.10万元相比，收、支预算总计各增加158.30万元，增长9.30%。主要原因是：一是新增社区矫正信息化平台建设项目；二是人民调解员以案定补经费标准提高。
二、一般公共预算当年拨款支出情况
1.一般公共服务支出（类）司法（款）行政运行（项）2026年预算802.10万元，比2025年预算780.50万元增加21.60万元，增长2.77%，主要原因是在职人员工资标准调整。
2.一般公共服务支出（类）司法（款）社区矫正（项）2026年预算210.00万元，比2025年预算95.00万元增加115.00万元，增长121.05%，主要原因是新增社区矫正信息化平台建设项目。
"""


def test_a_why_about_the_whole_budget_gets_the_totals_reason(tmp_path):
    svc = service_with(tmp_path, "sifa.txt", TEXT)
    for q in ("县司法局今年预算为什么比去年增加了？", "司法局今年的钱为啥多了", "司法局今年预算总额为什么增长"):
        a = svc.ask(q)
        assert "以案定补" in a.answer and "158.30" in a.answer, (q, a.answer)
    row = svc.ask("司法局今年行政运行为什么增加")
    assert "工资标准" in row.answer and "以案定补" not in row.answer, row.answer
