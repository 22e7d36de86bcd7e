"""The metric code itself, on small hand-made cases."""

from __future__ import annotations

from app.evaluation.answers import judge
from app.evaluation.extraction import GoldRow, score_document
from app.evaluation.report import check_thresholds, compare
from app.evaluation.retrieval import GoldQuestion, evaluate, is_relevant
from core.schemas import Answer, Citation, Figure


def _fig(key: str, value: str, line: int, unit: str = "万元") -> Figure:
    c = Citation(doc_id="d", source="a.txt", line_start=line, line_end=line, char_start=0, char_end=5, quote=value)
    return Figure(key=key, value=value, unit=unit, citation=c)


GOLD = [GoldRow("a.txt", "three_public_actual", "31.19", "万元", [93]),
        GoldRow("a.txt", "official_reception", "0.33", "万元", [97]),
        GoldRow("a.txt", "income_grand_total", "3681.17", "万元", [41])]


def test_perfect_extraction_scores_one():
    s = score_document(GOLD, [_fig("three_public_actual", "31.19", 93), _fig("official_reception", "0.33", 97),
                              _fig("income_grand_total", "3681.17", 41)])
    assert (s.precision, s.recall, s.citation_accuracy) == (1.0, 1.0, 1.0)


def test_a_wrong_figure_lowers_precision_and_a_missing_one_lowers_recall():
    s = score_document(GOLD, [_fig("three_public_actual", "31.19", 93), _fig("official_reception", "0.35", 97)])
    assert s.precision == 0.5 and round(s.recall, 3) == 0.333
    assert ("official_reception", "0.35", "万元") in s.false_positives
    assert ("income_grand_total", "3681.17", "万元") in s.false_negatives


def test_units_are_compared_after_conversion():
    s = score_document(GOLD[:1], [_fig("three_public_actual", "311900", 93, unit="元")])
    assert s.precision == 1.0


def test_a_citation_off_by_one_line_is_counted_wrong():
    s = score_document(GOLD[:2], [_fig("three_public_actual", "31.19", 94), _fig("official_reception", "0.33", 97)])
    assert s.precision == 1.0 and s.citation_accuracy == 0.5


def test_judge_answers():
    q = {"type": "figure", "expected_numbers": ["30.86"]}
    assert judge(q, Answer(answer="公务用车运行维护费为30.86万元。", answerable=True, intent="figure"))
    assert not judge(q, Answer(answer="公务用车运行维护费为30.68万元。", answerable=True, intent="figure"))
    refusal = {"type": "unanswerable", "expected_numbers": []}
    assert judge(refusal, Answer(answer="档案中没有找到", answerable=False, intent="figure"))
    assert not judge(refusal, Answer(answer="31.19万元", answerable=True, intent="figure"))
    why = {"type": "reason", "expected_numbers": [], "expected_reason_keywords": ["过紧日子"]}
    assert judge(why, Answer(answer="原因：落实过紧日子要求", answerable=True, intent="reason"))
    rate = {"type": "comparison", "expected_numbers": ["1446.43", "17.79%"]}  # (a gold writer's rate with its %)
    assert judge(rate, Answer(answer="比上年增加1446.43万元，增长17.79%。", answerable=True, intent="comparison"))
    assert not judge(rate, Answer(answer="比上年增加1446.43万元，增长17.97%。", answerable=True, intent="comparison"))


def test_retrieval_recall_and_mrr():
    gold = [GoldQuestion("r1", "q1", "a.txt", "31.19万元", lines=[93, 93]),
            GoldQuestion("r2", "q2", "a.txt", "0.33万元", lines=[97, 97])]
    hit = Citation(doc_id="d", source="a.txt", line_start=92, line_end=94, char_start=0, char_end=9, quote="支出31.19万元")
    miss = Citation(doc_id="d", source="a.txt", line_start=10, line_end=12, char_start=0, char_end=2, quote="其他")
    assert is_relevant(hit, gold[0]) and not is_relevant(miss, gold[0])
    results = {"q1": [miss, hit], "q2": [miss]}
    r = evaluate(lambda q, k: results[q][:k], gold, "test")
    assert r.recall[1] == 0.0 and r.recall[5] == 0.5 and r.mrr == 0.25


def _report(acc: float, f1: float) -> dict:
    return {"run": {"commit": "x"}, "extraction": {"macro_f1": f1, "documents": {}},
            "answers": {"accuracy": acc, "unanswerable_recall": 1.0, "unanswerable_precision": 1.0,
                        "citation_precision": 1.0}, "retrieval": {"hybrid": {"recall@5": 0.9}}}


def test_comparison_marks_regressions_and_thresholds_fail():
    table = compare(_report(0.95, 0.98), _report(0.90, 0.99))
    assert "answer_accuracy | 0.950 | 0.900 | -0.050 ▼ regression" in table
    assert "extraction_macro_f1 | 0.980 | 0.990 | +0.010 ▲" in table
    assert check_thresholds(_report(0.85, 0.99), {"answer_accuracy": 0.9}) == ["answer_accuracy = 0.850 < 0.9"]
    assert check_thresholds(_report(0.95, 0.99), {"answer_accuracy": 0.9}) == []


def test_figure_exactness_and_evidence_overlap():
    from app.evaluation.answers import cites_evidence, exact_figures

    q = {"type": "figure", "expected_numbers": ["31.19"], "evidence": [{"source": "a.txt", "lines": [93, 93]}]}
    right = Answer(answer="三公经费支出为31.19万元。", answerable=True, intent="figure", citations=[
        Citation(doc_id="d", source="a.txt", line_start=93, line_end=93, char_start=0, char_end=5, quote="31.19")])
    padded = Answer(answer="三公经费支出为31.19万元，另有99.00万元。", answerable=True, intent="figure")
    assert exact_figures(q, right) and not exact_figures(q, padded)
    assert cites_evidence(q, right) and not cites_evidence(q, padded)
