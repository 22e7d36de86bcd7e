"""The Chroma collection, shared safely by every process and thread that opens the store.

Chroma's embedded client keeps its HNSW index in memory: after another process writes, an open client's
index no longer matches the on-disk metadata and queries fail ("Error finding id"). So:

- a writer changes the collection only while holding ``vectors.lock`` exclusively, and then bumps a
  counter in the catalog (``meta.vectors``);
- a reader queries while holding ``vectors.lock`` shared; when the counter differs from the one its client
  was opened at, it reopens the client first (a fresh client reads everything committed);
- a query that fails anyway is retried after reopening (a few times, backing off) before it is an error.

One client per folder is shared by all stores of a process (Chroma shares its in-memory system per folder
anyway), so reopening really reloads. A Chroma server (``CHROMA_HOST``) is consistent by itself: its
client is never reopened, the locks still order writers.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.errors import EmbedderMismatchError, StoreError
from core.sanitise import redact_text
from index.embedders import BaseEmbedder
from index.locks import RWLock, exclusive, shared

COLLECTION = "disclosure_chunks"
RETRIES = 4


@dataclass
class ChromaTarget:
    """Where the vectors live: a folder (embedded) or a Chroma server."""

    path: Path | None = None
    host: str | None = None
    port: int | None = None

    def where(self) -> str:
        return f"{self.host}:{self.port or 8000}" if self.host else str(self.path)


def check_embedder(target: ChromaTarget, stored: str | None, embedder: BaseEmbedder) -> None:
    """Refuse to mix vectors: ``stored`` (the fingerprint a store was built with) must be ``embedder``'s."""
    fingerprint = embedder.fingerprint()
    if stored is not None:
        stored = redact_text(stored)  # stores written before credentials were stripped from URLs
    if stored != fingerprint:
        raise EmbedderMismatchError(
            f"the store at {target.where()} was built with the embedding model {stored!r}, "
            f"but {fingerprint!r} is configured; use the same model (DISCLOSURE_EMBEDDER) or a new "
            "DISCLOSURE_HOME (or delete this store's folder and ingest again)"
        )


class _Client:
    """One Chroma client and its collection; swapped for a fresh one under ``rw``'s write side."""

    def __init__(self, target: ChromaTarget, embedder: BaseEmbedder) -> None:
        self.target = target
        self.embedder = embedder
        self.rw = RWLock()
        self.client = None
        self.collection = None
        self.seen: int | None = None  # the catalog's vectors counter when the client was opened

    def open(self) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        settings = ChromaSettings(anonymized_telemetry=False)
        try:
            if self.target.host:
                self.client = chromadb.HttpClient(host=self.target.host, port=self.target.port or 8000,
                                                  settings=settings)
            else:
                self.client = chromadb.PersistentClient(path=str(self.target.path), settings=settings)
        except Exception as e:
            raise StoreError(f"cannot open the Chroma store at {self.target.where()}: {e}") from e
        self.collection = self._collection()

    def _collection(self):
        from index.chroma_functions import chroma_function

        function = chroma_function(self.embedder)
        existing = {c.name if hasattr(c, "name") else c for c in self.client.list_collections()}
        if COLLECTION in existing:
            self.check(self.client.get_collection(COLLECTION, embedding_function=None), self.embedder)
            return self.client.get_collection(COLLECTION, embedding_function=function)
        return self.client.create_collection(
            COLLECTION, embedding_function=function,
            metadata={"embedder": self.embedder.fingerprint(), "hnsw:space": "cosine"},
        )

    def check(self, collection, embedder: BaseEmbedder) -> None:
        """Refuse to mix vectors: the collection must have been built with ``embedder``'s model."""
        check_embedder(self.target, (collection.metadata or {}).get("embedder"), embedder)

    def reopen(self) -> None:
        if self.target.host:  # a server is consistent: the same client sees every write
            from index.chroma_functions import chroma_function

            function = chroma_function(self.embedder)
            self.collection = self.client.get_collection(COLLECTION, embedding_function=function)
            return
        old = self.client
        self.client = self.collection = None
        if old is not None:
            with contextlib.suppress(Exception):  # an already-broken client is dropped anyway
                old.close()  # stops the in-memory system (this is its only client), so the next one reloads
        self.open()


_CLIENTS: dict[str, _Client] = {}
_CLIENTS_LOCK = threading.Lock()


class VectorIndex:
    """The collection of chunk vectors, behind the cross-process protocol described in the module docstring."""

    def __init__(self, home: Path, target: ChromaTarget, embedder: BaseEmbedder,
                 read_counter: Callable[[], int], bump_counter: Callable[[], int]) -> None:
        self.lock_path = home / "vectors.lock"
        self.read_counter = read_counter
        self.bump_counter = bump_counter
        key = target.where() if target.host else str(Path(target.path).resolve())
        with exclusive(self.lock_path), _CLIENTS_LOCK:  # the first open may create the collection: a write
            shared_client = _CLIENTS.get(key) if not target.host else None
            if shared_client is None:
                shared_client = _Client(target, embedder)
                shared_client.open()
                shared_client.seen = read_counter()
                if not target.host:
                    _CLIENTS[key] = shared_client
            else:
                shared_client.check(shared_client.collection, embedder)
        self.shared = shared_client

    # -- the protocol ------------------------------------------------------------------------
    @contextmanager
    def reading(self) -> Iterator:
        """The collection, fresh, for reading; no writer changes it meanwhile."""
        with shared(self.lock_path):
            c = self.shared
            counter = self.read_counter()
            if c.seen != counter:
                with c.rw.write():
                    if c.seen != counter:
                        c.reopen()
                        c.seen = counter
            with c.rw.read():
                yield c.collection

    @contextmanager
    def writing(self) -> Iterator:
        """The collection, fresh, for writing; nobody reads or writes it meanwhile. Readers reopen after."""
        with exclusive(self.lock_path):
            c = self.shared
            with c.rw.write():
                if c.seen != self.read_counter():
                    c.reopen()
                try:
                    yield c.collection
                finally:
                    c.seen = self.bump_counter()

    def _force_reopen(self) -> None:
        with shared(self.lock_path):
            c = self.shared
            with c.rw.write():
                c.reopen()
                c.seen = self.read_counter()

    @property
    def collection(self):
        """The collection as it is now (for counts and checks; queries go through :meth:`query`)."""
        with self.reading() as col:
            return col

    # -- reading ------------------------------------------------------------------------------
    def _retrying(self, what: str, fn):
        last: Exception | None = None
        for attempt in range(RETRIES):
            try:
                with self.reading() as col:
                    return fn(col)
            except (StoreError, EmbedderMismatchError):
                raise
            except Exception as e:  # chromadb raises InternalError and others for a stale or busy index
                last = e
                time.sleep(0.05 * 2 ** attempt)
                with contextlib.suppress(StoreError):
                    self._force_reopen()
        raise StoreError(f"the vector index cannot be read ({what}, {RETRIES} tries): "
                         f"{type(last).__name__}: {last}")

    def query(self, vector: np.ndarray, k: int, where: dict | None) -> list[tuple[str, float]]:
        def run(col):
            if col.count() == 0:
                return []
            res = col.query(query_embeddings=[np.asarray(vector, dtype=np.float32)], n_results=k, where=where,
                            include=["distances"])
            return [(cid, 1.0 - float(d)) for cid, d in zip(res["ids"][0], res["distances"][0], strict=True)]

        return self._retrying("query", run)

    def count(self) -> int:
        return self._retrying("count", lambda col: col.count())

    def ids(self) -> list[str]:
        return self._retrying("ids", lambda col: col.get(include=[])["ids"])
