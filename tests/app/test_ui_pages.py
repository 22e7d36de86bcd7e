"""Each Streamlit page run by Streamlit's AppTest on a real store (the sample archive ingested once)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

UI = Path(__file__).parents[2] / "app" / "ui"


@pytest.fixture(scope="module")
def home(archive_service, tmp_path_factory):
    """A copy of the session's ingested store, so pages that write (upload, remove) touch only their own."""
    target = tmp_path_factory.mktemp("ui") / "home"
    shutil.copytree(archive_service.settings.home, target)
    return target


def page(name: str, home: Path, monkeypatch) -> AppTest:
    monkeypatch.setenv("DISCLOSURE_HOME", str(home))
    at = AppTest.from_file(str(UI / name), default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    return at


def test_ask_page_answers_with_citations(home, monkeypatch):
    at = page("ask_page.py", home, monkeypatch)
    at.chat_input(key="question").set_value("昌吉州市监局2024年三公经费花了多少？").run()
    assert not at.exception
    assert "31.19万元" in at.success[0].value
    assert any(e.label.startswith("昌吉回族自治州市场监督管理局 · 2024年 · 部门决算 · 第93行") for e in at.expander), \
        [e.label for e in at.expander]
    assert at.expander[0].proto.expanded and not any(e.proto.expanded for e in at.expander[1:])  # the first is open
    assert "<mark>" in " ".join(m.value for m in at.markdown)
    figures = at.dataframe[0].value
    assert "财政拨款“三公”经费支出" in set(figures["指标"]) and "three_public_actual" not in set(figures["指标"])


def test_ask_page_says_when_the_archive_does_not_know(home, monkeypatch):
    at = page("ask_page.py", home, monkeypatch)
    at.chat_input(key="question").set_value("北京市财政局2024年招待费花了多少").run()
    assert "档案中没有" in at.info[0].value and not at.success


def test_ask_page_is_a_conversation(home, monkeypatch):
    """A follow-up keeps the unit and metric; 上一年 counts from the year asked; 新对话 starts again."""
    at = page("ask_page.py", home, monkeypatch)
    assert any("可以这样问" in m.value for m in at.markdown)  # the empty page: what the archive holds
    held = " ".join(m.value for m in at.markdown)
    assert "大同市市场监督管理局" in held and "2024年" in held and "部门决算" in held
    at.chat_input(key="question").set_value("大同市场监管局2024年招待费多少").run()
    at.chat_input(key="question").set_value("那昌吉州市监局呢？").run()
    assert [s.value for s in at.success] == ["大同市市场监督管理局2024年公务接待费为0.59万元。",
                                             "昌吉回族自治州市场监督管理局2024年公务接待费为0.33万元。"]
    at.chat_input(key="question").set_value("那上一年呢？").run()
    assert "2023年的公开文件" in at.info[-1].value  # honest: 昌吉 has no 2023 document
    assert len(at.get("chat_message")) == 6
    assert not any("可以这样问" in m.value for m in at.markdown)
    at.button(key="new-chat").click().run()
    assert not at.get("chat_message") and any("可以这样问" in m.value for m in at.markdown)


def test_ask_page_examples_are_answered(home, monkeypatch):
    at = page("ask_page.py", home, monkeypatch)
    examples = [b for b in at.button if b.key.startswith("example-")]
    assert len(examples) >= 3
    examples[0].click().run()
    assert at.success and not at.info, [i.value for i in at.info]


def test_reasons_page_lists_copyable_reason_sentences(home, monkeypatch):
    at = page("reasons_page.py", home, monkeypatch)
    assert at.code and any("过紧日子" in c.value for c in at.code)
    at.selectbox(key="unit").select("昌吉回族自治州市场监督管理局").run()
    assert all("过紧日子" not in c.value for c in at.code)


def test_reasons_page_filters_by_direction_shows_context_and_exports(home, monkeypatch):
    """减少 shows decreases only, 增加 increases only; each reason has its context view (the sentences around it,
    the reason highlighted, no line break of the PDF); the list shown downloads as Excel and CSV."""
    at = page("reasons_page.py", home, monkeypatch)
    at.text_input(key="metric").set_value("机关运行经费").run()
    for direction, other in (("减少", "增加"), ("增加", "减少")):
        at.selectbox(key="direction").select(direction).run()
        heads = [m.value for m in at.markdown if m.value.startswith("**")]
        assert heads and all(direction in h.rsplit("·", 1)[-1] and other not in h.rsplit("·", 1)[-1] for h in heads), heads
        contexts = [m.value for m in at.markdown if "reason-context" in m.value]
        assert len(contexts) == len(heads) == len(at.code)
        assert all("<mark>" in c and "\n" not in c for c in contexts)
        assert [b.proto.label for b in at.get("download_button")] == ["下载 Excel", "下载 CSV"]
        assert not at.exception
    at.text_input(key="metric").set_value("公务接待费").run()
    at.selectbox(key="direction").select("减少").run()
    shown = " ".join(m.value for m in at.markdown if "reason-context" in m.value)
    assert "<mark>公务接待费支出0.59万元，完成全年预算的100.00%，比上年度减少0.12万元" in shown
    assert "公务用车运行维护费支出25.67万元" in shown  # the sentence before it


def test_docs_page_lists_documents(home, monkeypatch):
    at = page("docs_page.py", home, monkeypatch)
    table = at.dataframe[0].value
    assert "昌吉回族自治州市场监督管理局 · 2024年 · 部门决算" in set(table["文档"]) and len(table) >= 4
    assert "000_04b2af8a0d084766.txt" not in set(table["上传文件名"])  # a hash-made name tells a reader nothing
    assert {"部门决算", "部门预算", "绩效目标表"} <= set(table["类型"]) and "budget" not in set(table["类型"])


def test_extract_page_shows_figures_checks_and_charts(home, monkeypatch):
    at = page("extract_page.py", home, monkeypatch)
    figures = at.dataframe[0].value
    assert "财政拨款“三公”经费支出" in set(figures["指标"]) and not any("_" in k for k in figures["指标"])
    assert set(figures["来源"]) <= {"表格", "正文"}
    assert len(at.get("vega_lite_chart")) == 2  # spending structure and "三公" parts
    assert any(c.value.startswith("核验结果：错误 ") for c in at.caption)  # the check counts
    checks = at.dataframe[1].value
    assert {"结果", "核验项", "说明"} <= set(checks.columns) and set(checks["结果"]) <= {"通过", "提示", "错误", "跳过"}
    assert "收入总计 = 支出总计" in set(checks["核验项"])  # the rule's Chinese description, not its id
    assert [b.proto.label for b in at.get("download_button")][0].startswith("下载 Excel")
    assert len(at.get("download_button")) == 3


def test_eval_page_runs_the_gold_sets(home, monkeypatch):
    at = page("eval_page.py", home, monkeypatch)
    at.button(key="run-eval").click().run()
    assert not at.exception
    assert at.metric and at.metric[0].label == "答案准确率"
    assert float(at.metric[0].value.rstrip("%")) >= 80
    extraction = at.dataframe[0].value
    assert {"文档", "精确率", "召回率", "F1"} <= set(extraction.columns)
    assert not any(d.endswith(".txt") for d in extraction["文档"])  # documents by unit · year · type
    charts = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    assert charts and all("xOffset" in json.dumps(c["encoding"]) or "yOffset" in json.dumps(c["encoding"])
                          for c in charts), "bars grouped side by side, not stacked"
    misses = at.dataframe[1].value  # the questions it got wrong, with what was expected and answered
    assert list(misses.columns) == ["问题", "类型", "应包含", "实际回答", "引用"]
    assert len(at.get("download_button")) == 2


def test_upload_safety():
    from app.uploads import check_upload, safe_name, upload_name
    from core.errors import LoadError

    assert safe_name("../../etc/passwd") == "passwd" and safe_name("..\\..\\x.pdf") == "x.pdf"
    assert upload_name("../evil/决算.txt", "text") == "决算.txt"
    assert upload_name("report", check_upload("report", "纯文本内容".encode())) == "report.txt"  # type follows content
    with pytest.raises(LoadError, match="not a PDF"):  # a .pdf that is not one: refused, as the CLI refuses it
        check_upload("report.pdf", b"hello")
    assert upload_name("..", "pdf") == "upload.pdf" and upload_name("a\x1b[2J.pdf", "pdf") == "a\\x1b[2J.pdf"
    for name, data, reason in (("a.pdf", b"", "empty"), ("c.zip", b"PK\x03\x04" + b"0" * 100, "ZIP")):
        with pytest.raises(LoadError, match=reason):
            check_upload(name, data)


def test_docs_page_uploads_two_files_with_one_name(home, monkeypatch):
    """Issue 11, item 3: a second upload called 决算.txt is a second document, not a replacement; a Chinese
    name over 255 bytes is fine (the file is kept by its content hash, the name only shown)."""
    at = page("docs_page.py", home, monkeypatch)
    before = len(at.dataframe[0].value)
    data = (Path(__file__).parents[2] / "data" / "004_36c23adddff5d972.txt").read_bytes()
    long_name = "新疆维吾尔自治区巴音郭楞蒙古自治州市场监督管理局" * 5 + ".txt"
    assert len(long_name.encode()) > 255
    at.file_uploader(key="uploads").set_value([("决算.txt", data + b"\n1\n", "text/plain"),
                                               ("决算.txt", data + b"\n2\n", "text/plain"),
                                               (long_name, data + b"\n3\n", "text/plain"),
                                               ("..", data + b"\n4\n", "text/plain")]).run()
    at.button(key="do-ingest").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert len(at.success) == 4 and all("已导入" in s.value for s in at.success), [s.value for s in at.success]
    table = at.dataframe[0].value
    assert len(table) == before + 4
    assert list(table["上传文件名"]).count("决算.txt") == 2 and {long_name, "upload.txt"} <= set(table["上传文件名"])


def test_eval_page_names_the_documents_without_gold(archive_service, tmp_path, monkeypatch):
    """A document no gold set covers is named (unit · year · type), not silently left out of the scores."""
    from conftest import make_service

    home = tmp_path / "home"
    shutil.copytree(archive_service.settings.home, home)
    data = (Path(__file__).parents[2] / "data" / "004_36c23adddff5d972.txt").read_bytes()
    outcome, = make_service(home).ingest_uploads([("巴州新上传.txt", data + "\n补充说明。\n".encode())])
    assert outcome.status == "ingested"
    at = page("eval_page.py", home, monkeypatch)
    at.button(key="run-eval").click().run()
    assert not at.exception
    named = [c.value for c in at.caption if c.value.startswith("没有标注集的文档")]
    assert named == ["没有标注集的文档（未计入）：新疆巴州市场监督管理局 · 2022年 · 绩效目标表"], named
    json_report = next(b for b in at.get("download_button") if b.proto.label == "下载评测报告（JSON）")
    assert json_report.proto.label  # the report itself can be taken away


def test_a_fake_pdf_upload_is_refused_like_the_cli_refuses_it(tmp_path):
    """Issue 12: "hello" uploaded as report.pdf was stored as a text with no unit; the CLI refused it."""
    from conftest import make_service

    svc = make_service(tmp_path / "home")
    (outcome,) = svc.ingest_uploads([("report.pdf", b"hello")])
    assert outcome.status == "error" and "not a PDF" in outcome.message and outcome.source == "report.pdf"
    assert svc.docs() == [] and not any((tmp_path / "home" / "originals").glob("*"))
    fake = tmp_path / "report.pdf"
    fake.write_bytes(b"hello")
    (cli_outcome,) = svc.ingest([fake])
    assert cli_outcome.status == "error" and cli_outcome.message == outcome.message
