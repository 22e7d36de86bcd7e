"""A 教育体育局's 部门预算 as a PDF's text layer (one table cell per line): its 收入总表 listed by unit prints two group
heads over their columns (财政拨款 over 一般公共预算拨款 and 政府性基金预算拨款, 单位资金 over 事业收入 and 其他收入) and
runs over a page; its 三公 table is listed by unit under a title with a qualifier ("（分单位）"); two of its schools
have names one inside the other (城关小学, 城关中心小学). A 住建局's project self-evaluation printed cell by cell with
its first cell on the 填报单位 line. A 卫健局's 决算 explains a 项 with a reason naming a thing.

Questions: a member unit's column under a group head, its total and a part at once, a unit named exactly among similar
names, each unit's 三公 item, each school's column, each unit's spending no table lists by unit, a column of the
table's total row, a cell-by-cell project's spending, a thing named only in a 项's reason."""

from __future__ import annotations

import pytest
from conftest import service_with

_HEADER = "枫岭县教育体育局2026年部门预算"
_INCOME = [
    "表2", "部门收入总表", "编制单位：枫岭县教育体育局", "单位：万元",
    "单位名称", "合计", "财政拨款", "一般公共预算拨款", "政府性基金预算拨款", "单位资金", "事业收入", "其他收入", "上年结转",
    "合计", "5000.00", "4500.00", "200.00", "180.00", "20.00", "100.00",
    "枫岭县教育体育局（本级）", "1000.00", "800.00", "200.00", "0.00", "0.00", "0.00",
    "枫岭县城关小学", "1400.00", "1300.00", "0.00", "60.00", "10.00", "30.00",
]
_INCOME_2 = [
    "枫岭县城关中心小学", "1100.00", "1050.00", "0.00", "30.00", "0.00", "20.00",
    "枫岭县第二中学", "1500.00", "1350.00", "0.00", "90.00", "10.00", "50.00",
]
_THREE = [
    "表7 “三公”经费预算表（分单位）", "单位：万元",
    "单位名称", "合计", "因公出国（境）费", "公务用车购置费", "公务用车运行维护费", "公务接待费",
    "合计", "20.00", "0.00", "0.00", "14.00", "6.00",
    "枫岭县教育体育局（本级）", "12.00", "0.00", "0.00", "8.00", "4.00",
    "枫岭县城关小学", "3.00", "0.00", "0.00", "2.00", "1.00",
    "枫岭县城关中心小学", "2.00", "0.00", "0.00", "1.50", "0.50",
    "枫岭县第二中学", "3.00", "0.00", "0.00", "2.50", "0.50",
]
EDUCATION = "\n".join([
    _HEADER, "第一部分 部门概况",
    "纳入本部门2026年部门预算编制范围的单位共4个，包括：枫岭县教育体育局（本级）、枫岭县城关小学、枫岭县城关中心小学、"
    "枫岭县第二中学。",
    "第二部分 2026年部门预算情况说明", "2026年收入预算5000.00万元，支出预算5000.00万元。", "- 1 -",
    _HEADER, *_INCOME, "- 2 -", _HEADER, *_INCOME_2, *_THREE, "- 3 -"]) + "\n"

SELF_EVALUATION = "\n".join([
    "枫岭县住房和城乡建设局2025年度项目支出绩效自评报告", "项目支出绩效自评表", "（2025年度）",
    "填报单位：枫岭县住房和城乡建设局项目名称", "背街小巷整治项目", "主管部门", "枫岭县住房和城乡建设局",
    "实施单位", "枫岭县市政设施管理所", "项目资金（万元）",
    "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分",
    "年度资金总额", "200.00", "200.00", "190.00", "10", "95.00%", "9.50",
    "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施",
    "产出指标", "数量指标", "整治背街小巷数量", "≥30条", "30条", "40", "40",
    "效益指标", "社会效益指标", "背街小巷环境改善率", "≥90%", "88%", "50", "47", "部分小巷管网改造未同步完成。",
    "总分", "100", "96.50"]) + "\n"

HEALTH = """枫岭县卫生健康局2025年度部门决算
第三部分 2025年度部门决算情况说明
五、一般公共预算财政拨款支出决算具体情况
1.卫生健康支出（类）计划生育事务（款）计划生育服务（项）。年初预算为60.00万元，支出决算为52.30万元，完成年初预算的87.17%。决算数小于年初预算数的主要原因是部分免费孕前优生健康检查改由妇幼保健院承担。
"""


