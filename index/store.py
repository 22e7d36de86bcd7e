"""The store: a SQLite catalog (documents and chunks, the source of truth), a Chroma collection
(vectors) and a BM25 index, all under ``DISCLOSURE_HOME``.

Writes are ordered so that a crash at any point leaves a store that opens and answers:
0. a copy of the original file is kept under ``originals/<doc_id><suffix>`` (written whole, then renamed);
1. the new chunks' vectors are added to Chroma (ids carry the new doc_id);
2. one SQLite transaction inserts the document and its chunks and deletes the replaced ones;
3. the replaced document's vectors and kept original are deleted;
4. the BM25 index is rebuilt into a new folder and swapped in.
Chroma hits whose chunk is not in the catalog (left by a crash between 1 and 3) are ignored
and cleaned up by the next ingest; a BM25 index older than the catalog is rebuilt on open.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.errors import EmbedderMismatchError, StoreError
from core.sanitise import redact_text
from core.schemas import Chunk, DocRecord, Figure, QueryFilters
from index.embedders import BaseEmbedder, VectorCache
from index.lexical import BM25Index

COLLECTION = "disclosure_chunks"
ORIGINALS = "originals"  # the archive's copies of the ingested files, by content hash

_SCHEMA = """
CREATE TABLE IF NOT EXISTS docs (
    doc_id TEXT PRIMARY KEY, source TEXT, path TEXT, unit TEXT, year INTEGER, doc_type TEXT,
    record TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS chunks (
    chunk_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, ord INTEGER, unit TEXT, year INTEGER,
    doc_type TEXT, part_type TEXT, data TEXT NOT NULL, kind TEXT
);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id);
CREATE TABLE IF NOT EXISTS figures (
    doc_id TEXT NOT NULL, ord INTEGER, key TEXT, value TEXT, unit TEXT, unit_name TEXT, year INTEGER,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS figures_doc ON figures(doc_id);
CREATE INDEX IF NOT EXISTS figures_key ON figures(key, year);
CREATE TABLE IF NOT EXISTS reasons (
    doc_id TEXT NOT NULL, ord INTEGER, key TEXT, direction TEXT, unit_name TEXT, year INTEGER, data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS reasons_doc ON reasons(doc_id);
CREATE INDEX IF NOT EXISTS docs_path ON docs(path);
"""


@dataclass
class ChromaTarget:
    """Where the vectors live: a folder (embedded) or a Chroma server."""

    path: Path | None = None
    host: str | None = None
    port: int | None = None


class Store:
    def __init__(self, home: Path, embedder: BaseEmbedder, chroma: ChromaTarget | None = None) -> None:
        self.home = home
        _make_folder(home)
        self.embedder = embedder
        catalog = home / "catalog.sqlite"
        try:
            self.db = sqlite3.connect(catalog, check_same_thread=False)
            self.db.executescript(_SCHEMA)
            columns = {r[1] for r in self.db.execute("PRAGMA table_info(chunks)")}
            if "kind" not in columns:  # stores written before the column existed
                with self.db:
                    self.db.execute("ALTER TABLE chunks ADD COLUMN kind TEXT")
                    self.db.execute("UPDATE chunks SET kind = json_extract(data, '$.kind')")
        except sqlite3.DatabaseError as e:
            raise StoreError(f"the store's catalog {catalog} cannot be read ({e}); restore it from a backup, or "
                             "move the store folder away and ingest again") from None
        self.cache = _open_cache(home / "vectors.sqlite", embedder)
        self.collection = self._open_collection(chroma or ChromaTarget(path=home / "chroma"))
        self._bm25: BM25Index | None = None

    # -- chroma --------------------------------------------------------------------------
    def _open_collection(self, target: ChromaTarget):
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        settings = ChromaSettings(anonymized_telemetry=False)
        try:
            if target.host:
                client = chromadb.HttpClient(host=target.host, port=target.port or 8000, settings=settings)
            else:
                client = chromadb.PersistentClient(path=str(target.path), settings=settings)
        except Exception as e:
            where = f"{target.host}:{target.port}" if target.host else str(target.path)
            raise StoreError(f"cannot open the Chroma store at {where}: {e}") from e
        self.client = client
        fingerprint = self.embedder.fingerprint()
        existing = {c.name if hasattr(c, "name") else c for c in client.list_collections()}
        if COLLECTION in existing:
            col = client.get_collection(COLLECTION, embedding_function=None)
            stored = (col.metadata or {}).get("embedder")
            if stored is not None:
                stored = redact_text(stored)  # stores written before credentials were stripped from URLs
            if stored != fingerprint:
                raise EmbedderMismatchError(
                    f"the store at {target.host or target.path} was built with the embedding model {stored!r}, "
                    f"but {fingerprint!r} is configured; use the same model (DISCLOSURE_EMBEDDER) or a new "
                    "DISCLOSURE_HOME (or delete this store's folder and ingest again)"
                )
            return client.get_collection(COLLECTION, embedding_function=self.embedder)
        return client.create_collection(
            COLLECTION, embedding_function=self.embedder,
            metadata={"embedder": fingerprint, "hnsw:space": "cosine"},
        )

    # -- catalog -------------------------------------------------------------------------
    def docs(self) -> list[DocRecord]:
        rows = self.db.execute("SELECT record FROM docs ORDER BY source").fetchall()
        return [DocRecord.model_validate_json(r[0]) for r in rows]

    def doc(self, doc_id: str) -> DocRecord | None:
        row = self.db.execute("SELECT record FROM docs WHERE doc_id=?", (doc_id,)).fetchone()
        return DocRecord.model_validate_json(row[0]) if row else None

    def doc_at_path(self, path: str) -> DocRecord | None:
        row = self.db.execute("SELECT record FROM docs WHERE path=?", (path,)).fetchone()
        return DocRecord.model_validate_json(row[0]) if row else None

    def chunks_of(self, doc_id: str) -> list[Chunk]:
        rows = self.db.execute("SELECT data FROM chunks WHERE doc_id=? ORDER BY ord", (doc_id,)).fetchall()
        return [Chunk.model_validate_json(r[0]) for r in rows]

    def get_chunks(self, ids: Iterable[str]) -> dict[str, Chunk]:
        ids = list(ids)
        out: dict[str, Chunk] = {}
        for i in range(0, len(ids), 500):
            part = ids[i:i + 500]
            q = f"SELECT chunk_id, data FROM chunks WHERE chunk_id IN ({','.join('?' * len(part))})"
            for cid, data in self.db.execute(q, part):
                out[cid] = Chunk.model_validate_json(data)
        return out

    def chunk_count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM chunks").fetchone()[0]

    def units(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT DISTINCT unit FROM docs WHERE unit IS NOT NULL")]

    def years(self) -> list[int]:
        return [r[0] for r in self.db.execute("SELECT DISTINCT year FROM docs WHERE year IS NOT NULL ORDER BY year")]

    def allowed_ids(self, filters: QueryFilters, skip_headings: bool = False) -> set[str] | None:
        """Chunk ids that pass the metadata filters (None when there is no filter)."""
        where, args = [], []
        if skip_headings:
            where.append("kind != 'heading'")
        if filters.units:
            where.append(f"unit IN ({','.join('?' * len(filters.units))})")
            args.extend(filters.units)
        if filters.year is not None:
            where.append("year=?")
            args.append(filters.year)
        if filters.doc_type is not None:
            where.append("(doc_type=? OR part_type=?)")
            args.extend([filters.doc_type.value, filters.doc_type.value])
        if not where:
            return None
        return {r[0] for r in self.db.execute(f"SELECT chunk_id FROM chunks WHERE {' AND '.join(where)}", args)}

    # -- writing -------------------------------------------------------------------------
    def embed(self, chunks: list[Chunk]) -> tuple[list[np.ndarray], int]:
        return self.cache.embed([c.content_hash for c in chunks], [c.text for c in chunks])

    @staticmethod
    def _unit_year(units: list[str] | None, year: int | None, where: list[str], args: list) -> str:
        """The WHERE clause of the unit/year filters, appended to ``where``/``args``."""
        if units:
            where.append(f"unit_name IN ({','.join('?' * len(units))})")
            args.extend(units)
        if year is not None:
            where.append("year=?")
            args.append(year)
        return f" WHERE {' AND '.join(where)}" if where else ""

    def reasons_where(self, units: list[str] | None, year: int | None) -> list[tuple[str, str]]:
        """(doc_id, reason JSON) of the stored reasons, filtered by unit names and year."""
        args: list = []
        sql = "SELECT doc_id, data FROM reasons" + self._unit_year(units, year, [], args)
        return self.db.execute(sql + " ORDER BY doc_id, ord", args).fetchall()

    def figures_where(self, keys: list[str], units: list[str] | None, year: int | None) -> list[Figure]:
        args: list = list(keys)
        clause = self._unit_year(units, year, [f"key IN ({','.join('?' * len(keys))})"], args)
        rows = self.db.execute(f"SELECT data FROM figures{clause} ORDER BY doc_id, ord", args)
        return [Figure.model_validate_json(r[0]) for r in rows]

    def figures_where_like(self, pattern: str, units: list[str] | None, year: int | None) -> list[Figure]:
        args: list = [pattern]
        clause = self._unit_year(units, year, ["key LIKE ?"], args)
        rows = self.db.execute(f"SELECT data FROM figures{clause} ORDER BY doc_id, ord", args)
        return [Figure.model_validate_json(r[0]) for r in rows]

    def figures_of(self, doc_id: str) -> list[Figure]:
        rows = self.db.execute("SELECT data FROM figures WHERE doc_id=? ORDER BY ord", (doc_id,)).fetchall()
        return [Figure.model_validate_json(r[0]) for r in rows]

    def add_document(self, record: DocRecord, chunks: list[Chunk], vectors: list[np.ndarray],
                     replaces: str | None = None, figures: list[Figure] | None = None,
                     reasons: list | None = None) -> None:
        """Add (or replace) one document atomically, in the order described in the module docstring."""
        replaced = self.doc(replaces) if replaces and replaces != record.doc_id else None
        if chunks:
            for i in range(0, len(chunks), 1000):
                part = chunks[i:i + 1000]
                self.collection.upsert(
                    ids=[c.chunk_id for c in part],
                    embeddings=[np.asarray(v, dtype=np.float32) for v in vectors[i:i + 1000]],
                    documents=[c.text for c in part],
                    metadatas=[_chroma_meta(c) for c in part],
                )
        with self.db:
            for doc_id in {replaces, record.doc_id} - {None}:
                for table in ("chunks", "figures", "reasons", "docs"):
                    self.db.execute(f"DELETE FROM {table} WHERE doc_id=?", (doc_id,))
            self.db.execute(
                "INSERT OR REPLACE INTO docs VALUES (?,?,?,?,?,?,?)",
                (record.doc_id, record.source, record.path, record.unit, record.year, record.doc_type.value,
                 record.model_dump_json()),
            )
            self.db.executemany(
                "INSERT INTO chunks (chunk_id, doc_id, ord, unit, year, doc_type, part_type, data, kind) "
                "VALUES (?,?,?,?,?,?,?,?,?)",
                [(c.chunk_id, c.doc_id, i, c.citation.unit, c.citation.year, c.citation.doc_type.value,
                  c.part_type.value, c.model_dump_json(), c.kind.value) for i, c in enumerate(chunks)],
            )
            self.db.executemany(
                "INSERT INTO figures VALUES (?,?,?,?,?,?,?,?)",
                [(record.doc_id, i, f.key, f.value, f.unit, record.unit, record.year, f.model_dump_json())
                 for i, f in enumerate(figures or [])],
            )
            self.db.executemany(
                "INSERT INTO reasons VALUES (?,?,?,?,?,?,?)",
                [(record.doc_id, i, r.key, r.direction, record.unit, record.year, r.model_dump_json())
                 for i, r in enumerate(reasons or [])],
            )
        if replaces and replaces != record.doc_id:
            self._delete_vectors(replaces)
            self._drop_original(replaced)
        self._bm25 = None

    # -- the archive's own copies of the originals -----------------------------------------
    def keep_original(self, doc_id: str, data: bytes, suffix: str) -> str:
        """Keep a copy of a document's bytes under the store, named by its content hash; returns the path
        relative to the store folder. Written to a temporary name and renamed, so it is whole or absent."""
        relative = f"{ORIGINALS}/{doc_id}{suffix}"
        target = self.home / relative
        if target.is_file() and target.stat().st_size == len(data):
            return relative
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        return relative

    def original_file(self, record: DocRecord) -> Path | None:
        """Where a document's original can be read: the archive's copy, else (stores written before copies
        were kept) the path it was ingested from, if it is still there."""
        if record.stored and (self.home / record.stored).is_file():
            return self.home / record.stored
        path = Path(record.path)
        return path if record.path and path.is_file() else None

    def _drop_original(self, record: DocRecord | None) -> None:
        if record is not None and record.stored:
            (self.home / record.stored).unlink(missing_ok=True)

    def update_record(self, record: DocRecord) -> None:
        with self.db:
            self.db.execute("UPDATE docs SET path=?, record=? WHERE doc_id=?",
                            (record.path, record.model_dump_json(), record.doc_id))

    def remove(self, doc_id: str) -> bool:
        record = self.doc(doc_id)
        with self.db:
            n = self.db.execute("DELETE FROM docs WHERE doc_id=?", (doc_id,)).rowcount
            self.db.execute("DELETE FROM chunks WHERE doc_id=?", (doc_id,))
            self.db.execute("DELETE FROM figures WHERE doc_id=?", (doc_id,))
            self.db.execute("DELETE FROM reasons WHERE doc_id=?", (doc_id,))
        self._delete_vectors(doc_id)
        self._drop_original(record)
        self._bm25 = None
        return n > 0

    def _delete_vectors(self, doc_id: str) -> None:
        self.collection.delete(where={"doc_id": doc_id})

    def drop_orphans(self) -> int:
        """Delete vectors whose chunk is not in the catalog (left by an interrupted ingest)."""
        known = {r[0] for r in self.db.execute("SELECT chunk_id FROM chunks")}
        ids = self.collection.get(include=[])["ids"]
        orphans = [i for i in ids if i not in known]
        for i in range(0, len(orphans), 1000):
            self.collection.delete(ids=orphans[i:i + 1000])
        return len(orphans)

    # -- lexical index -------------------------------------------------------------------
    def _generation(self) -> str:
        h = hashlib.sha256()
        for (cid,) in self.db.execute("SELECT chunk_id FROM chunks ORDER BY chunk_id"):
            h.update(cid.encode())
        return h.hexdigest()[:16]

    def bm25(self) -> BM25Index:
        if self._bm25 is None:
            folder = self.home / "bm25"
            generation = self._generation()
            loaded = BM25Index.load(folder)
            if loaded is not None and loaded[1] == generation:
                self._bm25 = loaded[0]
            else:
                self._bm25 = self.rebuild_bm25(generation)
        return self._bm25

    def rebuild_bm25(self, generation: str | None = None) -> BM25Index:
        rows = self.db.execute("SELECT chunk_id, data FROM chunks ORDER BY doc_id, ord").fetchall()
        ids = [r[0] for r in rows]
        texts = [json.loads(r[1])["text"] for r in rows]
        index = BM25Index.build(ids, texts)
        index.save(self.home / "bm25", generation or self._generation())
        self._bm25 = index
        return index

    # -- dense search --------------------------------------------------------------------
    def dense(self, query: str, k: int, where: dict | None) -> list[tuple[str, float]]:
        if self.collection.count() == 0:
            return []
        qv = self.embedder.embed_query([query])[0]
        res = self.collection.query(query_embeddings=[np.asarray(qv, dtype=np.float32)], n_results=k,
                                    where=where, include=["distances"])
        return [(cid, 1.0 - float(d)) for cid, d in zip(res["ids"][0], res["distances"][0], strict=True)]


def _make_folder(home: Path) -> None:
    if home.exists() and not home.is_dir():
        raise StoreError(f"the store folder {home} is a file, not a folder (DISCLOSURE_HOME)")
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise StoreError(f"cannot create the store folder {home}: {e.strerror or e} (DISCLOSURE_HOME)") from None


def _open_cache(path: Path, embedder: BaseEmbedder) -> VectorCache:
    """The vector cache; a damaged one is set aside and started again (it only saves embedding time)."""
    try:
        return VectorCache(path, embedder)
    except sqlite3.DatabaseError:
        path.replace(path.with_name(path.name + ".damaged"))
        return VectorCache(path, embedder)


def _chroma_meta(c: Chunk) -> dict:
    meta = {"doc_id": c.doc_id, "kind": c.kind.value, "doc_type": c.citation.doc_type.value,
            "part_type": c.part_type.value, "source": c.citation.source}
    if c.citation.unit:
        meta["unit"] = c.citation.unit
    if c.citation.year is not None:
        meta["year"] = c.citation.year
    return meta
