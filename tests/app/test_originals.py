"""The archive owns its files (issue 11, item 3): each original is kept under the store by content hash, so
citations, `check DOC_ID` and downloads work after the user's copy moves or goes; uploads never overwrite
each other, whatever their names."""

from __future__ import annotations

import shutil

import fixtures_pdf
from conftest import SAMPLE_TEXTS, make_service

from app.cli import main
from core.schemas import IngestStatus

SMALL = next(p for p in SAMPLE_TEXTS if p.name.startswith("004"))


def _citations_resolve(svc, doc_id: str) -> None:
    chunks = svc.store.chunks_of(doc_id)
    assert chunks
    for c in chunks:
        original = svc.original_text(c.citation)
        assert original is not None and original[c.citation.char_start:c.citation.char_end] == c.citation.quote


def test_citations_check_and_downloads_survive_the_users_copy_going(tmp_path, capsys, monkeypatch):
    user = tmp_path / "user"
    user.mkdir()
    txt = user / SMALL.name
    shutil.copy(SMALL, txt)
    pdf = fixtures_pdf.make_text_pdf(fixtures_pdf.SAMPLE_TEXT * 2, user / "report.pdf") and user / "report.pdf"
    home = tmp_path / "home"
    svc = make_service(home)
    outcomes = svc.ingest([txt, pdf])
    assert [o.status for o in outcomes] == ["ingested", "ingested"]
    ids = [o.doc_id for o in outcomes]
    shutil.rmtree(user)  # the user's copies are gone
    for doc_id in ids:
        stored = svc.store.original_file(svc.store.doc(doc_id))
        assert stored is not None and stored.parent == home / "originals" and stored.name.startswith(doc_id)
        _citations_resolve(svc, doc_id)
        assert svc.check(doc_id)  # reads the document again
    from app.ui.common import download

    pdf_chunk = svc.store.chunks_of(ids[1])[0]
    data, name, mime = download(svc, pdf_chunk.citation)
    assert data.startswith(b"%PDF-") and name == f"report_第{pdf_chunk.citation.page}页.pdf" and mime == "application/pdf"
    data, name, _ = download(svc, svc.store.chunks_of(ids[0])[0].citation)
    assert data == SMALL.read_bytes() and name == "新疆巴州市场监督管理局_2022年_绩效目标表.txt"  # not the hash-made name
    monkeypatch.setenv("DISCLOSURE_HOME", str(home))
    assert main(["check", ids[1]]) == 0
    assert "✗ 错误" in capsys.readouterr().out


def test_a_copy_from_another_path_does_not_repoint_or_break_anything(tmp_path):
    first, second = tmp_path / "a" / SMALL.name, tmp_path / "b" / SMALL.name
    for p in (first, second):
        p.parent.mkdir()
        shutil.copy(SMALL, p)
    svc = make_service(tmp_path / "home")
    (one,) = svc.ingest([first])
    (two,) = svc.ingest([second])
    assert two.status == IngestStatus.unchanged and two.doc_id == one.doc_id
    assert svc.store.doc(one.doc_id).path == str(first.resolve())  # not re-pointed
    second.unlink()
    first.unlink()
    _citations_resolve(svc, one.doc_id)
    assert svc.check(one.doc_id)


def test_a_store_written_before_originals_were_kept_still_works_and_is_completed(tmp_path):
    user = tmp_path / SMALL.name
    shutil.copy(SMALL, user)
    svc = make_service(tmp_path / "home")
    (o,) = svc.ingest([user])
    record = svc.store.doc(o.doc_id)
    svc.store.original_file(record).unlink()  # as an old store: only the user's path
    svc.store.update_record(record.model_copy(update={"stored": None}))
    _citations_resolve(svc, o.doc_id)  # read from the user's path
    (again,) = svc.ingest([user])
    assert again.status == IngestStatus.unchanged
    assert svc.store.doc(o.doc_id).stored  # the archive took its copy now
    user.unlink()
    _citations_resolve(svc, o.doc_id)


def test_removing_a_document_removes_its_kept_original(tmp_path):
    svc = make_service(tmp_path / "home")
    (o,) = svc.ingest([SMALL])
    kept = svc.store.original_file(svc.store.doc(o.doc_id))
    assert kept.exists()
    assert svc.remove(o.doc_id)
    assert not kept.exists()


def test_uploads_with_one_name_never_overwrite_each_other(tmp_path):
    svc = make_service(tmp_path / "home")
    a = SMALL.read_bytes()
    b = a.replace("培训".encode(), "研修".encode())
    long_name = "新疆维吾尔自治区巴音郭楞蒙古自治州市场监督管理局" * 4 + "2022年度部门整体支出绩效目标表.txt"
    assert len(long_name.encode()) > 255
    uploads = [("决算.txt", a), ("决算.txt", b), (".", a.replace(b"2022", b"2021")), ("..", b"\xef\xbb\xbf" + a),
               ("", a + "附注。".encode()), (long_name, a + "说明。".encode()), ("../../etc/passwd", a + b"\n1")]
    outcomes = svc.ingest_uploads(uploads)
    assert [o.status for o in outcomes] == ["ingested"] * len(uploads), [o.message for o in outcomes]
    assert len({o.doc_id for o in outcomes}) == len(uploads) == len(svc.docs())
    names = [o.source for o in outcomes]
    assert names == ["决算.txt", "决算.txt", "upload.txt", "upload.txt", "upload.txt", long_name, "passwd.txt"]
    for o in outcomes:
        _citations_resolve(svc, o.doc_id)
        assert svc.store.doc(o.doc_id).source == o.source
    # the same upload again is recognised
    (again,) = svc.ingest_uploads([("another name.txt", a)])
    assert again.status == IngestStatus.unchanged and again.doc_id == outcomes[0].doc_id
    assert not (tmp_path / "home" / "uploads").exists()  # nothing is kept by name


def test_bad_uploads_are_refused_by_name(tmp_path):
    svc = make_service(tmp_path / "home")
    outcomes = svc.ingest_uploads([("a.pdf", b""), ("b.bin", b"\x00\x01\x02" * 100), ("c.zip", b"PK\x03\x04" + b"0" * 100),
                                   ("名字\n换行.txt", SMALL.read_bytes())])
    assert [o.status for o in outcomes] == ["error", "error", "error", "ingested"]
    assert "empty" in outcomes[0].message and "binary" in outcomes[1].message and "ZIP" in outcomes[2].message
    assert outcomes[3].source == "名字\\n换行.txt"
