"""Follow-up questions (追问): what a turn leaves out is taken from the turn before.

"昌吉州市监局2024年三公经费花了多少？" then "那去年呢？" asks for the same unit and metric in 2023 (去年 counted
from the year asked before when the calendar's 去年 is the year just asked; "那前年呢？" after "去年…" is two years ago);
"和大同市场监管局比呢？" compares the unit asked
before with the one named now, for the same metric and year. :func:`carry_over` is pure: two parsed questions in,
one out; the service applies it (``DisclosureService.ask(question, previous=…)``) so no caller parses. The API
keeps the last turn per conversation id (:class:`Conversations`); the 问答 page keeps it in its session.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict

from app.question import relative_year, years_in
from core.schemas import Intent, ParsedQuestion
from core.vocabulary import label_of

# the words of a follow-up that name nothing of their own (what is left after them names a figure, a row, a unit)
_FOLLOW_UP_WORDS = re.compile(r"那么?|呢|吗|啊|比|上年|去年|前年|今年|为什么|为啥|原因|是什么|增加|减少|下降|增长|了|多少|是|的|怎么|"
                              r"变化|样|预算|决算|年初|实际|完成|情况|具体|说|写|[^\u4e00-\u9fff]")
# words that point back at the thing asked before ("这个项目", "该项", "它的")
_POINTS_BACK = re.compile(r"这个项目|这一项目|该项目|此项目|这个|这一项|这项|该项|此项|它的?|其(?=绩效|目标|预算|资金|用途|完成)")
MAX_CONVERSATIONS = 1000  # conversations kept in memory; the least recently used is forgotten first


def carry_over(previous: ParsedQuestion | None, current: ParsedQuestion) -> ParsedQuestion:
    """``current`` with the unit, year, metric (and what was being asked) of ``previous`` where it names none.

    - unit: carried when the new turn names no unit (known or unknown); a comparison that names one more
      unit ("和…比呢？") compares it with the unit(s) asked before;
    - year: carried when the new turn names none; 去年/前年/今年 are the calendar's, or count from the year asked
      before when the calendar's is that very year; 上年 counts from the year asked before;
    - metric: carried when the new turn names none, and then so is the intent (a why stays a why) unless the
      new turn asks something else (为什么, 比, 哪几项); a row asked before (行政运行, 办公费: no metric) is carried in
      the residual the rows are matched on, when the new turn names nothing of its own.

    The result's ``corrected`` is the question as it would have been asked in full (unit, year and metric
    words in front of the follow-up), which the answerer reads for wording and nearest passages; ``text``
    stays what was typed.
    """
    if previous is None:
        return current
    update: dict = {}
    filters: dict = {}
    said: list[str] = []  # the words of the full question that the follow-up left out
    names_unit = bool(current.mentions or current.unknown_unit)
    compares_more = (current.intent == Intent.comparison and current.mentions and previous.mentions
                     and not {m.phrase for m in current.mentions} & {m.phrase for m in previous.mentions})
    if compares_more:
        mentions = [*previous.mentions, *current.mentions]
        update["mentions"] = mentions
        filters |= {"unit": previous.filters.unit, "units": sorted({u for m in mentions for u in m.units})}
        said += [m.phrase for m in previous.mentions]
    elif not names_unit:
        update |= {"mentions": previous.mentions, "unknown_unit": previous.unknown_unit, "closest": previous.closest}
        filters |= {"unit": previous.filters.unit, "units": previous.filters.units}
        said += [m.phrase for m in previous.mentions] or ([previous.unknown_unit] if previous.unknown_unit else [])
        for field in ("doc_type", "scope"):
            if getattr(current.filters, field) is None:
                filters[field] = getattr(previous.filters, field)
        if current.scope is None:
            update["scope"] = previous.scope
    years = _years(previous, current)
    if years is not None:
        update |= {"years": years, "year_range": previous.year_range if not years_in(current.text) else False}
        filters["year"] = years[0] if len(years) == 1 else None
        said += [f"{y}年" for y in years]
    if not current.metrics and previous.metrics:
        update["metrics"] = previous.metrics
        said += [label_of(k) for k in previous.metrics]
        if current.intent == Intent.figure:
            update["intent"] = previous.intent
    elif not current.metrics and (residual := _residual_carried(previous, current, names_unit, said)):
        update["residual"] = residual
    if not update and not filters:
        return current
    update["filters"] = current.filters.model_copy(update=filters)
    update["corrected"] = " ".join([*dict.fromkeys(said), current.corrected or current.text])
    return current.model_copy(update=update)


def _residual_carried(previous: ParsedQuestion, current: ParsedQuestion, names_unit: bool, said: list[str]) -> str:
    """The residual of a follow-up that names no figure, when it names nothing but maybe a unit ("那比上年减少了多少？",
    "为什么？", "那卫生监督所呢？") or points back at what was asked ("那这个项目的绩效目标是啥？"): the words asked before
    go on (rows are matched on the residual), and with another unit named they join the words ``said``; "" when the
    follow-up asks something of its own."""
    if not previous.residual or _FOLLOW_UP_WORDS.sub("", _unnamed(current)) and not _POINTS_BACK.search(current.text):
        return ""
    asked_before = _unnamed(previous).strip() if names_unit else previous.residual
    if names_unit and (words := re.sub(r"[？?。！!，,\s]", "", asked_before)):
        said.append(words)  # (another unit, the same thing asked: "预算多少")
    return f"{asked_before} {current.residual}"


def _unnamed(parsed: ParsedQuestion) -> str:
    """The residual without the phrases that name a unit."""
    rest = parsed.residual
    for phrase in [m.phrase for m in parsed.mentions] + [parsed.unknown_unit or ""]:
        rest = rest.replace(phrase, "") if phrase else rest
    return rest


def _years(previous: ParsedQuestion, current: ParsedQuestion) -> list[int] | None:
    """The years of the follow-up when they come from the turn before (None: keep its own)."""
    if years_in(current.text, bases=False):
        return None  # it names its own year (not only a base: "为啥比2023年少了" is about the year asked before)
    asked = previous.years[0] if len(previous.years) == 1 else None
    if current.years:
        # 去年/前年/今年 mean what they mean on the calendar (its own reading: after "去年…", "那前年呢？" is two years
        # ago), unless that is the very year just asked ("2024年…" in 2025, then "那去年呢？": the year before 2024);
        # 上年 (上一年, 前一年) counts from the year asked before
        relative, word = relative_year(current.text, asked)
        if relative is None or word not in ("上年", "上一年", "前一年", "本年") and current.years != [asked]:
            return None
        return [relative]
    return list(previous.years) or None


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
