"""The command line in Chinese: help texts, `ask --unit --year --scope`, `reasons` with the filters of the
原因说明 page, and a bad `export --out` as one line, never a traceback."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from app.cli import build_parser, main


def _run(argv: list[str], home, capsys, monkeypatch) -> tuple[int, str, str]:
    monkeypatch.setenv("DISCLOSURE_HOME", str(home))
    try:
        code = main(argv)
    except SystemExit as e:
        code = e.code
    out, err = capsys.readouterr()
    return code, out, err


def _helps(parser) -> list[str]:
    """Every help text of the parser and its commands."""
    texts = [parser.description or ""]
    for action in parser._actions:
        texts.append(action.help or "")
        if hasattr(action, "add_parser"):  # the commands
            for command in action.choices.values():
                texts += _helps(command)
    return [t for t in texts if t]


def test_every_help_text_is_chinese():
    helps = _helps(build_parser())
    assert len(helps) > 50
    english = [h for h in helps if not re.search(r"[\u4e00-\u9fff]", h)]
    assert english == []


def test_help_prints_in_chinese(capsys):
    with pytest.raises(SystemExit):
        main(["ask", "--help"])
    out = capsys.readouterr().out
    assert "用中文提问" in out and "--unit 单位" in out and "显示本帮助并退出" in out


def test_ask_takes_unit_year_and_scope_options(archive_service, capsys, monkeypatch):
    home = archive_service.settings.home
    code, out, _ = _run(["ask", "三公经费花了多少", "--unit", "大同市场监管局", "--year", "2024"], home, capsys, monkeypatch)
    assert code == 0 and out.startswith("大同市市场监督管理局2024年财政拨款“三公”经费支出为26.26万元")
    assert "大同市市场监督管理局 · 2024年 · 部门决算 · 第549行" in out  # cited by unit · year · type
    code, out, _ = _run(["ask", "大同市场监管局三公经费花了多少", "--year", "2024", "--scope", "department", "--json"],
                        home, capsys, monkeypatch)
    answer = json.loads(out)
    assert not answer["answerable"] and "26.26" not in answer["answer"]  # 大同's document is a unit's own (本级)
    assert "只在部门（含所属单位）的文件中查找" in answer["answer"]
    assert set(answer) >= {"answer", "answerable", "intent", "figures", "citations"}  # the JSON keeps its keys
    code, out, _ = _run(["ask", "大同市场监管局三公经费花了多少", "--year", "2024", "--scope", "unit"], home, capsys,
                        monkeypatch)
    assert "26.26万元" in out
    code, out, _ = _run(["ask", "三公经费花了多少", "--unit", "北京市财政局"], home, capsys, monkeypatch)
    assert code == 0 and "档案中没有找到“北京市财政局”" in out


def test_reasons_filters_hold(archive_service, capsys, monkeypatch):
    home = archive_service.settings.home

    def reasons(*options: str) -> list[dict]:
        code, out, _ = _run(["reasons", "公务接待费", "--k", "50", "--json", *options], home, capsys, monkeypatch)
        assert code == 0
        return json.loads(out)["reasons"]

    everything = reasons()
    down, up = reasons("--direction", "减少"), reasons("--direction", "增加")
    assert down and up and all(r["direction"] == "减少" for r in down) and all(r["direction"] == "增加" for r in up)
    assert any(r["direction"] != "减少" for r in everything)  # the filter removed something
    datong = reasons("--unit", "大同市场监管局")
    assert datong and {r["unit"] for r in datong} == {"大同市市场监督管理局"}
    held = {d.year for d in archive_service.docs()}  # 2025 is the 商务委 PDF of ../shared/corpus, when present
    assert {r["year"] for r in reasons("--year", "2025")} == ({2025} if 2025 in held else set())
    assert reasons("--unit", "大同市场监管局", "--direction", "增加") == []


@pytest.mark.parametrize("out", ["/proc/no/such/place/x.xlsx", "{tmp}", "{tmp}/file.txt/x.csv"],
                         ids=["cannot-make-folder", "a-directory", "under-a-file"])
def test_export_to_a_bad_path_is_one_line(out, archive_service, tmp_path):
    (tmp_path / "file.txt").write_text("x")
    target = out.format(tmp=tmp_path)
    env = {"DISCLOSURE_HOME": str(archive_service.settings.home), "PATH": "/usr/bin:/bin"}
    p = subprocess.run([sys.executable, "-m", "app.cli", "export", "--format", "csv", "--out", target],
                       capture_output=True, text=True, env=env, timeout=120)
    assert p.returncode == 2 and "Traceback" not in p.stderr + p.stdout, p.stderr
    assert p.stderr.startswith(f"error: cannot write {target}") and len(p.stderr.strip().splitlines()) == 1
