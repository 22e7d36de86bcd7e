"""The mutation harness (evals/mutation.py) on a sample: the mutations themselves, and a sampled run on two corpus
documents (the full run over the sample archive is ``python -m evals.mutation``; its figures are in the README)."""

from __future__ import annotations

import pytest
from conftest import DATA, REAL_PDFS

from evals.mutation import locate, mutate, score_document
from extraction.extractor import extract
from index.layout import read_layout
from index.loaders import load
from index.metadata import detect


@pytest.mark.parametrize("printed,kind,expected", [
    ("3,681.17", "plus100", "3,781.17"), ("0.00", "plus100", "100.00"), ("371,514,655.00", "plus100", "371,514,755.00"),
    ("3681.17", "swap", "3681.71"), ("0.39", "swap", "0.93"), ("100.00", "swap", None), ("11", "swap", None),
    ("3681.17", "shift", "36811.7"), ("0.39", "shift", "3.9"), ("11", "shift", "110"), ("0.00", "shift", None),
    ("1,002.89", "shift", "10,028.9"), ("22", "swap", None), ("60", "swap", None),
])
def test_mutations(printed, kind, expected):
    assert mutate(printed, kind) == expected


def test_each_figure_is_found_where_it_is_cited():
    raw = load(DATA / "000_04b2af8a0d084766.txt")
    layout = read_layout(raw)
    figures = [f for f in extract(layout, detect(layout)).figures if f.source_kind == "prose"][:30]
    found = [locate(raw, f, [f]) for f in figures]
    assert all(p is not None for p in found)
    for f, p in zip(figures, found, strict=False):
        if p is not None:
            assert p.text.replace(",", "") == f.value


def test_every_figure_of_the_target_table_is_covered():
    score = score_document(DATA / "004_36c23adddff5d972.txt")
    assert score.located == score.figures == 8 and score.score == 1.0 and not score.uncovered


def test_a_sample_of_the_real_final_accounts_is_caught():
    pdf = next((p for p in REAL_PDFS if "guihuaziyuan" in p.name), None)
    if pdf is None:
        pytest.skip("the real PDFs are not beside the project")
    score = score_document(pdf, sample=6, seed=1)
    assert score.mutations >= 12 and score.score >= 0.8, score.uncovered
    assert len(score.baseline_fails) == 4  # the errors the PDF really prints stay the only fails
