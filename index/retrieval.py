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

from extraction.schemas import DocType, ParsedQuery, QueryFilters, SearchHit
from index.lexical import tokenize
from index.query import match_units, parse_query
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


def _chroma_where(units: list[str] | None, filters: QueryFilters, skip_headings: bool) -> dict | None:
    clauses: list[dict] = [{"kind": {"$ne": "heading"}}] if skip_headings else []
    if units:
        clauses.append({"unit": {"$in": units}})
    if filters.year is not None:
        clauses.append({"year": filters.year})
    if filters.doc_type is not None:
        clauses.append({"$or": [{"doc_type": filters.doc_type.value}, {"part_type": filters.doc_type.value}]})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def resolve_filters(store: Store, question: str, unit: str | None, year: int | None,
                    doc_type: DocType | None) -> tuple[ParsedQuery, list[str] | None]:
    """Parse the question; explicit options override what the question says."""
    stored_units = store.units()
    parsed, units = parse_query(question, stored_units, store.years())
    filters = parsed.filters
    if unit:
        units = stored_units if unit in stored_units else match_units(unit, stored_units)[0]
        units = [unit] if unit in stored_units else units
        filters = filters.model_copy(update={"unit": unit})
        if not units:
            units = [unit]  # an unknown unit filters everything out, honestly
    if year is not None:
        filters = filters.model_copy(update={"year": year})
    elif filters.year is not None and filters.year not in store.years():
        # a year named in the question that no document covers ("2020年底有几辆车" is in the 2021
        # budget): search without it rather than return nothing
        filters = filters.model_copy(update={"year": None})
    if doc_type is not None:
        filters = filters.model_copy(update={"doc_type": doc_type})
    return parsed.model_copy(update={"filters": filters}), (units or None)


def search(store: Store, question: str, k: int = 5, *, unit: str | None = None, year: int | None = None,
           doc_type: DocType | None = None, mode: str = "hybrid",
           settings: RetrievalSettings | None = None) -> tuple[list[SearchHit], ParsedQuery]:
    settings = settings or RetrievalSettings()
    parsed, units = resolve_filters(store, question, unit, year, doc_type)
    filters = parsed.filters
    allowed = store.allowed_ids(filters, units, skip_headings=settings.skip_headings)
    if allowed is not None and not allowed:
        return [], parsed
    query_text = parsed.residual or question
    n = max(settings.candidates, k)
    dense: list[tuple[str, float]] = []
    lexical: list[tuple[str, float]] = []
    if mode in ("hybrid", "dense"):
        dense = [(cid, s) for cid, s in store.dense(query_text, n, _chroma_where(units, filters, settings.skip_headings))]
    if mode in ("hybrid", "bm25"):
        terms = tokenize(query_text) + tokenize(" ".join(parsed.expanded_terms))
        lexical = store.bm25().search(terms, allowed, n)
    known = store.get_chunks({cid for cid, _ in dense} | {cid for cid, _ in lexical})
    dense = [(cid, s) for cid, s in dense if cid in known]  # vectors of an interrupted ingest are ignored
    lexical = [(cid, s) for cid, s in lexical if cid in known]
    dense_rank = {cid: i + 1 for i, (cid, _) in enumerate(dense)}
    bm25_rank = {cid: i + 1 for i, (cid, _) in enumerate(lexical)}
    scores = fuse(dense, lexical, settings)
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])[:k]
    hits = []
    for cid, score in ranked:
        c = known[cid]
        hits.append(SearchHit(
            text=c.text, score=round(score, 6), kind=c.kind, section_path=c.section_path,
            table_title=c.table_title, chunk_id=cid, citation=c.citation,
            ranks={"dense": dense_rank.get(cid), "bm25": bm25_rank.get(cid)},
        ))
    return hits, parsed
