"""The OpenAI-compatible embedder against a local HTTP server started by the test.

The server is a scripted fake (deterministic hash vectors); it tests our client path, batching,
the key handling and the model pinning, not embedding quality.
"""

from __future__ import annotations

import hashlib
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import pytest
from conftest import SAMPLE_TEXTS, make_service

from core.errors import EmbedderMismatchError


class _Handler(BaseHTTPRequestHandler):
    seen: list[dict] = []

    def do_POST(self):  # noqa: N802 - http.server API
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        _Handler.seen.append({"path": self.path, "auth": self.headers.get("Authorization"), "n": len(body["input"])})
        data = []
        for i, text in enumerate(body["input"]):
            seed = int(hashlib.sha256(text.encode()).hexdigest()[:8], 16)
            v = np.random.default_rng(seed).standard_normal(64)
            data.append({"object": "embedding", "index": i, "embedding": (v / np.linalg.norm(v)).tolist()})
        out = json.dumps({"object": "list", "data": data, "model": body["model"],
                          "usage": {"prompt_tokens": 1, "total_tokens": 1}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    _Handler.seen.clear()
    yield f"http://127.0.0.1:{srv.server_address[1]}/v1"
    srv.shutdown()


def test_openai_compatible_embeddings(tmp_path, server, monkeypatch):
    monkeypatch.setenv("DISCLOSURE_EMBED_API_KEY", "sk-test-secret")
    env = {"DISCLOSURE_EMBEDDER": "openai", "DISCLOSURE_EMBED_MODEL": "bge-m3", "DISCLOSURE_EMBED_BASE_URL": server}
    svc = make_service(tmp_path / "home", **env)
    doc = next(p for p in SAMPLE_TEXTS if p.name.startswith("004"))
    (o,) = svc.ingest([doc])
    assert o.status == "ingested" and o.embedded == o.chunks
    assert _Handler.seen and all(s["path"] == "/v1/embeddings" for s in _Handler.seen)
    assert all(s["auth"] == "Bearer sk-test-secret" for s in _Handler.seen)
    assert max(s["n"] for s in _Handler.seen) <= 32  # batched
    hits, _ = svc.search("巴州市监局培训项目预算", k=3)
    assert len(hits) == 3
    stored = json.dumps(svc.store.collection.metadata) + (tmp_path / "home" / "catalog.sqlite").read_bytes().decode(
        "latin-1")
    assert "sk-test-secret" not in stored and "bge-m3" in svc.store.collection.metadata["embedder"]
    with pytest.raises(EmbedderMismatchError):
        make_service(tmp_path / "home", **{**env, "DISCLOSURE_EMBED_MODEL": "other-model"})


def _every_stored_byte(home) -> bytes:
    return b"".join(p.read_bytes() for p in home.rglob("*") if p.is_file())


def test_credentials_in_the_base_url_are_never_stored_or_printed(tmp_path, server, monkeypatch):
    """Issue 11, item 9: https://user:secret@host/v1 is used for the calls, but stored and shown without them."""
    monkeypatch.delenv("DISCLOSURE_EMBED_API_KEY", raising=False)
    with_credentials = server.replace("http://", "http://alice:pa55word-xyz@")
    env = {"DISCLOSURE_EMBEDDER": "openai", "DISCLOSURE_EMBED_MODEL": "bge-m3",
           "DISCLOSURE_EMBED_BASE_URL": with_credentials}
    home = tmp_path / "home"
    svc = make_service(home, **env)
    doc = next(p for p in SAMPLE_TEXTS if p.name.startswith("004"))
    (o,) = svc.ingest([doc])
    assert o.status == "ingested", o.message
    assert svc.search("巴州市监局培训项目预算", k=3)[0]
    assert "pa55word-xyz" not in svc.store.embedder.fingerprint()
    assert b"pa55word-xyz" not in _every_stored_byte(home) and b"alice" not in _every_stored_byte(home)
    assert "127.0.0.1" in svc.store.collection.metadata["embedder"]  # the endpoint itself is still recorded
    # the same endpoint, with or without credentials, is the same model: no mismatch
    make_service(home, **{**env, "DISCLOSURE_EMBED_BASE_URL": server})
    with pytest.raises(EmbedderMismatchError) as info:
        make_service(home, **{**env, "DISCLOSURE_EMBED_MODEL": "other-model"})
    assert "pa55word-xyz" not in str(info.value) and "alice" not in str(info.value)
    assert "disclosure reset" not in str(info.value)
    # an endpoint that fails: the error names it without the credentials
    dead = make_service(tmp_path / "dead", **{**env, "DISCLOSURE_EMBED_BASE_URL": "http://bob:t0psecret@127.0.0.1:9/v1"})
    (bad,) = dead.ingest([doc])
    assert bad.status == "error" and "127.0.0.1:9" in bad.message
    assert "t0psecret" not in bad.message and "bob" not in bad.message
    assert b"t0psecret" not in _every_stored_byte(tmp_path / "dead")


def test_settings_never_show_url_credentials():
    from app.settings import get_settings

    s = get_settings({"DISCLOSURE_EMBEDDER": "openai", "DISCLOSURE_EMBED_MODEL": "m",
                      "DISCLOSURE_EMBED_BASE_URL": "https://alice:pa55word-xyz@emb.example/v1?api_key=k3y-abc",
                      "DISCLOSURE_LLM_BASE_URL": "https://carol:llm-pa55@llm.example/v1", "DISCLOSURE_LLM_MODEL": "x"})
    shown = repr(s) + str(s) + s.model_dump_json() + repr(s.model_dump()) + repr(s.embed) + repr(s.llm)
    for secret in ("pa55word-xyz", "alice", "k3y-abc", "llm-pa55", "carol"):
        assert secret not in shown, secret
    assert "emb.example" in shown and "llm.example" in shown
    # the calls still get the URL as configured
    assert s.embed.config()["base_url"].startswith("https://alice:pa55word-xyz@")
    assert s.llm.client().base_url.startswith("https://carol:llm-pa55@")
