"""The eval runner behind ``disclosure eval`` and the 评测 page: extraction, answers and retrieval scored
against gold files on one archive, with the naive baseline in the same run, as a typed
:class:`~core.schemas.EvalReport`.

:func:`evaluate` scores the documents a service already holds; :func:`run_eval` first builds a
fresh store in a temporary folder from an archive (by default the sample archive: ``data/`` plus
the two real PDFs when ``../shared/corpus`` is beside the project), so a run never depends on
what a user ingested.
"""

from __future__ import annotations

import statistics
import subprocess
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from core.schemas import (
    AnswerMiss,
    AnswersReport,
    DocExtractionScore,
    DocRecord,
    EvalReport,
    EvalRun,
    ExtractionReport,
    RetrievalReport,
    RetrievalScores,
    TypeCount,
)

if TYPE_CHECKING:
    from app.service import DisclosureService

ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = ROOT / "evals" / "gold"
Progress = Callable[[str, int, int], None]  # (step, done, total)
STEPS = ("extraction", "answers", "retrieval")


def sample_archive() -> list[Path]:
    """``data/*.txt`` and, when the shared folder sits beside the project, its real PDFs."""
    files = sorted((ROOT / "data").glob("*.txt"))
    shared = ROOT.parent / "shared" / "corpus"
    return files + (sorted(shared.glob("*.pdf")) if shared.exists() else [])


def _commit() -> str | None:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT,
                              timeout=5).stdout.strip() or None
    except OSError:
        return None


def extraction_report(svc: DisclosureService, gold_dir: Path, sources: dict[str, DocRecord]) -> ExtractionReport:
    from app.evaluation.extraction import load_extraction_gold, score_document

    docs: dict[str, DocExtractionScore] = {}
    per_key: dict[str, dict[str, int]] = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0})
    gold = load_extraction_gold(sorted(gold_dir.glob("extraction_*.jsonl")))
    for doc, rows in sorted(gold.items()):
        if doc not in sources:
            continue
        s = score_document(rows, svc.extract(sources[doc].doc_id).figures)
        docs[doc] = DocExtractionScore(precision=s.precision, recall=s.recall, f1=s.f1,
                                       citation_accuracy=s.citation_accuracy, gold=len(rows),
                                       false_positives=s.false_positives, false_negatives=s.false_negatives)
        for key, c in s.per_key.items():
            for k, v in c.items():
                per_key[key][k] += v
    key_f1 = {}
    for key, c in per_key.items():
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        key_f1[key] = round(2 * p * r / (p + r), 3) if p + r else 0.0
    f1s = [d.f1 for d in docs.values()]
    return ExtractionReport(documents=docs, per_key_f1=dict(sorted(key_f1.items())),
                            macro_f1=round(statistics.fmean(f1s), 4) if f1s else None,
                            without_gold=sorted(s for s in sources if s not in gold))


def answers_report(svc: DisclosureService, questions: list[dict]) -> AnswersReport:
    from app.evaluation.answers import evaluate

    a = evaluate(svc.ask, questions)
    lat = sorted(a.latencies_ms) or [0.0]
    return AnswersReport(
        questions=a.total, accuracy=round(a.accuracy, 4),
        by_type={t: TypeCount(correct=c, total=n) for t, (c, n) in sorted(a.by_type.items())},
        unanswerable_precision=round(a.unanswerable_precision, 4),
        unanswerable_recall=round(a.unanswerable_recall, 4),
        citation_precision=citation_precision(svc, questions),
        figure_exact=round(a.figure_exact[0] / a.figure_exact[1], 4) if a.figure_exact[1] else None,
        evidence_overlap=round(a.evidence_overlap[0] / a.evidence_overlap[1], 4) if a.evidence_overlap[1] else None,
        latency_ms={"p50": round(statistics.median(lat), 1), "p95": round(lat[int(0.95 * (len(lat) - 1))], 1)},
        misses=[AnswerMiss(**m) for m in a.misses],
    )


def _scores(r) -> RetrievalScores:
    return RetrievalScores(recall_at_1=r.recall[1], recall_at_5=r.recall[5], recall_at_10=r.recall[10],
                           mrr=round(r.mrr, 4))


def retrieval_report(svc: DisclosureService, gold_path: Path, sources: dict[str, DocRecord]) -> RetrievalReport:
    from app.evaluation.retrieval import evaluate, load_gold

    gold = [g for g in load_gold(gold_path) if g.source in sources] if gold_path.exists() else []
    modes = {mode: _scores(evaluate(lambda q, k, m=mode: [h.citation for h in svc.search(q, k, mode=m)[0]],
                                    gold, mode))
             for mode in ("dense", "bm25", "hybrid")}
    return RetrievalReport(questions=len(gold), **modes)


