"""Changes and figures as the running text states them around asides: a budget's completion between a figure and its
change, a part's change after 其中, a rate printed with its figure but no amount, a holding that went from one count to
another, a budget's change against last year's budget asked as 今年比去年, a 决算 said as a share of its 年初预算 —
on invented documents (no gold set's text)."""

from __future__ import annotations

import pytest

_STREET = """云岫区青禾街道办事处2024年度“三公”经费决算说明
一、“三公”经费财政拨款支出决算情况说明
云岫区青禾街道办事处2024年度“三公”经费财政拨款支出决算为41.20万元,完成全年预算60.00万元的68.7%,比上年决算数减少3.10万元,下降7.0%。其中:公务用车购置及运行维护费支出决算为36.50万元,完成全年预算50.00万元的73.0%,比上年决算数减少2.80万元,下降7.1%,其中:公务用车购置支出决算为20.00万元,完成全年预算20.00万元的100%,比上年决算数增加1.00万元,增长5.3%,公务用车运行维护费支出决算为16.50万元,完成全年预算30.00万元的55.0%,比上年决算数减少3.80万元,下降18.7%;公务接待费决算4.70万元,与上年下降6.0%。
2024年末公务用车保有量由7辆减少到6辆。
本单位行政编制30人,实有人数28人。
二、一般公共预算财政拨款支出决算情况
2024年度一般公共预算财政拨款支出年初预算为2100.00万元，决算为2310.00万元，为年初预算的110.00%。
三、“三公”经费分项情况
（一）公务接待费。全年预算为6.00万元，支出决算为4.70万元，完成预算的78.33%。决算数小于预算数的主要原因是严格执行接待标准，压减陪餐人数。
（二）公务用车购置费。全年预算为22.00万元，支出决算为20.00万元，完成预算的90.91%。决算数小于预算数的主要原因是车辆通过公开竞价采购，成交价格低于预算。
"""

_BUDGET = """云岫区交通运输局2026年部门预算
一、“三公”经费预算情况说明
2026年本部门一般公共预算“三公”经费预算21.80万元，比2025年预算24.50万元减少2.70万元，下降11.02%。
"""


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    from conftest import make_service

    folder = tmp_path_factory.mktemp("asides")
    (folder / "street_2024.txt").write_text(_STREET, encoding="utf-8")
    (folder / "transport_2026.txt").write_text(_BUDGET, encoding="utf-8")
    svc = make_service(folder / "home", DISCLOSURE_TODAY="2026-11-30")
    assert [o.status for o in svc.ingest(sorted(folder.glob("*.txt")))] == ["ingested", "ingested"]
    return svc


def test_a_parts_change_after_its_wholes_and_a_budget_aside(archive):
    a = archive.ask("青禾街道2024年公车运行维护费比上年少了多少，降了百分之几？")
    assert a.answerable and "16.50万元" in a.answer and "3.80万元" in a.answer and "18.7%" in a.answer, a.answer
    a = archive.ask("青禾街道2024年三公经费比上年少了多少")  # (the figure, not the budget the aside names)
    assert a.answerable and "41.20万元" in a.answer and "3.10万元" in a.answer and "60.00" not in a.answer, a.answer


def test_a_rate_printed_with_its_figure_says_the_figure_too(archive):
    a = archive.ask("青禾街道2024年公务接待费比上年降了多少")
    assert a.answerable and "4.70万元" in a.answer and "6.0%" in a.answer, a.answer


def test_a_holding_that_went_from_one_count_to_another_is_the_new_count(archive):
    a = archive.ask("青禾街道2024年公务用车保有量是几辆")
    assert a.answerable and "6辆" in a.answer and "7辆" not in a.answer, a.answer


def test_this_years_budget_against_last_years_with_no_document_of_last_year(archive):
    a = archive.ask("云岫区交通局今年三公预算比去年少了多少？")
    assert a.answerable and "2.70万元" in a.answer and "11.02%" in a.answer, a.answer


def test_a_final_account_said_as_a_share_of_its_budget(archive):
    a = archive.ask("青禾街道2024年一般公共预算财政拨款支出年初预算多少，决算多少，是预算的百分之几？")
    assert a.answerable and "2100.00万元" in a.answer and "2310.00万元" in a.answer and "110.00%" in a.answer, a.answer


def test_the_people_actually_there_are_the_row_that_counts_them(archive):
    a = archive.ask("青禾街道2024年行政编制多少人，实际有多少人？")
    assert a.answerable and "30人" in a.answer and "28人" in a.answer, a.answer


def test_a_why_whose_sentence_opens_with_its_columns_is_its_paragraphs_subjects(archive):
    a = archive.ask("青禾街道2024年买车为啥没把预算花完？")
    assert a.answerable and "公开竞价" in a.answer and "陪餐" not in a.answer, a.answer


def test_a_sentence_of_columns_after_a_name_alone_is_that_names(archive):
    """"（一）公务接待费。全年预算为6.00万元，支出决算为4.70万元，完成预算的78.33%。": the columns are 公务接待费's."""
    a = archive.ask("青禾街道2024年公务接待费花了多少？预算执行了百分之几？")
    assert a.answerable and "4.70万元" in a.answer and "78.33%" in a.answer, a.answer
