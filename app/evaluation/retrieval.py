"""Retrieval metrics (recall@k, MRR) over a gold file of questions with evidence passages.

A hit is relevant when it comes from the gold source and its quote contains the gold evidence
(whitespace and full-width forms ignored); for text sources a hit whose lines overlap the
gold lines also counts, so a table row cited as its whole table chunk is found.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from core.schemas import Citation
from index.normalise import to_halfwidth

GOLD = Path(__file__).resolve().parents[2] / "evals" / "gold" / "retrieval.jsonl"


@dataclass
class GoldQuestion:
    id: str
    question: str
    source: str
    evidence: str
    lines: list[int] | None = None
    page: int | None = None
    persona: str = "public"
    answer: str | None = None


@dataclass
class ModeResult:
    mode: str
    recall: dict[int, float]
    mrr: float
    ranks: dict[str, int | None] = field(default_factory=dict)


def load_gold(path: Path = GOLD) -> list[GoldQuestion]:
    rows = [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    keys = GoldQuestion.__dataclass_fields__
    return [GoldQuestion(**{k: v for k, v in r.items() if k in keys}) for r in rows]


def _squash(text: str) -> str:
    return "".join(to_halfwidth(c) for c in re.sub(r"\s", "", text))


def is_relevant(citation: Citation, gold: GoldQuestion) -> bool:
    if Path(citation.source).name != gold.source:
        return False
    if gold.page is not None and citation.page != gold.page:
        return False
    if _squash(gold.evidence) in _squash(citation.quote):
        return True
    if gold.lines and citation.line_start is not None and citation.line_end is not None:
        return citation.line_start <= gold.lines[1] and gold.lines[0] <= citation.line_end
    return False


def evaluate(search: Callable[[str, int], list[Citation]], gold: list[GoldQuestion], mode: str,
             ks: tuple[int, ...] = (1, 5, 10)) -> ModeResult:
    """``search(question, k)`` returns the cited passages, best first."""
    kmax = max(ks)
    ranks: dict[str, int | None] = {}
    for g in gold:
        cites = search(g.question, kmax)
        ranks[g.id] = next((i + 1 for i, c in enumerate(cites) if is_relevant(c, g)), None)
    n = len(gold) or 1
    recall = {k: sum(1 for r in ranks.values() if r is not None and r <= k) / n for k in ks}
    mrr = sum(1 / r for r in ranks.values() if r) / n
    return ModeResult(mode, recall, mrr, ranks)
