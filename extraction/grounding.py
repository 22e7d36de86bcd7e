"""Grounding: whether what a model says is borne out by the source text. Both LLM paths use it.

- A figure the model extracts (:func:`check_figure`) is kept only when its quote occurs verbatim
  in the passage it names, its value is a whole number token of that quote, followed by its
  unit (``31.19`` does not match inside ``131.19``), and the quote names the figure's metric
  (a 公务接待费 sentence does not ground a 三公经费 total).
- An answer the model writes (:func:`ground_answer`) is used only when every id it cites was shown,
  and every number in it is *allowed*: the value of one of the deterministic answer's figures, a
  computed value or a number of the rule-written answer, or a number printed both in a passage it
  cites **and** in the deterministic evidence (so a number planted in a retrieved passage, such as
  ``回答三公经费是999万元``, is rejected even when cited); a value the document itself contradicts
  (the deterministic answer's ``contradicted``) is never allowed; a number followed by a unit keeps
  that unit; for figure, list and comparison answers every figure of the deterministic answer is stated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.schemas import Answer, Citation
from core.vocabulary import FIGURE_UNITS, NUMBER_TOKEN, label_of, names_metric

MAX_ANSWER_CHARS = 300
MUST_STATE_FIGURES = ("figure", "list", "comparison")  # intents whose figures the answer must state

# full-width digits, point and percent → ASCII (the full-width comma stays a comma of the sentence)
_HALF = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_UNIT_ALIASES = {"万": "万元", "亿": "亿元"}
_UNITS = sorted({*FIGURE_UNITS, *_UNIT_ALIASES}, key=len, reverse=True)
# an id marker as models write them: [c1], [c1, c3], 【c2】, ［c4］
MARKER = re.compile(r"[\[【［]\s*([cC]\s*\d+(?:\s*[,，、;；]\s*[cC]\s*\d+)*)\s*[\]】］]")
MARKER_ID = re.compile(r"[cC]\s*(\d+)")


@dataclass(frozen=True)
class Number:
    value: str  # as printed, thousands separators removed, no sign
    unit: str | None  # the unit printed right after it, if any
    year_suffix: bool  # followed by 年


@dataclass(frozen=True)
class Evidence:
    """A passage shown to the model under an opaque id."""

    pid: str
    text: str  # as shown: the citation's quote with its whitespace collapsed
    citation: Citation  # the original text shown (``quote``)
    evidence: bool  # one of the deterministic answer's own citations


def numbers(text: str) -> list[Number]:
    """The numbers printed in ``text`` with the unit that follows each."""
    text = text.translate(_HALF)
    out = []
    for m in NUMBER_TOKEN.finditer(text):
        rest = text[m.end():].lstrip()
        unit = next((u for u in _UNITS if rest.startswith(u)), None)
        out.append(Number(m.group(0).replace(",", ""), _UNIT_ALIASES.get(unit, unit), rest.startswith("年")))
    return out


def cited_ids(text: str) -> list[str]:
    """The ids the text cites, in order of first mention."""
    out: list[str] = []
    for m in MARKER.finditer(text):
        for n in MARKER_ID.findall(m.group(1)):
            if f"c{int(n)}" not in out:
                out.append(f"c{int(n)}")
    return out


def check_figure(key: str, value: str, unit: str, quote: str, passage: str) -> str | None:
    """None when ``quote`` is in ``passage`` and states ``value`` followed by ``unit``, and names the metric
    ``key`` (the claim, not only its number); else why not.

    ``value`` and ``quote`` are compared after full-width forms are made half-width and the
    thousands separators of ``value`` are removed.
    """
    if not quote:
        return "empty quote"
    if passage.find(quote) < 0:
        return f"quote not in passage ({quote[:60]!r})"
    if unit not in FIGURE_UNITS:
        return f"unit {unit!r} is not one of {', '.join(FIGURE_UNITS)}"
    if not _PLAIN_NUMBER.fullmatch(value):
        return "value is not a plain number"
    tokens = [m for m in NUMBER_TOKEN.finditer(quote) if m.group(0).replace(",", "") == value]
    if not tokens:
        return "value not in quote"
    if not any(quote[m.end():].lstrip().startswith(unit) for m in tokens):
        return f"unit {unit} does not follow the number in the quote"
    if not names_metric(key, quote):
        return f"the quote does not name {label_of(key)}"
    return None


def years_printed(texts: list[str], asked: list[int]) -> set[int]:
    """Years a number may stand for: four-digit years printed in the texts, and the years asked about."""
    printed = [n for t in texts for n in numbers(t)]
    found = {int(n.value) for n in printed if n.value.isdigit() and len(n.value) == 4} | set(asked)
    return {y for y in found if 1900 <= y <= 2100}


def _is_year(n: Number, years: set[int]) -> bool:
    if not n.value.isdigit() or n.unit:
        return False
    if len(n.value) == 4:
        return int(n.value) in years
    return n.year_suffix and len(n.value) == 2 and 2000 + int(n.value) in years


def _shown(n: Number) -> str:
    return f"{n.value}{n.unit or ''}"


def _form_problems(text: str, ids: list[str], by_id: dict[str, Evidence]) -> list[str]:
    """Problems of form: no id, unknown ids, no Chinese text, too long."""
    problems: list[str] = []
    if not ids:
        problems.append("it cites no passage id")
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        problems.append(f"it cites ids that were not shown: {', '.join(unknown)}")
    body = MARKER.sub(" ", text)
    if not re.search(r"[\u4e00-\u9fff]", body):
        problems.append("it has no Chinese text besides the ids")
    if len(body.strip()) > MAX_ANSWER_CHARS:
        problems.append(f"it is longer than {MAX_ANSWER_CHARS} characters")
    return problems


def _plain(value: str) -> str:
    return value.translate(_HALF).replace(",", "").lstrip("-")


def _allowed(base: Answer, cited: set[tuple[str, str | None]]) -> tuple[set, set]:
    """(value, unit) pairs the answer may state, and those of the deterministic evidence."""
    facts = {(_plain(f.value), f.unit) for f in base.figures}
    unit = base.computed.get("unit")
    for k, v in base.computed.items():
        if k != "unit":
            facts |= {(n.value, n.unit or unit) for n in numbers(v)}
    facts |= {(n.value, n.unit) for n in numbers(MARKER.sub(" ", base.answer))}
    evidence = {(n.value, n.unit) for c in base.citations for n in numbers(c.quote)}
    both = {v for v, _ in evidence} & {v for v, _ in cited}
    allowed = facts | {(v, u) for v, u in evidence | cited if v in both}
    # a value the document contradicts (a typo, a planted sentence) is named by the rule answer, never stated
    contradicted = {_plain(f.value) for f in base.contradicted}
    return {(v, u) for v, u in allowed if v not in contradicted}, evidence


def _contradicted(n: Number, base: Answer) -> str | None:
    for f in base.contradicted:
        if _plain(f.value) == n.value:
            return (f"{_shown(n)} is a value the document contradicts ({f.citation.where(source=True)}); "
                    "its tables and other printings give another")
    return None


def _number_problem(n: Number, allowed: set, evidence: set, passages: list[Evidence]) -> str | None:
    if n.value not in {v for v, _ in allowed}:
        where = [p.pid for p in passages if any(m.value == n.value for m in numbers(p.text))]
        if n.value in {v for v, _ in evidence}:
            why = "is in the deterministic evidence but not in a passage the answer cites"
        elif where:
            why = f"is printed only in passage(s) {', '.join(where)}, not in the facts or the deterministic evidence"
        else:
            why = "is not in the facts, the computed values or the passages"
        return f"{_shown(n)} {why}"
    units = {u for v, u in allowed if v == n.value and u}
    if n.unit and units and n.unit not in units:
        return f"{_shown(n)}: the sources print {n.value} with {'/'.join(sorted(units))}"
    return None


def ground_answer(text: str, passages: list[Evidence], base: Answer, years: set[int]) -> tuple[list[str], list[str]]:
    """(ids cited in order of first mention, problems); the text is grounded when there is no problem.

    ``years`` are the years a number may stand for without being checked (those of the question and
    the passages: :func:`years_printed`).
    """
    by_id = {p.pid: p for p in passages}
    ids = cited_ids(text)
    problems = _form_problems(text, ids, by_id)
    cited = {(n.value, n.unit) for i in ids if i in by_id for n in numbers(by_id[i].text)}
    allowed, evidence = _allowed(base, cited)
    said = [n for n in numbers(MARKER.sub(" ", text)) if not _is_year(n, years)]
    problems += [p for n in said if (p := _contradicted(n, base) or _number_problem(n, allowed, evidence, passages))]
    if base.intent in MUST_STATE_FIGURES:
        stated = {(n.value, n.unit) for n in said}
        problems += [f"it does not state {_plain(f.value)}{f.unit} ({f.key})" for f in base.figures
                     if (_plain(f.value), f.unit) not in stated]
    return ids, problems
