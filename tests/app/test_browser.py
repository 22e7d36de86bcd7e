"""End to end in a real headless browser: Debian's chromium, driven by Playwright, against `streamlit run`.

Saves a screenshot of each page to a temporary folder, or to ``$SCREENSHOTS_DIR`` when set (``make screenshots``
sets it to docs/screenshots/, linked from the README): a test run never rewrites tracked files.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import REAL_PDFS

ROOT = Path(__file__).parents[2]
SHOTS = Path(os.environ.get("SCREENSHOTS_DIR") or tempfile.mkdtemp(prefix="screenshots-"))
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install chromium)")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PAGES = [("", "ask"), ("reasons_page", "reasons"), ("docs_page", "docs"), ("extract_page", "extract"),
         ("eval_page", "eval")]
TITLES = {"ask": "问答", "reasons": "原因说明", "docs": "文档", "extract": "抽取与核验", "eval": "评测"}


def _internal_words() -> re.Pattern:
    """What a user must never read: vocabulary keys, enum values, English statuses, hash-made names and ids."""
    from core.schemas import DocType, Intent, Scope
    from core.vocabulary import FIGURE_KEYS

    words = [*FIGURE_KEYS, *(t.value for t in DocType), *(s.value for s in Scope), *(i.value for i in Intent),
             "pass", "warn", "fail", "skip", "precision", "recall", "Deploy", "ingested", "unchanged"]
    return re.compile(r"(?<![A-Za-z_])(?:" + "|".join(map(re.escape, words)) + r")(?![A-Za-z_])"
                      r"|\b[a-z]+_[a-z_]+\b|project:|gpb_class:|\d{3}_[0-9a-f]{16}|(?<![0-9a-f])(?=[0-9]*[a-f])[0-9a-f]{16}(?![0-9a-f])")


INTERNAL = _internal_words()


def visible_text(page) -> str:
    """The page's text as a reader sees it, table cells included (Streamlit draws tables on a canvas; their
    cells are in the accessible grid)."""
    cells = page.locator("[role=gridcell], [role=columnheader]").all_inner_texts()
    text = page.evaluate("""() => {
        const body = document.body.cloneNode(true);  // icons are ligature names (smart_toy): drawn, not read
        body.querySelectorAll('[data-testid="stIconMaterial"], script, style, noscript').forEach(e => e.remove());
        return body.innerText;
    }""")
    return text + "\n" + "\n".join(cells)


def assert_no_internal_words(page, name: str) -> None:
    found = sorted({m.group(0) for m in INTERNAL.finditer(visible_text(page))})
    assert not found, f"{name}: internal words visible: {found}"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app_url(archive_service, tmp_path_factory):
    home = tmp_path_factory.mktemp("browser") / "home"
    shutil.copytree(archive_service.settings.home, home)
    port = _port()
    env = dict(os.environ, DISCLOSURE_HOME=str(home))
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "app" / "streamlit_app.py"),
                             "--server.headless", "true", "--server.port", str(port), "--server.address", "127.0.0.1",
                             "--browser.gatherUsageStats", "false"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("streamlit did not start")
    yield url
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


def ask(page, question: str) -> None:
    box = page.get_by_test_id("stChatInputTextArea")
    box.wait_for(timeout=60_000)
    box.fill(question)
    box.press("Enter")


def test_a_two_turn_conversation_with_the_cited_answer_open(app_url, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(app_url, wait_until="networkidle")
    page.get_by_text("可以这样问").first.wait_for(timeout=60_000)  # the empty page lists what the archive holds
    ask(page, "昌吉州市监局2024年三公经费花了多少？")
    page.get_by_text("31.19万元", exact=False).first.wait_for(timeout=60_000)
    page.locator("mark").first.wait_for(timeout=30_000)  # the first citation is open without a click
    assert "31.19" in page.locator("mark").first.inner_text()
    assert page.get_by_text("昌吉回族自治州市场监督管理局 · 2024年 · 部门决算 · 第93行", exact=False).count() >= 1
    ask(page, "那上一年呢？")  # (counted from the year asked: 2023; 去年 would be the calendar's 2025)
    page.get_by_text("2023年的公开文件", exact=False).first.wait_for(timeout=60_000)
    assert page.get_by_test_id("stChatMessage").count() == 4
    assert_no_internal_words(page, "ask")
    page.wait_for_timeout(2000)  # the run finished: no "Stop" in the picture
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "ask_conversation.png"), full_page=True)
    page.get_by_role("button", name="新对话").click()
    page.get_by_text("可以这样问").first.wait_for(timeout=30_000)
    assert page.get_by_test_id("stChatMessage").count() == 0
    page.close()


@pytest.mark.skipif(not REAL_PDFS, reason="../shared/corpus with the two real PDFs is not beside the project")
def test_a_pdf_citation_shows_its_page_with_the_quote_highlighted(app_url, browser):
    import io

    import numpy as np
    from PIL import Image

    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(app_url, wait_until="networkidle")
    ask(page, "普陀规划资源局2024年三公经费花了多少？")
    page.get_by_text("0.39万元", exact=False).first.wait_for(timeout=60_000)
    image = page.get_by_test_id("stExpanderDetails").first.locator("img").first
    image.wait_for(timeout=60_000)  # open by default: the first citation
    assert page.get_by_text("第25页（引文以黄色标出）").count() == 1
    png = page.request.get(app_url + image.get_attribute("src").removeprefix(app_url)).body()
    rgb = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    yellow = int(((rgb[..., 0] > 200) & (rgb[..., 1] > 170) & (rgb[..., 2] < 140)).sum())
    assert rgb.shape[0] > 800 and yellow > 1000, (rgb.shape, yellow)
    assert_no_internal_words(page, "ask-pdf")
    page.wait_for_timeout(2000)
    image.scroll_into_view_if_needed()  # the picture shows the highlighted page
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "ask_pdf_page.png"), full_page=True)
    page.close()


def test_the_excel_download_opens_with_numbers_and_three_sheets(app_url, browser, tmp_path):
    from openpyxl import load_workbook

    page = browser.new_page(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
    page.goto(f"{app_url}/extract_page", wait_until="networkidle")
    button = page.get_by_role("button", name="下载 Excel（数字、核查、原因说明）")
    button.wait_for(timeout=60_000)
    with page.expect_download(timeout=60_000) as info:
        button.click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert path.suffix == ".xlsx" and "部门决算" in path.name  # named by unit · year · type
    wb = load_workbook(path)
    assert wb.sheetnames == ["数字", "核查", "原因说明"]
    header = [c.value for c in wb["数字"][1]]
    wanyuan = [r[header.index("数值（万元）")] for r in wb["数字"].iter_rows(min_row=2, values_only=True)]
    assert len(wanyuan) > 50 and sum(isinstance(v, (int, float)) for v in wanyuan) > 50
    assert wb["核查"].max_row > 10 and wb["原因说明"].max_row > 1
    page.close()


def test_a_reason_in_its_context_and_the_reasons_download(app_url, browser, tmp_path):
    """原因说明: a reason's context view opens with the reason highlighted between its neighbours; the reasons shown
    (方向 减少) download as an Excel sheet with Chinese headers."""
    from openpyxl import load_workbook

    from app.export import FOUND_REASON_SHEET

    page = browser.new_page(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
    page.goto(f"{app_url}/reasons_page", wait_until="networkidle")
    page.get_by_text("上下文（前后句）").first.wait_for(timeout=60_000)
    page.get_by_text("上下文（前后句）").first.click()
    mark = page.locator(".reason-context mark").first
    mark.wait_for(timeout=30_000)
    around = page.locator(".reason-context").first.inner_text()
    assert mark.inner_text() in around and len(around) > len(mark.inner_text()) and "\n" not in mark.inner_text()
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="下载 Excel").click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    rows = list(load_workbook(path)["原因说明"].iter_rows(values_only=True))
    assert path.name == "原因说明.xlsx" and rows[0] == FOUND_REASON_SHEET and len(rows) > 1
    assert {r[FOUND_REASON_SHEET.index("方向")] for r in rows[1:]} == {"减少"}
    assert_no_internal_words(page, "reasons")
    page.close()


def test_the_internal_word_pattern_catches_what_it_must():
    """The guard of the page walk can fail: each kind of internal word is caught, Chinese text is not."""
    for shown in ("three_public_budget", "project:J市场监管经费:budget", "final_accounts", "pass", "通过 warn",
                  "000_04b2af8a0d084766.txt", "86d02e4c6956a8c5", "precision 0.9"):
        assert INTERNAL.search(shown), shown
    for shown in ("财政拨款“三公”经费支出 31.19 万元", "昌吉州 · 2024年 · 部门决算 · 第93行", "F1 0.98", "MRR"):
        assert not INTERNAL.search(shown), shown


@pytest.mark.parametrize("path,name", PAGES)
def test_each_page_speaks_chinese_and_is_captured(app_url, browser, path, name):
    """Every page, walked in chromium: no internal key, English status, hash file name or Deploy button."""
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    page.goto(f"{app_url}/{path}", wait_until="networkidle")
    page.get_by_role("heading", name=TITLES[name]).first.wait_for(timeout=60_000)
    if name == "eval":
        page.get_by_role("button", name="运行评测").click()
        page.get_by_text("答错的问题").first.wait_for(timeout=180_000)
        page.get_by_text("答错的问题").first.scroll_into_view_if_needed()
        page.locator("[role=columnheader]", has_text="实际回答").first.wait_for(state="attached", timeout=30_000)
        headers = page.locator("[role=columnheader]").all_inner_texts()  # the grid drawn on a canvas
        assert {"问题", "应包含", "实际回答", "引用"} <= {h.strip() for h in headers}, headers  # the drill-down
        page.get_by_text("下载评测报告（JSON）").first.wait_for(timeout=30_000)
    if name == "reasons":
        page.get_by_text("过紧日子", exact=False).first.wait_for(timeout=60_000)
    if name == "extract":
        page.get_by_text("核验结果：", exact=False).first.wait_for(timeout=60_000)
    page.wait_for_timeout(2000)
    assert "Traceback" not in page.content()
    assert page.get_by_text("Deploy", exact=True).count() == 0
    assert_no_internal_words(page, name)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    page.close()
