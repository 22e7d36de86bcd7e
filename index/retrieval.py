"""Hybrid retrieval: dense (Chroma) and BM25 ranked lists fused by reciprocal rank fusion.

The same metadata filters (unit, year, doc_type) restrict both lists before fusion, so a
question about one unit and year never gets passages of another.
"""

from __future__ import annotations

from dataclasses import dataclass

from extraction.schemas import DocType, ParsedQuery, QueryFilters, SearchHit
from index.lexical import tokenize
from index.query import match_units, parse_query
from index.store import Store

RRF_K = 30
MODES = ("hybrid", "dense", "bm25")


@dataclass
class RetrievalSettings:
    candidates: int = 50  # taken from each retriever before fusion
    rrf_k: int = RRF_K
    dense_weight: float = 1.0
    bm25_weight: float = 2.0  # BM25 with the domain dictionary is the stronger ranker here (see README figures)


def _chroma_where(units: list[str] | None, filters: QueryFilters) -> dict | None:
    clauses: list[dict] = []
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
    allowed = store.allowed_ids(filters, units)
    if allowed is not None and not allowed:
        return [], parsed
    query_text = parsed.residual or question
    n = max(settings.candidates, k)
    dense: list[tuple[str, float]] = []
    lexical: list[tuple[str, float]] = []
    if mode in ("hybrid", "dense"):
        dense = [(cid, s) for cid, s in store.dense(query_text, n, _chroma_where(units, filters))]
    if mode in ("hybrid", "bm25"):
        terms = tokenize(query_text) + tokenize(" ".join(parsed.expanded_terms))
        lexical = store.bm25().search(terms, allowed, n)
    known = store.get_chunks({cid for cid, _ in dense} | {cid for cid, _ in lexical})
    dense = [(cid, s) for cid, s in dense if cid in known]  # vectors of an interrupted ingest are ignored
    lexical = [(cid, s) for cid, s in lexical if cid in known]
    dense_rank = {cid: i + 1 for i, (cid, _) in enumerate(dense)}
    bm25_rank = {cid: i + 1 for i, (cid, _) in enumerate(lexical)}
    scores: dict[str, float] = {}
    for cid, r in dense_rank.items():
        scores[cid] = scores.get(cid, 0.0) + settings.dense_weight / (settings.rrf_k + r)
    for cid, r in bm25_rank.items():
        scores[cid] = scores.get(cid, 0.0) + settings.bm25_weight / (settings.rrf_k + r)
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