def baseline_scores(svc: DisclosureService, archive: list[Path], gold_dir: Path, report: EvalReport,
                    questions: list[dict]) -> None:
    """Add the naive LangChain pipeline's retrieval and answer figures to ``report``."""
    from app.evaluation.answers import numbers_in
    from app.evaluation.baseline import NaiveRAG
    from app.evaluation.retrieval import evaluate, load_gold

    sources = {d.source for d in svc.docs()}
    gold = [g for g in load_gold(gold_dir / "retrieval.jsonl") if g.source in sources]
    naive = NaiveRAG(archive, svc.store.embedder)
    if gold:
        report.retrieval.baseline = _scores(evaluate(naive.search, gold, "baseline"))

    def right(q: dict) -> bool:
        passage = naive.answer_text(q["question"])
        if q["type"] == "reason":
            return all(w in passage for w in q.get("expected_reason_keywords") or [])
        found = numbers_in(passage)
        return all(n in found or n.rstrip("0").rstrip(".") in found
                   for n in (x.replace(",", "") for x in q.get("expected_numbers") or []))

    answered = [q for q in questions if q["type"] != "unanswerable"]
    report.answers.baseline_accuracy = round(sum(map(right, answered)) / len(questions), 4) if questions else None
    report.answers.baseline_note = "the top passage as the answer; it never declines, so it fails every " \
                                   "unanswerable question"


def citation_precision(svc: DisclosureService, questions: list[dict]) -> float:
    """Share of answer citations whose quote is verbatim at its location in the original file."""
    ok = total = 0
    for q in questions:
        for c in svc.ask(q["question"]).citations:
            original = svc.original_text(c)
            if original is None:
                continue
            total += 1
            ok += original[c.char_start:c.char_end] == c.quote
    return round(ok / total, 4) if total else 1.0


def evaluate(svc: DisclosureService, gold_dir: Path = GOLD_DIR, *, baseline_archive: list[Path] | None = None,
             progress: Progress | None = None, ingest_seconds: float = 0.0,
             ingest_errors: list[str] | None = None) -> EvalReport:
    """Every gold set of ``gold_dir`` scored on the documents ``svc`` holds (gold for other documents is skipped)."""
    from app.evaluation.answers import load_questions

    sources = {d.source: d for d in svc.docs()}
    step = progress or (lambda name, done, total: None)
    step(STEPS[0], 0, len(STEPS))
    extraction = extraction_report(svc, gold_dir, sources)
    step(STEPS[1], 1, len(STEPS))
    path = gold_dir / "questions.jsonl"
    questions = [q for q in (load_questions(path) if path.exists() else [])
                 if all(e["source"] in sources for e in q.get("evidence") or [])]
    answers = answers_report(svc, questions)
    step(STEPS[2], 2, len(STEPS))
    retrieval = retrieval_report(svc, gold_dir / "retrieval.jsonl", sources)
    settings = svc.settings
    run = EvalRun(time=datetime.now(UTC).isoformat(timespec="seconds"), commit=_commit(),
                  embedder=svc.store.embedder.fingerprint(), settings=settings.fingerprint(),
                  llm=settings.llm.model if settings.llm.configured else None, archive=sorted(sources),
                  ingest_seconds=round(ingest_seconds, 2), ingest_errors=ingest_errors or [])
    report = EvalReport(run=run, extraction=extraction, answers=answers, retrieval=retrieval)
    if baseline_archive:
        baseline_scores(svc, baseline_archive, gold_dir, report, questions)
    step("", len(STEPS), len(STEPS))
    return report


def run_eval(archive: list[Path] | None = None, gold_dir: Path = GOLD_DIR, home: Path | None = None,
             baseline: bool = True, progress: Progress | None = None) -> EvalReport:
    """Ingest ``archive`` into a fresh store (a temporary folder unless ``home``) and :func:`evaluate` it."""
    from app.service import DisclosureService
    from app.settings import get_settings

    archive = archive or sample_archive()
    home = home or Path(tempfile.mkdtemp(prefix="eval-"))
    svc = DisclosureService(get_settings({"DISCLOSURE_HOME": str(home)}))
    t = time.perf_counter()
    outcomes = svc.ingest(archive)
    errors = [f"{o.source}: {o.message}" for o in outcomes if o.status == "error"]
    return evaluate(svc, gold_dir, baseline_archive=archive if baseline else None, progress=progress,
                    ingest_seconds=time.perf_counter() - t, ingest_errors=errors)
