"""Mutation score of the cross-checks: change each extracted figure of a document, one at a time, and see
whether ``check`` fails citing the changed place.

    python -m evals.mutation                          # the sample archive: data/*.txt and ../shared/corpus/*.pdf
    python -m evals.mutation FILE… --sample 10 --kinds plus100,swap,shift --json out.json --jobs 2

For every figure ``extract`` reads, the printed number is found inside the figure's citation (the quote of
its clause or table row) and replaced in a copy of the document's text by
- ``plus100``: the amount + 100, printed with the same decimals and separators (3,681.17 → 3,781.17);
- ``swap``: its rightmost pair of adjacent different digits swapped (3681.17 → 3681.71);
- ``shift``: its decimal point moved one place right (3681.17 → 36811.7; 11 → 110).
The text is changed where the citation points: in the decoded text of a text file, or in the extracted text
layer of the PDF page (the page text pypdf returns, which is what ingestion reads; the PDF file itself is not
rewritten). The changed document is read again (normalised, laid out, extracted) and every rule runs
(:func:`extraction.checks.check_layout`, what ``disclosure check`` runs). A mutation is *caught* when a new
``fail`` (a message the unchanged document does not have) cites a span holding the changed characters.

Per document it reports the share of mutations caught, the share of figures with every mutation caught
(*fully*) and with at least one caught (*covered*), and the figures no rule covers (no mutation caught).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from core.schemas import CheckResult, Figure
from extraction.checks import check_layout
from extraction.extractor import extract
from index.layout import read_layout
from index.loaders import RawDocument, load
from index.metadata import detect

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("plus100", "swap", "shift")
_TOKEN = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|(?<![\d.,])\d+(?:\.\d+)?(?![\d.,]*\d)")


def default_archive() -> list[Path]:
    corpus = ROOT.parent / "shared" / "corpus"
    return sorted((ROOT / "data").glob("*.txt")) + (sorted(corpus.glob("*.pdf")) if corpus.exists() else [])


# -- changing a printed number ---------------------------------------------------------------------

def _group(digits: str) -> str:
    return f"{int(digits):,}" if digits else "0"


def _printed(value: Decimal, decimals: int, commas: bool) -> str:
    q = f"{value:.{decimals}f}" if decimals else f"{value:.0f}"
    if not commas:
        return q
    whole, _, frac = q.partition(".")
    return _group(whole) + (f".{frac}" if frac else "")


def mutate(printed: str, kind: str) -> str | None:
    """The printed number changed by one kind of mutation, or None when that kind cannot change it."""
    commas = "," in printed
    plain = printed.replace(",", "")
    decimals = len(plain.split(".")[1]) if "." in plain else 0
    value = Decimal(plain)
    if kind == "plus100":
        new = _printed(value + 100, decimals, commas)
    elif kind == "swap":
        new = _swap(printed)
    elif kind == "shift":
        if value == 0:
            return None
        whole, _, frac = plain.partition(".")
        moved = (whole + (frac[:1] or "0")).lstrip("0") or "0"
        rest = frac[1:]
        new = (_group(moved) if commas else moved) + (f".{rest}" if rest else "")
    else:
        raise ValueError(kind)
    if new is None or Decimal(new.replace(",", "")) == value:
        return None
    return new


def _swap(printed: str) -> str | None:
    chars = list(printed)
    for i in range(len(chars) - 2, -1, -1):
        a, b = chars[i], chars[i + 1]
        if a.isdigit() and b.isdigit() and a != b:
            if i == 0 and b == "0" and (len(chars) == 2 or chars[2] != "."):
                continue  # a leading zero ("06") is not a number anyone prints
            chars[i], chars[i + 1] = b, a
            return "".join(chars)
    return None


# -- where a figure is printed ---------------------------------------------------------------------

@dataclass
class Place:
    seg: int
    start: int
    end: int
    text: str


def _segment(raw: RawDocument, f: Figure) -> int | None:
    if raw.kind != "pdf":
        return 0
    return next((k for k, s in enumerate(raw.segments) if s.page == f.citation.page), None)


def locate(raw: RawDocument, f: Figure, same_place: list[Figure]) -> Place | None:
    """The printed number of a figure inside its citation. Among several equal numbers (a row printing 15 under
    both 预算编制数 and 全年预算数), the one whose change changes what ``extract`` reads for the figure's key."""
    seg = _segment(raw, f)
    if seg is None:
        return None
    c = f.citation
    quote = raw.segments[seg].text[c.char_start:c.char_end]
    hits = [m for m in _TOKEN.finditer(quote) if m.group(0).replace(",", "") == f.value]
    if not hits:
        return None
    places = [Place(seg, c.char_start + m.start(), c.char_start + m.end(), m.group(0)) for m in hits]
    if len(places) == 1:
        return places[0]
    read = [p for p in places if _reads_as(raw, p, f)]
    k = next((i for i, g in enumerate(same_place) if g is f), 0)
    if read:
        return read[min(k, len(read) - 1)]
    # the extractor reads the figure whichever of the equal numbers changes: the k-th of the last ones for a table
    # row (全年预算数 and 全年执行数 come after 年初预算数), the first after the label in prose
    if f.source_kind == "table":
        return places[max(0, len(places) - len(same_place)) + k] if len(places) >= len(same_place) else places[-1]
    label = re.sub(r"\s+", "", f.label or "")[:4]
    at = quote.find(label) if label else -1
    after = [p for p in places if at >= 0 and p.start - c.char_start >= at]
    return (after or places)[0]


