"""carry_over: a follow-up question takes the unit, year and metric the previous turn asked when it leaves
them out (the real question parser, over real unit names of the sample archive)."""

from __future__ import annotations

import pytest

from app.conversation import Conversations, carry_over
from app.question import figure_words, parse_question
from app.units import UnitIndex
from core.schemas import Intent

UNITS = ["昌吉回族自治州市场监督管理局", "昌吉州市场监督管理局", "大同市市场监督管理局", "新疆巴州市场监督管理局"]
CHANGJI = ["昌吉回族自治州市场监督管理局", "昌吉州市场监督管理局"]
YEARS = [2021, 2022, 2024, 2025]  # the newest document is 2025: 前年 of the archive would be 2023


@pytest.fixture(scope="module")
def parse():
    index = UnitIndex(sorted(UNITS), figure_words())
    return lambda q: parse_question(q, index, YEARS)


@pytest.fixture(scope="module")
def first(parse):
    p = parse("昌吉州市场监督管理局2024年三公经费多少")
    assert p.filters.units == CHANGJI and p.years == [2024] and p.metrics == ["three_public_actual"]
    return p


def test_no_previous_turn_changes_nothing(parse):
    p = parse("那前年呢？")
    assert carry_over(None, p) is p


def test_relative_year_counts_from_the_previous_turn_and_unit_and_metric_are_carried(parse, first):
    follow = parse("那前年呢？")
    assert follow.years == [2023] and not follow.filters.units and not follow.metrics  # read alone
    p = carry_over(first, follow)
    assert p.years == [2022] and p.filters.year == 2022
    assert p.filters.units == CHANGJI and [m.phrase for m in p.mentions] == ["昌吉州市场监督管理局"]
    assert p.metrics == ["three_public_actual"] and p.residual == first.residual
    assert p.text == "那前年呢？"  # the question as asked is kept


def test_a_written_year_wins_and_the_rest_is_carried(parse, first):
    p = carry_over(first, parse("2021年的呢？"))
    assert p.years == [2021] and p.filters.units == CHANGJI and p.metrics == ["three_public_actual"]


def test_a_new_metric_wins_and_unit_and_year_are_carried(parse, first):
    p = carry_over(first, parse("公务接待费呢？"))
    assert p.metrics == ["official_reception"] and p.years == [2024] and p.filters.year == 2024
    assert p.filters.units == CHANGJI


def test_a_new_unit_wins(parse, first):
    p = carry_over(first, parse("大同市市场监督管理局呢？"))
    assert p.filters.units == ["大同市市场监督管理局"]
    assert p.years == [2024] and p.metrics == ["three_public_actual"]


def test_a_comparison_with_another_unit_keeps_the_previous_one(parse, first):
    p = carry_over(first, parse("和大同市市场监督管理局比呢？"))
    assert p.intent == Intent.comparison
    assert [m.phrase for m in p.mentions] == ["昌吉州市场监督管理局", "大同市市场监督管理局"]
    assert set(p.filters.units) == {*CHANGJI, "大同市市场监督管理局"}
    assert p.years == [2024] and p.metrics == ["three_public_actual"]


def test_a_why_keeps_its_intent_and_takes_the_metric(parse, first):
    p = carry_over(first, parse("为什么减少了？"))
    assert p.intent == Intent.reason and p.metrics == ["three_public_actual"] and p.filters.units == CHANGJI


def test_a_list_question_is_continued_as_a_list(parse):
    listed = parse("昌吉州市场监督管理局2024年三公经费各是多少")
    assert listed.intent == Intent.list
    p = carry_over(listed, parse("那2021年呢？"))
    assert p.intent == Intent.list and p.years == [2021]


def test_conversations_keep_the_last_turn_and_forget_the_oldest(parse, first):
    memory = Conversations(limit=2)
    memory.remember("a", first)
    second = parse("那前年呢？")
    memory.remember("a", second)
    assert memory.last("a") is second
    memory.remember("b", first)
    memory.last("a")  # "a" is used again: "b" is now the oldest
    memory.remember("c", first)
    assert memory.last("b") is None and memory.last("a") is second and len(memory) == 2
