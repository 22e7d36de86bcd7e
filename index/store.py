"""The store: a SQLite catalog (documents and chunks, the source of truth), a Chroma collection
(vectors) and a BM25 index, all under ``DISCLOSURE_HOME``.

Writes are ordered so that a crash at any point leaves a store that opens and answers:
0. a copy of the original file is kept under ``originals/<doc_id><suffix>`` (written whole, then renamed);
1. the new chunks' vectors are added to Chroma (ids carry the new doc_id);
2. one SQLite transaction inserts the document and its chunks and deletes the replaced ones;
3. the replaced document's vectors and kept original are deleted;
4. the BM25 index is rebuilt into a new folder and swapped in.
Chroma hits whose chunk is not in the catalog (left by a crash between 1 and 3) are ignored
and cleaned up by the next ingest; a BM25 index older than the catalog is rebuilt when nobody writes.

Shared use (the app, the CLI, a server; threads and processes): one writer at a time (``write.lock``,
held for a whole ingest batch or removal); the catalog is in WAL mode, each thread has its own connection,
so readers are never blocked by a writer and read committed documents only; every catalog write bumps
``meta.generation``; the vectors are read and written through :class:`index.vectors.VectorIndex`, which
reopens a reader's Chroma client after another process wrote. A reader whose BM25 index is older than the
catalog keeps using it while a writer works (hits of removed chunks are dropped against the catalog) and
loads the new one once the writer has swapped it in.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from core.errors import StoreError
from core.schemas import Chunk, Dismissal, DocRecord, Figure, LineItem, QueryFilters, Reason
from index.embedders import BaseEmbedder, VectorCache
from index.lexical import BM25Index
from index.locks import WriteLock
from index.vectors import COLLECTION, ChromaTarget, VectorIndex, check_embedder

__all__ = ["COLLECTION", "ORIGINALS", "ChromaTarget", "NewDocument", "Store"]

ORIGINALS = "originals"  # the archive's copies of the ingested files, by content hash
BUSY_TIMEOUT_MS = 60_000


@dataclass
class NewDocument:
    """One read document, ready to be stored: its record, its chunks with their vectors, and what was extracted."""

    record: DocRecord
    chunks: list[Chunk]
    vectors: list[np.ndarray]
    figures: list[Figure] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)
    lines: list[LineItem] = field(default_factory=list)


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
CREATE TABLE IF NOT EXISTS lines (
    doc_id TEXT NOT NULL, ord INTEGER, unit_name TEXT, year INTEGER, data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS lines_doc ON lines(doc_id);
CREATE INDEX IF NOT EXISTS docs_path ON docs(path);
CREATE TABLE IF NOT EXISTS corrections (
    doc_id TEXT NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (doc_id, field)
);
CREATE TABLE IF NOT EXISTS dismissals (
    doc_id TEXT NOT NULL, finding_id TEXT NOT NULL, rule TEXT, message TEXT, reason TEXT NOT NULL, at TEXT NOT NULL,
    PRIMARY KEY (doc_id, finding_id)
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS properties (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS memo (kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (kind, key));
INSERT OR IGNORE INTO meta VALUES ('generation', 0), ('vectors', 0);
"""


