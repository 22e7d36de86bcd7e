"""Extraction metrics against hand-checked gold files (evals/gold/extraction_*.jsonl).

A gold row is (doc, key, value, unit, lines|pages). An extracted figure is correct when a gold
row of its document has the same key and the same amount (Decimal, after converting 元/万元);
precision and recall count distinct (key, amount) pairs, so one figure cited in the prose and
in a table counts once. Citation correctness: the figure's cited lines (or page) include one of
the gold lines (pages) of that pair.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from core.schemas import Figure

GOLD_DIR = Path(__file__).resolve().parents[2] / "evals" / "gold"
_TO_WANYUAN = {"万元": Decimal(1), "元": Decimal("0.0001"), "亿元": Decimal(10000), "千元": Decimal("0.1")}


def normalised(value: str, unit: str) -> tuple[Decimal, str]:
    amount = Decimal(value.replace(",", ""))
    if unit in _TO_WANYUAN:
        return (amount * _TO_WANYUAN[unit]).normalize(), "万元"
    return amount.normalize(), unit


@dataclass
class GoldRow:
    doc: str
    key: str
    value: str
    unit: str
    lines: list[int] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)

    @property
    def ident(self) -> tuple[str, Decimal, str]:
        return (self.key, *normalised(self.value, self.unit))


def load_extraction_gold(paths: list[Path] | None = None) -> dict[str, list[GoldRow]]:
    by_doc: dict[str, list[GoldRow]] = defaultdict(list)
    for path in paths or sorted(GOLD_DIR.glob("extraction_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                by_doc[r["doc"]].append(GoldRow(r["doc"], r["key"], str(r["value"]), r["unit"], r.get("lines") or [],
                                                r.get("pages") or []))
    return dict(by_doc)


@dataclass
class DocScore:
    doc: str
    precision: float
    recall: float
    f1: float
    citation_accuracy: float
    true_positives: int
    false_positives: list[tuple[str, str, str]]
    false_negatives: list[tuple[str, str, str]]
    per_key: dict[str, dict[str, int]]


def score_document(gold: list[GoldRow], figures: list[Figure]) -> DocScore:
    gold_ids = {g.ident: g for g in gold}
    got: dict[tuple, list[Figure]] = defaultdict(list)
    for f in figures:
        got[(f.key, *normalised(f.value, f.unit))].append(f)
    tp = [i for i in got if i in gold_ids]
    fp = [i for i in got if i not in gold_ids]
    fn = [i for i in gold_ids if i not in got]
    precision = len(tp) / len(got) if got else 1.0
    recall = len(tp) / len(gold_ids) if gold_ids else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    cited_ok = 0
    cited = 0
    for i in tp:
        g = gold_ids[i]
        for f in got[i]:
            cited += 1
            c = f.citation
            if g.lines and c.line_start is not None:
                cited_ok += any(c.line_start <= ln <= c.line_end for ln in g.lines)
            elif g.pages and c.page is not None:
                cited_ok += c.page in g.pages
            else:
                cited_ok += 1
    per_key: dict[str, dict[str, int]] = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0})
    for name, ids in (("tp", tp), ("fp", fp), ("fn", fn)):
        for i in ids:
            per_key[i[0].split(":")[0]][name] += 1
    show = [(i[0], str(i[1]), i[2]) for i in fp]
    miss = [(i[0], str(i[1]), i[2]) for i in fn]
    return DocScore(gold[0].doc if gold else "", precision, recall, f1, cited_ok / cited if cited else 1.0, len(tp),
                    show, miss, dict(per_key))
