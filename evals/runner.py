"""The eval runner (``disclosure eval``): extraction, answers and retrieval against gold files, with the
naive baseline in the same run, a JSON report for machines and Markdown/HTML for people, a comparison of two
runs, and thresholds that fail CI.

By default it builds a fresh store in a temporary folder from the sample archive (``data/`` plus the two real
PDFs when ``../shared/corpus`` is beside the project), so a run never depends on what a user ingested.
"""

from __future__ import annotations

import html
import json
import statistics
import subprocess
import tempfile
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

from tqdm import tqdm

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = Path(__file__).parent / "gold"
REPORTS = Path(__file__).parent / "reports"
THRESHOLDS = Path(__file__).parent / "thresholds.json"


def sample_archive() -> list[Path]:
    files = sorted((ROOT / "data").glob("*.txt"))
    shared = ROOT.parent / "shared" / "corpus"
    return files + (sorted(shared.glob("*.pdf")) if shared.exists() else [])


def _commit() -> str | None:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT,
                              timeout=5).stdout.strip() or None
    except OSError:
        return None


def run_eval(archive: list[Path] | None = None, gold_dir: Path = GOLD_DIR, home: Path | None = None,
             baseline: bool = True, progress: bool = True) -> dict:
    from app.service import DisclosureService
    from app.settings import get_settings
    from evals.answers import evaluate as evaluate_answers
    from evals.answers import load_questions
    from evals.extraction import load_extraction_gold, score_document
    from evals.retrieval import evaluate as evaluate_retrieval
    from evals.retrieval import load_gold

    archive = archive or sample_archive()
    home = home or Path(tempfile.mkdtemp(prefix="eval-"))
    settings = get_settings({"DISCLOSURE_HOME": str(home)})
    svc = DisclosureService(settings)
    bar = tqdm(total=4, desc="eval", disable=not progress)
    t = time.perf_counter()
    outcomes = svc.ingest(archive)
    ingest_s = time.perf_counter() - t
    bar.update(1)
    sources = {d.source: d for d in svc.docs()}
    report: dict = {
        "run": {"time": datetime.now(UTC).isoformat(timespec="seconds"), "commit": _commit(),
                "embedder": svc.store.embedder.fingerprint(), "settings": settings.fingerprint(),
                "llm": settings.llm.model if settings.llm.configured else None,
                "archive": [p.name for p in archive], "ingest_seconds": round(ingest_s, 2),
                "ingest_errors": [f"{o.source}: {o.message}" for o in outcomes if o.status == "error"]},
    }
    # extraction
    docs_report, per_key = {}, defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0})
    for doc, rows in sorted(load_extraction_gold(sorted(gold_dir.glob("extraction_*.jsonl"))).items()):
        if doc not in sources:
            continue
        s = score_document(rows, svc.extract(sources[doc].doc_id).figures)
        docs_report[doc] = {"precision": s.precision, "recall": s.recall, "f1": s.f1,
                            "citation_accuracy": s.citation_accuracy, "gold": len(rows),
                            "false_positives": s.false_positives, "false_negatives": s.false_negatives}
        for key, c in s.per_key.items():
            for k, v in c.items():
                per_key[key][k] += v
    key_f1 = {}
    for key, c in per_key.items():
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        key_f1[key] = round(2 * p * r / (p + r), 3) if p + r else 0.0
    f1s = [d["f1"] for d in docs_report.values()]
    report["extraction"] = {"documents": docs_report, "per_key_f1": dict(sorted(key_f1.items())),
                            "macro_f1": round(statistics.fmean(f1s), 4) if f1s else None}
    bar.update(1)
    # answers
    questions_path = gold_dir / "questions.jsonl"
    questions = load_questions(questions_path) if questions_path.exists() else []
    questions = [q for q in questions if all(e["source"] in sources for e in q.get("evidence") or [])]
    a = evaluate_answers(svc.ask, questions)
    lat = sorted(a.latencies_ms) or [0.0]
    report["answers"] = {"questions": a.total, "accuracy": round(a.accuracy, 4),
                         "by_type": {t: {"correct": c, "total": n} for t, (c, n) in sorted(a.by_type.items())},
                         "unanswerable_precision": round(a.unanswerable_precision, 4),
                         "unanswerable_recall": round(a.unanswerable_recall, 4),
                         "citation_precision": _citation_precision(svc, questions),
                         "figure_exact": round(a.figure_exact[0] / a.figure_exact[1], 4) if a.figure_exact[1] else None,
                         "evidence_overlap": round(a.evidence_overlap[0] / a.evidence_overlap[1], 4)
                         if a.evidence_overlap[1] else None,
                         "latency_ms": {"p50": round(statistics.median(lat), 1),
                                        "p95": round(lat[int(0.95 * (len(lat) - 1))], 1)},
                         "misses": a.misses}
    bar.update(1)
    # retrieval
    gold_r = [g for g in load_gold(gold_dir / "retrieval.jsonl") if g.source in sources] \
        if (gold_dir / "retrieval.jsonl").exists() else []
    retrieval = {}
    for mode in ("dense", "bm25", "hybrid"):
        r = evaluate_retrieval(lambda q, k, m=mode: [h.citation for h in svc.search(q, k, mode=m)[0]], gold_r, mode)
        retrieval[mode] = {"recall@1": r.recall[1], "recall@5": r.recall[5], "recall@10": r.recall[10],
                           "mrr": round(r.mrr, 4)}
    if baseline and gold_r:
        from evals.baseline import NaiveRAG

        naive = NaiveRAG(archive, svc.store.embedder)
        r = evaluate_retrieval(naive.search, gold_r, "baseline")
        retrieval["baseline"] = {"recall@1": r.recall[1], "recall@5": r.recall[5], "recall@10": r.recall[10],
                                 "mrr": round(r.mrr, 4)}
        answered = [q for q in questions if q["type"] != "unanswerable"]
        hits = sum(_baseline_right(q, naive.answer_text(q["question"])) for q in answered)
        report["answers"]["baseline_accuracy"] = round(hits / len(questions), 4) if questions else None
        report["answers"]["baseline_note"] = "the top passage as the answer; it never declines, so it fails every " \
                                             "unanswerable question"
    report["retrieval"] = {"questions": len(gold_r), **retrieval}
    bar.update(1)
    bar.close()
    return report


