"""Document identity and unit resolution, measured on real material the code was not developed against.

- Metadata: ``tests/data/disclosure_heads.jsonl`` (and a second development part, ``…_dev2.jsonl``) holds the beginnings of real published disclosures
  (title lines and table-of-contents entries, facts only) with hand labels; each is detected as a
  document of its own and scored on unit, year, type and scope.
- Unit resolution: ``tests/data/unit_queries.jsonl`` holds hand-written questions naming units of
  ``tests/data/unit_names.jsonl`` (321 real names) against an archive of one region or of all
  names; :func:`generated_queries` adds the abbreviations people form by rule (place left out,
  中共/人民政府 left out, the first character of each word of the function) for every name.

Every item carries a ``split`` (dev / heldout, fixed by a hash of its text before any run); the
held-out figure is the one that counts.

    python -m evals.identity [--misses] [--round3|--round6|--round11]   # per split; --misses lists the development misses only
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from app.question import figure_words
from app.units import UnitIndex
from core.schemas import DocMeta
from index.layout import read_layout
from index.loaders import RawDocument, Segment, doc_id_for
from index.metadata import detect

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"


def gold_rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def _with_dev2(name: str) -> list[dict]:
    """A gold file and its second development part (``<name>_dev2.jsonl``, all dev), when there is one."""
    second = DATA / name.replace(".jsonl", "_dev2.jsonl")
    return gold_rows(name) + (gold_rows(second.name) if second.exists() else [])


def _squash(name: str | None) -> str:
    """A unit name compared without spaces and with one form of brackets."""
    return re.sub(r"\s+", "", name or "").replace("（", "(").replace("）", ")")


@dataclass
class Tally:
    right: Counter = field(default_factory=Counter)
    total: Counter = field(default_factory=Counter)
    misses: list[dict] = field(default_factory=list)

    def score(self, split: str, what: str) -> float:
        n = self.total[(split, what)]
        return self.right[(split, what)] / n if n else 1.0


# -- metadata ------------------------------------------------------------------------------------

def detect_text(text: str, source: str = "head.txt") -> DocMeta:
    data = text.encode("utf-8")
    raw = RawDocument(source, Path(source), "text", doc_id_for(data), [Segment(text, None)])
    return detect(read_layout(raw))


def score_metadata(rows: list[dict] | None = None, body: bool = True) -> Tally:
    """Each row detected from its title lines and contents, and (``body``) the first lines of the body the page
    prints after them (``body_lines``: kept for the rows whose unit the beginning does not print, as ingestion reads
    the whole text)."""
    t = Tally()
    for row in rows if rows is not None else _with_dev2("disclosure_heads.jsonl"):
        meta = detect_text("\n".join(row["title_lines"] + row["contents"] + (row.get("body_lines", []) if body else [])))
        got = {"unit": _squash(meta.unit), "year": meta.year, "type": meta.doc_type.value,
               "scope": meta.scope.value if meta.scope else None}
        want = {"unit": _squash(row["unit"]), "year": row["year"], "type": row["doc_type"], "scope": row["scope"]}
        for what in want:
            for split in (row["split"], "all"):
                t.total[(split, what)] += 1
                t.right[(split, what)] += got[what] == want[what]
        wrong = {k: (want[k], got[k]) for k in want if got[k] != want[k]}
        if wrong:
            t.misses.append({"id": row["id"], "split": row["split"], "title": " / ".join(row["title_lines"]),
                             "wrong": wrong})
    return t


# -- unit resolution -----------------------------------------------------------------------------

_WORDS_SKIPPED = {"和", "与", "及"}
_KIND_SHORT = (("委员会", "委"), ("办公室", "办"), ("局", "局"))


def _archive(scope: str, names: list[dict]) -> list[str]:
    if scope == "all":
        return [n["name"] for n in names]
    region = scope.split(":", 1)[1]
    return [n["name"] for n in names if n["region"] == region]


def abbreviations(name: str, region: str) -> list[str]:
    """How people shorten an official name, by rule (not a list): the region left out, or kept at its
    last level; 中共 left out (a party unit keeps 区委/县委); 人民政府 → 政府; the first character of
    each word of the function, with 委员会 → 委 and 办公室 → 办."""
    import jieba

    jieba.setLogLevel(60)
    rest, party = name, False
    for prefix in ("中国共产党", "中共"):
        if rest.startswith(prefix):
            rest, party = rest[len(prefix):], True
    if not rest.startswith(region):
        return [name]  # a name printed without its region: people use it as printed
    rest = rest[len(region):]
    level = region[-1]
    last = re.findall(r"[\u4e00-\u9fff]{2,8}?(?:区|县|市)", region)
    if party and rest.startswith("委"):
        rest = level + rest  # 区委宣传部
    rest = rest.replace("人民政府办公室", "政府办").replace("人民政府", "政府")
    if not rest or rest == "政府":
        return [(last[-1] if last else region) + "政府"]
    out = {rest, level + rest if not party and not rest.startswith(level) else rest}
    if last:
        out.add(last[-1] + rest.removeprefix(level))
    for long, short in _KIND_SHORT:
        if rest.endswith(long) and len(rest) > len(long) + 1:
            core = rest[: -len(long)].removeprefix(level)
            words = [w for w in jieba.lcut(core) if w not in _WORDS_SKIPPED]
            if len(words) >= 2:
                out.add("".join(w[0] for w in words) + (short or long[0]))
    return sorted(a for a in out if len(a) >= 2)


def generated_queries(names: list[dict]) -> list[dict]:
    """For every name of a region with at least 5 names: each abbreviation, in that region's archive.

    The expected answer follows from the rule: the name when no other stored name of the region
    yields the same abbreviation, else AMBIGUOUS. The split is fixed by a hash of the question.
    """
    import hashlib

    by_region: dict[str, list[dict]] = defaultdict(list)
    for n in names:
        by_region[n["region"]].append(n)
    out = []
    for region, group in sorted(by_region.items()):
        if len(group) < 5:
            continue
        made = {n["name"]: abbreviations(n["name"], region) for n in group}
        owners: dict[str, set[str]] = defaultdict(set)
        for name, abbrs in made.items():
            for a in abbrs:
                owners[a].add(name)
        for name, abbrs in made.items():
            for a in abbrs:
                question = f"{a}2024年三公经费花了多少"
                split = "heldout" if hashlib.sha1(question.encode()).hexdigest()[-1] in "abcdef" else "dev"
                expected = name if len(owners[a]) == 1 else "AMBIGUOUS"
                out.append({"id": f"g-{len(out)}", "question": question, "phrase": a, "scope": f"region:{region}",
                            "expected": expected, "candidates": sorted(owners[a]) if expected == "AMBIGUOUS" else [],
                            "style": "generated", "split": split})
    return out


def judge_resolution(item: dict, found: list[str]) -> str:
    """right | wrong-unit (answered with another unit) | missed (asked, or found nothing, when one unit was meant)."""
    expected = item["expected"]
    if expected is None:
        return "right" if not found else ("wrong-unit" if len(found) == 1 else "missed")
    if expected == "AMBIGUOUS":
        return "right" if len(found) >= 2 else ("wrong-unit" if len(found) == 1 else "missed")
    if found == [expected]:
        return "right"
    return "wrong-unit" if len(found) == 1 else "missed"


def score_resolution(items: list[dict] | None = None, names: list[dict] | None = None) -> Tally:
    names = names if names is not None else gold_rows("unit_names.jsonl")
    items = items if items is not None else _with_dev2("unit_queries.jsonl")
    indexes: dict[str, UnitIndex] = {}
    t = Tally()
    for item in items:
        index = indexes.setdefault(item["scope"], UnitIndex(_archive(item["scope"], names), figure_words()))
        mentions = index.mentions(item["question"])
        found = mentions[0].units if mentions else []
        verdict = judge_resolution(item, found)
        for split in (item["split"], "all"):
            t.total[(split, "right")] += 1
            t.right[(split, "right")] += verdict == "right"
            t.total[(split, "wrong-unit")] += 1
            t.right[(split, "wrong-unit")] += verdict == "wrong-unit"
        if verdict != "right":
            t.misses.append({"id": item["id"], "split": item["split"], "q": item["question"], "scope": item["scope"],
                             "expected": item["expected"], "found": found[:4], "verdict": verdict,
                             "phrase": mentions[0].phrase if mentions else None})
    return t


def main() -> int:
    import sys

    show = "--misses" in sys.argv
    only = [r for r in LATER_ROUNDS if f"--round{r}" in sys.argv]
    if not only:
        names = gold_rows("unit_names.jsonl")
        _beginnings_only("", "disclosure_heads.jsonl", score_metadata(body=False))
        _report("", "disclosure_heads.jsonl", score_metadata(),
                [("hand-written", score_resolution()), ("generated", score_resolution(generated_queries(names)))],
                show)
    for r in only or LATER_ROUNDS:
        _later_round(r, show)
    return 0


# later rounds, each written without seeing the code after the earlier ones were used in development
# (R3_README.md, R6_README.md, R11_README.md, R12_README.md, R13_README.md, R14_README.md): round → (heads, names, queries)
LATER_ROUNDS = {
    3: ("disclosure_heads_r3.jsonl", "unit_names_r3.jsonl", "unit_queries_r3.jsonl"),
    6: ("disclosure_heads_r6.jsonl", "unit_names_r6.jsonl", "unit_queries_r6.jsonl"),
    11: ("disclosure_heads_r11.jsonl", "unit_names_r11.jsonl", "unit_queries_r11.jsonl"),
    12: ("disclosure_heads_r12.jsonl", "unit_names_r12.jsonl", "unit_queries_r12.jsonl"),
    # (rounds 13 and 14 are all development material: written to find the kinds the held-out parts above show and not read)
    13: ("disclosure_heads_r13.jsonl", "unit_names_r13.jsonl", "unit_queries_r13.jsonl"),
    14: ("disclosure_heads_r14.jsonl", "unit_names_r14.jsonl", "unit_queries_r14.jsonl"),
    # (round 15 has a held-out half again: R15_README.md)
    15: ("disclosure_heads_r15.jsonl", "unit_names_r15.jsonl", "unit_queries_r15.jsonl"),
}
ROUND3 = dict(zip(("heads", "names", "queries"), LATER_ROUNDS[3], strict=True))


def later_round(r: int) -> tuple[Tally, Tally, Tally]:
    """Metadata, hand-written and generated resolution of one later round."""
    heads, names_file, queries = LATER_ROUNDS[r]
    names = gold_rows(names_file)
    return (score_metadata(gold_rows(heads)), score_resolution(gold_rows(queries), names),
            score_resolution(generated_queries(names), names))


def _later_round(r: int, show: bool) -> None:
    meta, hand, generated = later_round(r)
    _beginnings_only(f"round {r} — ", LATER_ROUNDS[r][0], score_metadata(gold_rows(LATER_ROUNDS[r][0]), body=False))
    _report(f"round {r} — ", LATER_ROUNDS[r][0], meta, [("hand-written", hand), ("generated", generated)], show)


def _metadata_lines(meta: Tally) -> None:
    for split in ("dev", "heldout", "all"):
        print(f"  {split:<8}" + "  ".join(f"{w} {meta.score(split, w):.3f}" for w in ("unit", "year", "type", "scope"))
              + f"  (n={meta.total[(split, 'unit')]})")


def _beginnings_only(title: str, heads: str, meta: Tally) -> None:
    print(f"{title}metadata from the beginnings alone, without the body's first lines (tests/data/{heads}):")
    _metadata_lines(meta)


def _report(title: str, heads: str, meta: Tally, resolutions: list[tuple[str, Tally]], show: bool) -> None:
    """One round's figures per split; with ``show``, its development misses (never the held-out ones)."""
    print(f"{title}metadata (tests/data/{heads}, with the body's first lines where the beginning names no unit):")
    _metadata_lines(meta)
    for label, res in resolutions:
        print(f"{title}unit resolution, {label}:")
        for split in ("dev", "heldout", "all"):
            print(f"  {split:<8}right {res.score(split, 'right'):.3f}  wrong-unit answers "
                  f"{res.right[(split, 'wrong-unit')]}  (n={res.total[(split, 'right')]})")
        if show:
            for m in res.misses:
                if m["split"] == "dev":
                    print("   ", m)
    if show:
        for m in meta.misses:
            if m["split"] == "dev":
                print("   ", m)


if __name__ == "__main__":
    raise SystemExit(main())
