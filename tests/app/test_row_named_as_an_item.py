"""A row named with "这一项/那一项" after it ("行政运行这一项预算多少") is that row."""

from __future__ import annotations

from conftest import service_with

TEXT = """青禾县司法局2025年度部门决算
一般公共预算财政拨款支出决算表
科目编码\t科目名称\t决算数
2010401\t行政运行\t802.10
2040610\t社区矫正\t210.00
"""


def test_a_row_named_as_an_item(tmp_path):
    svc = service_with(tmp_path, "sifa.txt", TEXT)
    for q in ("司法局去年社区矫正这一项花了多少？", "司法局去年社区矫正那一项决算多少"):
        a = svc.ask(q)
        assert "210.00" in a.answer and "802.10" not in a.answer, (q, a.answer)
