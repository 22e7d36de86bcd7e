"""Questions that set one place of a document against another ("…在三公表和基本支出表里对得上吗"): every place that
prints the thing asked, and whether they agree (app/agreement.py), on the sample archive's real store."""

from __future__ import annotations

from app.agreement import places, tables_named, verdict, without_tables
from core.schemas import Citation, LineAmount, LineItem

DATONG = "大同市市场监管局2024年"


def _row(kind: str, table: str, value: str, at: int) -> LineItem:
    return LineItem(name="城乡社区支出", kind=kind, table=table, amounts=[LineAmount(column=None, value=value, unit="万元")],
                    citation=Citation(doc_id="d", source="a.txt", char_start=at, char_end=at + 5, quote=value))


def test_a_figure_printed_in_two_tables_is_shown_from_each_and_they_agree(archive_service):
    a = archive_service.ask(DATONG + "公务接待费在三公表和基本支出表里对得上吗？")
    assert a.answerable
    assert "财政拨款“三公”经费支出决算表" in a.answer and "基本支出决算明细表" in a.answer
    assert a.answer.count("0.59万元") >= 2 and "一致" in a.answer and "不一致" not in a.answer
    assert len({c.char_start for c in a.citations}) >= 2


def test_counts_that_differ_are_both_given_with_the_difference(archive_service):
    a = archive_service.ask(DATONG + "公车说是14辆，可资产里登记的车是不是更多？对得上吗？")
    assert "14辆" in a.answer and "17辆" in a.answer
    assert "不一致" in a.answer and "3辆" in a.answer and "不同的统计项" in a.answer


def test_a_class_row_of_the_two_summary_tables(archive_service):
    """The 收支总表 prints the class rows after a 行次 ("一般公共服务支出 32 3864.28"): the amount, not the 行次."""
    a = archive_service.ask(DATONG + "一般公共服务支出，收支总表和财政拨款总表里的数一样吗？")
    assert "收入支出决算总表：3864.28万元" in a.answer and "财政拨款收入支出决算总表：3864.28万元" in a.answer
    assert "32万元" not in a.answer and "各处一致" in a.answer


def test_a_question_without_a_check_is_answered_as_before(archive_service):
    a = archive_service.ask(DATONG + "公务接待费是多少？")
    assert "处列出" not in a.answer and "0.59" in a.answer


def test_the_tables_a_question_names_are_read_most_specific_first():
    assert tables_named("收支总表和财政拨款总表") == [("summary",), ("grant_summary",)]
    assert tables_named("三公表写的1万元，基本支出经济分类表里是多少") == [("three_public",), ("basic",)]
    assert "三公" not in without_tables("公务接待费在三公表里") and "基本支出" not in without_tables("基本支出表里")


def test_the_verdict_names_rounding_and_different_money():
    """Tables of all funds against tables of 财政拨款 only differ by what they count; one cent of 万元 is rounding."""
    _, found = places("城乡社区支出收支总表和财政拨款表一样吗", [
        _row("summary", "收入支出决算总表", "3845.25", 0), _row("gpb", "一般公共预算财政拨款支出决算表", "3832.36", 10)],
        [], budget=False)
    assert [p.where for p in found] == ["收入支出决算总表", "一般公共预算财政拨款支出决算表"]
    said = verdict(found)
    assert "不一致" in said and "12.89万元" in said and "口径不同" in said
    _, found = places("城乡社区支出各表一样吗", [_row("expenditure", "支出决算表", "3845.24", 0),
                                           _row("summary", "收入支出决算总表", "3845.25", 10)], [], budget=False)
    assert "四舍五入" in verdict(found) and "不一致" not in verdict(found)
