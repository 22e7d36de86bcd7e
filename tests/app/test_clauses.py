"""Questions that ask several things at once (app/clauses.py), on the real sample archive."""

from __future__ import annotations

import pytest

from app.clauses import clauses, completed, joined
from app.question import parse_question
from app.units import UnitIndex
from core.schemas import Answer, Intent


def test_a_question_is_split_at_its_question_marks_and_a_clause_takes_the_unit_and_year():
    assert clauses("大同市场监管局2024年编制多少人？实际有多少人？") == ["大同市场监管局2024年编制多少人", "实际有多少人"]
    assert clauses("大同市场监管局2024年三公经费多少？") == []
    # commas: only when each part asks something of its own
    assert clauses("大同市场监管局2024年培训费花了多少钱，培训了多少人") == ["大同市场监管局2024年培训费花了多少钱", "培训了多少人"]
    assert clauses("大同市场监管局2024年，三公经费多少") == []
    assert clauses("比上年减少1,234.56万元的原因是什么") == []
    whole = parse_question("大同市场监管局2024年编制多少人？实际有多少人？", UnitIndex(["大同市市场监督管理局"]), 2026)
    assert completed("实际有多少人", whole) == "大同市场监管局2024年实际有多少人"
    assert completed("2021年呢多少人", whole) == "大同市场监管局2021年呢多少人"  # its own year is kept


def _answer(text: str, answerable: bool = True) -> Answer:
    return Answer(answer=text, answerable=answerable, intent=Intent.figure)


def test_the_clauses_answers_are_used_only_when_they_say_more():
    whole = _answer("公务接待费为0.59万元。")
    assert joined(whole, [_answer("公务接待费为0.59万元。"), _answer("接待批次为9批次。")]).answer.count("\n") == 1
    assert joined(whole, [_answer("公务接待费为0.59万元。"), _answer("没有找到", False)]) is None
    assert joined(_answer("没有找到", False), [_answer("批次为9批次。"), _answer("没有找到人次", False)]).answerable


@pytest.mark.parametrize("question, numbers", [
    ("大同市场监管局2024年J知识产权保护工作经费执行率多少？J执法办案经费执行率多少？", ["88.58", "76.12"]),
    ("昌吉州市监局2021年法制宣传工作经费预算多少？培训人员目标多少？", ["35"]),
    ("大同市场监管局2024年人员经费多少？里头基本工资多少？", ["2711.37", "731.94"]),
])
def test_each_clause_of_a_question_is_answered(archive_service, question, numbers):
    a = archive_service.ask(question)
    assert a.answerable and all(n in a.answer for n in numbers), a.answer


def test_a_why_that_names_nothing_is_about_the_clause_before_it(archive_service):
    a = archive_service.ask("大同市场监管局2024年三公经费比上年少了多少？为啥少了")
    assert a.answerable and "9.59" in a.answer and "过紧日子" in a.answer + "".join(a.reasons)


def test_a_clause_naming_only_a_column_takes_the_figure_the_question_names():
    whole = parse_question("大同市场监管局2024年三公经费花了多少？年初预算是多少？", UnitIndex(["大同市市场监督管理局"]), 2026)
    said = completed("年初预算是多少", whole)
    assert said.startswith("大同市场监管局2024年") and "三公经费" in said and said.endswith("年初预算是多少")
    assert completed("办公费多少", whole) == "大同市场监管局2024年办公费多少"  # a row of its own


@pytest.mark.parametrize("question, right, wrong", [
    # a later clause naming only a column is about the first clause's project, not the department
    ("大同市场监管局2024年Z特种设备监管费预算多少？实际花了多少？", ["102", "12.716"], "5023.02"),
    ("昌吉州市监局2024年食品安全抽检项目年初预算多少？全年预算多少？", ["364.00", "363.01"], "3529.27"),
    # a comparison the whole question computed is kept
    ("昌吉州市监局2024年基本支出多少？项目支出多少？哪个多？", ["1307.68"], None),
])
def test_what_the_review_of_the_clauses_found(archive_service, question, right, wrong):
    a = archive_service.ask(question)
    assert all(r in a.answer for r in right) and (wrong is None or wrong not in a.answer), a.answer
