"""Nil statements are answers (issue 9 §4): "无“三公”经费", "未发生", "为0" give 0 with the citation; an
explanation or another year's nil does not."""

from __future__ import annotations

import pytest
from conftest import make_service

from extraction.extractor import extract
from index.layout import read_layout
from index.loaders import load
from index.metadata import detect

TEXT = """上海市普陀区某某街道办事处2024年度部门决算
第二部分 2024年度部门决算情况说明
一、收入支出决算总体情况说明
2024年度收入总计1,234.56万元，支出总计1,234.56万元。
九、财政拨款“三公”经费支出决算情况说明
2024年度本单位无财政拨款“三公”经费支出。其中：因公出国（境）费未发生；公务用车购置费为0；公务接待费未发生。
公务用车运行维护费支出12.30万元，比上年减少2.00万元，主要原因是上年未安排公务用车运行维护费以外的支出。
十、机关运行经费支出说明
本单位上年无机关运行经费支出。
"""


def _figures(path):
    layout = read_layout(load(path))
    return {(f.key, f.value): f for f in extract(layout, detect(layout)).figures}


def test_nil_statements_are_zero_with_their_sentence(tmp_path):
    path = tmp_path / "nil.txt"
    path.write_text(TEXT, encoding="utf-8")
    figures = _figures(path)
    for key in ("three_public_actual", "overseas_travel", "vehicle_purchase", "official_reception"):
        assert (key, "0") in figures, sorted(figures)
    assert "无财政拨款“三公”经费支出" in figures[("three_public_actual", "0")].citation.quote
    assert figures[("overseas_travel", "0")].citation.quote == "其中：因公出国（境）费未发生；"
    # a nil inside an explanation, or of another year, is not this year's figure
    assert ("vehicle_operation", "12.30") in figures and ("vehicle_operation", "0") not in figures
    assert not any(k == "agency_operating_expenses" for k, _ in figures)


def test_a_nil_figure_is_answered_as_zero_with_the_citation(tmp_path):
    path = tmp_path / "nil.txt"
    path.write_text(TEXT, encoding="utf-8")
    svc = make_service(tmp_path / "store")
    svc.ingest([path])
    a = svc.ask("某某街道2024年公务接待费花了多少")
    assert a.answerable and [f.value for f in a.figures] == ["0"] and "0万元" in a.answer
    assert a.citations[0].quote.endswith("公务接待费未发生。") and a.citations[0].line_start == 6


LIST_TEXT = """某县某某乡人民政府2025年度部门决算
九、财政拨款“三公”经费支出决算情况说明
2025年度本乡“三公”经费支出决算为4.20万元，比上年减少0.50万元，主要原因是：压减接待。其中：因公出国（境）费未发生；公务接待费1.10万元。本年未购置公务用车，公务用车保有量2辆。
（二）某某中心学校
本校无公务用车，未发生因公出国（境）费和公务用车购置及运行维护费。
"""


def test_a_nil_after_an_explained_sentence_and_each_figure_a_nil_word_names(tmp_path):
    """The explanation ends with its sentence: the next sentence's nil is this year's figure. A nil word naming
    several figures ("未发生X和Y") makes each of them 0, the two car fees named together both, and a year in which
    no car was bought spent 0 on buying one."""
    path = tmp_path / "list.txt"
    path.write_text(LIST_TEXT, encoding="utf-8")
    layout = read_layout(load(path))
    quotes = {(f.key, f.value, f.citation.quote) for f in extract(layout, detect(layout)).figures}
    assert ("overseas_travel", "0", "其中：因公出国（境）费未发生；") in quotes
    both = "本校无公务用车，未发生因公出国（境）费和公务用车购置及运行维护费。"
    assert {("overseas_travel", "0", both), ("vehicle_purchase", "0", both), ("vehicle_operation", "0", both)} <= quotes
    assert ("vehicle_purchase", "0", "本年未购置公务用车，公务用车保有量2辆。") in quotes


def test_an_explanation_naming_a_nil_is_still_no_figure():
    """The sentence that explains keeps its nils out, however it is punctuated inside."""
    from core.schemas import DocType
    from extraction.prose import _nil
    text = "公务用车运行维护费支出3.00万元，主要原因是：一是本年未购置公务用车；二是未安排因公出国（境）费。"
    assert _nil(0, text, DocType.final_accounts, "“三公”经费") == []


@pytest.mark.parametrize("text", [
    "…主要原因是:更新执法执勤用车1辆。2024年未发生公务用车购置费。",  # another year's, after the explanation
    "此前三年未购置公务用车,车辆老化严重。", "下年度不安排购置公务用车。", "前两年未购置公务用车。",
    "所属区科技创新服务中心(区中心血站)无公务用车,也未发生公务用车购置及运行维护费。",  # a member unit's
    "年初未安排公务接待费和公务用车购置费预算,年中因工作需要追加公务用车购置费16.00万元。",  # a budget's nil
    "未发生因公出国(境)费及公务接待费超预算情况。",  # the nil is of what follows the figures
    "因公出国(境)费和公务接待费均未发生超标准支出。",  # (helper-52) the same, the list before the nil
    "机关本级未购置公务用车,区河道管理站更新巡河用车1辆,公务用车购置费支出决算为16.00万元。",  # a part's nil
    "本年未新购置公务用车的机关本级,公务用车运行维护费支出决算为9.80万元。",  # no nil of the year: who it is
])
def test_no_false_zero(text):
    """(helper-51's attack) none of these says this year's actual figure is nil."""
    from core.schemas import DocType
    from extraction.prose import _nil
    assert [(f.key, f.value) for f in _nil(0, text, DocType.final_accounts, "“三公”经费", 2025)] == []


def test_figures_named_together_before_the_nil_are_each_nil():
    from core.schemas import DocType
    from extraction.prose import _nil
    found = {f.key for f in _nil(0, "因公出国(境)费和公务用车购置费未发生。", DocType.final_accounts, "“三公”经费", 2025)}
    assert found == {"overseas_travel", "vehicle_purchase"}


def test_a_nil_another_unit_states_is_not_the_documents():
    """(helper-51's attack) "区中心血站无公务用车，也未发生…" in the 卫健委's 决算 is the blood station's nil; the
    document's own unit named short ("县文联无公务用车") is its own."""
    from core.schemas import DocType
    from extraction.prose import _nil
    other = "区中心血站无公务用车,也未发生公务用车购置及运行维护费。"
    assert _nil(0, other, DocType.final_accounts, "“三公”经费", 2025, "澄江市云溪区卫生健康委员会") == []
    own = _nil(0, "县文联无公务用车。", DocType.final_accounts, "“三公”经费", 2025, "青禾县文学艺术界联合会")
    assert [(f.key, f.value) for f in own] == [("vehicles_in_service", "0")]
