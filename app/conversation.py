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

from app.question import metric_keys, relative_year, years_in
from core.schemas import Intent, ParsedQuestion
from core.vocabulary import label_of

# the words of a follow-up that name nothing of their own (what is left after them names a figure, a row, a unit)
_FOLLOW_UP_WORDS = re.compile(r"那么?|呢|吗|啊|比|上年|去年|前年|今年|为什么|为啥|原因|是什么|增加|减少|下降|增长|了|多少|是|的|怎么|"
                              r"变化|样|预算|决算|年初|实际|完成|情况|具体|说|写|[^\u4e00-\u9fff]")
# words that point back at the thing asked before ("这个项目", "该项", "它的")
_POINTS_BACK = re.compile(r"这个项目|这一项目|该项目|此项目|这个|这一项|这项|该项|此项|它的?|其(?=绩效|目标|预算|资金|用途|完成)")
# words that say a unit's own part is asked ("民政局本级…不算下面的单位")
_OWN_PART_WORDS = re.compile(r"(?:不算|不含|不包括|除去|除了)(?:下面|下属|所属|下级)?的?(?:单位|部门)|本级|本部|单独|自己|本身|自身")
# words of a follow-up that ask how, how much or which, naming no thing ("咋多了这么多", "完成了百分之几")
_NO_THING = re.compile(r"咋|怎么|这么|那么|[多少高低大小涨降变啥]|百分之|百分比|百分点|几个?点|几成|幅度|倍|占比|比例|完成率|执行率|"
                       r"得分|为何|什么|哪|各|分别|一共|总共|合计|有|花|用|钱")
# a follow-up's own question word ("绩效目标是啥")
_ASKS_ITSELF = re.compile(r"啥|什么|哪|如何|怎样|怎么样|为何|为什么")
# the words that ask ("预算多少钱", "实际花了多少", "是多少"), from a column's or question's first word on
_ASKING = re.compile(r"(?:年初|全年|调整后|预算|决算|实际|执行|完成|花了|用了|结余|结转|是多少|多少|几)[^？?。，,]*")
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
    own_thing = _asks_own_thing(previous, current, said)
    if not current.metrics and previous.metrics and not own_thing:
        update["metrics"] = previous.metrics
        said += [label_of(k) for k in previous.metrics]
        if current.intent == Intent.figure:
            update["intent"] = previous.intent
    elif not current.metrics and (residual := _residual_carried(previous, current, names_unit, said)):
        update["residual"] = residual
    text = _thing_carried(previous, current, names_unit, update)
    if not update and not filters:
        return current
    update["filters"] = current.filters.model_copy(update=filters)
    update["corrected"] = " ".join([*dict.fromkeys(said), text])
    return current.model_copy(update=update)


def _asks_own_thing(previous: ParsedQuestion, current: ParsedQuestion, said: list[str]) -> bool:
    """Whether a follow-up names a thing of its own the vocabulary has no key for ("授予小微企业的合同金额呢", "公用保障
    呢"): it asks that thing, not the figure asked before — with the words that asked it before when it has none of
    its own ("基本人员保障预算多少钱？" then "公用保障呢？"), added to ``said``."""
    own = len(re.findall(r"[\u4e00-\u9fff]", _NO_THING.sub("", _FOLLOW_UP_WORDS.sub("", _unnamed(current))))) >= 3
    if own and not _ASKING.search(current.text) and not _ASKS_ITSELF.search(current.text) \
            and (asking := _ASKING.search(previous.residual)):
        said.append(asking.group(0))
    return own


