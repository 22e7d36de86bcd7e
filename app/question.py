"""Question understanding, once: :func:`parse_question` reads units, years, metrics, document type and
intent from a plain Chinese question into a :class:`~core.schemas.ParsedQuestion` that retrieval,
``ask``, ``reasons`` and the LLM path all use.
"""

from __future__ import annotations

import re

from app.units import match_units, mentions
from core.schemas import DocType, Intent, ParsedQuestion, QueryFilters
from core.vocabulary import METRICS
from index.lexical import expand_query

# a year as people write it: 2024年, 24年, 2024年度, 2024决算 / 2024预算
_YEAR = re.compile(r"(?<!\d)(20\d\d)\s*年|(?<![\d.])(\d\d)\s*年(?!\d)|(?<!\d)(20\d\d)(?=\s*(?:决算|预算))")
_RANGE = re.compile(r"(20\d\d)\s*(?:年)?\s*(?:-|—|–|~|～|至|到)\s*(20\d\d)\s*年?")
_RELATIVE = (("今年", 0), ("本年", 0), ("去年", -1), ("上年", -1), ("前年", -2))
_BASE_BEFORE = re.compile(r"(?:比|较|与)$")  # "比2023年…": a comparison base, not the year asked about
# words for "all the money", used only when the question names no other figure
_GENERIC = re.compile(r"一共花|全年花|总共花|全年.*?花了多少")
_WHY = re.compile(r"为什么|为啥|原因|咋|怎么会|何故")
_LIST = re.compile(r"哪几项|哪些|哪几块|各(?:花了|是|给了)?多少|分别|每项|各项")
_COMPARE = re.compile(r"比|差多少|差了|对比|相比|谁花得多|哪个高|多多少|少多少|超支")


def metric_keys(question: str) -> list[str]:
    """Vocabulary keys named by the everyday words of the question, in the order they are named.

    Every alias of :data:`core.vocabulary.METRICS` is matched; overlapping matches are settled by
    the longest (公车运行维护 over 公车), then the earliest in the table.
    """
    found: list[tuple[int, int, int, str]] = []
    for order, metric in enumerate(METRICS):
        for alias in metric.aliases:
            found.extend((m.start(), m.end(), order, metric.key) for m in re.finditer(alias, question))
    taken: list[tuple[int, int]] = []
    chosen: list[tuple[int, str]] = []
    for start, end, _order, key in sorted(found, key=lambda f: (f[0] - f[1], f[2], f[0])):
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        chosen.append((start, key))
    keys = list(dict.fromkeys(key for _, key in sorted(chosen)))
    if not keys and _GENERIC.search(question):
        keys = ["expenditure_grand_total"]
    return keys


def years_in(question: str, bases: bool = True) -> list[int]:
    """Years named in the question; ``bases=False`` leaves out comparison bases ("比2023年少了").

    A range ("2021-2024年", "2021至2024年") gives every year in it.
    """
    m = _RANGE.search(question)
    if m and int(m.group(1)) < int(m.group(2)) <= int(m.group(1)) + 20:
        return list(range(int(m.group(1)), int(m.group(2)) + 1))
    out = []
    for m in _YEAR.finditer(question):
        if not bases and _BASE_BEFORE.search(question[: m.start()]):
            continue
        y = int(m.group(1) or m.group(3)) if (m.group(1) or m.group(3)) else 2000 + int(m.group(2))
        if y not in out:
            out.append(y)
    return out


def relative_year(question: str, newest: int | None) -> tuple[int | None, str | None]:
    """今年/本年, 去年/上年, 前年 relative to the newest document of the archive (not to the calendar)."""
    if newest is None:
        return None, None
    for word, delta in _RELATIVE:
        at = question.find(word)
        if at >= 0 and not _BASE_BEFORE.search(question[:at]):
            return newest + delta, word
    return None, None


def doc_type_of(question: str) -> DocType | None:
    if re.search(r"决算公开|部门决算|决算报告", question):
        return DocType.final_accounts
    if re.search(r"预算公开|部门预算|预算报告", question):
        return DocType.budget
    if "绩效目标表" in question:
        return DocType.performance_target
    if "自评表" in question or "绩效自评" in question:
        return DocType.performance_self_eval
    return None


def intent_of(question: str) -> Intent:
    if _WHY.search(question):
        return Intent.reason
    budget_vs_actual = re.search(r"预算", question) and re.search(r"实际|决算", question)
    if (_COMPARE.search(question) or budget_vs_actual) and not re.search(r"比(?:上年|去年|\d{4}年)少了多少", question):
        return Intent.comparison
    if _LIST.search(question) and "三公" in question:
        return Intent.list
    return Intent.figure


def parse_question(question: str, units: list[str], years: list[int]) -> ParsedQuestion:
    """What the question asks, against the stored unit names and years of the archive."""
    matched, phrase = match_units(question, units)
    asked = years_in(question, bases=False)
    year_phrase = None
    if not asked:
        rel, year_phrase = relative_year(question, max(years) if years else None)
        asked = [rel] if rel is not None else []
    residual = question
    for p in (phrase, year_phrase, *(m.group(0) for m in _YEAR.finditer(question))):
        if p:
            residual = residual.replace(p, " ")
    _, added = expand_query(residual)
    filters = QueryFilters(unit=phrase if matched else None, units=matched,
                           year=asked[0] if len(asked) == 1 else None, doc_type=doc_type_of(question))
    return ParsedQuestion(text=question, residual=residual.strip(), expanded_terms=added, filters=filters,
                          mentions=mentions(question, units), years=asked, year_range=bool(_RANGE.search(question)),
                          metrics=metric_keys(question), intent=intent_of(question))
