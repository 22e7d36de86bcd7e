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
        # (公务用车: reasons of both directions in the sample archive; 公务接待费's 增加 was another item's, read whole)
        code, out, _ = _run(["reasons", "公务用车", "--k", "50", "--json", *options], home, capsys, monkeypatch)
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
    from conftest import private_home

    env = {"DISCLOSURE_HOME": str(private_home(archive_service, tmp_path / "store")), "PATH": "/usr/bin:/bin"}
    p = subprocess.run([sys.executable, "-m", "app.cli", "export", "--format", "csv", "--out", target],
                       capture_output=True, text=True, env=env, timeout=120)
    assert p.returncode == 2 and "Traceback" not in p.stderr + p.stdout, p.stderr
    assert p.stderr.startswith(f"错误：无法写入 {target}：") and len(p.stderr.strip().splitlines()) == 1


# words of the JSON contract (keys and values) and English CLI phrasing that a reader of the plain text must not see
_INTERNAL = re.compile(r"final_accounts|performance_(?:target|self_eval)|\bbudget\b|\bdepartment\b|\bpass\b|\bfail\b|"
                       r"\bwarn\b|\bskip\b|three_public|expenditure_|income_|\bchunks?\b|\bfigures\b|\bERROR\b|"
                       r"\busage\b|\berror\b|\bfilters\b|\bnarrative\b|\bprose\b|\btable\b|\brule\b|\bllm\b")


def test_plain_text_output_is_chinese(archive_service, capsys, monkeypatch):
    """Issue 12: docs, check, extract (and --view), search and export print Chinese words, not the JSON keys."""
    home = archive_service.settings.home
    doc = next(d for d in archive_service.docs() if d.source.startswith("002"))
    target = next(d for d in archive_service.docs() if d.source.startswith("004"))
    outputs = {}
    for argv in (["docs"], ["check", doc.doc_id], ["check", doc.doc_id, "--all"], ["extract", doc.doc_id],
                 ["extract", "--view", target.doc_id], ["search", "三公经费", "--k", "3", "--type", "final_accounts"],
                 ["remove", "0000000000000000"]):
        code, out, err = _run(argv, home, capsys, monkeypatch)
        assert code in (0, 1) and out.strip(), (argv, err)
        outputs[" ".join(argv[:2])] = out
    for name, out in outputs.items():
        assert not _INTERNAL.search(re.sub(r"\([^()]*\.(?:txt|pdf)\)|（[^（）]*\.(?:txt|pdf)）", "", out)), (name, out)
    assert "部门决算" in outputs["docs"] and "单位（本级）" in outputs["docs"]
    assert "错误" in outputs[f"check {doc.doc_id}"] and "通过" in outputs[f"check {doc.doc_id}"]
    assert "本年支出合计" in outputs[f"extract {doc.doc_id}"] and "表格" in outputs[f"extract {doc.doc_id}"]
    assert outputs["search 三公经费"].startswith("筛选：类型=部门决算")


@pytest.mark.parametrize(("argv", "said"), [
    (["ask"], "缺少参数：问题"),
    (["bogus"], "参数 命令 的取值 'bogus' 无效"),
    (["ask", "x", "--year", "3000"], "须为 1900 到 2100 之间的年份"),
    (["ask", "x", "--bogus"], "无法识别的参数：--bogus"),
    (["search", "x", "--k"], "参数 --k 需要一个值"),
])
def test_usage_errors_are_chinese(argv, said, tmp_path, capsys, monkeypatch):
    code, out, err = _run(argv, tmp_path / "home", capsys, monkeypatch)
    assert code == 2 and err.startswith("用法：disclosure") and said in err, err
    assert "usage" not in err and "error" not in err