def _reads_as(raw: RawDocument, place: Place, f: Figure) -> bool:
    """Whether changing the number at ``place`` changes what ``extract`` reads for ``f.key`` there (the figure is
    then read from this cell; changing an equal number in another column leaves it as it was)."""
    new = mutate(place.text, "plus100")
    if new is None:
        return False
    text = raw.segments[place.seg].text
    layout = read_layout(_with_text(raw, place.seg, text[:place.start] + new + text[place.end:]))
    return not any(g.key == f.key and g.value == f.value and g.citation.page == f.citation.page
                   and g.citation.char_start == f.citation.char_start for g in extract(layout, detect(layout)).figures)


# -- running ---------------------------------------------------------------------------------------

@dataclass
class Outcome:
    key: str
    value: str
    where: str
    kind: str
    new: str | None
    caught: bool
    rules: list[str] = field(default_factory=list)


@dataclass
class DocScore:
    source: str
    figures: int
    located: int
    mutations: int
    caught: int
    fully: int
    covered: int
    seconds: float
    baseline_fails: list[str] = field(default_factory=list)
    uncovered: list[str] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def score(self) -> float:
        return self.caught / self.mutations if self.mutations else 1.0

    @property
    def coverage(self) -> float:
        return self.covered / self.located if self.located else 1.0

    @property
    def full(self) -> float:
        return self.fully / self.located if self.located else 1.0


def run_checks(raw: RawDocument) -> list[CheckResult]:
    layout = read_layout(raw)
    return check_layout(layout, detect(layout))


def _with_text(raw: RawDocument, seg: int, text: str) -> RawDocument:
    segments = list(raw.segments)
    segments[seg] = dataclasses.replace(segments[seg], text=text)
    return dataclasses.replace(raw, segments=segments, warnings=[])


def _catches(results: list[CheckResult], baseline: set[str], raw: RawDocument, place: Place) -> list[str]:
    page = raw.segments[place.seg].page
    out = []
    for r in results:
        if r.status != "fail" or r.message in baseline:
            continue
        for c in r.citations:
            same = c.page == page if raw.kind == "pdf" else True
            if same and c.char_start <= place.start < c.char_end:
                out.append(r.rule)
                break
    return out


