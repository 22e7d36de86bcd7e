"""Eval reports: the headline figures, thresholds (CI), the comparison of two runs, and the JSON,
Markdown and HTML files ``disclosure eval`` writes."""

from __future__ import annotations

import html
import json
from pathlib import Path

from core.schemas import EvalReport

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ROOT / "evals" / "reports"
THRESHOLDS = ROOT / "evals" / "thresholds.json"


def as_dict(report: EvalReport | dict) -> dict:
    """A report as its JSON data (reports written by earlier versions are read the same way)."""
    return report.model_dump(mode="json") if isinstance(report, EvalReport) else report


def headline(report: EvalReport | dict) -> dict[str, float]:
    """The numbers thresholds and comparisons look at (of a report, or of a report's JSON)."""
    report = as_dict(report)
    out = {"extraction_macro_f1": report["extraction"]["macro_f1"] or 0.0,
           "answer_accuracy": report["answers"]["accuracy"],
           "unanswerable_recall": report["answers"]["unanswerable_recall"],
           "unanswerable_precision": report["answers"]["unanswerable_precision"],
           "citation_precision": report["answers"]["citation_precision"]}
    for mode in ("dense", "bm25", "hybrid", "baseline"):
        if report["retrieval"].get(mode):
            out[f"{mode}_recall@5"] = report["retrieval"][mode]["recall@5"]
    for doc, d in report["extraction"]["documents"].items():
        out[f"f1:{doc}"] = d["f1"]
    return out


def check_thresholds(report: EvalReport | dict, thresholds: dict[str, float]) -> list[str]:
    h = headline(report)
    return [f"{k} = {h.get(k, 0):.3f} < {v}" for k, v in thresholds.items() if h.get(k, 0.0) < v]


def compare(old: EvalReport | dict, new: EvalReport | dict, tolerance: float = 0.005) -> str:
    old, new = as_dict(old), as_dict(new)
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


def markdown(report: EvalReport | dict) -> str:
    report = as_dict(report)
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
        if t.get(mode):
            m = t[mode]
            out.append(f"| {mode} | {m['recall@1']:.3f} | {m['recall@5']:.3f} | {m['recall@10']:.3f} | {m['mrr']:.3f} |")
    return "\n".join(out) + "\n"


def html_report(report: EvalReport | dict) -> str:
    """The Markdown as preformatted text plus an SVG bar chart of per-key F1 and answer latency."""
    report = as_dict(report)
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


def write_reports(report: EvalReport | dict, out_dir: Path = REPORTS) -> dict[str, Path]:
    report = as_dict(report)
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