class Store:
    def __init__(self, home: Path, embedder: BaseEmbedder, chroma: ChromaTarget | None = None) -> None:
        self.home = home
        _make_folder(home)
        self.embedder = embedder
        self.catalog = home / "catalog.sqlite"
        self._local = threading.local()
        self._init_catalog()
        self.write_lock = WriteLock(home / "write.lock")
        self.cache = _open_cache(home / "vectors.sqlite", embedder)
        self.target = chroma or ChromaTarget(path=home / "chroma")
        self._vectors: VectorIndex | None = None
        self._vectors_lock = threading.Lock()
        stored = self.db.execute("SELECT value FROM properties WHERE key='embedder'").fetchone()
        if stored is not None:  # refused at once, without opening Chroma (which takes a second)
            check_embedder(self.target, stored[0], embedder)
        elif self.target.host or (self.target.path is not None and Path(self.target.path, "chroma.sqlite3").exists()):
            self.vectors  # noqa: B018 - a store from before the catalog kept its model: check it now, once, and record
        self._bm25: BM25Index | None = None
        self._bm25_generation: str | None = None
        self._bm25_lock = threading.RLock()

    # -- the catalog connection (one per thread) ----------------------------------------
    @property
    def db(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = self._connect()
        return conn

    def _connect(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(self.catalog, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
            conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            return conn
        except sqlite3.DatabaseError as e:
            raise self._damaged(e) from None

    def _damaged(self, e: Exception) -> StoreError:
        return StoreError(f"the store's catalog {self.catalog} cannot be read ({e}); restore it from a backup, or "
                          "move the store folder away and ingest again")

    def _init_catalog(self) -> None:
        try:
            db = self.db
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.execute("PRAGMA journal_mode=WAL")  # readers never wait for a writer
            db.executescript(_SCHEMA)
            columns = {r[1] for r in db.execute("PRAGMA table_info(chunks)")}
            if "kind" not in columns:  # stores written before the column existed
                with db:
                    db.execute("ALTER TABLE chunks ADD COLUMN kind TEXT")
                    db.execute("UPDATE chunks SET kind = json_extract(data, '$.kind')")
        except sqlite3.DatabaseError as e:
            raise self._damaged(e) from None

    def _meta(self, key: str) -> int:
        return self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()[0]

    def generation(self) -> int:
        """Bumped by every catalog write: what readers compare their BM25 index with."""
        return self._meta("generation")

    def _bump(self, db: sqlite3.Connection, key: str) -> None:
        db.execute("UPDATE meta SET value = value + 1 WHERE key=?", (key,))

    def _bump_vectors(self) -> int:
        with self.db as db:
            self._bump(db, "vectors")
        return self._meta("vectors")

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the store's write lock (re-entrant): one writer at a time across processes and threads."""
        with self.write_lock.hold():
            yield

    # -- chroma --------------------------------------------------------------------------
    @property
    def vectors(self) -> VectorIndex:
        """The vectors, opened on first use: answering from the catalog never loads Chroma."""
        if self._vectors is None:
            with self._vectors_lock:
                if self._vectors is None:
                    vectors = VectorIndex(self.home, self.target, self.embedder,
                                          read_counter=lambda: self._meta("vectors"), bump_counter=self._bump_vectors)
                    fingerprint = self.embedder.fingerprint()
                    stored = self.db.execute("SELECT value FROM properties WHERE key='embedder'").fetchone()
                    if stored is None or stored[0] != fingerprint:  # the collection checked it: record it
                        with self.db as db:
                            db.execute("INSERT OR REPLACE INTO properties VALUES ('embedder', ?)", (fingerprint,))
                    self._vectors = vectors
        return self._vectors

    @property
    def collection(self):
        """The Chroma collection as it is now (counts, checks); searches go through :meth:`dense`."""
        return self.vectors.collection

    # -- catalog -------------------------------------------------------------------------
    def docs(self) -> list[DocRecord]:
        rows = self.db.execute("SELECT record FROM docs ORDER BY source").fetchall()
        return [DocRecord.model_validate_json(r[0]) for r in rows]

    def doc(self, doc_id: str) -> DocRecord | None:
        row = self.db.execute("SELECT record FROM docs WHERE doc_id=?", (doc_id,)).fetchone()
        return DocRecord.model_validate_json(row[0]) if row else None

    def docs_at_path(self, path: str) -> list[DocRecord]:
        """The documents read from the file at ``path`` (several when it holds documents of several years)."""
        rows = self.db.execute("SELECT record FROM docs WHERE path=? ORDER BY doc_id", (path,)).fetchall()
        return [DocRecord.model_validate_json(r[0]) for r in rows]

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

    # -- derived data worth keeping (slow to compute, cheap to read) ------------------------
    def memo(self, kind: str) -> dict[str, str]:
        """What was remembered under ``kind`` (see :meth:`remember`)."""
        return dict(self.db.execute("SELECT key, value FROM memo WHERE kind=?", (kind,)))

    def remember(self, kind: str, items: dict[str, str]) -> None:
        """Keep values computed from the stored documents (e.g. how unit names segment into words), so a
        cold start reads them instead of loading what computes them. Best effort: a store that cannot be
        written (busy, read-only) simply computes them again next time."""
        try:
            with self.db as db:
                db.executemany("INSERT OR REPLACE INTO memo VALUES (?, ?, ?)", [(kind, k, v) for k, v in items.items()])
        except sqlite3.OperationalError:
            pass

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

    def lines_where(self, units: list[str] | None, year: int | None) -> list[LineItem]:
        """The classified rows and 项 sentences (:class:`~core.schemas.LineItem`) of the documents of these units and
        year (none for a document stored before they were kept: ingest it again)."""
        args: list = []
        rows = self.db.execute("SELECT data FROM lines" + self._unit_year(units, year, [], args) + " ORDER BY doc_id, ord",
                               args)
        return [LineItem.model_validate_json(r[0]) for r in rows]

    def figures_of(self, doc_id: str) -> list[Figure]:
        rows = self.db.execute("SELECT data FROM figures WHERE doc_id=? ORDER BY ord", (doc_id,)).fetchall()
        return [Figure.model_validate_json(r[0]) for r in rows]

    def add_documents(self, documents: list[NewDocument], replaces: Iterable[str] = ()) -> None:
        """Add (or replace) the documents one file holds atomically, in the order described in the module
        docstring; ``replaces`` are the ids of documents they take the place of (a file's earlier content)."""
        with self.writing():
            new_ids = {d.record.doc_id for d in documents}
            replaced = [r for r in (self.doc(i) for i in set(replaces) - new_ids) if r is not None]
            chunks = [c for d in documents for c in d.chunks]
            vectors = [v for d in documents for v in d.vectors]
            if chunks:
                with self.vectors.writing() as col:
                    for i in range(0, len(chunks), 1000):
                        part = chunks[i:i + 1000]
                        col.upsert(
                            ids=[c.chunk_id for c in part],
                            embeddings=[np.asarray(v, dtype=np.float32) for v in vectors[i:i + 1000]],
                            documents=[c.text for c in part],
                            metadatas=[_chroma_meta(c) for c in part],
                        )
            with self.db as db:
                for doc_id in new_ids | {r.doc_id for r in replaced}:
                    for table in ("chunks", "figures", "reasons", "lines", "docs"):
                        db.execute(f"DELETE FROM {table} WHERE doc_id=?", (doc_id,))
                for d in documents:
                    self._insert(db, d)
                self._bump(db, "generation")
            for record in replaced:
                self._delete_vectors(record.doc_id)
                self._drop_original(record)

    @staticmethod
    def _insert(db: sqlite3.Connection, d: NewDocument) -> None:
        record = d.record
        db.execute(
            "INSERT OR REPLACE INTO docs VALUES (?,?,?,?,?,?,?)",
            (record.doc_id, record.source, record.path, record.unit, record.year, record.doc_type.value,
             record.model_dump_json()),
        )
        db.executemany(
            "INSERT INTO chunks (chunk_id, doc_id, ord, unit, year, doc_type, part_type, data, kind) "
            "VALUES (?,?,?,?,?,?,?,?,?)",
            [(c.chunk_id, c.doc_id, i, c.citation.unit, c.citation.year, c.citation.doc_type.value,
              c.part_type.value, c.model_dump_json(), c.kind.value) for i, c in enumerate(d.chunks)],
        )
        db.executemany(
            "INSERT INTO figures VALUES (?,?,?,?,?,?,?,?)",
            [(record.doc_id, i, f.key, f.value, f.unit, record.unit, record.year, f.model_dump_json())
             for i, f in enumerate(d.figures)],
        )
        db.executemany(
            "INSERT INTO reasons VALUES (?,?,?,?,?,?,?)",
            [(record.doc_id, i, r.key, r.direction, record.unit, record.year, r.model_dump_json())
             for i, r in enumerate(d.reasons)],
        )
        db.executemany(
            "INSERT INTO lines VALUES (?,?,?,?,?)",
            [(record.doc_id, i, record.unit, record.year, item.model_dump_json()) for i, item in enumerate(d.lines)],
        )

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
        """Delete a removed document's kept original, unless another document read from the same file keeps it."""
        if record is not None and record.stored and not any(d.stored == record.stored for d in self.docs()):
            (self.home / record.stored).unlink(missing_ok=True)

    def corrections(self, doc_id: str) -> dict[str, str]:
        """What a user corrected of a document's identity; kept by content hash, so it outlives re-ingest."""
        return dict(self.db.execute("SELECT field, value FROM corrections WHERE doc_id=?", (doc_id,)).fetchall())

    def set_corrections(self, doc_id: str, fields: dict[str, str]) -> None:
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO corrections VALUES (?,?,?)",
                                [(doc_id, k, v) for k, v in fields.items()])

    # -- reviewers' marks on findings --------------------------------------------------------
    def dismiss(self, doc_id: str, finding_id: str, reason: str, rule: str = "", message: str = "") -> Dismissal:
        """Mark a finding of a document as not a problem (the finding itself stays; the mark is shown with it).
        Marks are keyed by the document's content hash, so they outlive a removal and come back on re-ingest."""
        from datetime import UTC, datetime

        mark = Dismissal(reason=reason, at=datetime.now(UTC).isoformat(timespec="seconds"))
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO dismissals VALUES (?,?,?,?,?,?)",
                            (doc_id, finding_id, rule, message, mark.reason, mark.at))
        return mark

    def undismiss(self, doc_id: str, finding_id: str) -> bool:
        with self.db:
            return self.db.execute("DELETE FROM dismissals WHERE doc_id=? AND finding_id=?",
                                   (doc_id, finding_id)).rowcount > 0

    def dismissals(self, doc_id: str) -> dict[str, Dismissal]:
        rows = self.db.execute("SELECT finding_id, reason, at FROM dismissals WHERE doc_id=?", (doc_id,)).fetchall()
        return {fid: Dismissal(reason=reason, at=at) for fid, reason, at in rows}

    def update_record(self, record: DocRecord) -> None:
        with self.writing(), self.db as db:
            db.execute("UPDATE docs SET path=?, record=? WHERE doc_id=?",
                       (record.path, record.model_dump_json(), record.doc_id))
            self._bump(db, "generation")

    def remove(self, doc_id: str) -> bool:
        with self.writing():
            record = self.doc(doc_id)
            with self.db as db:
                n = db.execute("DELETE FROM docs WHERE doc_id=?", (doc_id,)).rowcount
                for table in ("chunks", "figures", "reasons", "lines"):
                    db.execute(f"DELETE FROM {table} WHERE doc_id=?", (doc_id,))
                self._bump(db, "generation")
            self._delete_vectors(doc_id)
            self._drop_original(record)
        return n > 0

    def _delete_vectors(self, doc_id: str) -> None:
        with self.vectors.writing() as col:
            col.delete(where={"doc_id": doc_id})

    def drop_orphans(self) -> int:
        """Delete vectors whose chunk is not in the catalog (left by an interrupted ingest)."""
        with self.writing():
            known = {r[0] for r in self.db.execute("SELECT chunk_id FROM chunks")}
            orphans = [i for i in self.vectors.ids() if i not in known]
            if orphans:
                with self.vectors.writing() as col:
                    for i in range(0, len(orphans), 1000):
                        col.delete(ids=orphans[i:i + 1000])
        return len(orphans)

    # -- lexical index -------------------------------------------------------------------
    def bm25(self) -> BM25Index:
        """The BM25 index of the catalog as it is now, or, while a writer works, the newest one saved."""
        generation = str(self.generation())
        if self._bm25 is not None and self._bm25_generation == generation:
            return self._bm25
        with self._bm25_lock:
            folder = self.home / "bm25"
            saved = BM25Index.saved_generation(folder)
            if saved is not None and saved != self._bm25_generation and (saved == generation or self._writer_busy()):
                loaded = _load_bm25(folder)
                if loaded is not None:
                    self._bm25, self._bm25_generation = loaded
            if self._bm25 is not None and (self._bm25_generation == generation or self._writer_busy()):
                return self._bm25  # current, or stale while a writer works (it swaps a new one in at the end)
            with self.write_lock.hold(blocking=False) as nobody_writes:
                if nobody_writes:  # behind the catalog and nobody writes (a crash, a damaged index): rebuild
                    return self.rebuild_bm25()
            if self._bm25 is None:  # a writer works and nothing is saved yet: build one in memory meanwhile
                self._bm25, self._bm25_generation = self._build_bm25()
            return self._bm25

    def _writer_busy(self) -> bool:
        return self.write_lock.held_here() or self.write_lock.busy_elsewhere()

    def _build_bm25(self) -> tuple[BM25Index, str]:
        with self.db as db:  # one read transaction: the generation and the rows agree
            generation = str(db.execute("SELECT value FROM meta WHERE key='generation'").fetchone()[0])
            rows = db.execute("SELECT chunk_id, data FROM chunks ORDER BY doc_id, ord").fetchall()
        ids = [r[0] for r in rows]
        texts = [json.loads(r[1])["text"] for r in rows]
        return BM25Index.build(ids, texts), generation

    def rebuild_bm25(self) -> BM25Index:
        """Build the BM25 index from the catalog, save it and swap it in (under the write lock)."""
        with self.writing():
            index, generation = self._build_bm25()
            index.save(self.home / "bm25", generation)
        with self._bm25_lock:
            self._bm25, self._bm25_generation = index, generation
        return index

    # -- dense search --------------------------------------------------------------------
    def dense(self, query: str, k: int, where: dict | None) -> list[tuple[str, float]]:
        qv = self.embedder.embed_query([query])[0]
        return self.vectors.query(qv, k, where)


def _load_bm25(folder: Path) -> tuple[BM25Index, str] | None:
    """The saved index, retried briefly: a writer may be swapping it in at this very moment."""
    for attempt in range(3):
        loaded = BM25Index.load(folder)
        if loaded is not None:
            return loaded
        time.sleep(0.05 * (attempt + 1))
    return None


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