def _thing_carried(previous: ParsedQuestion, current: ParsedQuestion, names_unit: bool, update: dict) -> str:
    """The follow-up's words with the thing asked before put where it points back at it ("信息化建设安排了多少钱？"
    then "那这一项去年实际花了多少？": 信息化建设's, not the unit's whole spending), or before a bare why ("为什么没花完
    预算？": why of 信息化建设); the residual and metrics to match on go into ``update``."""
    text = current.corrected or current.text
    pointer = _POINTS_BACK.search(text)
    if metric_keys(current.text, generic=False) or not (subject := _subject_of(previous)):
        return text
    if pointer:
        update |= {"residual": f"{subject} {current.residual}", "metrics": previous.metrics}
        return text[:pointer.start()] + subject + text[pointer.end():]
    if current.intent == Intent.reason and not names_unit and not previous.metrics:
        update["residual"] = f"{subject} {update.get('residual', current.residual)}"
        return f"{subject}{text}"
    return text


def _subject_of(parsed: ParsedQuestion) -> str:
    """What a question asked about, in its own words: its residual without units, up to the words that ask
    ("信息化建设安排了多少钱" → 信息化建设)."""
    rest = _OWN_PART_WORDS.sub("", _POINTS_BACK.sub("", _unnamed(parsed))).replace("机关", "")  # (a scope, no thing)
    asking = _ASKING.search(rest)
    return re.sub(r"[\s？?。，,的]|那么?|安排了?|花了?|用了?", "", rest[:asking.start()] if asking else rest)


# a follow-up naming only a level of place ("区里的呢？", "那市级的呢"): the same work one level up or down
_LEVEL_ONLY = re.compile(r"^(?:那么?|换成|再看看?)?(?P<level>省|市|区|县)(?:里|级|上|里面|这边|那边)的?(?:呢|怎么样|是多少|多少)?[？?。！!]*$")


def level_asked(question: str) -> str | None:
    """The level of place a follow-up names and nothing else ("区里的呢？" → 区), else None."""
    m = _LEVEL_ONLY.match(re.sub(r"\s+", "", question))
    return m.group("level") if m else None


def asked_again(previous: ParsedQuestion | None, current: ParsedQuestion) -> str | None:
    """The question before as typed, asked of the unit a follow-up names and nothing else ("…预算是多少？其中项目支出
    多少？" then "那卫生监督所呢？": both things again, of 卫生监督所); None when the follow-up asks anything of its own
    or the question before does not name its unit in its own words."""
    if previous is None or current.metrics or years_in(current.text) or current.years:
        return None
    now = [m.phrase for m in current.mentions] or ([current.unknown_unit] if current.unknown_unit else [])
    before = [m.phrase for m in previous.mentions] or ([previous.unknown_unit] if previous.unknown_unit else [])
    if len(now) != 1 or len(before) != 1 or before[0] not in previous.text or _FOLLOW_UP_WORDS.sub("", _unnamed(current)):
        return None
    return _OWN_PART_WORDS.sub("", previous.text.replace(before[0], now[0], 1))


def _residual_carried(previous: ParsedQuestion, current: ParsedQuestion, names_unit: bool, said: list[str]) -> str:
    """The residual of a follow-up that names no figure, when it names nothing but maybe a unit ("那比上年减少了多少？",
    "为什么？", "那卫生监督所呢？") or points back at what was asked ("那这个项目的绩效目标是啥？"): the words asked before
    go on (rows are matched on the residual), and with another unit named they join the words ``said``; "" when the
    follow-up asks something of its own."""
    if not previous.residual or _FOLLOW_UP_WORDS.sub("", _unnamed(current)) and not _POINTS_BACK.search(current.text):
        return ""
    # (another unit asked: the words that said which part of the unit before was meant do not go on)
    asked_before = _OWN_PART_WORDS.sub("", _unnamed(previous)).strip() if names_unit else previous.residual
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
        if word not in ("上年", "上一年", "前一年", "本年") and relative_year(previous.text, asked)[1] == word:
            return None  # (the turn before said 去年 too: both mean the calendar's year, "福利院去年…" "本级去年…")
        return [relative]
    if len(previous.years) == 1 and current.base_year is not None and current.base_year < previous.years[0]:
        return [previous.years[0], current.base_year]  # ("去年收支总计多少？" then "比前年多了多少？": the two compared)
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
