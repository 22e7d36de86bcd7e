"""A SCRIPTED FAKE OpenAI-compatible chat server for tests (not a model).

Each test queues the exact replies it will send to ``POST /v1/chat/completions`` on 127.0.0.1 (random
port) and reads back every request received. A reply is the message content (a string, or a
callable building it from the request body), ``{"status": 503, "message": ...}`` for an HTTP error,
``{"refusal": ...}`` for a refusal, or ``{"sleep": seconds, "then": reply}`` to answer late.
Shared by tests/extraction/test_llm.py and tests/app/test_llm_answer.py.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODEL = "fake-model"

Reply = str | dict | Callable[[dict], str]


class FakeOpenAI:
    """Answers chat completions from a script; records every request it receives."""

    def __init__(self) -> None:
        self.script: list[Reply] = []
        self.requests: list[dict] = []
        self.stop = threading.Event()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep pytest output clean
                pass

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                fake.requests.append({"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}, "body": body})
                if self.path != "/v1/chat/completions":
                    return self._send(404, {"error": {"message": f"no route {self.path}"}})
                if not fake.script:
                    return self._send(500, {"error": {"message": "script exhausted"}})
                reply = fake.script.pop(0)
                if isinstance(reply, dict) and "sleep" in reply:
                    fake.stop.wait(reply["sleep"])
                    reply = reply.get("then", '{"figures": []}')
                if isinstance(reply, dict) and "status" in reply:
                    return self._send(reply["status"], {"error": {"message": reply.get("message", "scripted error")}})
                refusal = reply.get("refusal") if isinstance(reply, dict) else None
                content = None if refusal else reply(body) if callable(reply) else reply
                self._send(200, {
                    "id": f"chatcmpl-fake-{len(fake.requests)}", "object": "chat.completion", "created": 0,
                    "model": body.get("model", MODEL),
                    "choices": [{"index": 0, "finish_reason": "stop", "logprobs": None,
                                 "message": {"role": "assistant", "content": content, "refusal": refusal}}],
                    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                })

            def _send(self, status: int, payload: dict) -> None:
                data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout test)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.stop.set()
        self.server.shutdown()
        self.server.server_close()
