"""The search page, run by Streamlit's AppTest on a real store."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).parents[2] / "app" / "streamlit_app.py")


def test_search_page_ingests_and_shows_cited_passages(tmp_path, monkeypatch):
    monkeypatch.setenv("DISCLOSURE_HOME", str(tmp_path / "home"))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception
    assert "份文件" in at.caption[0].value
    at.text_input[0].input("昌吉州市监局2024年公车运行维护费多少").run()
    assert not at.exception
    shown = " ".join(m.value for m in at.markdown)
    assert "30.86" in shown and "000_04b2af8a0d084766.txt" in shown
