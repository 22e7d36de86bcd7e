"""Question understanding: one parser for units, years, metrics and intent (app/question.py)."""

from __future__ import annotations

from app.question import parse_question
from app.units import UnitIndex


def test_query_parsing_turns_unit_and_year_into_filters():
    units = ["昌吉回族自治州市场监督管理局", "昌吉州市场监督管理局", "大同市市场监督管理局", "上海市普陀区商务委员会"]
    parsed = parse_question("2024年昌吉州市监局三公经费花了多少", UnitIndex(units), [2021, 2024, 2025])
    matched = parsed.filters.units
    assert parsed.filters.year == 2024
    assert matched == ["昌吉回族自治州市场监督管理局", "昌吉州市场监督管理局"]  # one unit, printed two ways
    assert "公务接待费" in parsed.expanded_terms and "支出" in parsed.expanded_terms
    index = UnitIndex(units)
    assert index.mentions("普陀商务委2025年公车预算")[0].units == ["上海市普陀区商务委员会"]
    assert index.mentions("大同市场监管局")[0].units == ["大同市市场监督管理局"]
    assert index.mentions("北京市财政局") == []
    parsed = parse_question("去年公车运行费为什么少了", UnitIndex(units), [2021, 2024, 2025])
    assert parsed.filters.year == 2024  # relative to the newest document
