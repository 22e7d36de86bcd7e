"""Cross-checks on the corpus documents, on mutated copies, and on the real self-contradicting PDF."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, REAL_PDFS, make_service

from extraction.checks import RULES

ROOT = Path(__file__).parents[2]
STATUSES = {"pass", "fail", "warn", "skip"}


@pytest.fixture(scope="module")
def svc(tmp_path_factory):
    return make_service(tmp_path_factory.mktemp("checks"))


@pytest.mark.parametrize("path", sorted(DATA.glob("*.txt")), ids=lambda p: p.name[:3])
def test_checker_reports_on_every_corpus_document(svc, path):
    results = svc.check(path)
    assert results and {r.status for r in results} <= STATUSES
    assert {r.rule for r in results} <= set(RULES)
    for r in results:
        if r.status in ("fail", "warn"):
            assert r.citations, r


def test_rounding_difference_is_a_warning_not_a_failure(svc):
    results = {r.rule: r for r in svc.check(DATA / "000_04b2af8a0d084766.txt")}
    income = results["income_total"]
    assert income.status == "warn" and "四舍五入" in income.message and income.severity == "提示"  # 3681.18 vs 3681.17
    assert not [r for r in svc.check(DATA / "000_04b2af8a0d084766.txt") if r.status == "fail"]


def _mutate(tmp_path: Path, source: str, old: str, new: str, after: str) -> tuple[Path, int]:
    """Replace the first ``old`` after the anchor ``after``; return the copy and the changed line."""
    text = (DATA / source).read_text(encoding="utf-8")
    at = text.index(old, text.index(after))
    line = text[:at].count("\n") + 1
    out = tmp_path / source
    out.write_text(text[:at] + new + text[at + len(old):], encoding="utf-8")
    return out, line


@pytest.mark.parametrize("source,after,old,new,rule", [
    # a row of the 收入支出决算总表 (tab-separated), also stated in the prose
    ("002_a48143ca35b5d44a.txt", "收入支出决算总表\n", "本年收入合计\t27\t5023.02", "本年收入合计\t27\t5093.02",
     "same_figure_agrees"),
    # a 类 row of the 一般公共预算财政拨款支出决算表
    ("002_a48143ca35b5d44a.txt", "一般公共预算财政拨款支出决算表\n", "201\t一般公共服务支出\t3864.28",
     "201\t一般公共服务支出\t3869.28", "gpb_classes"),
    # the 三公 paragraph
    ("000_04b2af8a0d084766.txt", "九、财政拨款", "公务接待费支出0.33万元，占1.06%", "公务接待费支出0.93万元，占1.06%",
     "three_public_parts"),
    # a stated percentage change
    ("000_04b2af8a0d084766.txt", "（三）一般公共预算财政拨款支出决算具体情况", "下降12.01%", "下降10.01%", "stated_change"),
    # a stated share of a 类
    ("000_04b2af8a0d084766.txt", "（二）一般公共预算财政拨款支出决算结构情况", "占76.62%", "占78.62%", "stated_share"),
])
def test_a_changed_number_fails_the_rule_that_covers_it_citing_the_changed_line(svc, tmp_path, source, after, old, new,
                                                                               rule):
    path, line = _mutate(tmp_path, source, old, new, after)
    failed = [r for r in svc.check(path) if r.rule == rule and r.status == "fail"]
    assert failed, rule
    assert any(c.line_start <= line <= c.line_end for r in failed for c in r.citations), [r.message for r in failed]
    original = [r for r in svc.check(DATA / source) if r.rule == rule and r.status == "fail"]
    assert not original  # the unchanged document passes that rule


def test_real_final_accounts_disagreements_are_found_with_both_pages(svc):
    pdf = next((p for p in REAL_PDFS if "guihuaziyuan" in p.name), None)
    if pdf is None:
        pytest.skip("the real PDFs are not beside the project")
    fails = {r.figures[0].key: r for r in svc.check(pdf) if r.rule == "same_figure_agrees" and r.status == "fail"}
    for key, pages in (("gpb_basic_expenditure", {15, 24}), ("personnel_expenses", {16, 24})):
        assert key in fails, sorted(fails)
        assert {c.page for c in fails[key].citations} == pages


def test_yuan_tables_agree_with_wanyuan_prose_after_conversion(svc):
    pdf = next((p for p in REAL_PDFS if "shangwu" in p.name), None)
    if pdf is None:
        pytest.skip("the real PDFs are not beside the project")
    agree = [r for r in svc.check(pdf) if r.rule == "same_figure_agrees" and r.figures[0].key == "income_grand_total"]
    assert agree and agree[0].status == "pass" and {f.unit for f in agree[0].figures} == {"元", "万元"}


def test_check_and_extract_cli_json(tmp_path):
    env = dict(os.environ, DISCLOSURE_HOME=str(tmp_path / "home"))
    doc = str(DATA / "004_36c23adddff5d972.txt")
    p = subprocess.run([sys.executable, "-m", "app.cli", "check", doc, "--json"], capture_output=True, text=True,
                       env=env, cwd=ROOT)
    assert p.returncode == 0, p.stderr
    checks = json.loads(p.stdout)["checks"]
    assert checks and all({"rule", "status", "message", "figures", "citations"} <= set(c) for c in checks)
    p = subprocess.run([sys.executable, "-m", "app.cli", "extract", doc, "--json"], capture_output=True, text=True,
                       env=env, cwd=ROOT)
    data = json.loads(p.stdout)
    assert data["unit_name"] == "新疆巴州市场监督管理局" and data["fiscal_year"] == 2022
    assert data["doc_type"] == "performance_target" and len(data["figures"]) == 8
    assert all(isinstance(f["value"], str) and f["citation"]["quote"] for f in data["figures"])


def test_export_csv_xlsx_json(tmp_path):
    import csv

    from openpyxl import load_workbook

    svc = make_service(tmp_path / "home")
    svc.ingest([DATA / "004_36c23adddff5d972.txt", DATA / "001_2fc89b8a598a0283.txt"])
    path, n = svc.export("csv", tmp_path / "f.csv")
    rows = list(csv.DictReader(path.open(encoding="utf-8-sig")))
    assert len(rows) == n > 40 and {"昌吉州市场监督管理局", "新疆巴州市场监督管理局"} == {r["unit_name"] for r in rows}
    assert all(r["quote"] and r["value"] for r in rows)
    path, n2 = svc.export("xlsx", tmp_path / "f.xlsx", doc_ids=[svc.docs()[0].doc_id])
    ws = load_workbook(path).active
    assert ws.title == "数字" and ws.max_row == n2 + 1 and ws.cell(1, 4).value == "指标"
    path, n3 = svc.export("json", tmp_path / "f.json")
    assert len(json.loads(path.read_text(encoding="utf-8"))) == n
