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
