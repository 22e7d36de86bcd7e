"""End to end in a real headless browser: Debian's chromium, driven by Playwright, against `streamlit run`.

Saves a screenshot of each page to a temporary folder, or to ``$SCREENSHOTS_DIR`` when set (``make screenshots``
sets it to docs/screenshots/, linked from the README): a test run never rewrites tracked files.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
SHOTS = Path(os.environ.get("SCREENSHOTS_DIR") or tempfile.mkdtemp(prefix="screenshots-"))
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install chromium)")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PAGES = [("", "ask"), ("reasons_page", "reasons"), ("docs_page", "docs"), ("extract_page", "extract"),
         ("eval_page", "eval")]


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


def test_ask_a_question_and_read_the_cited_answer(app_url, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(app_url, wait_until="networkidle")
    box = page.get_by_label("问题")
    box.wait_for(timeout=60_000)
    box.fill("昌吉州市监局2024年三公经费花了多少？")
    box.press("Enter")
    page.get_by_text("31.19万元", exact=False).first.wait_for(timeout=60_000)
    cited = page.get_by_text("000_04b2af8a0d084766.txt", exact=False).first
    cited.wait_for(timeout=60_000)
    cited.click()  # open the cited passage
    page.locator("mark").first.wait_for(timeout=30_000)
    assert "31.19" in page.locator("mark").first.inner_text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "ask.png"), full_page=True)
    page.close()


@pytest.mark.parametrize("path,name", PAGES[1:])
def test_each_page_renders_and_is_captured(app_url, browser, path, name):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(f"{app_url}/{path}", wait_until="networkidle")
    title = {"reasons": "原因说明", "docs": "文档", "extract": "抽取与核验", "eval": "评测"}[name]
    page.get_by_role("heading", name=title).first.wait_for(timeout=60_000)
    if name == "eval":
        page.get_by_role("button", name="运行评测").click()
        page.get_by_text("答案准确率").first.wait_for(timeout=120_000)
    if name == "reasons":
        page.get_by_text("过紧日子", exact=False).first.wait_for(timeout=60_000)
    page.wait_for_timeout(1500)
    assert "Traceback" not in page.content()
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    page.close()
