"""Hybrid retrieval: dense (Chroma) and BM25 result lists fused into one ranking.

Fusion is z-score CombSUM by default: each retriever's scores are standardised over its own
candidate list and added with equal weights, so a passage far ahead in one list is not
flattened to "rank 1" as reciprocal rank fusion does. RRF stays available
(``fusion="rrf"``); the benchmark compares both (README). The same metadata filters (unit,
year, doc_type) restrict both lists before fusion, so a question about one unit and year
never gets passages of another.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from core.schemas import ParsedQuestion, QueryFilters, SearchHit
from index.lexical import tokenize
from index.store import Store

MODES = ("hybrid", "dense", "bm25")


@dataclass
class RetrievalSettings:
    candidates: int = 50  # taken from each retriever before fusion
    fusion: str = "zscore"  # or "rrf"
    rrf_k: int = 60
    dense_weight: float = 1.0
    bm25_weight: float = 1.0
    skip_headings: bool = True  # a heading alone never answers a question


def fuse(dense: list[tuple[str, float]], lexical: list[tuple[str, float]],
         settings: RetrievalSettings) -> dict[str, float]:
    """One score per passage from the two (id, score) lists, best first."""
    scores: dict[str, float] = {}
    weighted = ((dense, settings.dense_weight), (lexical, settings.bm25_weight))
    if settings.fusion == "rrf":
        for results, weight in weighted:
            for rank, (cid, _) in enumerate(results, 1):
                scores[cid] = scores.get(cid, 0.0) + weight / (settings.rrf_k + rank)
        return scores
    for results, weight in weighted:
        if not results:
            continue
        values = [s for _, s in results]
        mean = statistics.fmean(values)
        sd = statistics.pstdev(values) or 1.0
        for cid, s in results:
            scores[cid] = scores.get(cid, 0.0) + weight * (s - mean) / sd
    return scores


def _chroma_where(filters: QueryFilters, skip_headings: bool) -> dict | None:
    clauses: list[dict] = [{"kind": {"$ne": "heading"}}] if skip_headings else []
    if filters.units:
        clauses.append({"unit": {"$in": filters.units}})
    if filters.year is not None:
        clauses.append({"year": filters.year})
    if filters.doc_type is not None:
        clauses.append({"$or": [{"doc_type": filters.doc_type.value}, {"part_type": filters.doc_type.value}]})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def search(store: Store, parsed: ParsedQuestion, k: int = 5, *, mode: str = "hybrid",
           settings: RetrievalSettings | None = None) -> list[SearchHit]:
    """The best ``k`` passages for a parsed question, within its filters (unit, year, document type)."""
    settings = settings or RetrievalSettings()
    filters = parsed.filters
    allowed = store.allowed_ids(filters, skip_headings=settings.skip_headings)
    if allowed is not None and not allowed:
        return []
    query_text = parsed.residual or parsed.text
    n = max(settings.candidates, k)
    dense: list[tuple[str, float]] = []
    lexical: list[tuple[str, float]] = []
    if mode in ("hybrid", "dense"):
        dense = store.dense(query_text, n, _chroma_where(filters, settings.skip_headings))
    if mode in ("hybrid", "bm25"):
        terms = tokenize(query_text) + tokenize(" ".join(parsed.expanded_terms))
        lexical = store.bm25().search(terms, allowed, n)
    known = store.get_chunks({cid for cid, _ in dense} | {cid for cid, _ in lexical})
    dense = [(cid, s) for cid, s in dense if cid in known]  # vectors of an interrupted ingest are ignored
    lexical = [(cid, s) for cid, s in lexical if cid in known]
    dense_rank = {cid: i + 1 for i, (cid, _) in enumerate(dense)}
    bm25_rank = {cid: i + 1 for i, (cid, _) in enumerate(lexical)}
    scores = fuse(dense, lexical, settings)
    hits: list[SearchHit] = []
    shown: set[str] = set()
    for cid, score in sorted(scores.items(), key=lambda kv: -kv[1]):
        if len(hits) == k:
            break
        c = known[cid]
        text = "".join(c.text.split())
        if text in shown:  # a copy of a passage already given (one document stored twice: as PDF and as text…)
            continue
        shown.add(text)
        hits.append(SearchHit(
            text=c.text, score=round(score, 6), kind=c.kind, section_path=c.section_path,
            table_title=c.table_title, chunk_id=cid, citation=c.citation,
            ranks={"dense": dense_rank.get(cid), "bm25": bm25_rank.get(cid)},
        ))
    return hits
