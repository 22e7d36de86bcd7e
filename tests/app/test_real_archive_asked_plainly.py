"""Plain questions about the real sample archive (the four texts and, where present, the two real PDFs), found by an
adversarial tester who read the documents and not the code (helper-76): a unit named after 为什么, 收支总计 against a
statement of 收入支出总体, the largest of the 三公 items, a follow-up naming a thing of its own, a count of people
that only a row's use mentions, and a whole budget whose stated change is its 财政拨款支出预算's."""

from __future__ import annotations

from conftest import needs_real_pdfs


def test_a_unit_named_after_why(archive_service):
    answer = archive_service.ask("为什么昌吉州市监局2024年公务接待费减少了？")
    assert answer.answerable and "中亚知识产权合作论坛" in answer.answer
    assert "大同" not in answer.answer and "普陀" not in answer.answer


def test_the_totals_change_asked_as_shouzhi_zongji(archive_service):
    answer = archive_service.ask("昌吉州市监局2024年收支总计比上年减少多少？下降百分之几？")
    assert answer.answerable and "813.05" in answer.answer and "18.09" in answer.answer


def test_the_largest_of_the_three_public_items(archive_service):
    answer = archive_service.ask("大同市监局2024年三公经费里最多的是哪一项？")
    assert answer.answerable and "最多的是公务用车运行维护费（25.67万元）" in answer.answer


def test_a_follow_up_naming_a_thing_of_its_own(archive_service):
    first, turn = archive_service.ask_turn("巴州市监局2022年基本人员保障预算多少钱？")
    second, _ = archive_service.ask_turn("公用保障呢？", turn)
    assert second.answerable and "464.17" in second.answer


@needs_real_pdfs()
def test_people_counted_where_only_a_rows_use_names_them(archive_service):
    answer = archive_service.ask("普陀区商务委2025年有多少在职人员？")
    assert not answer.answerable and "万元" not in answer.answer.split("下面是")[0]


@needs_real_pdfs()
def test_a_whole_budgets_change_stated_as_its_grants(archive_service):
    answer = archive_service.ask("普陀区商务委2025年预算比上年增加多少？")
    assert answer.answerable and "24491.71" in answer.answer.replace(",", "")
