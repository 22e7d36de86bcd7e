"""Bad input on the command line, a broken store, odd folders and names: one clear line each, never a
traceback (issue 11, item 10)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import fixtures_pdf
import pytest
from conftest import SAMPLE_TEXTS, make_service

from app.cli import main

ROOT = Path(__file__).resolve().parents[2]
SMALL = next(p for p in SAMPLE_TEXTS if p.name.startswith("004"))


def _run(argv: list[str], home: Path, capsys, monkeypatch) -> tuple[int, str, str]:
    monkeypatch.setenv("DISCLOSURE_HOME", str(home))
    try:
        code = main(argv)
    except SystemExit as e:  # argparse refuses a bad option value this way (exit 2, one message)
        code = e.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("cli") / "home"
    make_service(home).ingest([SMALL])
    return home


@pytest.mark.parametrize(("argv", "words"), [
    (["search", "三公经费", "--year", "99999999999999999999"], "参数 --year：须为 1900 到 2100 之间的年份"),
    (["search", "三公经费", "--year", "-5"], "参数 --year：须为 1900 到 2100 之间的年份"),
    (["search", "三公经费", "--k", "-1"], "参数 --k：须为 1 到 100 之间的整数"),
    (["search", "三公经费", "--k", "0"], "参数 --k：须为 1 到 100 之间的整数"),
    (["reasons", "公务接待费", "--k", "-1"], "参数 --k：须为 1 到 100 之间的整数"),
    (["check", "x", "--tolerance", "abc"], "参数 --tolerance：须为 0 到 10000 之间的万元数（收到 'abc'）"),
    (["check", "x", "--tolerance", "NaN"], "参数 --tolerance：须为 0 到 10000 之间的万元数（收到 'NaN'）"),
    (["check", "x", "--tolerance", "-0.5"], "参数 --tolerance：须为 0 到 10000 之间的万元数（收到 '-0.5'）"),
    (["check", "x", "--tolerance", "Infinity"], "参数 --tolerance：须为 0 到 10000 之间的万元数（收到 'Infinity'）"),
])
def test_bad_option_values_are_refused_with_one_message(argv, words, home, capsys, monkeypatch):
    code, out, err = _run(argv, home, capsys, monkeypatch)
    assert code == 2 and words in err and "Traceback" not in err + out, err


def test_service_refuses_an_impossible_year(home):
    from core.errors import InputError

    svc = make_service(home)
    with pytest.raises(InputError, match="year"):
        svc.search("三公经费", 5, year=99999999999999999999)
    with pytest.raises(InputError, match="k"):
        svc.search("三公经费", -1)


def test_a_store_folder_that_is_a_file(tmp_path, capsys, monkeypatch):
    home = tmp_path / "home"
    home.write_text("not a folder")
    code, out, err = _run(["docs"], home, capsys, monkeypatch)
    assert code == 2 and err.strip() == (f"错误：档案文件夹 {home} 是一个文件，不是文件夹（the store folder {home} is a "
                                         "file, not a folder (DISCLOSURE_HOME)）")


def test_a_corrupted_catalog_is_a_clear_error(tmp_path, capsys, monkeypatch):
    home = tmp_path / "home"
    writer = make_service(home)
    writer.ingest([SMALL])
    # SQLite shares one WAL index per file within a process: a connection left open here would let the
    # next one read the old pages through it, so the writer closes as another process's would on exit
    writer.store.db.close()
    catalog = home / "catalog.sqlite"
    for side in ("-wal", "-shm"):
        catalog.with_name(catalog.name + side).unlink(missing_ok=True)
    catalog.write_bytes(os.urandom(catalog.stat().st_size))  # every page is garbage
    for argv in (["docs"], ["search", "三公经费"], ["ingest", str(SMALL)]):
        code, out, err = _run(argv, home, capsys, monkeypatch)
        assert code == 2, (argv, out, err)
        assert err.startswith(f"错误：档案目录 {catalog} 无法读取（the store's catalog {catalog} cannot be read"), err
        assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_a_corrupted_bm25_index_is_rebuilt_from_the_catalog(tmp_path):
    home = tmp_path / "home"
    make_service(home).ingest([SMALL])
    for f in (home / "bm25").rglob("*"):
        if f.is_file():
            f.write_bytes(b"\x00garbage" * 10)
    svc = make_service(home)
    hits, _ = svc.search("培训项目预算", k=3, mode="bm25")
    assert hits
    assert json.loads((home / "bm25" / "ids.json").read_text(encoding="utf-8"))["ids"]  # written again
    link = home / "bm25"
    shutil.rmtree(link.resolve())
    link.unlink()
    link.write_text("a file where the folder was")
    assert make_service(home).search("培训项目预算", k=3, mode="bm25")[0]


def test_folder_ingest_lists_every_file_it_does_not_read(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("old.doc", "table.xlsx", "wps.wps", "data.csv", "noext"):
        (folder / name).write_bytes(b"something")
    shutil.copy(SMALL, folder / "good.txt")
    fixtures_pdf.make_text_pdf(fixtures_pdf.SAMPLE_TEXT, folder / "spaced.pdf ")
    os.mkfifo(folder / "pipe.txt")
    code, out, err = _run(["ingest", str(folder)], tmp_path / "home", capsys, monkeypatch)
    lines = out.splitlines()
    skipped = {ln.split("：")[0]: ln for ln in lines if "：已跳过——" in ln}
    assert set(skipped) == {"old.doc", "table.xlsx", "wps.wps", "data.csv", "noext", "pipe.txt"}, out
    assert "Word 97-2003" in skipped["old.doc"] and "电子表格（.xlsx）" in skipped["table.xlsx"]
    assert "WPS" in skipped["wps.wps"] and "CSV" in skipped["data.csv"] and "FIFO" in skipped["pipe.txt"]
    assert "不支持的文件类型" in skipped["noext"], out
    assert any(ln.startswith("spaced.pdf ：已导入") for ln in lines), out
    assert any(ln.startswith("good.txt：已导入") for ln in lines), out
    assert lines[-1].startswith("成功 2 个，失败 0 个，跳过 6 个；")
    assert code == 1


def test_names_with_newlines_and_escapes_stay_on_one_line(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    hostile = "bad\nname\x1b[31mred\r.pdf"
    fixtures_pdf.make_junk_pdf(folder, name=hostile)
    shutil.copy(SMALL, folder / "ok\x1b]0;title\x07.txt")
    env = dict(os.environ, DISCLOSURE_HOME=str(tmp_path / "home"))
    p = subprocess.run([sys.executable, "-m", "app.cli", "ingest", str(folder)], capture_output=True, text=True,
                       env=env, cwd=ROOT)
    assert "\x1b" not in p.stdout and "\x07" not in p.stdout and "\r" not in p.stdout
    lines = p.stdout.splitlines()
    assert "bad\\nname\\x1b[31mred\\r.pdf：未导入——不是 PDF（内容不以 %PDF- 开头：文件损坏或扩展名不对）" in lines
    assert any(ln.startswith("ok\\x1b]0;title\\x07.txt：已导入") for ln in lines), lines
    docs = make_service(tmp_path / "home").docs()
    assert [d.source for d in docs] == ["ok\\x1b]0;title\\x07.txt"]


def test_an_unexpected_error_is_one_line_not_a_traceback(tmp_path, capsys, monkeypatch):
    from app.service import DisclosureService

    def broken(self, *a, **k):
        raise TypeError("'>=' not supported between instances of 'str' and 'int'")

    monkeypatch.setattr(DisclosureService, "docs", broken)
    code, out, err = _run(["docs"], tmp_path / "home", capsys, monkeypatch)
    assert code == 2 and err.startswith("错误：内部错误（TypeError:") and len(err.strip().splitlines()) == 1
    monkeypatch.setenv("DISCLOSURE_DEBUG", "1")
    with pytest.raises(TypeError):
        _run(["docs"], tmp_path / "home", capsys, monkeypatch)
