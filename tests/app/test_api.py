"""The service API (app/api.py) with FastAPI's TestClient over a real store (Chroma + BM25 in a temp dir),
and once as a real `disclosure serve` process on loopback."""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from conftest import DATA, ROOT, make_service
from fastapi.testclient import TestClient
from pydantic import SecretStr

from app.api import MAX_JSON_BYTES, create_app
from app.settings import get_settings
from app.uploads import MAX_UPLOAD_BYTES

CHANGJI_2024 = DATA / "000_04b2af8a0d084766.txt"  # 昌吉州市场监督管理局 2024 决算
CHANGJI_2021 = DATA / "001_2fc89b8a598a0283.txt"  # 昌吉州市场监督管理局 2021 预算
BAZHOU_2022 = DATA / "004_36c23adddff5d972.txt"  # 新疆巴州市场监督管理局 2022 绩效目标表
CHANGJI = {"昌吉回族自治州市场监督管理局", "昌吉州市场监督管理局"}
FIRST = "昌吉州市场监督管理局2024年三公经费多少"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    home = tmp_path_factory.mktemp("api-store")
    svc = make_service(home)
    outcomes = svc.ingest([CHANGJI_2024, CHANGJI_2021, BAZHOU_2022])
    assert [o.status for o in outcomes] == ["ingested"] * 3, outcomes
    return home, svc


@pytest.fixture(scope="module")
def svc(store):
    return store[1]


@pytest.fixture(scope="module")
def client(svc):
    with TestClient(create_app(svc)) as c:
        yield c


def doc_id_of(svc, path: Path) -> str:
    return next(d.doc_id for d in svc.docs() if d.source == path.name)


