"""Soak benchmark: one writer ingesting while 8 readers search and ask, on an archive of 5,000+ pages.

    python evals/bench_soak.py [--copies 17] [--extra 8] [--seconds 180] [--readers 8]

The archive is the corpus texts laid out as PDFs and replicated under other unit names and years
(:func:`evals.bench_scale.synthetic_archive`, about 309 pages per copy; 17 copies = 5,253 pages). It is
ingested first (cold, timed). Then two phases of ``--seconds`` each run against the same store:

- ``threads``: 8 reader threads of one service (one process), while a writer process ingests new copies;
- ``processes``: 8 reader processes (one service each), while the writer ingests more copies.

The writer ingests one copy (4 PDFs) per batch, so the catalog, the vectors and the BM25 index change many
times under the readers. Readers alternate a hybrid search and an ``ask``, half of them about units the
writer is adding; every exception is a failed read. Afterwards each reader checks that it sees the writer's
last documents, and the store is checked: every document the writer reported is there exactly once and
whole, vectors = catalog chunks = BM25 ids, nothing of the base archive is lost. Printed as a table; JSON in
``evals/reports/bench_soak.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from evals.bench_scale import PLACES, QUESTIONS, synthetic_archive  # noqa: E402


def _place(i: int) -> str:
    return PLACES[i % len(PLACES)] + ("" if i < len(PLACES) else str(i))


def _unit(i: int) -> str:
    return f"{_place(i)}市市场监督管理局"


def _service(home: Path):
    from app.service import DisclosureService
    from app.settings import get_settings

    return DisclosureService(get_settings({"DISCLOSURE_HOME": str(home)}))


def _pct(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    return round(values[min(len(values) - 1, int(q * (len(values) - 1) + 0.5))], 1)


# ------------------------------------------------------------------------------------------------ roles

def writer(home: Path, batches: list[list[str]], seconds: float) -> dict:
    """Ingest one batch after another until the time is up; report what was stored."""
    svc = _service(home)
    t0 = time.perf_counter()
    done: list[dict] = []
    for batch in batches:
        if time.perf_counter() - t0 > seconds:
            break
        t = time.perf_counter()
        outcomes = svc.ingest([Path(p) for p in batch])
        done.append({"seconds": round(time.perf_counter() - t, 1), "ended_at": round(time.perf_counter() - t0, 1),
                     "outcomes": [{"source": o.source, "status": o.status.value, "doc_id": o.doc_id,
                                   "chunks": o.chunks, "pages": o.pages, "message": o.message} for o in outcomes]})
    return {"batches": done, "seconds": round(time.perf_counter() - t0, 1)}


def reader(home: Path, threads: int, seconds: float, new_units: list[str], done_file: Path) -> dict:
    """``threads`` threads of one service search and ask for ``seconds``; then, once the writer is done (it
    writes ``done_file`` with the unit of its last batch), check that its newest documents are found."""
    svc = _service(home)
    latencies: dict[str, list[float]] = {"search": [], "ask": []}
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def loop(k: int) -> None:
        rng = random.Random(k)
        n = 0
        while time.perf_counter() < deadline:
            question = rng.choice(QUESTIONS)
            if n % 4 >= 2 and new_units:  # half the questions are about the units being written
                question = rng.choice(new_units) + question
            op = "search" if n % 2 == 0 else "ask"
            t = time.perf_counter()
            try:
                svc.search(question, 5) if op == "search" else svc.ask(question)
                with lock:
                    latencies[op].append((time.perf_counter() - t) * 1000)
            except Exception as e:  # a failed read: counted, never allowed
                with lock:
                    errors.append(f"{type(e).__name__}: {str(e)[:200]}")
            n += 1

    pool = [threading.Thread(target=loop, args=(k,)) for k in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    while not done_file.exists():
        time.sleep(0.5)
    unit = json.loads(done_file.read_text(encoding="utf-8"))
    sees = None
    if unit:
        try:
            sees = {"unit": unit, "docs": len(svc.docs()), **{
                mode: bool(svc.search("三公经费", 5, unit=unit, mode=mode)[0]) for mode in ("dense", "bm25", "hybrid")}}
        except Exception as e:
            errors.append(f"after the writer: {type(e).__name__}: {str(e)[:200]}")
    return {"latencies": latencies, "errors": errors, "sees_last": sees}


# ------------------------------------------------------------------------------------------------ checks

def check_store(home: Path, base_ids: set[str], written: list[dict]) -> dict:
    svc = _service(home)
    docs = svc.docs()
    ids = [d.doc_id for d in docs]
    expected_new = {o["doc_id"] for b in written for o in b["outcomes"] if o["status"] == "ingested"}
    chunk_ids = [r[0] for r in svc.store.db.execute("SELECT chunk_id FROM chunks")]
    bm25 = svc.store.bm25()
    problems = []
    if len(ids) != len(set(ids)):
        problems.append("a document is stored twice")
    if not base_ids <= set(ids):
        problems.append(f"{len(base_ids - set(ids))} base documents lost")
    if not expected_new <= set(ids):
        problems.append(f"{len(expected_new - set(ids))} written documents lost")
    if len(ids) != len(base_ids | expected_new):
        problems.append(f"{len(ids)} documents, expected {len(base_ids | expected_new)}")
    if len(chunk_ids) != len(set(chunk_ids)) or len(chunk_ids) != sum(d.chunks for d in docs):
        problems.append("chunks duplicated or missing")
    if svc.store.collection.count() != len(chunk_ids):
        problems.append(f"{svc.store.collection.count()} vectors for {len(chunk_ids)} chunks")
    if sorted(bm25.ids) != sorted(chunk_ids):
        problems.append("the BM25 index does not match the catalog")
    half = [d.doc_id for d in docs if len(svc.store.chunks_of(d.doc_id)) != d.chunks]
    if half:
        problems.append(f"{len(half)} half-written documents")
    return {"docs": len(ids), "pages": sum(d.pages for d in docs), "chunks": len(chunk_ids), "problems": problems}


# ------------------------------------------------------------------------------------------------ driver

def _spawn(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, __file__, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)))


def _result(p: subprocess.Popen) -> dict:
    out, err = p.communicate()
    if p.returncode:
        raise SystemExit(f"a soak process failed ({p.args[2:4]}):\n{err[-3000:]}")
    return json.loads(out.strip().splitlines()[-1])


def phase(name: str, home: Path, batches: list[list[str]], places: list[int], seconds: float, readers: int) -> dict:
    new_units = [_unit(i) for i in places]
    done = home.parent / f"{name}.writer-done"
    w = _spawn("--role", "writer", "--home", str(home), "--batches", json.dumps(batches), "--seconds", str(seconds))
    common = ["--home", str(home), "--seconds", str(seconds), "--units", json.dumps(new_units),
              "--done-file", str(done)]
    t0 = time.perf_counter()
    if name == "threads":
        rs = [_spawn("--role", "reader", "--threads", str(readers), *common)]
    else:
        rs = [_spawn("--role", "reader", "--threads", "1", *common) for _ in range(readers)]
    written = _result(w)
    stored = [o for b in written["batches"] for o in b["outcomes"] if o["status"] == "ingested"]
    last_unit = _unit(places[len(written["batches"]) - 1]) if written["batches"] else None
    done.write_text(json.dumps(last_unit, ensure_ascii=False), encoding="utf-8")
    results = [_result(r) for r in rs]
    wall = time.perf_counter() - t0
    lat = {op: [x for r in results for x in r["latencies"][op]] for op in ("search", "ask")}
    errors = [e for r in results for e in r["errors"]]
    return {
        "phase": name, "readers": readers, "seconds": seconds, "wall_s": round(wall, 1),
        "writer_batches": len(written["batches"]), "writer_docs": len(stored),
        "writer_pages": sum(o["pages"] for o in stored), "writer_errors": sum(
            1 for b in written["batches"] for o in b["outcomes"] if o["status"] == "error"),
        "reads": sum(len(v) for v in lat.values()) + len(errors), "failed_reads": len(errors),
        "first_errors": errors[:5],
        **{f"{op}_{k}": v for op in ("search", "ask") for k, v in (
            ("p50_ms", _pct(lat[op], 0.5)), ("p95_ms", _pct(lat[op], 0.95)), ("n", len(lat[op])))},
        "qps": round(sum(len(v) for v in lat.values()) / seconds, 1),
        "readers_see_last": [r["sees_last"] for r in results], "written": written["batches"],
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=17, help="copies in the base archive (about 309 pages each)")
    ap.add_argument("--extra", type=int, default=12, help="copies the writer may ingest across both phases")
    ap.add_argument("--seconds", type=float, default=180)
    ap.add_argument("--readers", type=int, default=8)
    ap.add_argument("--phases", default="threads,processes")
    ap.add_argument("--work", type=Path, help="folder for the archive and the store (default: a temp folder)")
    ap.add_argument("--role", choices=["writer", "reader"])
    ap.add_argument("--home", type=Path)
    ap.add_argument("--batches")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--units")
    ap.add_argument("--done-file", type=Path)
    a = ap.parse_args()
    if a.role == "writer":
        print(json.dumps(writer(a.home, json.loads(a.batches), a.seconds)))
        return 0
    if a.role == "reader":
        print(json.dumps(reader(a.home, a.threads, a.seconds, json.loads(a.units), a.done_file), ensure_ascii=False))
        return 0

    work = a.work or Path(tempfile.mkdtemp(prefix="soak-"))
    home = work / "home"
    t = time.perf_counter()
    files = synthetic_archive(_mkdir(work / "archive"), a.copies + a.extra)
    per_copy = len(files) // (a.copies + a.extra)
    base, extra = files[: a.copies * per_copy], files[a.copies * per_copy:]
    generated_s = time.perf_counter() - t
    svc = _service(home)
    t = time.perf_counter()
    outcomes = svc.ingest(base)
    ingest_s = time.perf_counter() - t
    base_ids = {o.doc_id for o in outcomes if o.doc_id}
    base_pages = sum(o.pages for o in outcomes)
    del svc
    batches = [[str(p) for p in extra[i:i + per_copy]] for i in range(0, len(extra), per_copy)]
    places = list(range(a.copies, a.copies + a.extra))
    phases = a.phases.split(",")
    share = len(batches) // len(phases)
    report = {"base_copies": a.copies, "base_files": len(base), "base_pages": base_pages,
              "base_chunks": None, "generate_s": round(generated_s, 1), "base_ingest_s": round(ingest_s, 1),
              "phases": []}
    written: list[dict] = []
    for k, name in enumerate(phases):
        mine = slice(k * share, (k + 1) * share)
        result = phase(name, home, batches[mine], places[mine], a.seconds, a.readers)
        written.extend(result.pop("written"))
        report["phases"].append(result)
    report["store"] = check_store(home, base_ids, written)
    out = ROOT / "evals" / "reports" / "bench_soak.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    _print(report)
    ok = not report["store"]["problems"] and all(p["failed_reads"] == 0 for p in report["phases"])
    return 0 if ok else 1


def _mkdir(p: Path) -> Path:
    p.mkdir(parents=True, exist_ok=True)
    return p


def _print(r: dict) -> None:
    print(f"base archive: {r['base_files']} PDFs, {r['base_pages']:,} pages, ingested in {r['base_ingest_s']} s")
    print("| readers | seconds | reads | failed reads | search p50/p95 ms | ask p50/p95 ms | reads/s | "
          "writer: batches, docs, pages | readers see the last batch |")
    print("|---|---|---|---|---|---|---|---|---|")
    for p in r["phases"]:
        seen = all(s and s["dense"] and s["bm25"] and s["hybrid"] for s in p["readers_see_last"])
        print(f"| {p['readers']} {p['phase']} | {p['seconds']:g} | {p['reads']} | {p['failed_reads']} | "
              f"{p['search_p50_ms']} / {p['search_p95_ms']} | {p['ask_p50_ms']} / {p['ask_p95_ms']} | {p['qps']} | "
              f"{p['writer_batches']}, {p['writer_docs']}, {p['writer_pages']} | {'yes' if seen else 'NO'} |")
    s = r["store"]
    print(f"store after: {s['docs']} documents, {s['pages']:,} pages, {s['chunks']:,} chunks; problems: "
          f"{s['problems'] or 'none'}")
    for p in r["phases"]:
        for e in p["first_errors"]:
            print(f"FAILED READ ({p['phase']}): {e}")


if __name__ == "__main__":
    raise SystemExit(main())