@pytest.fixture(scope="module")
def svc(tmp_path_factory):
    home = tmp_path_factory.mktemp("fengling")
    (home / "fengling_zjj_2025_self.txt").write_text(SELF_EVALUATION, encoding="utf-8")
    (home / "fengling_wjj_2025.txt").write_text(HEALTH, encoding="utf-8")
    svc = service_with(home, "fengling_jtj_2026.txt", EDUCATION, DISCLOSURE_TODAY="2026-11-30")
    outcomes = svc.ingest([home / "fengling_zjj_2025_self.txt", home / "fengling_wjj_2025.txt"])
    assert [o.status for o in outcomes] == ["ingested", "ingested"]
    return svc


def _ask(svc, question):
    a = svc.ask(question)
    assert a.answerable and a.citations, (question, a.answer)
    return a


def test_a_members_columns_under_two_group_heads(svc):
    a = _ask(svc, "第二中学今年上年结转多少？")
    assert "50.00" in a.answer and "10.00" not in a.answer, a.answer  # (no column shifted by a head taken for one)
    b = _ask(svc, "城关小学今年收入预算是多少？其中事业收入多少？")
    assert "1400.00" in b.answer and "60.00" in b.answer, b.answer


def test_a_unit_named_exactly_among_similar_names(svc):
    a = _ask(svc, "城关小学今年预算多少？")  # (城关中心小学 holds every character of it too)
    assert "1400.00" in a.answer and "1100.00" not in a.answer, a.answer


def test_each_units_three_public_item_and_each_schools_column(svc):
    a = _ask(svc, "教体局各单位公务接待费分别是多少？")
    assert all(v in a.answer for v in ("4.00", "1.00", "0.50")) and "三公" in a.answer, a.answer
    b = _ask(svc, "各个学校的事业收入分别是多少？")  # (各个学校 names no unit)
    assert all(v in b.answer for v in ("60.00", "30.00", "90.00")), b.answer
    c = svc.ask("教体局各单位分别花了多少钱？")  # (only its income and 三公 are listed by unit)
    assert not c.answerable and "5000.00" not in c.answer, c.answer


def test_a_column_of_the_total_row(svc):
    a = _ask(svc, "教体局今年事业收入预算多少？")
    assert "180.00" in a.answer and "5000.00" not in a.answer, a.answer


def test_a_projects_spending_printed_cell_by_cell_from_its_unit_line(svc):
    a = _ask(svc, "住建局背街小巷整治项目去年全年执行数多少？")
    assert "190.00" in a.answer, a.answer
    b = _ask(svc, "住建局背街小巷整治项目去年自评得分多少？")
    assert "96.50" in b.answer, b.answer


def test_a_thing_named_only_in_a_reason_is_no_rows_use(svc):
    a = svc.ask("卫健局去年孕前优生健康检查花了多少？")
    assert "52.30" not in a.answer, a.answer


TOWN = "\n".join([
    "枫岭县漪水镇人民政府2026年部门预算", "第二部分 2026年部门预算情况说明",
    "2026年收入预算980.00万元，支出预算980.00万元。",
    "截至2025年12月31日，本部门共有车辆3辆，2026年计划更新购置执法车1辆。",
    "项目支出绩效目标表", "项目名称", "文化站免费开放", "实施单位", "漪水镇综合文化站", "项目资金", "60.00",
    "年度绩效目标", "保障文化站全年免费开放。",
    "一级指标", "二级指标", "三级指标", "指标值",
    "产出指标", "数量指标", "全年开放天数", "≥300天",
    "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"]) + "\n"


def test_a_target_forms_money_and_money_of_a_thing_counted(tmp_path):
    svc = service_with(tmp_path, "yishui_2026.txt", TOWN, DISCLOSURE_TODAY="2026-11-30")
    a = _ask(svc, "漪水镇文化站免费开放今年安排了多少钱？")  # (the form's 项目资金, not the town's 980.00)
    assert "60.00" in a.answer and "980.00" not in a.answer, a.answer
    b = svc.ask("漪水镇今年执法车购置花多少钱？")
    assert "1辆" not in b.answer, b.answer  # (money asked: how many cars is no answer)
