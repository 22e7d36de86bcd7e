"""Two adversarial sets for the unit resolver, written by helpers who attacked it (2026-11-30): their own archives
of official names and questions built to make it answer with the wrong unit, each with the right outcome written
before the first run (`evals/attacks/`). Each question falls in a dev or a held-out part by a hash of its text;
only dev misses were read while fixing.

    python -m evals.resolver_attacks [--misses]   # --misses lists the development misses only
"""

from __future__ import annotations

import hashlib
import sys
from collections import Counter

from evals.attacks import resolver_attack_1 as first
from evals.attacks import resolver_attack_2 as second


def split_of(question: str) -> str:
    return "heldout" if hashlib.sha1(question.encode()).hexdigest()[-1] in "89abcdef" else "dev"


def score() -> dict[str, tuple[Counter, list[str]]]:
    """Per set: counts of (split, verdict) — right / wrong (another unit answered) / missed — and the dev misses."""
    from app.question import figure_words, parse_question
    from app.units import UnitIndex

    out: dict[str, tuple[Counter, list[str]]] = {}
    counts, misses = Counter(), []
    for row in first.run():
        verdict = {"soft": "right", "miss": "missed"}.get(row["verdict"], row["verdict"])  # asking which is no answer
        counts[(split_of(row["q"]), verdict)] += 1
        if verdict != "right" and split_of(row["q"]) == "dev":
            misses.append(f"[{verdict}] {row['archive']} | {row['q']} | expected {row['expected']}")
    out["attack 1 (428)"] = (counts, misses)
    words = figure_words()
    indexes = {a: UnitIndex(names, words) for a, names in second.ARCHIVES.items()}
    counts, misses = Counter(), []
    for archive, question, expected, _ in second.load_cases():
        parsed = parse_question(question, indexes[archive], 2025)
        verdict = second.judge(expected, parsed.mentions).split(":")[0]
        counts[(split_of(question), verdict)] += 1
        if verdict != "right" and split_of(question) == "dev":
            misses.append(f"[{verdict}] {archive} | {question} | expected {expected}")
    out["attack 2 (599)"] = (counts, misses)
    return out


def main() -> int:
    for name, (counts, misses) in score().items():
        for split in ("dev", "heldout"):
            n = sum(v for (s, _), v in counts.items() if s == split)
            print(f"{name:<16}{split:<8} right {counts[(split, 'right')] / n:.3f}  wrong unit {counts[(split, 'wrong')]}"
                  f"  missed {counts[(split, 'missed')]}  (n={n})")
        if "--misses" in sys.argv:
            print("\n".join("    " + m for m in misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
