"""A 司法局's 部门预算 as a PDF's text layer saved as text (each table cell on its own line, a running header and a
page number on every page): the amounts repeated at page ends ("0.00") are cells, not page furniture; a table
listed by unit with wrapped column names answers for a member unit; a 项目支出表 with a description column answers
for each project, and a part of a project no row prints is refused. Its prose answers a budget against last year's
budget (not last year's 决算, also held), the two car fees asked as one, a per-person amount and a thing counted
after its measure word."""

from __future__ import annotations

import pytest
from conftest import service_with

_HEADER = "汀兰市梧桐区司法局2026年部门预算"


def _pages(*pages: list[str]) -> str:
    out: list[str] = []
    for n, page in enumerate(pages, 1):
        out += [_HEADER, *page, f"- {n} -"]
    return "\n".join(out) + "\n"


_PROSE = [
    "第一部分 部门概况",
    "纳入本部门2026年部门预算编制范围的单位共2个：梧桐区司法局（本级）和梧桐区公证处。",
    "第二部分 2026年部门预算情况说明",
    "一、收支预算总体情况",
    "2026年收支预算总计1860.40万元，比2025年预算1790.00万元增加70.40万元，增长3.93%。",
    "二、“三公”经费预算情况说明",
    "2026年“三公”经费预算22.60万元，比2025年预算执行数10.10万元增加12.50万元，增长123.76%。其中：公务用车购置费12.00万元，比2025年预算0.00万元增加12.00万元，主要原因是更新"
    "1辆已达报废年限的执法执勤用车；公务用车运行维护费8.20万元，比2025年预算9.00万元减少0.80万元，下降8.89%；公务接待费"
    "2.40万元，比2025年预算3.00万元减少0.60万元，下降20.00%，主要原因是推行工作餐接待。",
    "三、绩效目标情况",
    "2026年主要目标为：为180名困难群众提供法律援助，每人每年补助1500元。",
]
_INCOME_BY_UNIT = [
    "表2 收入预算总表",
    "部门名称：汀兰市梧桐区司法局  单位：万元",
    "单位名称", "合计", "一般公共预算拨", "款收入", "事业收入", "附属单位上缴", "收入", "其他收入",
    "合计", "1860.40", "1790.40", "50.00", "0.00", "20.00",
    "梧桐区司法局（本级）", "1520.40", "1520.40", "0.00", "0.00", "0.00",
    "梧桐区公证处", "340.00", "270.00", "50.00", "0.00", "20.00",
]
_PROJECTS_1 = [
    "表9 项目支出表",
    "部门名称：汀兰市梧桐区司法局  单位：万元",
    "项目名称", "实施单位", "合计", "一般公共预算当年拨款", "上年结转", "项目概述",
    "合计", "262.00", "262.00", "0.00",
    "法律援助补贴", "梧桐区司法局（本级）", "27.00", "27.00", "0.00",
    "按每人每年1500元标准为困难群众提供法律援助补贴。",
    "社区矫正教育帮扶", "梧桐区司法局（本级）", "95.00", "95.00", "0.00",
    "开展社区矫正对象日常监管和教育帮扶。",
]
_PROJECTS_2 = [
    "普法宣传活动", "梧桐区司法局（本级）", "140.00", "140.00", "0.00",
    "开展宪法宣传周、民法典进社区等普法活动。",
]

# the table's header printed again over its last row on the next page
_PROJECTS_3 = [
    "项目名称", "实施单位", "合计", "一般公共预算当年拨款", "上年结转", "项目概述",
    "人民调解员补贴", "梧桐区司法局（本级）", "30.00", "30.00", "0.00", "按件补贴人民调解员。",
]

TEXT = _pages(_PROSE, _INCOME_BY_UNIT + _PROJECTS_1, _PROJECTS_2, _PROJECTS_3)


# last year's 决算 of the same bureau: its 公务接待费 spent is not what this year's budget is compared with
LAST_YEAR = """汀兰市梧桐区司法局2025年部门决算
第二部分 2025年度部门决算情况说明
一、“三公”经费财政拨款支出决算情况说明
2025年度“三公”经费财政拨款支出全年预算12.00万元，支出决算10.10万元。其中：公务接待费全年预算3.00万元，支出决算2.10万元。
"""