def score_document(path: Path, kinds: tuple[str, ...] = KINDS, sample: int | None = None, seed: int = 0) -> DocScore:
    t0 = time.perf_counter()
    raw = load(path)
    layout = read_layout(raw)
    meta = detect(layout)
    figures = extract(layout, meta).figures
    base = check_layout(layout, meta)
    baseline = {r.message for r in base if r.status == "fail"}
    chosen = figures if sample is None or sample >= len(figures) else random.Random(seed).sample(figures, sample)
    score = DocScore(path.name, len(figures), 0, 0, 0, 0, 0, 0.0, sorted(baseline))
    for f in chosen:
        twins = [g for g in figures if g.citation.char_start == f.citation.char_start and g.citation.page == f.citation.page
                 and g.value == f.value]
        place = locate(raw, f, twins)
        where = f.citation.where()
        if place is None:
            score.uncovered.append(f"{f.key}={f.value} {where} (number not found in its citation)")
            continue
        score.located += 1
        results = []
        for kind in kinds:
            new = mutate(place.text, kind)
            if new is None:
                continue
            seg_text = raw.segments[place.seg].text
            changed = _with_text(raw, place.seg, seg_text[:place.start] + new + seg_text[place.end:])
            rules = _catches(run_checks(changed), baseline, changed, place)
            results.append(Outcome(f.key, f.value, where, kind, new, bool(rules), sorted(set(rules))))
        score.outcomes.extend(results)
        score.mutations += len(results)
        caught = sum(o.caught for o in results)
        score.caught += caught
        score.fully += bool(results) and caught == len(results)
        score.covered += caught > 0
        if results and not caught:
            score.uncovered.append(f"{f.key}={f.value} {where}")
    score.seconds = round(time.perf_counter() - t0, 1)
    return score


def _score_job(args: tuple[str, tuple[str, ...], int | None, int]) -> DocScore:
    path, kinds, sample, seed = args
    return score_document(Path(path), kinds, sample, seed)


def report(scores: list[DocScore]) -> str:
    lines = ["| document | figures | mutations | caught | mutation score | figures fully caught | figures covered |",
             "|---|---|---|---|---|---|---|"]
    for s in scores:
        lines.append(f"| {s.source} | {s.located}/{s.figures} | {s.mutations} | {s.caught} | {s.score:.3f} | "
                     f"{s.full:.3f} | {s.coverage:.3f} |")
    total_m, total_c = sum(s.mutations for s in scores), sum(s.caught for s in scores)
    lines.append(f"| all | {sum(s.located for s in scores)}/{sum(s.figures for s in scores)} | {total_m} | {total_c} | "
                 f"{(total_c / total_m if total_m else 1):.3f} | "
                 f"{sum(s.fully for s in scores) / max(1, sum(s.located for s in scores)):.3f} | "
                 f"{sum(s.covered for s in scores) / max(1, sum(s.located for s in scores)):.3f} |")
    for s in scores:
        if s.uncovered:
            lines.append(f"\n{s.source}: figures no rule covers ({len(s.uncovered)})")
            lines.extend(f"  - {u}" for u in s.uncovered)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m evals.mutation", description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="*", help="documents (default: the sample archive)")
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--sample", type=int, help="mutate only this many figures per document (seeded)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--json", help="write the scores (with every mutation) to this file")
    args = ap.parse_args(argv)
    paths = [Path(p) for p in args.paths] or default_archive()
    kinds = tuple(k for k in args.kinds.split(",") if k)
    jobs = [(str(p), kinds, args.sample, args.seed) for p in paths]
    if args.jobs > 1:
        with ProcessPoolExecutor(args.jobs) as pool:
            scores = list(pool.map(_score_job, jobs))
    else:
        scores = [_score_job(j) for j in jobs]
    print(report(scores))
    if args.json:
        data = [dict(dataclasses.asdict(s), score=s.score, full=s.full, coverage=s.coverage) for s in scores]
        Path(args.json).write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
