"""One store shared by a long-lived reader, other processes that write, and threads (issue 11, item 2).

Before: after `disclosure ingest` ran in another process, an open service's searches failed with chromadb's
"Error finding id", then all of them. Now readers keep answering while a writer ingests, and see the new
documents afterwards; two writers serialise; nothing is lost or duplicated.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from conftest import SAMPLE_TEXTS, make_service

ROOT = Path(__file__).resolve().parents[2]
SMALL = [p for p in SAMPLE_TEXTS if p.name.startswith(("004", "001"))]
TINY = [p for p in SAMPLE_TEXTS if p.name.startswith("004")]  # 17 chunks: quick to ingest
PLACES = ["哈密", "伊犁", "阿勒泰", "塔城", "喀什", "和田"]


def _variants(folder: Path, places: list[str], sources: list[Path] = TINY) -> list[Path]:
    """Copies of small sample texts under other unit names: new documents, new units."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for place in places:
        for src in sources:
            text = src.read_text(encoding="utf-8")
            for unit in ("昌吉州市场监督管理局", "新疆巴州市场监督管理局"):
                text = text.replace(unit, f"{place}市市场监督管理局")
            path = folder / f"{place}_{src.name}"
            path.write_text(text, encoding="utf-8")
            out.append(path)
    return out


def _cli(home: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "app.cli", *args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=dict(os.environ, DISCLOSURE_HOME=str(home)))


def _read_until(done, svc, failures: list, counts: list) -> None:
    questions = ["三公经费支出", "培训项目预算", "公务接待费为什么减少"]
    i = 0
    while not done():
        q = questions[i % len(questions)]
        i += 1
        try:
            for mode in ("hybrid", "dense", "bm25"):
                svc.search(q, 5, mode=mode)
            svc.ask("巴州市监局2022年培训费预算多少")
            counts.append(1)
        except Exception as e:  # every failure is counted: none is allowed
            failures.append(repr(e)[:300])
        time.sleep(0.02)  # leave the writer some of the two cores


def _assert_whole(svc) -> None:
    docs = svc.docs()
    chunks = svc.store.chunk_count()
    assert sum(d.chunks for d in docs) == chunks
    for d in docs:
        assert len(svc.store.chunks_of(d.doc_id)) == d.chunks
    assert svc.store.collection.count() == chunks  # no vector lost or duplicated


def test_an_open_reader_keeps_answering_while_another_process_ingests(tmp_path):
    home = tmp_path / "home"
    reader = make_service(home)
    reader.ingest(SMALL)
    assert reader.search("三公经费支出", 5)[0]
    files = _variants(tmp_path / "new", PLACES[:4])
    writer = _cli(home, "ingest", str(tmp_path / "new"))
    failures: list[str] = []
    counts: list[int] = []
    _read_until(lambda: writer.poll() is not None, reader, failures, counts)
    out, err = writer.communicate()
    assert writer.returncode == 0, out + err
    rounds = iter(range(3))  # and after it is done
    _read_until(lambda: next(rounds, None) is None, reader, failures, counts)
    assert not failures, failures[:3]
    assert len(counts) >= 3
    # the reader sees the new documents, in every retriever
    assert len(reader.docs()) == len(SMALL) + len(files)
    for mode in ("dense", "bm25", "hybrid"):
        hits, _ = reader.search("培训项目预算", 5, unit="阿勒泰市市场监督管理局", mode=mode)
        assert hits and all(h.citation.unit == "阿勒泰市市场监督管理局" for h in hits), mode
    _assert_whole(reader)


def test_two_writer_processes_serialise_and_nothing_is_duplicated(tmp_path):
    home = tmp_path / "home"
    make_service(home).ingest(SMALL[:1])
    a = _variants(tmp_path / "a", PLACES[:2])
    b = _variants(tmp_path / "b", PLACES[1:3])  # one place in common: the same contents, other paths
    first = _cli(home, "ingest", str(tmp_path / "a"))
    second = _cli(home, "ingest", str(tmp_path / "b"))
    for p in (first, second):
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, out + err
    svc = make_service(home)
    contents = {f.read_bytes() for f in a + b}
    assert len(svc.docs()) == 1 + len(contents)
    _assert_whole(svc)
    assert svc.search("培训项目预算", 5, unit="阿勒泰市市场监督管理局")[0]


def test_reader_threads_and_a_writer_thread_in_one_service(tmp_path):
    svc = make_service(tmp_path / "home")
    svc.ingest(SMALL)
    files = _variants(tmp_path / "new", PLACES[3:6])
    done = threading.Event()
    failures: list[str] = []
    counts: list[int] = []
    threads = [threading.Thread(target=_read_until, args=(done.is_set, svc, failures, counts)) for _ in range(3)]
    for t in threads:
        t.start()
    time.sleep(0.5)
    outcomes = svc.ingest(files)
    done.set()
    for t in threads:
        t.join(timeout=120)
    assert all(o.status == "ingested" for o in outcomes)
    assert not failures, failures[:3]
    assert counts
    hits, _ = svc.search("培训项目预算", 5, unit="喀什市市场监督管理局", mode="bm25")
    assert hits
    _assert_whole(svc)
