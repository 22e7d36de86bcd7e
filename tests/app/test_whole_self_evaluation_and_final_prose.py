"""A street office's 部门整体支出绩效自评表 as a Word table (no project: the fund row and the indicators' 偏差原因 are the
whole unit's), and a bureau's 决算 prose as a PDF's text layer saves it: a sentence that opens with its base goes on
from the one before it ("…支出决算44.10万元，完成全年预算的91.88%。" / "与2024年度决算28.96万元相比，增加15.14万元…"),
"收入、支出总计" is both totals, and of two sentences naming an outcome the one saying its cause is the why."""

from __future__ import annotations

import pytest
from conftest import make_service
from fixtures_pdf import make_docx

_REPORT = [
    "荷塘街道办事处2025年度部门整体支出绩效自评报告",
    "一、部门基本情况",
    "汀兰市梧桐区人民政府荷塘街道办事处下辖6个社区。",
    "二、自评结论",
    "经自评，荷塘街道2025年度部门整体支出绩效自评得分95.40分。",
    "三、存在的问题",
    "一是老旧小区加装电梯受居民意见影响，年度目标未完全完成；二是预算执行前松后紧。",
    "四、绩效目标完成情况",
    "老旧小区加装电梯年度目标20台，实际完成16台，未完成的主要原因是4个单元的低层住户不同意加装，待协商一致后实施。",
]
_FORM = [
    ["部门整体支出绩效自评表", "", "", "", "", "", "", ""],
    ["年度预算资金（万元）", "资金来源", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["年度预算资金（万元）", "年度资金总额", "2,400.00", "2,600.00", "2,522.00", "10", "97.00%", "9.70"],
    ["年度预算资金（万元）", "其中：当年财政拨款", "2,400.00", "2,500.00", "2,430.00", "—", "—", "—"],
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ["产出指标", "数量指标", "老旧小区加装电梯数量", "≥20台", "16台", "20", "16.00", "部分单元低层住户不同意加装，将继续协商。"],
    ["满意度指标", "服务对象满意度指标", "辖区居民满意度", "≥90%", "86.0%", "10", "9.56", "停车难投诉较多，满意度未达目标。"],
    ["总分", "100", "95.40", "", "", "", "", ""],
]

_FINAL = """汀兰市梧桐区水务局2025年部门决算
一、收入支出决算总体情况说明
2025年度收入、支出总计3260.50万元。与2024年度相比，收、支总计各增加120.50万元，增长3.84%。
2025年度本年收入合计3180.50万元，其中：一般公共预算财政拨款收入2980.50万元，政府性基金预算财政拨款收入200.00万元。
二、政府性基金预算财政拨款收入支出决算情况说明
2025年度政府性基金预算财政拨款年初结转和结余10.00万元，本年收入200.00万元，本年支出205.00万元，年末结转和结余5.00万元。
三、财政拨款“三公”经费支出决算情况说明
2025年度“三公”经费财政拨款支出全年预算48.00万元，支出决算44.10万元，完成全年预算的91.88%。
与2024年度决算28.96万元相比，增加15.14万元，增长52.28%，主要原因是更新购置执法执勤用车1辆。
"""


@pytest.fixture(scope="module")
def svc(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hetang")
    docx = make_docx(folder, _REPORT, _FORM, name="hetang_2025_self_evaluation.docx")
    final = folder / "shuiwu_2025_final.txt"
    final.write_text(_FINAL, encoding="utf-8")
    svc = make_service(folder / "home", DISCLOSURE_TODAY="2026-11-30")
    assert [o.status for o in svc.ingest([docx, final])] == ["ingested", "ingested"]
    return svc


def _ask(svc, question):
    a = svc.ask(question)
    assert a.answerable and a.citations, (question, a.answer)
    return a


def test_the_whole_units_fund_row(svc):
    a = _ask(svc, "荷塘街道去年全年预算和全年执行数各是多少？")
    assert "2600.00" in a.answer.replace(",", "") and "2522.00" in a.answer.replace(",", ""), a.answer
    b = _ask(svc, "荷塘街道去年预算执行率这一项得了几分？")
    assert "9.70" in b.answer and "97.00" in b.answer, b.answer


def test_an_indicators_reason_in_the_whole_units_form(svc):
    a = _ask(svc, "荷塘街道居民满意度为什么没达标？")
    assert "停车难" in a.answer, a.answer


def test_the_sentence_that_says_the_cause(svc):
    a = _ask(svc, "荷塘街道去年老旧小区加装电梯为什么没完成目标？")
    assert "低层住户" in a.answer, a.answer


def test_a_change_whose_sentence_opens_with_its_base(svc):
    a = _ask(svc, "水务局去年三工经费比前年多了多少？涨了百分之几？")
    assert "15.14" in a.answer and "52.28" in a.answer, a.answer


def test_the_years_income_asked_plainly_is_the_whole_not_a_funds(svc):
    a = _ask(svc, "水务局去年收入是多少？")
    assert "3180.50" in a.answer and "不一致" not in a.answer, a.answer  # (the fund's 本年收入200.00 is not the whole's)


def test_both_totals_printed_as_one(svc):
    a = _ask(svc, "水务局去年收入总计是多少？")
    assert "3260.50" in a.answer, a.answer
    b = _ask(svc, "水务局去年支出总计是多少？")
    assert "3260.50" in b.answer, b.answer
