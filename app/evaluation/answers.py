"""Answer metrics over evals/gold/questions*.jsonl: figure accuracy, reason hit rate, unanswerable P/R, latency."""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from app.labels import cite_label

GOLD = Path(__file__).resolve().parents[2] / "evals" / "gold" / "questions.jsonl"


def load_questions(path: Path = GOLD) -> list[dict]:
    return [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


def numbers_in(text: str) -> set[str]:
    """Numbers printed in a text, separators removed (and without trailing zeros too)."""
    out = set()
    for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text):
        n = n.replace(",", "")
        out.add(n)
        if "." in n:
            out.add(n.rstrip("0").rstrip("."))
    return out


@dataclass
class AnswerScore:
    total: int = 0
    correct: int = 0
    by_type: dict[str, list[int]] = field(default_factory=dict)  # type -> [correct, total]
    unanswerable_tp: int = 0
    unanswerable_fp: int = 0
    unanswerable_fn: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    misses: list[dict] = field(default_factory=list)  # AnswerMiss fields
    figure_exact: list[int] = field(default_factory=lambda: [0, 0])  # [exact, total] over figure/list questions
    evidence_overlap: list[int] = field(default_factory=lambda: [0, 0])  # answers citing the gold evidence

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    @property
    def unanswerable_precision(self) -> float:
        d = self.unanswerable_tp + self.unanswerable_fp
        return self.unanswerable_tp / d if d else 1.0

    @property
    def unanswerable_recall(self) -> float:
        d = self.unanswerable_tp + self.unanswerable_fn
        return self.unanswerable_tp / d if d else 1.0


def judge(q: dict, answer) -> bool:
    """Whether an answer is right for its gold question (numbers present / keywords present / refusal)."""
    if q["type"] == "unanswerable":
        return not answer.answerable
    if not answer.answerable:
        return False
    shown = answer.answer + " " + " ".join(answer.reasons)
    numbers = numbers_in(shown)
    want = [n.replace(",", "").rstrip("%") for n in q.get("expected_numbers") or []]  # (a rate written "17.79%")
    if any(n not in numbers and n.rstrip("0").rstrip(".") not in numbers for n in want):
        return False
    words = q.get("expected_reason_keywords") or []
    squashed = re.sub(r"[\s\-－]", "", shown)
    return all(re.sub(r"[\s\-－]", "", w) in squashed for w in words) if q["type"] == "reason" else True


def presented_numbers(text: str) -> set[str]:
    """Numbers given as amounts in an answer (followed by a unit), separators removed."""
    return {m.replace(",", "") for m in re.findall(r"(\d[\d,]*(?:\.\d+)?)\s*(?:万元|元|辆|批次|人次|个|分)", text)}


def exact_figures(q: dict, answer) -> bool:
    """Every expected number is there and no other amount is presented as the answer."""
    want = {n.replace(",", "") for n in q.get("expected_numbers") or []}
    shown = presented_numbers(answer.answer)
    norm = {n.rstrip("0").rstrip(".") if "." in n else n for n in shown}
    return judge(q, answer) and all((n.rstrip("0").rstrip(".") if "." in n else n) in
                                    {w.rstrip("0").rstrip(".") if "." in w else w for w in want} for n in norm)


def cites_evidence(q: dict, answer) -> bool:
    """At least one citation is in the gold evidence (same source, overlapping lines or the same page)."""
    for e in q.get("evidence") or []:
        for c in answer.citations:
            if c.source != e["source"]:
                continue
            if e.get("lines") and c.line_start is not None:
                if c.line_start <= e["lines"][1] and e["lines"][0] <= c.line_end:
                    return True
            elif e.get("page") and c.page == e["page"]:
                return True
    return False


def evaluate(ask, questions: list[dict]) -> AnswerScore:
    s = AnswerScore()
    for q in questions:
        t = time.perf_counter()
        a = ask(q["question"])
        s.latencies_ms.append((time.perf_counter() - t) * 1000)
        ok = judge(q, a)
        s.total += 1
        s.correct += ok
        s.by_type.setdefault(q["type"], [0, 0])
        s.by_type[q["type"]][0] += ok
        s.by_type[q["type"]][1] += 1
        if q["type"] == "unanswerable":
            s.unanswerable_tp += not a.answerable
            s.unanswerable_fn += a.answerable
        else:
            s.unanswerable_fp += not a.answerable
        if not ok:
            cited = a.citations[0] if a.citations else None
            s.misses.append({"id": q["id"], "question": q["question"], "answered": a.answer[:200],
                             "expected": list(q.get("expected_numbers") or q.get("expected_reason_keywords") or []),
                             "type": q["type"], "citation": cite_label(cited) if cited else None})
        if q["type"] in ("figure", "list"):
            s.figure_exact[0] += exact_figures(q, a)
            s.figure_exact[1] += 1
        if q["type"] != "unanswerable" and q.get("evidence") and a.answerable:
            s.evidence_overlap[0] += cites_evidence(q, a)
            s.evidence_overlap[1] += 1
    return s
