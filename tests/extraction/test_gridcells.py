"""A performance self-evaluation printed one cell per line (a PDF's text layer, a web page): its project's score,
its indicators with their targets, actuals, scores and written reasons, and the 整体支出 money — read from the cells,
on an invented document, and asked the way people ask."""

from __future__ import annotations

from pathlib import Path

import pytest

from extraction.gridcells import grid_items
from index.layout import read_layout
from index.loaders import load
from index.metadata import detect

_CELLS = """丹崖县林业局
2024年度部门整体支出绩效自评报告
一、部门基本情况
本部门2024年度整体支出绩效自评得分为91.0分，自评等级为“优”。
附件1
部门整体支出绩效自评表
（2024年度）
部门名称
丹崖县林业局
年度预算（万元）
年初预算数
全年预算数
全年执行数
执行率
预算执行情况
1200.00
1500.00
1410.00
94.00%
其中：基本支出
600.00
600.00
600.00
100.00%
项目支出
600.00
900.00
810.00
90.00%
附件2
项目支出绩效自评表
（2024年度）
项目名称
森林防火能力提升项目
主管部门
丹崖县林业局
绩效指标
一级指标
二级指标
三级指标
年度指标值
实际完成值
分值
得分
偏差原因分析及改进措施
产出指标
（50分）
数量指标
新建生物防火隔离带长度
≥40公里
36公里
10
8
苗木供应延迟，部分地段未能按期栽植。改进措施：提前签订苗木供应合同。
防火巡护人员培训人次
≥200人次
210人次
10
10
质量指标
防火设施验收合格率
100%
100%
10
10
效益指标
（30分）
社会效益指标
森林火灾受害率
≤0.9‰
0.3‰
10
10
总分
100
89.00
自评等级：良
"""


@pytest.fixture(scope="module")
def doc(tmp_path_factory):
    path = tmp_path_factory.mktemp("grid") / "danya_lyj_2024.txt"
    path.write_text(_CELLS, encoding="utf-8")
    return path


def test_the_indicators_of_a_grid_printed_cell_by_cell(doc):
    layout = read_layout(load(doc))
    items = {i.name: i for i in grid_items(layout, detect(layout))}
    row = items["新建生物防火隔离带长度"]
    assert [(a.column, a.value) for a in row.amounts] == [("指标值", "≥40公里"), ("实际完成值", "36公里"), ("分值", "10"),
                                                          ("得分", "8")]
    assert row.path == ["产出指标", "数量指标"] and "苗木供应延迟" in (row.reason or "")
    assert items["防火巡护人员培训人次"].reason is None  # (the next indicator's name is no reason)
    assert items["防火设施验收合格率"].path == ["产出指标", "质量指标"]
    assert items["森林火灾受害率"].path == ["效益指标", "社会效益指标"]
    score = items["森林防火能力提升项目"]
    assert [(a.column, a.value) for a in score.amounts] == [("总分", "100"), ("自评得分", "89.00"), ("等级", "良")]
    whole = [i for i in items.values() if i.kind == "overall"]
    assert [(i.name, i.amounts[2].value) for i in whole] == [("整体支出", "1410.00"), ("基本支出", "600.00"),
                                                            ("项目支出", "810.00")]


def test_a_grid_asked_the_way_people_ask(doc, tmp_path):
    from conftest import make_service

    svc = make_service(tmp_path / "home")
    assert [o.status for o in svc.ingest([Path(doc)])] == ["ingested"]
    a = svc.ask("森林防火能力提升项目自评得了多少分")
    assert a.answerable and "89.00分" in a.answer and "良" in a.answer, a.answer
    a = svc.ask("森林防火能力提升项目新建生物防火隔离带长度实际完成多少")
    assert a.answerable and "36公里" in a.answer, a.answer
    a = svc.ask("丹崖县林业局2024年项目支出执行率多少")
    assert a.answerable and "90.00%" in a.answer, a.answer
    a = svc.ask("丹崖县林业局2024年整体支出绩效自评多少分")
    assert a.answerable and "91.0分" in a.answer, a.answer


@pytest.mark.parametrize(("cell", "piece"), [
    ("部分河段夏季异味投诉较多，下", True),  # (a reason wrapped in its narrow cell)
    ("部分农户对田间道路宽度有意见，", True),
    ("技术培训人次（线上，线下合计）", False),  # (a comma inside brackets: an indicator's name)
    ("完成国家食品安全监督抽检任务。", False),  # (a 。 at its end: an indicator's name as some forms print it)
    ("河面漂浮物清除率", False),
])
def test_a_piece_of_a_sentence_is_no_indicators_name(cell, piece):
    from extraction.gridcells import sentence_piece

    assert sentence_piece(cell) is piece
