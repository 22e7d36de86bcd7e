"""A unit a department's document takes in, named in a question by its short name, is recognised from the tables that
list the department's units even where no list of units is printed: its own row answers, said to be a row of the
department's document; a row whose number nothing names answers nothing."""

from __future__ import annotations

from conftest import make_service

TEXT = """青禾县文化广电体育和旅游局2026年部门预算
第一部分 部门概况
青禾县文化广电体育和旅游局负责全县文化、广电、体育和旅游工作。
第二部分 2026年部门预算表
收入预算总表（分单位）
单位：万元
单位名称\t合计\t一般公共预算拨款收入\t事业收入\t其他收入
合计\t3,120.40\t2,870.40\t230.00\t20.00
青禾县文化广电体育和旅游局（本级）\t1,402.10\t1,402.10\t0.00\t0.00
青禾县图书馆\t612.30\t552.30\t60.00\t0.00
青禾县文化馆\t486.00\t486.00\t0.00\t0.00
青禾县全民健身中心\t620.00\t430.00\t170.00\t20.00
第三部分 2026年部门预算情况说明
一、收入支出预算总体情况
2026年收入预算总计3120.40万元，支出预算总计3120.40万元。
"""


def _service(tmp_path):
    path = tmp_path / "wenlv.txt"
    path.write_text(TEXT, encoding="utf-8")
    svc = make_service(tmp_path / "home", DISCLOSURE_TODAY="2026-11-30")
    assert svc.ingest([path])[0].status == "ingested"
    return svc


def test_a_unit_listed_in_a_table_by_unit_is_answered_from_its_row(tmp_path):
    svc = _service(tmp_path)
    a = svc.ask("县全民健身中心今年事业收入预算多少？")
    assert "青禾县全民健身中心" in a.answer and "170.00" in a.answer, a.answer
    assert "部门" in a.answer and a.citations[0].quote.startswith("青禾县全民健身中心")
    b = svc.ask("青禾县图书馆今年收入预算是多少")
    assert "612.30" in b.answer and "全民健身" not in b.answer, b.answer


def test_the_department_itself_is_no_unit_it_takes_in(tmp_path):
    svc = _service(tmp_path)
    a = svc.ask("县文旅局今年收入预算多少？")
    assert "3120.40" in a.answer.replace(",", "") and "纳入" not in a.answer, a.answer