def _baseline_right(q: dict, passage: str) -> bool:
    from evals.answers import _numbers

    numbers = _numbers(passage)
    want = [n.replace(",", "") for n in q.get("expected_numbers") or []]
    if q["type"] == "reason":
        return all(w in passage for w in q.get("expected_reason_keywords") or [])
    return all(n in numbers or n.rstrip("0").rstrip(".") in numbers for n in want)


def _citation_precision(svc, questions: list[dict]) -> float:
    """Share of answer citations whose quote is verbatim at its location in the original file."""
    from index.loaders import decode_text

    ok = total = 0
    texts: dict[tuple[str, int | None], str] = {}
    for q in questions:
        for c in svc.ask(q["question"]).citations:
            record = svc.store.doc(c.doc_id)
            if record is None:
                continue
            key = (record.path, c.page if record.path.endswith(".pdf") else None)
            if key not in texts:
                path = Path(record.path)
                if path.suffix.lower() == ".pdf":
                    import pypdf

                    texts[key] = pypdf.PdfReader(path).pages[c.page - 1].extract_text()
                else:
                    texts[key] = decode_text(path.read_bytes(), path.name)[0]
            total += 1
            ok += texts[key][c.char_start:c.char_end] == c.quote
    return round(ok / total, 4) if total else 1.0


# -- thresholds, reports, comparison ------------------------------------------------------------

def headline(report: dict) -> dict[str, float]:
    """The numbers thresholds and comparisons look at."""
    out = {"extraction_macro_f1": report["extraction"]["macro_f1"] or 0.0,
           "answer_accuracy": report["answers"]["accuracy"],
           "unanswerable_recall": report["answers"]["unanswerable_recall"],
           "unanswerable_precision": report["answers"]["unanswerable_precision"],
           "citation_precision": report["answers"]["citation_precision"]}
    for mode in ("dense", "bm25", "hybrid", "baseline"):
        if mode in report["retrieval"]:
            out[f"{mode}_recall@5"] = report["retrieval"][mode]["recall@5"]
    for doc, d in report["extraction"]["documents"].items():
        out[f"f1:{doc}"] = d["f1"]
    return out


def check_thresholds(report: dict, thresholds: dict[str, float]) -> list[str]:
    h = headline(report)
    return [f"{k} = {h.get(k, 0):.3f} < {v}" for k, v in thresholds.items() if h.get(k, 0.0) < v]


def compare(old: dict, new: dict, tolerance: float = 0.005) -> str:
    a, b = headline(old), headline(new)
    lines = [f"| metric | {old['run'].get('commit') or 'old'} | {new['run'].get('commit') or 'new'} | change |",
             "|---|---|---|---|"]
    for k in sorted(set(a) | set(b)):
        x, y = a.get(k), b.get(k)
        if x is None or y is None:
            lines.append(f"| {k} | {x} | {y} | — |")
            continue
        d = y - x
        mark = " ▼ regression" if d < -tolerance else (" ▲" if d > tolerance else "")
        lines.append(f"| {k} | {x:.3f} | {y:.3f} | {d:+.3f}{mark} |")
    return "\n".join(lines)


