"""A reviewer marks a finding as not a problem: stored with the document (SQLite, doc_id + finding id), shown by
``check`` (CLI and JSON), kept (the finding itself stays), and taken off again on request."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import make_service

from core.errors import CheckError

ROOT = Path(__file__).parents[2]
DOC = """上海市嘉定区测试管理局
2024年度部门决算
一、收入支出决算总体情况说明
上海市嘉定区测试管理局2024年度收入总计105.00万元，支出总计105.00万元。与2023年度相比，收入支出总计增加5.00万元，增长6.00%。主要原因是人员增加。
二、其他
机关运行经费支出8.00万元，比2023年度减少2.00万元，下降（增长）20.00%，主要原因是压减支出。
"""


@pytest.fixture()
def doc(tmp_path) -> Path:
    path = tmp_path / "doc.txt"
    path.write_text(DOC, encoding="utf-8")
    return path


def test_a_mark_is_stored_shown_and_the_finding_kept(tmp_path, doc):
    svc = make_service(tmp_path / "home")
    fails = [r for r in svc.check(doc) if r.status == "fail"]
    assert {r.rule for r in fails} == {"stated_change", "template_residue"}
    assert all(r.severity == "错误" and r.finding_id and r.dismissed is None for r in fails)
    target = next(r for r in fails if r.rule == "stated_change")
    marked = svc.dismiss(doc, target.finding_id, "  口径为预算执行数，已核实  ")
    assert marked.dismissed is not None and marked.dismissed.reason == "口径为预算执行数，已核实"
    again = svc.check(doc)
    kept = next(r for r in again if r.finding_id == target.finding_id)
    assert kept.status == "fail" and kept.dismissed and kept.dismissed.reason == "口径为预算执行数，已核实"
    fail_order = [r.finding_id for r in again if r.status == "fail"]
    assert fail_order[-1] == target.finding_id  # marked findings come after the others of their status
    reopened = make_service(tmp_path / "home")  # stored in the catalog, not in memory
    assert next(r for r in reopened.check(doc) if r.finding_id == target.finding_id).dismissed
    assert reopened.undismiss(doc, target.finding_id)
    assert next(r for r in reopened.check(doc) if r.finding_id == target.finding_id).dismissed is None


def test_a_mark_needs_a_known_finding_and_a_reason(tmp_path, doc):
    svc = make_service(tmp_path / "home")
    fail = next(r for r in svc.check(doc) if r.status == "fail")
    with pytest.raises(CheckError, match="reason"):
        svc.dismiss(doc, fail.finding_id, "   ")
    with pytest.raises(CheckError, match="no fail or warn finding"):
        svc.dismiss(doc, "000000000000", "不是问题")
    passed = next(r for r in svc.check(doc) if r.status == "pass")
    with pytest.raises(CheckError):
        svc.dismiss(doc, passed.finding_id, "不是问题")


def test_cli_marks_and_shows(tmp_path, doc):
    env = dict(os.environ, DISCLOSURE_HOME=str(tmp_path / "home"))

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "app.cli", "check", str(doc), *args], capture_output=True,
                              text=True, env=env, cwd=ROOT)

    checks = json.loads(run("--json").stdout)["checks"]
    statuses = [c["status"] for c in checks]
    assert statuses == sorted(statuses, key=["fail", "warn", "skip", "pass"].index)
    fail = next(c for c in checks if c["status"] == "fail")
    assert {"rule", "status", "citations", "severity", "finding_id", "dismissed"} <= set(fail)
    done = run("--dismiss", fail["finding_id"], "--reason", "已与编制单位核对", "--json")
    assert done.returncode == 0 and json.loads(done.stdout)["dismissed"]["dismissed"]["reason"] == "已与编制单位核对"
    shown = run()
    assert "已标记为非问题" in shown.stdout and "已与编制单位核对" in shown.stdout and fail["finding_id"] in shown.stdout
    assert "✗ 错误" in shown.stdout  # the marked finding is still listed as a fail
    assert run("--dismiss", fail["finding_id"]).returncode == 2  # no reason: a usage error
