"""A 单位决算 whose tables are printed one cell per line (each cell a line starting with a tab, a blank cell a bare
tab, rows between blank lines) under a header line that holds several cells ("公开02表\\t单位：…\\t金额单位：万元").

That header line is a row of its own, not the first cell of the row below: the 合计 row's cells keep their columns
(a blank 上级补助收入 does not move 事业收入 under 财政拨款收入). A share the document prints of the total its sentence
opens with is given as that, beside the share of the total asked.

The document is invented in the shape of a real one; no gold set holds it."""

from __future__ import annotations

import pytest
from conftest import service_of_texts

HEADS = ["科目代码", "科目名称", "本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入",
         "其他收入"]
ROWS = [["", "合计", "1401.16", "1131.66", "", "156.80", "108.60", "", "4.10"],
        ["207", "文化旅游体育与传媒支出", "1236.40", "966.90", "", "156.80", "108.60", "", "4.10"]]


def _cells(row: list[str]) -> str:
    return "\n".join(f"\t{c}" for c in row)


CENTRE = f"""沣岭市柘湾区融媒体中心
2025年度单位决算
第一部分 单位概况
柘湾区融媒体中心是区委直属公益二类事业单位。
第二部分 2025年度单位决算表
收入决算表
公开02表\t单位：沣岭市柘湾区融媒体中心\t2025年度\t金额单位：万元
{_cells(HEADS)}

{_cells(ROWS[0])}

{_cells(ROWS[1])}

第三部分 2025年度单位决算情况说明
一、收入决算情况说明
2025年度本年收入合计1401.16万元，其中：财政拨款收入1131.66万元，占80.77%；事业收入156.80万元，占11.19%；经营收入108.60万元，占7.75%；其他收入4.10万元，占0.29%。
二、收入支出决算总体情况说明
2025年度收入总计1411.16万元，支出总计1411.16万元。
"""


@pytest.fixture(scope="module")
def svc(tmp_path_factory):
    return service_of_texts(tmp_path_factory.mktemp("zhewan"), {"centre.txt": CENTRE}, DISCLOSURE_TODAY="2026-11-30")


def test_a_blank_cell_keeps_the_columns_after_it(svc):
    answer = svc.ask("柘湾区融媒体中心去年财政拨款收入有多少？")
    assert answer.answerable and "1131.66" in answer.answer
    assert "不一致" not in answer.answer and "156.80" not in answer.answer


def test_a_share_printed_of_the_total_its_sentence_opens_with(svc):
    answer = svc.ask("柘湾区融媒体中心去年财政拨款收入占总收入的百分之几？")
    assert answer.answerable and "占本年收入合计的80.77%（文件所载）" in answer.answer