def markdown(report: dict) -> str:
    r, e, a, t = report["run"], report["extraction"], report["answers"], report["retrieval"]
    out = [f"# Eval report {r['time']}", "",
           f"commit `{r['commit']}` · embedder `{r['embedder']}` · settings `{r['settings']}` · LLM {r['llm'] or 'none'}",
           f"archive: {', '.join(r['archive'])} (ingest {r['ingest_seconds']} s)", "", "## Extraction", "",
           "| document | gold | precision | recall | F1 | citation |", "|---|---|---|---|---|---|"]
    for doc, d in e["documents"].items():
        out.append(f"| {doc} | {d['gold']} | {d['precision']:.3f} | {d['recall']:.3f} | {d['f1']:.3f} | "
                   f"{d['citation_accuracy']:.3f} |")
    out += ["", f"macro F1 {e['macro_f1']}", "", "F1 per key:", "```"]
    for key, f1 in e["per_key_f1"].items():
        out.append(f"{key:<28} {'█' * round(f1 * 30):<30} {f1:.3f}")
    out += ["```", "", "## Answers", "",
            f"accuracy {a['accuracy']:.3f} over {a['questions']} questions"
            + (f" (baseline, top passage as answer: {a['baseline_accuracy']:.3f})" if a.get("baseline_accuracy") is not None else ""),
            f"unanswerable precision {a['unanswerable_precision']:.3f} · recall {a['unanswerable_recall']:.3f} · "
            f"citation precision {a['citation_precision']:.3f} · figure answers exact {a.get('figure_exact')} · "
            f"citations in the gold evidence {a.get('evidence_overlap')} · latency p50 {a['latency_ms']['p50']} ms / "
            f"p95 {a['latency_ms']['p95']} ms", "", "| type | correct | total |", "|---|---|---|"]
    for typ, c in a["by_type"].items():
        out.append(f"| {typ} | {c['correct']} | {c['total']} |")
    out += ["", "## Retrieval", "", "| method | recall@1 | recall@5 | recall@10 | MRR |", "|---|---|---|---|---|"]
    for mode in ("dense", "bm25", "hybrid", "baseline"):
        if mode in t:
            m = t[mode]
            out.append(f"| {mode} | {m['recall@1']:.3f} | {m['recall@5']:.3f} | {m['recall@10']:.3f} | {m['mrr']:.3f} |")
    return "\n".join(out) + "\n"


def html_report(report: dict) -> str:
    """The Markdown as preformatted text plus an SVG bar chart of per-key F1 and answer latency."""
    keys = report["extraction"]["per_key_f1"]
    bars = "".join(
        f"<text x='0' y='{18 * i + 14}' font-size='12'>{html.escape(k)}</text>"
        f"<rect x='230' y='{18 * i + 3}' width='{f1 * 300:.0f}' height='13' fill='#3b7dd8'/>"
        f"<text x='{235 + f1 * 300:.0f}' y='{18 * i + 14}' font-size='11'>{f1:.2f}</text>"
        for i, (k, f1) in enumerate(keys.items()))
    chart = f"<svg width='600' height='{18 * len(keys) + 10}' xmlns='http://www.w3.org/2000/svg'>{bars}</svg>"
    lat = report["answers"]["latency_ms"]
    lat_chart = (f"<svg width='400' height='60'><rect x='60' y='5' width='{min(lat['p50'], 300):.0f}' height='18' "
                 f"fill='#58a55c'/><text x='0' y='19'>p50 {lat['p50']}</text><rect x='60' y='32' "
                 f"width='{min(lat['p95'], 300):.0f}' height='18' fill='#d8893b'/><text x='0' y='46'>p95 {lat['p95']}"
                 f"</text></svg>")
    return (f"<!doctype html><meta charset='utf-8'><title>Eval report</title><body style='font-family:sans-serif'>"
            f"<h2>F1 per key</h2>{chart}<h2>Answer latency (ms)</h2>{lat_chart}"
            f"<pre>{html.escape(markdown(report))}</pre></body>")


def write_reports(report: dict, out_dir: Path = REPORTS) -> dict[str, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = report["run"]["time"].replace(":", "").replace("-", "")[:15]
    paths = {"json": out_dir / f"eval-{stamp}.json", "md": out_dir / f"eval-{stamp}.md",
             "html": out_dir / f"eval-{stamp}.html"}
    paths["json"].write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    paths["md"].write_text(markdown(report), encoding="utf-8")
    paths["html"].write_text(html_report(report), encoding="utf-8")
    return paths


def load_thresholds(path: Path = THRESHOLDS) -> dict[str, float]:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
