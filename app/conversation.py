"""A conversation (对话): a follow-up question read with what the previous turn asked.

"昌吉州市场监督管理局2024年三公经费多少" then "那前年呢？": the follow-up names neither unit nor metric, so
:func:`carry_over` takes them from the previous turn, and reads 前年 from the previous turn's year (2022), not
from the newest document of the archive. The API keeps the last turn per conversation id
(:class:`Conversations`); the 问答 page keeps it in its session.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from app.question import relative_year, years_in
from core.schemas import Intent, ParsedQuestion

MAX_CONVERSATIONS = 1000  # conversations kept in memory; the least recently used is forgotten first


def carry_over(previous: ParsedQuestion | None, current: ParsedQuestion) -> ParsedQuestion:
    """``current`` with the unit, year and metric (指标) of ``previous`` wherever it leaves them out.

    - unit: carried when the follow-up names none (and no phrase that looks like an unknown unit); a
      comparison that names another unit ("和财政局比呢？") compares it with the previous one;
    - year: 去年/前年/今年 count from the previous turn's single year; no year at all takes the previous years;
    - metric: carried when the follow-up names none, with the previous search words and, unless the
      follow-up asks something else (why, compare, list), the previous intent.

    What the follow-up says always wins; nothing else (type, scope) is carried.
    """
    if previous is None:
        return current
    filters: dict = {}
    update: dict = {}
    _carry_unit(previous, current, update, filters)
    _carry_years(previous, current, update, filters)
    if not current.metrics and previous.metrics:
        update |= {"metrics": list(previous.metrics), "residual": previous.residual,
                   "expanded_terms": list(previous.expanded_terms)}
        if current.intent == Intent.figure:
            update["intent"] = previous.intent
    if filters:
        update["filters"] = current.filters.model_copy(update=filters)
    return current.model_copy(update=update) if update else current


def _carry_unit(previous: ParsedQuestion, current: ParsedQuestion, update: dict, filters: dict) -> None:
    if not previous.mentions:
        return
    if not current.mentions and current.unknown_unit is None:
        update["mentions"] = list(previous.mentions)
        filters |= {"unit": previous.filters.unit, "units": list(previous.filters.units)}
    elif current.intent == Intent.comparison and current.mentions:
        phrases = {m.phrase for m in current.mentions}
        earlier = [m for m in previous.mentions if m.phrase not in phrases]
        if earlier:
            update["mentions"] = earlier + list(current.mentions)
            filters |= {"unit": earlier[0].phrase,
                        "units": sorted({u for m in earlier for u in m.units} | set(current.filters.units))}


def _carry_years(previous: ParsedQuestion, current: ParsedQuestion, update: dict, filters: dict) -> None:
    text = current.corrected or current.text
    if years_in(text) or not previous.years:
        return  # a year written out wins; with no previous year there is nothing to count from
    if len(previous.years) == 1:
        year, _ = relative_year(text, previous.years[0])
        if year is not None:
            update |= {"years": [year], "year_range": False}
            filters["year"] = year
            return
    if not current.years:
        update |= {"years": list(previous.years), "year_range": previous.year_range}
        filters["year"] = previous.filters.year


class Conversations:
    """The last turn of each conversation, by id, in memory (thread-safe, the oldest forgotten first)."""

    def __init__(self, limit: int = MAX_CONVERSATIONS) -> None:
        self.limit = limit
        self._turns: OrderedDict[str, ParsedQuestion] = OrderedDict()
        self._lock = threading.Lock()

    def last(self, conversation_id: str) -> ParsedQuestion | None:
        with self._lock:
            turn = self._turns.get(conversation_id)
            if turn is not None:
                self._turns.move_to_end(conversation_id)
            return turn

    def remember(self, conversation_id: str, parsed: ParsedQuestion) -> None:
        with self._lock:
            self._turns[conversation_id] = parsed
            self._turns.move_to_end(conversation_id)
            while len(self._turns) > self.limit:
                self._turns.popitem(last=False)

    def __len__(self) -> int:
        return len(self._turns)
