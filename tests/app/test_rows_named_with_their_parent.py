"""A 项 whose printed name is short is asked with its 款's name after it, as people say it ("大气污染防治" for 大气（项）
under 污染防治（款）); a thing asked as a part of a row or project ("…项目里监测设备花了多少钱") is no row's."""

from __future__ import annotations

import pytest
from conftest import service_with

TEXT = """梧川县生态环境分局2025年度部门决算
第二部分 2025年度部门决算情况说明
一、收入支出决算总体情况说明
2025年度收入、支出总计1,286.40万元。本年支出合计1,251.17万元。
二、一般公共预算财政拨款支出决算情况说明
（一）节能环保支出（类）环境保护管理事务（款）行政运行（项）。年初预算为402.60万元，支出决算为398.15万元，完成年初预算的98.89%。
（二）节能环保支出（类）污染防治（款）大气（项）。年初预算为210.00万元，支出决算为243.70万元，完成年初预算的116.05%，决算数大于年初预算数的主要原因是年中追加了秋冬季臭氧污染防控资金。
（三）节能环保支出（类）污染防治（款）水体（项）。年初预算为180.00万元，支出决算为151.32万元，完成年初预算的84.07%，决算数小于年初预算数的主要原因是入河排污口整治项目部分工程顺延至2026年实施。
（四）节能环保支出（类）自然生态保护（款）生物多样性保护（项）。年初预算为36.00万元，支出决算为35.20万元，完成年初预算的97.78%。
三、项目支出绩效自评情况
“大气污染防治”项目全年预算数220.00万元，执行数211.20万元，执行率96.00%，自评得分97.10分。
"""


@pytest.fixture(scope="module")
def svc(tmp_path_factory):
    return service_with(tmp_path_factory.mktemp("wuchuan"), "wuchuan_2025.txt", TEXT)


def test_a_short_item_asked_with_its_parents_name(svc):
    a = svc.ask("梧川县生态环境分局2025年大气污染防治实际花了多少钱？")
    assert a.answerable and "243.70" in a.answer and "1,251.17" not in a.answer and "1251.17" not in a.answer, a.answer
    assert any("243.70" in c.quote for c in a.citations)
    b = svc.ask("梧川县生态环境分局2025年水体污染防治这一项年初预算多少，实际支出多少？")
    assert b.answerable and "180.00" in b.answer and "151.32" in b.answer, b.answer


def test_a_project_named_so_is_the_projects(svc):
    a = svc.ask("梧川县生态环境分局2025年大气污染防治项目执行率多少？")
    assert a.answerable and "96.00" in a.answer and "243.70" not in a.answer, a.answer


def test_the_parents_name_alone_names_no_item(svc):
    # (污染防治 is the 款: its name alone does not pick 大气 or 水体)
    a = svc.ask("梧川县生态环境分局2025年生物多样性保护花了多少？")
    assert a.answerable and "35.20" in a.answer, a.answer


def test_a_part_of_a_row_is_not_the_row(svc):
    a = svc.ask("梧川县生态环境分局2025年大气污染防治项目里臭氧走航监测设备具体花了多少钱？")
    assert not a.answerable and "243.70" not in a.answer and "1251.17" not in a.answer, a.answer
