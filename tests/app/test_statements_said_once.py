"""What a self-evaluation says once in its running text — an outcome counted, a survey's result, why a task fell
short, what will be changed — is answered from the sentence that says it, quoted with its own lines and offsets
(:mod:`app.passages`); a question the text only comes near is still refused. Invented documents; no gold set's text."""

from __future__ import annotations

import pytest

from core.schemas import Citation
from index.layout import read_layout
from index.loaders import load

_REPORT = """临溪县青枫镇人民政府2025年度部门整体支出绩效自评报告
一、部门基本情况
青枫镇辖12个行政村、2个社区，镇政府内设6个办公室。
二、预算执行情况
2025年年初预算2480.00万元，年中追加预算315.60万元，全年预算数2795.60万元，全年执行2701.33万元，执行率96.63%。
三、绩效指标完成情况
1.产出指标。全年计划改造农村危房40户，实际完成36户，完成率90.00%，未完成的4户因房屋产权纠纷顺延至2026年；
新建村内道路8.5公里。村道硬化原计划2025年9月30日前完工，因汛期连续降雨停工15天，实际于2025年11月20日完工。
2.满意度指标。镇政府委托第三方机构开展群众满意度调查，共发放问卷600份，回收有效问卷588份，群众满意度为93.5%。
换届选举经费50.00万元，主要用于选民登记、选票印制和会场布置。
（三）部门整体支出绩效自评指标表
一级指标\t二级指标\t三级指标\t分值\t年度指标值\t实际完成值\t得分\t偏差原因
产出指标\t数量指标\t农村公厕改造座数\t10\t=30座\t27座\t9\t3座选址未落实
满意度指标\t服务对象满意度指标\t群众满意度\t10\t≥90%\t93.5%\t10\t
四、改进措施
（一）加强项目前期论证，避免因产权纠纷影响项目实施。（二）对群众反映的村道积水问题，建立“月巡查、季通报”机制，逐件销号。
"""


@pytest.fixture(scope="module")
def svc(tmp_path_factory):
    from conftest import make_service

    folder = tmp_path_factory.mktemp("qf")
    (folder / "qf.txt").write_text(_REPORT, encoding="utf-8")
    service = make_service(folder / "home", DISCLOSURE_TODAY="2026-11-30")
    assert [o.status.value for o in service.ingest([folder / "qf.txt"])] == ["ingested"]
    return service


def _exact(c: Citation) -> None:
    """The citation quotes the file at its offsets, on the lines it names."""
    lines = _REPORT.splitlines(keepends=True)
    assert _REPORT[c.char_start:c.char_end] == c.quote
    assert c.quote.strip() in "".join(lines[c.line_start - 1:c.line_end])


def test_an_outcome_counted_in_a_sentence_is_answered_with_that_sentence(svc):
    a = svc.ask("青枫镇去年危房改造计划几户？实际完成了几户？")
    assert a.answerable and "40户" in a.answer and "36户" in a.answer, a.answer
    assert all("危房" in c.quote for c in a.citations)
    _exact(a.citations[0])
    assert a.citations[0].line_start == a.citations[0].line_end == 7


def test_a_survey_result_is_answered_from_the_sentence_that_gives_it(svc):
    a = svc.ask("青枫镇去年群众满意度调查结果是多少？发了多少份问卷？")
    assert a.answerable and "93.5" in a.answer and "600" in a.answer, a.answer
    _exact(a.citations[0])


def test_a_row_of_an_indicator_table_titled_with_an_ordinal_is_an_indicator(svc, tmp_path):
    path = tmp_path / "t.txt"
    path.write_text(_REPORT, encoding="utf-8")
    titles = [t.title for t in read_layout(load(path)).tables]
    assert "(三)部门整体支出绩效自评指标表" in titles, titles
    a = svc.ask("青枫镇去年农村公厕改造座数目标是多少，实际完成多少")
    assert a.answerable and "30座" in a.answer and "27座" in a.answer, a.answer


def test_a_breakdown_the_text_does_not_print_is_still_refused(svc):
    """The sentence counting the villages holds 行政村 but no money: "各村分别收入多少" is not answered by it."""
    a = svc.ask("青枫镇去年各个行政村分别收入多少？")
    assert not a.answerable, a.answer


def test_a_use_named_beside_an_amount_is_not_that_use_s_cost(svc):
    """选票印制 is one use of the 50.00万元: its own cost is not printed."""
    a = svc.ask("青枫镇去年换届选举经费里，印选票具体花了多少钱？")
    assert not a.answerable or "50.00" not in a.answer, a.answer


def test_why_a_task_fell_short_is_the_sentence_that_gives_its_cause(svc):
    a = svc.ask("青枫镇去年村道硬化为什么没能按期完工？")
    assert a.answerable and "连续降雨" in a.answer and "停工15天" in a.answer, a.answer
    assert "连续降雨" in " ".join(a.reasons)
    _exact(a.citations[0])


def test_how_a_finding_will_be_put_right_is_the_measures_section(svc):
    a = svc.ask("青枫镇针对村道积水问题打算怎么整改？")
    assert a.answerable and "月巡查" in a.answer, a.answer


def test_a_part_of_a_citation_keeps_offsets_and_lines():
    c = Citation(doc_id="d", source="s.txt", char_start=100, char_end=112, quote="第一行\n第二行甲乙\n第三行",
                 line_start=5, line_end=7)
    part = c.part(4, 10)
    assert (part.quote, part.char_start, part.char_end, part.line_start, part.line_end) == ("第二行甲乙\n", 104, 110, 6, 7)
    assert c.part(0, 3).line_end == 5
