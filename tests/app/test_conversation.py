"""Follow-up questions: app/conversation.carry_over on questions parsed against the sample archive's units."""

from __future__ import annotations

import pytest

from app.conversation import carry_over
from app.question import parse_question
from app.units import UnitIndex
from core.schemas import Intent

UNITS = ["昌吉回族自治州市场监督管理局", "昌吉州市场监督管理局", "大同市市场监督管理局", "上海市普陀区商务委员会",
         "上海市普陀区规划和自然资源局"]
CURRENT_YEAR = 2025  # 今年 of these tests (the calendar year a question on its own counts from)
CHANGJI = ["昌吉回族自治州市场监督管理局", "昌吉州市场监督管理局"]


def ask(question: str, previous=None):
    return carry_over(previous, parse_question(question, UnitIndex(UNITS), CURRENT_YEAR))


FIRST = "昌吉州市监局2024年三公经费花了多少？"


def test_a_first_question_is_left_as_it_is():
    parsed = parse_question(FIRST, UnitIndex(UNITS), CURRENT_YEAR)
    assert carry_over(None, parsed) == parsed


def test_last_year_counts_from_the_year_asked_before_not_from_the_newest_document():
    follow = ask("那去年呢？", ask(FIRST))
    assert follow.years == [2023] and follow.filters.year == 2023  # alone it counts from the calendar: 2024 in 2025
    assert follow.filters.units == CHANGJI and follow.metrics == ["three_public_actual"]
    assert follow.text == "那去年呢？"  # what was typed is kept
    assert follow.corrected.startswith("昌吉州市监局 2023年 ") and follow.corrected.endswith("那去年呢？")
    alone = parse_question("那去年呢？", UnitIndex(UNITS), CURRENT_YEAR)
    assert alone.years == [2024] and not alone.metrics and not alone.filters.units


def test_a_comparison_with_another_unit_keeps_the_metric_and_year():
    follow = ask("和大同市场监管局比呢？", ask(FIRST))
    assert follow.intent == Intent.comparison
    assert [m.phrase for m in follow.mentions] == ["昌吉州市监局", "大同市场监管局"]
    assert set(follow.filters.units) == {*CHANGJI, "大同市市场监督管理局"}
    assert follow.years == [2024] and follow.metrics == ["three_public_actual"]


def test_an_unknown_unit_in_a_follow_up_is_not_replaced_by_the_previous_one():
    follow = ask("那北京市财政局呢？", ask(FIRST))
    assert follow.unknown_unit and not follow.filters.units
    assert follow.metrics == ["three_public_actual"] and follow.years == [2024]


@pytest.mark.parametrize("question,intent,metrics", [
    ("为什么减少了？", Intent.reason, ["three_public_actual"]),  # a why about the same figure
    ("招待费呢？", Intent.figure, ["official_reception"]),  # another figure of the same unit and year
    ("那大同市场监管局呢？", Intent.figure, ["three_public_actual"]),
], ids=["why", "other-metric", "other-unit"])
def test_what_the_follow_up_says_wins(question, intent, metrics):
    follow = ask(question, ask(FIRST))
    assert follow.intent == intent and follow.metrics == metrics and follow.years == [2024]


def test_a_why_stays_a_why_and_a_full_question_carries_nothing():
    why = ask("昌吉州市监局2024年公务接待费为什么减少？")
    assert ask("那去年呢？", why).intent == Intent.reason
    full = parse_question("大同市场监管局2024年公车运行费是多少", UnitIndex(UNITS), CURRENT_YEAR)
    assert carry_over(ask(FIRST), full) == full


def test_the_calendar_years_of_a_follow_up_are_the_calendars_unless_that_is_the_year_just_asked():
    last_year = ask("昌吉州市监局去年三公经费花了多少？")  # (2024 in these tests' 2025)
    assert last_year.years == [2024]
    assert ask("那前年呢？", last_year).years == [2023]  # two years ago, not two years before 2024
    assert ask("那上一年呢？", last_year).years == [2023] and ask("那今年呢？", last_year).years == [2025]
    explicit = ask("昌吉州市监局2022年三公经费花了多少？")
    assert ask("那去年呢？", explicit).years == [2024]  # the calendar's 去年, not 2021


def test_three_turns_carry_through():
    second = ask("那去年呢？", ask(FIRST))
    third = ask("前年呢？", second)
    assert third.years == [2021] and third.filters.units == CHANGJI  # counted from 2023, the year asked last


def test_the_service_answers_a_follow_up_with_the_turn_before(archive_service):
    answer, first = archive_service.ask_turn("大同市场监管局2024年三公经费花了多少？")
    assert answer.answerable and "26.26万元" in answer.answer
    follow = archive_service.ask("那上一年呢？", first)
    assert not follow.answerable and "大同市市场监督管理局2023年的公开文件" in follow.answer  # honest: none held
    calendar = archive_service.ask("那去年呢？", first)  # (asked on 2026-11-30: 去年 is 2025, not the year before 2024)
    assert not calendar.answerable and "大同市市场监督管理局2025年的公开文件" in calendar.answer
    compared = archive_service.ask("和昌吉州市监局比呢？", first)
    assert compared.intent == "comparison" and {"26.26", "31.19"} <= {f.value for f in compared.figures}
    alone = archive_service.ask("那去年呢？")
    assert "26.26" not in alone.answer and "大同" not in alone.answer  # without the turn before: nothing carried


def test_the_empty_page_examples_are_answered(archive_service):
    held = archive_service.overview()
    assert {"大同市市场监督管理局", "昌吉回族自治州市场监督管理局"} <= set(held.units)
    assert 2024 in held.years and {"部门决算", "部门预算", "绩效目标表"} <= set(held.types)
    assert len(held.examples) >= 4
    for q in held.examples:
        answer = archive_service.ask(q)
        assert answer.answerable and answer.citations, (q, answer.answer)


def test_conversations_keep_the_last_turn_and_forget_the_oldest():
    """The API's memory of conversations (app.api): the last turn per id, the least recently used forgotten."""
    from app.conversation import Conversations
    from app.question import figure_words

    index = UnitIndex(sorted(["昌吉回族自治州市场监督管理局", "昌吉州市场监督管理局", "大同市市场监督管理局"]), figure_words())
    first = parse_question("昌吉州市场监督管理局2024年三公经费多少", index, 2024)
    second = parse_question("那前年呢？", index, 2024)
    memory = Conversations(limit=2)
    memory.remember("a", first)
    memory.remember("a", second)
    assert memory.last("a") is second
    memory.remember("b", first)
    memory.last("a")  # "a" is used again: "b" is now the oldest
    memory.remember("c", first)
    assert memory.last("b") is None and memory.last("a") is second and len(memory) == 2
