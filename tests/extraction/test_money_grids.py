"""Money tables printed one cell per line (a PDF's text layer, a web page copied as text) that no standard-table
reader knows: each row's label with one number per money column, under the header's column names."""

from __future__ import annotations

from conftest import make_service

from extraction.gridcells import money_grids
from index.layout import read_layout
from index.loaders import load
from index.metadata import detect

TEXT = """青禾市澄湖区滨江街道办事处2025年度部门整体支出绩效自评报告
一、预算执行情况
2025年度全年预算3,876.40万元，全年执行3,702.15万元。分资金来源的执行情况见表1。
表1 2025年度预算执行情况（按资金来源） 单位：万元
资金来源
年初预算
全年预算
执行数
执行率
一般公共预算财政拨款
3,402.10
3,556.40
3,420.15
96.17%
政府性基金预算财政拨款
0.00
210.00
182.00
86.67%
其他资金
110.00
110.00
100.00
90.91%
合计
3,512.10
3,876.40
3,702.15
95.50%
二、年度主要任务
序号
任务名称
主要内容
预算金额合计
财政拨款
其他资金
1
机关运转
办公、水电、物业等日常
公用支出
402.60
402.60
0.00
2
背街小巷
整治
道路修补、立面整治和
照明改造
618.00
548.00
70.00
三、绩效指标
一级指标
二级指标
指标值
得分
产出指标
数量指标
12
10
质量指标
95
9
"""


def _items(tmp_path):
    path = tmp_path / "grid.txt"
    path.write_text(TEXT, encoding="utf-8")
    layout = read_layout(load(path))
    return path, {i.name: i for i in money_grids(layout, detect(layout))}


def test_each_row_under_its_columns(tmp_path):
    path, items = _items(tmp_path)
    fund = items["政府性基金预算财政拨款"]
    assert fund.table == "表1 2025年度预算执行情况(按资金来源)"
    assert [(a.column, a.value, a.unit) for a in fund.amounts] == [
        ("年初预算", "0.00", "万元"), ("全年预算", "210.00", "万元"), ("执行数", "182.00", "万元"), ("执行率", "86.67", "%")]
    assert items["合计"].amounts[1].value == "3876.40"
    text = path.read_text(encoding="utf-8")
    c = fund.citation
    assert text[c.char_start:c.char_end] == c.quote and c.quote.startswith("政府性基金预算财政拨款") and c.quote.endswith("86.67%")


def test_an_ordinal_and_a_wrapped_label_belong_to_the_row(tmp_path):
    _, items = _items(tmp_path)
    assert [(a.column, a.value) for a in items["机关运转"].amounts] == [
        ("预算金额合计", "402.60"), ("财政拨款", "402.60"), ("其他资金", "0.00")]
    # (a name wrapped in its narrow column is joined; the description after it is the row's path)
    assert items["背街小巷整治"].path == ["道路修补、立面整治和", "照明改造"] and items["背街小巷整治"].amounts[2].value == "70.00"


def test_a_grid_of_whole_numbers_is_no_money_table(tmp_path):
    """An indicator table's 指标值 and 得分 are counts and scores: no money row is read from them."""
    _, items = _items(tmp_path)
    assert not {"数量指标", "质量指标", "产出指标", "12", "95"} & set(items)
    assert len(items) == 6


def test_a_row_of_such_a_table_answers_its_column(tmp_path):
    path = tmp_path / "grid.txt"
    path.write_text(TEXT, encoding="utf-8")
    svc = make_service(tmp_path / "home", DISCLOSURE_TODAY="2026-11-30")
    svc.ingest([path])
    a = svc.ask("滨江街道去年背街小巷整治任务预算多少？")
    assert "618.00" in a.answer and a.citations[0].quote.startswith("2\n背街小巷\n整治"), a.answer


BLANK = """2025年度部门整体支出绩效自评报告
表2 年度主要任务 单位：万元
任务名称
预算金额合计
财政拨款
其他资金
老旧小区改造
1,120.00
1,120.00
背街小巷整治
300.00
280.00
20.00
"""


def test_a_grid_with_blank_cells_is_not_read(tmp_path):
    """A blank cell prints nothing: the numbers of a row cannot be put under their columns, so none is read."""
    path = tmp_path / "blank.txt"
    path.write_text(BLANK, encoding="utf-8")
    layout = read_layout(load(path))
    assert not [i for i in money_grids(layout, detect(layout)) if i.name == "老旧小区改造"]


def test_another_years_grid_is_not_this_years(tmp_path):
    path = tmp_path / "budget.txt"
    path.write_text("某区某街道办事处2026年部门预算\n" + TEXT.split("\n", 1)[1], encoding="utf-8")
    layout = read_layout(load(path))
    meta = detect(layout)
    assert meta.year == 2026 and not [i for i in money_grids(layout, meta) if i.table and "2025" in i.table]
