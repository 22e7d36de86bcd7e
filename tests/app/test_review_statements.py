"""The smallest cases of what a review of the sentence reader (:mod:`app.passages`) found — helper-48, 361 questions on
invented documents run against the tree before and after it: wrong sentences quoted as answers, and answers the
reader must leave alone. Invented documents; no gold set's text."""

from __future__ import annotations

import pytest

_REPORT = """临溪县城市管理局2024年度部门整体支出绩效自评报告
一、预算执行情况
2024年年初预算5,210.00万元，全年预算数5,180.00万元，全年执行4,986.20万元，执行率96.26%。执行率偏低的主要原因是：数字城管三期项目因招标流标重新组织采购，部分资金未能在年内支付。
二、绩效指标完成情况
1.数字城管：新增视频监控点位150个，原计划2024年6月上线运行，因招标流标重新组织采购，实际于2024年11月上线。
2.执法管理：全年查处违法建设92处，拆除违建面积1.60万平方米。
3.市民满意度调查共回收有效问卷900份，市民满意度为88.40%，未达到90%的年度目标。
4.2023年全县新增视频监控点位60个。
三、自评结论
产出指标扣5.20分，主要是数字城管上线推迟；满意度指标扣2分，原因是市民满意度未达到年度目标。
项目平均得分为86.30分。
四、下一步工作
下一年度计划新建智慧停车场4处，新增视频监控点位300个。
五、改进措施
（一）提前开展项目前期工作，避免招标流标影响进度。（二）对市民反映集中的占道经营问题，实行网格包干。
"""

_BUDGET = """临溪县城市管理局2025年部门预算
一、收支预算总体情况
2025年部门收入预算3,646.40万元，其中一般公共预算拨款收入3,600.00万元，上年结转46.40万元。
表一 收支预算总表
单位：万元
项目	预算数
一般公共预算拨款收入	3600.00
上年结转	46.40
收入总计	3646.40
表二 项目支出预算表
单位：万元
项目名称	合计	本年拨款	上年结转
数字城管三期项目	480.00	448.00	32.00
"""

_FINAL = """临溪县实验小学2024年度单位决算
一、“三公”经费情况
2024年度财政拨款“三公”经费支出0.42万元，全部为公务接待费，全年国内公务接待3批次、18人次。
"""


@pytest.fixture(scope="module")
def svc(tmp_path_factory):
    from conftest import make_service

    folder = tmp_path_factory.mktemp("cg")
    for name, text in (("cg2024.txt", _REPORT), ("cg2025.txt", _BUDGET), ("xx2024.txt", _FINAL)):
        (folder / name).write_text(text, encoding="utf-8")
    service = make_service(folder / "home", DISCLOSURE_TODAY="2026-11-30")
    assert {o.status.value for o in service.ingest(sorted(folder.glob("*.txt")))} == {"ingested"}
    return service


def test_a_plan_for_next_year_is_not_what_was_done(svc):
    a = svc.ask("临溪县城管局2024年新建了几处智慧停车场？")
    assert not a.answerable, a.answer


def test_last_years_sentence_is_not_this_years_when_both_are_printed(svc):
    a = svc.ask("临溪县城管局2024年新增了多少个监控点位？")
    assert a.answerable and "150个" in a.answer and "60个" not in a.answer, a.answer


def test_a_target_asked_is_not_the_value_reached(svc):
    a = svc.ask("临溪县城管局2024年市民满意度目标是多少？")
    assert a.answerable and "90%" in a.answer, a.answer


def test_a_count_in_a_clause_about_something_else_is_not_the_count_asked(svc):
    """92处 counts 查处违法建设; 拆除违建 is printed with an area only."""
    a = svc.ask("临溪县城管局2024年拆除违建多少处？")
    assert not a.answerable or "92" not in a.answer, a.answer


def test_a_deduction_is_no_score_unless_deductions_are_asked(svc):
    a = svc.ask("临溪县城管局2024年产出指标得了多少分？")
    assert not a.answerable or "5.20" not in a.answer, a.answer
    a = svc.ask("临溪县城管局2024年产出指标扣了多少分？")
    assert a.answerable and "5.20" in a.answer, a.answer


def test_an_average_is_not_the_figure_asked(svc):
    a = svc.ask("临溪县城管局2024年项目自评得分多少？")
    assert not a.answerable or "86.30" not in a.answer, a.answer


def test_why_a_task_was_late_is_its_cause_not_the_deduction_naming_it(svc):
    a = svc.ask("临溪县城管局2024年数字城管为什么推迟上线？")
    assert a.answerable and "流标" in a.answer, a.answer
    assert "扣5.20分" not in a.answer, a.answer


def test_a_projects_carry_over_is_not_the_departments(svc):
    a = svc.ask("临溪县城管局2025年数字城管三期项目上年结转多少？")
    assert "46.40" not in a.answer, a.answer
    a = svc.ask("临溪县城管局2025年上年结转多少？")
    assert a.answerable and "46.40" in a.answer, a.answer


def test_a_number_before_the_clause_saying_what_all_of_it_is(svc):
    a = svc.ask("临溪县实验小学2024年公务接待费是多少？")
    assert a.answerable and "0.42" in a.answer, a.answer


def test_how_something_is_improved_is_not_the_measures_section_by_its_verb_alone(svc):
    a = svc.ask("临溪县城管局如何改善市容环境？")
    assert "网格包干" not in a.answer, a.answer
    a = svc.ask("临溪县城管局针对占道经营问题打算怎么整改？")
    assert a.answerable and "网格包干" in a.answer, a.answer


def test_another_thing_of_the_same_kind_is_not_the_thing_asked(tmp_path):
    """A second review (helper-49): 中小企业 is not 小微企业; a ratio of days is no number of days; all residents signed
    are not the key group."""
    from conftest import service_with

    svc = service_with(tmp_path, "st.txt", "临川市生态环境局2025年度部门决算\n"
                                           "2025年度授予中小企业合同金额640.20万元，占政府采购支出总额的93.41%。\n"
                                           "大气污染防治项目自评得分95分，优良天数比例为86.3%。\n"
                                           "家庭医生签约服务项目实际签约居民15.6万人，重点人群签约率78.5%。\n")
    for q, wrong in (("临川市生态环境局2025年授予小微企业合同金额多少？", "640.20"),
                     ("临川市生态环境局2025年优良天数多少天？", "86.3"),
                     ("临川市生态环境局2025年重点人群签约人数多少？", "78.5")):
        a = svc.ask(q)
        assert not a.answerable or wrong not in a.answer, (q, a.answer)
    a = svc.ask("临川市生态环境局2025年授予中小企业合同金额多少？")
    assert a.answerable and "640.20" in a.answer, a.answer
    assert a.citations[0].line_start == 2 and "部门决算" not in a.citations[0].quote  # (the title line is no part of it)
