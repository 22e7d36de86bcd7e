"""What a list question asks of a unit's projects: which field (预算, 执行数, 执行率, 自评得分), and which projects —
those meeting a condition ("执行率没有达到100%", "得分低于90分", "没花完", "满分") or the highest / lowest one.

The answerer (:meth:`app.qa.Answerer._items`) reads the stored ``project:<name>:<field>`` figures and keeps the
ones this says; the comparison is on the printed Decimal, so 99.99 is below 100.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from decimal import Decimal

from core.vocabulary import PROJECT_FIELD_LABELS

# the field a question names, in order of precedence (执行率 before 预算 in "预算执行率")
_FIELDS = (("execution_rate", r"执行率|完成率|花完|用完|执行到位|执行进度"),
           ("score", r"得分|几分|多少分|打分|评分|自评为|满分|分数"),
           ("actual", r"实际|花了|执行数|支出了|用了"))
# a bound: the comparison word and the number after it ("没有达到100%", "低于90分", "超过100万元"), or the number and
# the word after it ("90分以下", "100万元以上")
_BOUND_BEFORE = re.compile(r"(?P<op>没有?达到|未达到?|达不到|不到|不满|低于|小于|不足|少于|不低于|不少于|达到|超过|高于|大于)"
                           r"\s*(?P<n>\d+(?:\.\d+)?)\s*(?:%|％|分|万元|万)?")
_BOUND_AFTER = re.compile(r"(?P<n>\d+(?:\.\d+)?)\s*(?:%|％|分|万元|万)?\s*(?P<op>及以上|以上|及以下|以下)")
_OPERATORS: dict[str, Callable[[Decimal, Decimal], bool]] = {
    "没有达到": operator.lt, "没达到": operator.lt, "未达到": operator.lt, "未达": operator.lt, "达不到": operator.lt,
    "不到": operator.lt, "不满": operator.lt, "低于": operator.lt, "小于": operator.lt, "不足": operator.lt,
    "少于": operator.lt, "不低于": operator.ge, "不少于": operator.ge, "达到": operator.ge,
    "超过": operator.gt, "高于": operator.gt, "大于": operator.gt, "及以上": operator.ge, "以上": operator.ge,
    "及以下": operator.le, "以下": operator.le}
_WORDS = {operator.lt: "低于", operator.le: "不高于", operator.ge: "不低于", operator.gt: "高于"}
_NOT_SPENT = re.compile(r"没(?:有)?花完|没(?:有)?用完|未(?:全部)?执行完|没(?:有)?执行完")
_FULL_MARKS = re.compile(r"满分")
_EXTREME = re.compile(r"最(?P<way>高|低|多|少|大|小|好|差)")


def asked_field(question: str) -> str:
    """The project field a question asks about (the budget when it names none)."""
    return next((field for field, words in _FIELDS if re.search(words, question)), "budget")


def condition(question: str, field: str) -> tuple[Callable[[Decimal], bool], str, str | None] | None:
    """The test a project must pass, its words ("执行率低于100%") and the field it tests — the bound's own field, by
    its unit and the words before it ("预算超过100万元的项目执行率" tests the budget), None when no project field
    holds it (满意度达到95%: an indicator); None when the question sets no bound."""
    if _NOT_SPENT.search(question):
        return (lambda v: v < 100), "执行率低于100%", "execution_rate"
    if _FULL_MARKS.search(question) and not re.search(r"(?<!有)没有?(?:得|拿|达到)?满分|不是满分", question):
        return (lambda v: v >= 100), "自评得分为满分", "score"
    m = _BOUND_AFTER.search(question) or _BOUND_BEFORE.search(question)  # ("达到90分以上": the word after rules)
    if m is None:
        return None
    op = _OPERATORS[m.group("op")]
    bound = Decimal(m.group("n"))
    unit = re.search(r"%|％|分|万", m.group(0))
    before = question[max(0, m.start() - 8):m.start()]
    tested = {"%": "execution_rate", "％": "execution_rate", "分": "score", "万": "budget"}.get(
        unit.group(0) if unit else "", field)
    if tested == "execution_rate" and not re.search(r"执行率|完成率|执行", before):
        tested = None if re.search(r"满意度|率", before) else tested  # (满意度达到95%: no project field holds it)
    if tested == "budget" and re.search(r"执行数|花了|支出了|用了|实际", before):
        tested = "actual"
    shown = {"execution_rate": "%", "score": "分"}.get(tested or "", "万元")
    words = f"{PROJECT_FIELD_LABELS.get(tested or '', '')}{_WORDS[op]}{m.group('n')}{shown}"
    return (lambda v: op(v, bound)), words, tested


def extreme(question: str) -> str | None:
    """"max" or "min" when the question asks for the highest / lowest project ("得分最低的项目", "哪个项目钱最多")."""
    m = _EXTREME.search(question)
    if m is None:
        return None
    return "max" if m.group("way") in "高多大好" else "min"