@pytest.fixture(scope="module")
def svc(tmp_path_factory):
    home = tmp_path_factory.mktemp("wutong")
    (home / "wutong_sfj_2025_final.txt").write_text(LAST_YEAR, encoding="utf-8")
    svc = service_with(home, "wutong_sfj_2026.txt", TEXT, DISCLOSURE_TODAY="2026-11-30")
    assert [o.status for o in svc.ingest([home / "wutong_sfj_2025_final.txt"])] == ["ingested"]
    return svc


def _ask(svc, question):
    a = svc.ask(question)
    assert a.answerable and a.citations, (question, a.answer)
    return a


def test_an_amount_at_a_page_end_is_a_cell_not_furniture(svc):
    a = _ask(svc, "司法局今年社区矫正教育帮扶项目安排了多少钱？")
    assert "95.00" in a.answer and "上年结转0.00" in a.answer, a.answer


def test_a_member_units_row_in_a_table_listed_by_unit(svc):
    a = _ask(svc, "公证处今年收入预算多少？其中事业收入多少？")
    assert "340.00" in a.answer and "50.00" in a.answer, a.answer
    assert "《表2 收入预算总表》" in a.answer or "收入预算总表" in a.answer, a.answer
    assert not [c for c in a.citations if "1860.40" in c.quote], a.citations  # (the department's total is not it)


def test_a_project_of_the_project_table_and_a_part_no_row_prints(svc):
    a = _ask(svc, "司法局今年普法宣传活动项目安排了多少钱？")
    assert "140.00" in a.answer and "普法宣传活动" in a.answer, a.answer
    assert "宪法宣传周" in a.citations[0].quote  # (the row's description is quoted with it)
    c = _ask(svc, "司法局今年普法宣传活动项目主要做什么？由哪个单位实施？")
    assert "民法典进社区" in c.answer and "梧桐区司法局" in c.answer.split("实施单位")[-1], c.answer
    d = _ask(svc, "司法局今年人民调解员补贴项目安排了多少钱？")
    assert "30.00" in d.answer and "项目支出表" in d.answer, d.answer
    b = svc.ask("司法局今年普法宣传活动项目里宪法宣传周具体安排了多少钱？")
    assert not b.answerable and "宪法宣传周" in b.answer, b.answer


def test_this_years_income_of_a_budget_is_its_total(svc):
    a = _ask(svc, "司法局今年收入是多少？")  # (a budget prints its 收入总计, no 本年收入合计)
    assert "1860.40" in a.answer, a.answer


def test_a_budget_against_last_years_budget(svc):
    a = _ask(svc, "司法局今年公务接待费预算比去年少了多少？")
    assert "0.60" in a.answer and "20.00" in a.answer and "2025年预算" in a.answer, a.answer
    assert "2.10" not in a.answer, a.answer  # (last year's spending is not last year's budget)


def test_a_change_against_last_years_spending_is_not_against_its_budget(svc):
    a = svc.ask("司法局今年三公经费预算比去年预算多了多少？")
    assert "预算执行数增加12.50" not in a.answer, a.answer  # (the statement's base is 2025's spending, not its budget)
    b = svc.ask("司法局今年公务接待费预算比去年花的少了多少？")
    assert "比2025年预算减少0.60" not in b.answer, b.answer  # (last year's spending asked, 2.10: not the budget's change)


def test_the_two_car_fees_asked_as_one(svc):
    a = _ask(svc, "司法局今年公车费用预算是多少？")
    assert "12.00" in a.answer and "8.20" in a.answer and "20.20" in a.answer and "计算所得" in a.answer, a.answer
    b = _ask(svc, "司法局今年公务用车运行维护费预算是多少？")
    assert "8.20" in b.answer and "20.20" not in b.answer, b.answer


def test_a_per_person_amount_and_a_thing_counted_after_its_measure_word(svc):
    a = _ask(svc, "司法局今年打算为多少名困难群众提供法律援助？每人多少钱？")
    assert "180" in a.answer and "1500" in a.answer, a.answer