def assert_error(response, status: int, kind: str) -> dict:
    """The one error shape: {"error": {"type", "message"}}, nothing else, never a traceback."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"type", "message"}, body
    assert body["error"]["type"] == kind, body
    assert body["error"]["message"] and "Traceback" not in response.text
    return body["error"]


# -- routes ------------------------------------------------------------------------------------------
def test_health_answers_without_a_key(svc):
    app = create_app(svc)
    app.state.api_key = SecretStr("k")
    with TestClient(app) as c:
        assert c.get("/health").json() == {"status": "ok"}


def test_ingest_uploads_each_file_and_reports_each(client, svc):
    before = {d.doc_id for d in svc.docs()}
    excerpt = BAZHOU_2022.read_text(encoding="utf-8")[:3000]  # new content: stored as a new document
    files = [("files", ("巴州摘录.txt", excerpt.encode("utf-8"), "text/plain")),
             ("files", ("empty.pdf", b"", "application/pdf")),
             ("files", (BAZHOU_2022.name, BAZHOU_2022.read_bytes(), "text/plain"))]
    r = client.post("/ingest", files=files)
    assert r.status_code == 200, r.text
    body = r.json()
    assert [f["status"] for f in body["files"]] == ["ingested", "error", "unchanged"]
    assert "empty" in body["files"][1]["message"]
    new = body["files"][0]["doc_id"]
    assert new not in before and body["docs"] == len(before) + 1 == len(svc.docs())
    assert body["chunks"] == svc.store.chunk_count() and body["files"][0]["chunks"] > 0
    listed = client.get("/documents").json()["docs"]
    assert new in {d["doc_id"] for d in listed}
    assert svc.remove(new)  # the other tests see the three sample documents only


def test_ingest_needs_files(client):
    assert_error(client.post("/ingest"), 400, "InputError")


def test_documents_list_what_is_stored(client, svc):
    docs = client.get("/documents").json()["docs"]
    assert sorted(d["source"] for d in docs) == sorted(p.name for p in (CHANGJI_2024, CHANGJI_2021, BAZHOU_2022))
    by_source = {d["source"]: d for d in docs}
    assert by_source[CHANGJI_2024.name]["year"] == 2024 and by_source[CHANGJI_2024.name]["unit"] in CHANGJI
    assert by_source[BAZHOU_2022.name]["year"] == 2022


def test_json_equals_the_cli_json(client, store, monkeypatch, capsys):
    from app import cli

    home, _ = store
    monkeypatch.setenv("DISCLOSURE_HOME", str(home))

    def cli_json(*argv: str):
        assert cli.main([*argv, "--json"]) == 0
        return json.loads(capsys.readouterr().out)

    assert client.get("/documents").json() == cli_json("docs")
    assert client.get("/search", params={"q": "三公经费", "k": 3}).json() == cli_json("search", "三公经费", "--k", "3")
    reply = client.post("/ask", json={"question": FIRST}).json()
    assert {k: v for k, v in reply.items() if k not in ("conversation_id", "parsed")} == cli_json("ask", FIRST)
    assert client.get("/reasons", params={"q": "公务接待费 减少"}).json() == cli_json("reasons", "公务接待费 减少")


def test_search_keeps_to_its_filters_and_cites(client, svc):
    unit = next(d.unit for d in svc.docs() if d.source == CHANGJI_2024.name)
    r = client.get("/search", params={"q": "三公经费", "k": 4, "unit": unit, "year": 2024})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["query"]["filters"]["year"] == 2024
    hits = body["hits"]
    assert 1 <= len(hits) <= 4
    for h in hits:
        c = h["citation"]
        assert c["unit"] in CHANGJI and c["year"] == 2024 and c["quote"]


def test_search_by_type(client):
    hits = client.get("/search", params={"q": "预算", "type": "budget"}).json()["hits"]
    assert hits and {h["citation"]["source"] for h in hits} == {CHANGJI_2021.name}


def test_ask_answers_with_a_cited_figure_and_a_conversation_id(client):
    r = client.post("/ask", json={"question": FIRST})
    assert r.status_code == 200, r.text
    a = r.json()
    assert a["answerable"] and "31.19" in a["answer"]
    assert any("31.19" in c["quote"] for c in a["citations"])
    assert len(a["conversation_id"]) >= 16 and a["parsed"]["years"] == [2024]


def test_a_two_turn_conversation_carries_the_unit(client):
    first = client.post("/ask", json={"question": FIRST}).json()
    cid = first["conversation_id"]
    # alone, "那前年呢？" counts from the calendar (2026 − 2 = 2024) and names no unit; after FIRST, from its 2024
    alone = client.post("/ask", json={"question": "那前年呢？"}).json()
    assert alone["parsed"]["filters"]["units"] == []
    follow = client.post("/ask", json={"question": "那前年呢？", "conversation_id": cid}).json()
    assert follow["conversation_id"] == cid
    assert set(follow["parsed"]["filters"]["units"]) == CHANGJI and follow["parsed"]["years"] == [2022]
    assert follow["parsed"]["metrics"] == ["three_public_actual"]
    assert not follow["answerable"] and "昌吉" in follow["answer"] and "2022" in follow["answer"]
    assert "巴州" not in follow["answer"]
    budget = client.post("/ask", json={"question": "那2021年的预算呢？", "conversation_id": cid}).json()
    assert budget["answerable"] and "33.86" in budget["answer"] and "昌吉" in budget["answer"]
    assert any("33.86" in c["quote"] for c in budget["citations"])


def test_conversations_are_kept_apart(client):
    a = client.post("/ask", json={"question": FIRST, "conversation_id": "conv-a"}).json()
    b = client.post("/ask", json={"question": "新疆巴州市场监督管理局2022年的情况", "conversation_id": "conv-b"}).json()
    assert a["conversation_id"] == "conv-a" and b["conversation_id"] == "conv-b"
    follow = client.post("/ask", json={"question": "公务接待费呢？", "conversation_id": "conv-a"}).json()
    assert set(follow["parsed"]["filters"]["units"]) == CHANGJI and follow["parsed"]["years"] == [2024]


def test_reasons_keep_the_direction_asked(client):
    r = client.get("/reasons", params={"q": "公务接待费 减少", "k": 5})
    assert r.status_code == 200, r.text
    found = r.json()["reasons"]
    assert 1 <= len(found) <= 5
    assert all(x["direction"] in ("减少", None) for x in found)
    assert all(x["reason"] and x["citation"]["quote"] for x in found)
    assert all(x["context"]["sentence"] == x["text"] for x in found)  # the context view's sentences
    only = client.get("/reasons", params={"q": "机关运行经费", "direction": "增加", "year": 2021}).json()["reasons"]
    assert only and {x["direction"] for x in only} == {"增加"} and {x["year"] for x in only} == {2021}
    assert client.get("/reasons", params={"q": "机关运行经费", "direction": "up"}).status_code == 400


def test_extract_of_a_stored_document(client, svc):
    doc_id = doc_id_of(svc, CHANGJI_2024)
    ex = client.get(f"/extract/{doc_id}").json()
    assert ex["doc_id"] == doc_id and ex["fiscal_year"] == 2024
    assert any(f["key"] == "three_public_actual" and f["value"] == "31.19" for f in ex["figures"])
    assert all(f["citation"]["doc_id"] == doc_id for f in ex["figures"])
    view = client.get(f"/extract/{doc_id}", params={"view": "true"}).json()
    assert view["summary"]["three_public_actual"]["value"] == "31.19"


def test_extract_with_llm_needs_an_endpoint(client, svc):
    r = client.get(f"/extract/{doc_id_of(svc, CHANGJI_2024)}", params={"llm": "true"})
    assert "DISCLOSURE_LLM_BASE_URL" in assert_error(r, 400, "ConfigError")["message"]


def test_check_of_a_stored_document(client, svc):
    doc_id = doc_id_of(svc, CHANGJI_2024)
    checks = client.get(f"/check/{doc_id}").json()["checks"]
    assert checks and {c["status"] for c in checks} <= {"pass", "fail", "warn", "skip"}
    assert any(c["status"] == "pass" for c in checks)
    assert checks == [c.model_dump(mode="json") for c in svc.check(doc_id)]
    assert_error(client.get(f"/check/{doc_id}", params={"tolerance": "-1"}), 400, "InputError")


def test_export_xlsx_and_csv_downloads(client, svc):
    from openpyxl import load_workbook

    figures = sum(len(svc.store.figures_of(d.doc_id)) for d in svc.docs())
    r = client.get("/export", params={"format": "xlsx"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "figures.xlsx" in r.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(r.content)).worksheets[0]
    assert sheet.max_row == figures + 1  # a header and one row per figure
    one = doc_id_of(svc, CHANGJI_2021)
    r = client.get("/export", params={"format": "csv", "doc": one})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert len(rows) == len(svc.store.figures_of(one)) + 1 > 1


def test_eval_scores_the_stored_documents(client, svc):
    r = client.post("/eval")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["report"]["run"]["archive"] == sorted(d.source for d in svc.docs())
    assert 0.5 < body["headline"]["answer_accuracy"] <= 1 and body["threshold_failures"] == []
    assert body["headline"][f"f1:{CHANGJI_2024.name}"] > 0.9


def test_a_document_is_corrected_its_findings_marked_and_removed(tmp_path):
    """The writes the CLI offers (docs --set, check --dismiss/--undismiss, remove) as routes, same JSON."""
    svc = make_service(tmp_path / "home")
    svc.ingest([BAZHOU_2022, CHANGJI_2024])
    with TestClient(create_app(svc)) as c:
        doc_id = doc_id_of(svc, BAZHOU_2022)
        r = c.patch(f"/documents/{doc_id}", json={"unit": "巴音郭楞蒙古自治州市场监督管理局", "scope": "unit"})
        assert r.status_code == 200, r.text
        assert r.json()["doc"]["unit"] == "巴音郭楞蒙古自治州市场监督管理局" and r.json()["doc"]["scope"] == "unit"
        assert svc.store.doc(doc_id).unit == "巴音郭楞蒙古自治州市场监督管理局"
        assert_error(c.patch(f"/documents/{doc_id}", json={}), 400, "InputError")
        assert_error(c.patch(f"/documents/{doc_id}", json={"year": 3000}), 400, "InputError")
        assert_error(c.patch("/documents/no-such-doc", json={"year": 2022}), 404, "NotFound")

        changji = doc_id_of(svc, CHANGJI_2024)
        finding = next(x for x in c.get(f"/check/{changji}").json()["checks"] if x["status"] in ("fail", "warn"))
        r = c.post(f"/check/{changji}/dismissals", json={"finding_id": finding["finding_id"], "reason": "已人工核对"})
        assert r.status_code == 200, r.text
        assert r.json()["dismissed"]["dismissed"]["reason"] == "已人工核对"
        again = next(x for x in c.get(f"/check/{changji}").json()["checks"]
                     if x["finding_id"] == finding["finding_id"])
        assert again["dismissed"]["reason"] == "已人工核对"  # kept and shown, not deleted
        assert_error(c.post(f"/check/{changji}/dismissals", json={"finding_id": finding["finding_id"]}),
                     400, "InputError")  # a reason is required
        r = c.delete(f"/check/{changji}/dismissals/{finding['finding_id']}")
        assert r.json() == {"finding_id": finding["finding_id"], "undismissed": True}
        assert_error(c.delete(f"/check/{changji}/dismissals/{finding['finding_id']}"), 404, "NotFound")

        assert c.delete(f"/documents/{doc_id}").json() == {"doc_id": doc_id, "removed": True}
        assert [d.source for d in svc.docs()] == [CHANGJI_2024.name]
        assert_error(c.delete(f"/documents/{doc_id}"), 404, "NotFound")


def test_openapi_docs_list_every_route(client):
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/health", "/ingest", "/documents", "/documents/{doc_id}", "/search", "/ask", "/reasons",
            "/extract/{doc_id}", "/check/{doc_id}", "/check/{doc_id}/dismissals",
            "/check/{doc_id}/dismissals/{finding_id}", "/export", "/eval"} <= set(paths)
    assert {"patch", "delete"} <= set(paths["/documents/{doc_id}"])


# -- errors ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("method", "url", "kwargs", "status", "kind"), [
    ("get", "/search", {"params": {"q": "三公经费", "k": 0}}, 400, "InputError"),
    ("get", "/search", {"params": {"q": "三公经费", "k": 101}}, 400, "InputError"),
    ("get", "/search", {"params": {"q": "三公经费", "year": 3000}}, 400, "InputError"),
    ("get", "/search", {"params": {"q": "三公经费", "mode": "magic"}}, 400, "InputError"),
    ("get", "/search", {}, 400, "InputError"),
    ("post", "/ask", {"json": {"question": "问" * 501}}, 400, "InputError"),
    ("post", "/ask", {"json": {"question": ""}}, 400, "InputError"),
    ("post", "/ask", {"json": {"question": "三公经费", "conversation_id": "../x y"}}, 400, "InputError"),
    ("post", "/ask", {"content": b"{not json", "headers": {"content-type": "application/json"}}, 400, "InputError"),
    ("get", "/extract/no-such-doc", {}, 404, "NotFound"),
    ("get", "/check/no-such-doc", {}, 404, "NotFound"),
    ("get", "/export", {"params": {"doc": "no-such-doc"}}, 404, "NotFound"),
    ("get", "/extract/..%2F..%2Fetc%2Fpasswd", {}, 404, "NotFound"),
    ("get", "/export", {"params": {"format": "pdf"}}, 400, "InputError"),
    ("get", "/no-such-route", {}, 404, "NotFound"),
    ("delete", "/documents", {}, 405, "MethodNotAllowed"),
], ids=["k0", "k101", "year", "mode", "no-q", "long-question", "empty-question", "bad-conversation-id",
        "bad-json", "extract-unknown", "check-unknown", "export-unknown", "no-path-reading", "export-format",
        "route", "method"])
def test_errors_have_one_shape(client, method, url, kwargs, status, kind):
    assert_error(getattr(client, method)(url, **kwargs), status, kind)


def test_too_long_question_says_the_limit(client):
    assert "500" in assert_error(client.post("/ask", json={"question": "问" * 501}), 400, "InputError")["message"]


def test_an_unexpected_error_is_500_without_a_traceback(svc, monkeypatch):
    def broken():
        raise RuntimeError("boom at /very/secret/path")

    app = create_app(svc)
    monkeypatch.setattr(svc, "docs", broken)
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/documents")
    err = assert_error(r, 500, "InternalError")
    assert "secret" not in r.text and "boom" not in r.text and "RuntimeError" not in err["message"]


# -- the key -----------------------------------------------------------------------------------------
KEY = "s3cret-key-for-tests"


@pytest.fixture(scope="module")
def keyed(svc):
    app = create_app(svc)
    app.state.api_key = SecretStr(KEY)
    with TestClient(app) as c:
        yield c


def test_the_key_is_read_once_as_a_secret():
    s = get_settings({"DISCLOSURE_API_KEY": KEY, "DISCLOSURE_HOME": "/tmp/x"})
    assert s.api_key is not None and s.api_key.get_secret_value() == KEY
    assert KEY not in repr(s) and KEY not in s.model_dump_json() and KEY not in s.fingerprint()


@pytest.mark.parametrize(("headers", "status"), [
    ({}, 401),
    ({"Authorization": "Bearer wrong"}, 401),
    ({"X-API-Key": "wrong"}, 401),
    ({"Authorization": KEY}, 401),  # no scheme
    ({"Authorization": f"Basic {KEY}"}, 401),
    ({"Authorization": f"Bearer {KEY}"}, 200),
    ({"X-API-Key": KEY}, 200),
], ids=["none", "wrong-bearer", "wrong-header", "no-scheme", "basic", "bearer", "header"])
def test_the_key_is_asked_for(keyed, headers, status):
    for r in (keyed.get("/documents", headers=headers),
              keyed.get("/search", params={"q": "三公经费"}, headers=headers),
              keyed.post("/ask", json={"question": FIRST}, headers=headers)):
        if status == 401:
            err = assert_error(r, 401, "Unauthorized")
            assert r.headers["www-authenticate"] == "Bearer" and KEY not in err["message"]
        else:
            assert r.status_code == 200, r.text


def test_health_and_docs_need_no_key_and_uploads_do(keyed, svc):
    assert keyed.get("/health").status_code == 200
    assert keyed.get("/docs").status_code == 200 and keyed.get("/openapi.json").status_code == 200
    before = len(svc.docs())
    r = keyed.post("/ingest", files=[("files", ("x.txt", "新的文件".encode(), "text/plain"))])
    assert_error(r, 401, "Unauthorized")
    assert len(svc.docs()) == before


# -- size limits -------------------------------------------------------------------------------------
def test_an_upload_over_the_limit_is_413(client, svc):
    before = len(svc.docs())
    part = b"\0" * (MAX_UPLOAD_BYTES // 5)  # six files, each under the project's limit, together over it
    r = client.post("/ingest", files=[("files", (f"f{i}.pdf", part, "application/pdf")) for i in range(6)])
    assert f"{MAX_UPLOAD_BYTES // 1024 ** 2} MB" in assert_error(r, 413, "TooLarge")["message"]
    assert len(svc.docs()) == before


def test_a_chunked_upload_is_cut_at_the_limit(svc):  # a small limit; the multipart allowance is 1 MB
    boundary = "b0undary"

    def body():  # no Content-Length: the limit is counted as the bytes arrive
        for i in range(150):  # 150 parts of 9 KB, each under the limit
            yield (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"f{i}.bin\"\r\n"
                   "Content-Type: application/octet-stream\r\n\r\n").encode() + b"\0" * 9000 + b"\r\n"
        yield f"--{boundary}--\r\n".encode()

    with TestClient(create_app(svc, upload_limit=10 * 1024)) as c:
        r = c.post("/ingest", content=body(), headers={"content-type": f"multipart/form-data; boundary={boundary}"})
    assert "10 KB" in assert_error(r, 413, "TooLarge")["message"]


def test_one_file_over_the_limit_is_413_within_the_multipart_allowance(svc):
    before = len(svc.docs())
    with TestClient(create_app(svc, upload_limit=10 * 1024)) as c:
        r = c.post("/ingest", files=[("files", ("ok.txt", "三公经费\n".encode() * 100, "text/plain")),
                                     ("files", ("big.txt", b"1\n" * 6000, "text/plain"))])
    assert "big.txt" in assert_error(r, 413, "TooLarge")["message"]
    assert len(svc.docs()) == before  # nothing of the request is stored


def test_a_json_request_over_the_limit_is_413(client):
    r = client.post("/ask", json={"question": "问" * MAX_JSON_BYTES})
    assert_error(r, 413, "TooLarge")


# -- a real server -----------------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_disclosure_serve_on_loopback(store):
    home, _ = store
    port = _free_port()
    env = {**os.environ, "DISCLOSURE_HOME": str(home), "DISCLOSURE_API_KEY": KEY}
    proc = subprocess.Popen([sys.executable, "-m", "app.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
                             "--log-level", "warning"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None, proc.stdout.read().decode(errors="replace")
            try:
                if httpx.get(f"{base}/health", timeout=2).json() == {"status": "ok"}:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "disclosure serve did not answer /health within 120 s"
            time.sleep(0.5)
        assert httpx.post(f"{base}/ask", json={"question": FIRST}, timeout=60).status_code == 401
        r = httpx.post(f"{base}/ask", json={"question": FIRST}, headers={"Authorization": f"Bearer {KEY}"},
                       timeout=60)
        assert r.status_code == 200, r.text
        assert r.json()["answerable"] and "31.19" in r.json()["answer"]
    finally:
        proc.terminate()
        try:
            out = proc.communicate(timeout=30)[0].decode(errors="replace")
        except subprocess.TimeoutExpired:
            proc.kill()
            out = proc.communicate()[0].decode(errors="replace")
    assert KEY not in out  # the key is never logged
