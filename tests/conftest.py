"""Shared fixtures: the sample archive, the real PDFs beside the project, and one real store."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(Path(__file__).parent))  # fixtures_pdf

# 今年/去年/前年 count from the calendar: every service the tests start (and every CLI they run) lives on one day
os.environ.setdefault("DISCLOSURE_TODAY", "2026-11-30")

SAMPLE_TEXTS = sorted(DATA.glob("*.txt"))
REAL_PDFS = sorted(SHARED_CORPUS.glob("*.pdf")) if SHARED_CORPUS.exists() else []


def needs_real_pdfs():
    return pytest.mark.skipif(not REAL_PDFS, reason="../shared/corpus with the two real PDFs is not beside the project")


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def real_pdfs() -> list[Path]:
    if not REAL_PDFS:
        pytest.skip("../shared/corpus with the two real PDFs is not beside the project")
    return REAL_PDFS


def make_service(home: Path, **env):
    from app.service import DisclosureService
    from app.settings import get_settings

    return DisclosureService(get_settings({"DISCLOSURE_HOME": str(home), **env}))


def service_with(tmp_path: Path, name: str, text: str, **env):
    """A real store in ``tmp_path`` holding one text document written there (a kind the sample archive lacks)."""
    doc = tmp_path / name
    doc.write_text(text, encoding="utf-8")
    svc = make_service(tmp_path / "home", **env)
    assert [o.status for o in svc.ingest([doc])] == ["ingested"]
    return svc


def service_of_texts(home: Path, texts: dict[str, str], **env):
    """A real store under ``home`` holding the text documents ``texts`` (file name → text), written there first."""
    for name, text in texts.items():
        (home / name).write_text(text, encoding="utf-8")
    svc = make_service(home / "store", **env)
    outcomes = svc.ingest([home / name for name in texts])
    assert [o.status for o in outcomes] == ["ingested"] * len(texts), [o.message for o in outcomes]
    return svc


def private_home(archive_service, tmp_path: Path) -> Path:
    """A copy of the shared archive store for a test that opens it from another process: the live store is read by
    this process's connections only (two processes on one WAL catalog in a temp folder have read torn pages here)."""
    import shutil

    home = tmp_path / "archive-copy"
    shutil.copytree(archive_service.settings.home, home)
    return home


@pytest.fixture(scope="session")
def archive_service(tmp_path_factory):
    """A real store (Chroma + BM25 in a temp dir) holding the sample texts and, where present, the real PDFs."""
    home = tmp_path_factory.mktemp("store")
    svc = make_service(home)
    outcomes = svc.ingest([*SAMPLE_TEXTS, *REAL_PDFS])
    assert all(o.status == "ingested" for o in outcomes), [o for o in outcomes if o.status != "ingested"]
    return svc
