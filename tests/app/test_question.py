"""Question understanding: one parser for units, years, metrics and intent (app/question.py)."""

from __future__ import annotations

import pytest

from app.question import parse_question
from app.units import UnitIndex


def test_query_parsing_turns_unit_and_year_into_filters():
    units = ["昌吉回族自治州市场监督管理局", "昌吉州市场监督管理局", "大同市市场监督管理局", "上海市普陀区商务委员会"]
    parsed = parse_question("2024年昌吉州市监局三公经费花了多少", UnitIndex(units), 2025)
    matched = parsed.filters.units
    assert parsed.filters.year == 2024
    assert matched == ["昌吉回族自治州市场监督管理局", "昌吉州市场监督管理局"]  # one unit, printed two ways
    assert "公务接待费" in parsed.expanded_terms and "支出" in parsed.expanded_terms
    index = UnitIndex(units)
    assert index.mentions("普陀商务委2025年公车预算")[0].units == ["上海市普陀区商务委员会"]
    assert index.mentions("大同市场监管局")[0].units == ["大同市市场监督管理局"]
    assert index.mentions("北京市财政局") == []
    parsed = parse_question("去年公车运行费为什么少了", UnitIndex(units), 2025)
    assert parsed.filters.year == 2024  # relative to the year a question is asked in (2025 here), not the archive


@pytest.mark.parametrize(("question", "years"), [
    # a date the document reports at is not the document's year when the document's year is also named
    ("某局21年预算那份里说截至2020年底单位有几辆车", [2021]),
    ("2023年决算里截止2023年12月31日的资产", [2023]),
    ("截至2020年底单位有几辆车", [2020]),  # the only year named: kept
    ("2021至2024年", [2021, 2022, 2023, 2024]),
])
def test_a_point_in_time_is_not_the_document_year(question, years):
    from app.question import years_in

    assert years_in(question, bases=False) == years


@pytest.mark.parametrize(("question", "units"), [
    ("管规划的那个局2024年决算", ["上海市普陀区规划和自然资源局"]),
    ("负责环保的部门去年三公", ["某县生态环境局"]),  # a 部门 takes the kind of the unit that fits (环保: former name)
    ("普陀区主管商务工作的委员会预算", ["上海市普陀区商务委员会"]),
    ("管教育的那个局去年三公", []),  # no stored unit has that charge: nothing is named
])
def test_a_unit_described_by_its_charge(question, units):
    from app.question import figure_words

    index = UnitIndex(["上海市普陀区商务委员会", "上海市普陀区规划和自然资源局", "某县生态环境局"], figure_words())
    parsed = parse_question(question, index, 2025)
    assert [u for m in parsed.mentions for u in m.units] == units


@pytest.mark.parametrize(("question", "units"), [
    ("银川2中决算", ["银川市第二中学"]),  # a school's number in digits
    ("银川21中预算", ["银川市第二十一中学"]),
    ("银川3中预算", []),
])
def test_a_school_number_typed_in_digits(question, units):
    index = UnitIndex(["银川市第二中学", "银川市第二十一中学", "银川市第九中学"])
    assert [u for m in parse_question(question, index, 2024).mentions for u in m.units] == units


@pytest.mark.parametrize(("question", "keys"), [
    ("公务接待费主要用来接待谁？接待了几批几人？", ["official_reception", "reception_batches", "reception_persons"]),
    ("公车说是14辆，可资产里登记的车是不是更多", ["vehicles_in_service", "vehicles_total"]),
    ("公车运行维护费多少", ["vehicle_operation"]),
    # the year's own totals said without 本年; a budget's 收入总预算; a car asked of at all; cars counted in 台
    ("2021年度收入合计比上年减少了多少", ["income_current_year"]),
    ("支出合计多少", ["expenditure_current_year"]),
    ("2018年收入总预算是多少", ["income_grand_total"]),
    ("有没有公务用车", ["vehicles_in_service"]),
    ("到2023年底有几台公务车", ["vehicles_in_service"]),
    ("公务车辆运行预算比上年减少了百分之多少", ["vehicle_operation"]),
    ("接待了多少次", ["reception_batches"]),
    # a row's 支出预算 is the row's, not the total budget
    ("其他支持中小企业发展和管理支出预算是多少", ["procurement_sme"]),
    ("宁川县教育局(本级)2024年支出预算多少", ["expenditure_grand_total"]),
])
def test_the_figures_everyday_words_name(question, keys):
    from app.question import metric_keys

    assert metric_keys(question, generic=False) == keys


@pytest.mark.parametrize(("question", "ranges"), [
    ("那笔两亿九千多万的支出", [(29000, 30000)]), ("比上年少了800多万", [(800, 900)]), ("3529万多", [(3529, 3530)]),
    ("多了165万", [(165, 165)]), ("两千多万", [(2000, 3000)]), ("1.2亿", [(12000, 12000)]), ("两亿多", [(20000, 30000)]),
    ("一千二百多万", [(1200, 1300)]), ("2024年支出", []), ("1,234.5万", [(1234.5, 1234.5)]), ("一万二", []),
    ("3.5万多", [(3.5, 3.6)]), ("2.9亿多", [(29000, 30000)]), ("十几万", [(11, 20)]), ("五六百万", [(500, 700)]),
    ("几十万", [(10, 100)]),
])
def test_amounts_as_people_say_them(question, ranges):
    from app.question import amounts_said

    assert amounts_said(question) == ranges


@pytest.mark.parametrize("question, year", [("枫林街道今年一般公共预算财政拨款多少？", 2026), ("某局去年收入多少", 2025),
                                            ("某局前年支出多少", 2024), ("上年结转多少", None), ("本年支出合计多少", None)])
def test_a_relative_year_before_a_rows_name(question, year):
    """People's 今年/去年/前年 before a row's name is the year asked; 本年/上年 beginning a row's printed name
    (本年支出合计, 上年结转) is no year."""
    from app.question import relative_year
    assert relative_year(question, 2026)[0] == year
