"""What a unit's 概况 counts by name ("共有教学班42个，在校学生1868名"), a count asked by its own last word (社区网格员
is no 社区工作者), a change asked against a base year only ("比前年多了多少"), a breakdown the documents do not print
("各个临床科室分别"), and a target printed in a one-column 绩效目标表 asked by the other name it brackets (PM2.5)."""

from __future__ import annotations

import pytest
from conftest import service_with

SCHOOL = """榆溪区第三实验小学2025年度单位决算
第一部分 单位概况
一、主要职能
榆溪区第三实验小学是榆溪区教育局所属的公益一类事业单位，承担小学阶段义务教育教学任务。
二、机构设置及人员情况
本单位设教务处、德育处、总务处3个内设机构，共有教学班36个，在校学生1542名，现有课后服务教师40名，其中专职课后服务教师12名。本单位核定事业编制98名，年末实有在职教职工95人，另有社区志愿辅导员12名。2025年新建城市书房2个。
第二部分 2025年度单位决算情况说明
一、收入支出决算总体情况说明
2025年度收入、支出总计1,866.20万元。本年支出合计1,820.45万元。
二、机关运行经费支出情况说明
2025年度本单位机关运行经费支出决算56.30万元，比2024年度的52.10万元增加4.20万元，增长8.06%，主要原因是新校区投入使用后水电费增加。
三、预算绩效情况说明
课后服务提升项目绩效目标表
一级指标
二级指标
三级指标
指标值
产出指标
数量指标
课后服务覆盖班级数
≥36个
效益指标
社会效益指标
学生近视(视力不良)新发率
≤5%
满意度指标
服务对象满意度指标
家长满意度
≥92%
第三部分 名词解释
1.机关运行经费：指为保障行政单位运行用于购买货物和服务等的各项资金。
"""


@pytest.fixture(scope="module")
def svc(tmp_path_factory):
    return service_with(tmp_path_factory.mktemp("yuxi"), "yuxi_school_2025.txt", SCHOOL, DISCLOSURE_TODAY="2026-11-30")


def test_what_the_profile_counts_by_name(svc):
    a = svc.ask("第三实验小学有多少个教学班？")
    assert a.answerable and "36" in a.answer, a.answer
    b = svc.ask("第三实验小学在校学生多少名？")
    assert b.answerable and "1542" in b.answer, b.answer
    assert any("1542" in c.quote for c in b.citations)


def test_what_the_year_built_is_no_count_of_what_the_unit_has(svc):
    counts = {i.name: i.amounts[0].value for i in svc.store.lines_where(None, None) if i.kind == "count"}
    assert counts.get("教学班") == "36" and counts.get("在校学生") == "1542", counts
    assert not [n for n in counts if "城市书房" in n], counts  # (新建城市书房2个: what 2025 built)
    assert not [n for n in counts if n.startswith("另有")], counts


def test_a_count_is_named_by_its_own_last_word(svc):
    a = svc.ask("第三实验小学社区网格员配备了多少名？")
    assert "12" not in a.answer, a.answer  # (社区志愿辅导员 is not 社区网格员)


def test_a_count_of_another_kind_of_the_thing_is_not_it(svc):
    a = svc.ask("第三实验小学兼职课后服务教师多少名？")
    assert "“专职课后服务教师”" not in a.answer, a.answer
    b = svc.ask("第三实验小学有多少个教学班？")
    assert b.answerable and "36" in b.answer, b.answer


def test_a_change_asked_against_a_base_year_only(svc):
    a = svc.ask("第三实验小学机关运行经费比前年多了多少？")
    assert a.answerable and "4.20" in a.answer and "8.06" in a.answer, a.answer


def test_a_breakdown_the_documents_do_not_print(svc):
    a = svc.ask("第三实验小学各个教研组去年分别花了多少钱？")
    assert not a.answerable and "教研组" in a.answer and "去年" not in a.answer.split("：")[0], a.answer


def test_a_target_of_a_one_column_target_table(svc):
    a = svc.ask("第三实验小学课后服务提升项目的绩效目标里，近视新发率要控制在多少以内？")
    assert a.answerable and "5%" in a.answer, a.answer
    b = svc.ask("第三实验小学课后服务提升项目家长满意度目标是多少？")
    assert b.answerable and "92%" in b.answer, b.answer
