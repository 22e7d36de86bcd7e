"""Questions that ask several things at once, one per clause ("接待了几批？一共多少人次？", "专项预算多少？里面进博会
推进专项多少？", "编制多少人？实际有多少人？").

The service answers the whole question and each clause; a later clause that names no unit or year takes the
whole question's (the first clause usually names them). The clauses' answers are used, joined, when each is
answered and one of them holds a number the whole question's answer does not — the whole answer then left
something out — or when only the clauses are answered.
"""

from __future__ import annotations

import re

from app.passages import head_word
from app.question import relative_year, scope_of, years_in
from app.units import unit_like_longest
from core.schemas import Answer, ParsedQuestion, Scope

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
# a clause that names only a column of a figure, or a measure word, and asks for it ("年初预算是多少", "实际花了多少",
# "多少人次")
_ONLY_A_COLUMN = re.compile(r"(?:那|那么|其中|它的?|的|年初|全年|调整后|预算数?|决算数?|实际|执行数?|执行率|完成率|完成了?|百分之|是|为|有|花了|用了|"
                            r"结余|结转|剩了?|还剩|没花|多少|几|呢|吗|钱|万元|占比|比例|各|分别|"
                            r"人次|批次|次|批|辆|台|个|家|户|项|份|条|场)+")  # (not 人: "实际有多少人" asks the people)
# a clause that asks only what each one got ("每人多少钱", "人均多少", "每辆车多少")
_PER_ONE = re.compile(r"(?:那|平均)?(?:每(?:人|个人|辆车?|户|名|个)|人均|户均|车均)(?:每年)?(?:是|为|有|花了?|补助|发放|安排)?"
                      r"(?:多少钱?|几(?:块)?钱|多少元|多少万元?)")
# a clause that names only another subject, asking of it what the first clause asked ("上年结转资金呢", "那效益指标呢")
_OTHER_SUBJECT = re.compile(r"(?:那么?|还有|其中)?(?P<s>[^\s，,。？?]{2,12}?)(?:的)?呢")
# a clause that names only another year ("去年呢", "那2024年的呢")
_TIME_ONLY = re.compile(r"(?:那么?)?(?P<t>今年|去年|前年|上年|明年|(?:20)?\d\d年度?)(?:的)?呢")
# where the subject of a clause ends: a column or a question word
_COLUMN_START = re.compile(r"年初|全年|调整后|预算|决算|实际|执行|完成|花了|用了|结余|结转|剩|是多少|多少|几|怎么|为什么|为啥")


# a clause that asks something of its own
_ASKS = re.compile(r"多少|几|什么|为什么|为啥|哪|怎么|是否|吗|呢")
# a part after a comma that goes on with the first part's subject ("…，各多少钱", "…，增长百分之几", "…，实际花了多少"):
# the whole question asks it
_FOLLOW_ON = re.compile(r"(?:各|分别|每|增长|下降|增加|减少|增幅|降幅|百分之|变化|完成|占|比|较|同比|跟|和|与|其中|实际|年初|"
                        r"全年|执行|预算执行|平均|涉及|一共|总共|共|又|差|相差|多了|少了|那|它|其|原因|为什么|为啥)")


def clauses(question: str) -> list[str]:
    """The question's clauses, split at its question marks, when it has two or more (each of four characters at least,
    or three ending in 呢);
    else at its commas, when each part asks something of its own ("花了多少钱，培训了多少人", "本级有几辆车，整个部门有几辆")."""
    parts = [p.strip(" ，,。") for p in re.split(r"[？?]", question)]
    parts = [p for p in parts if len(p) >= 4 or len(p) == 3 and p.endswith("呢")]  # ("…预算多少？去年呢？")
    if len(parts) >= 2:
        return parts
    parts = [p.strip(" 。？?") for p in re.split(r"[，,；;](?!\d)", question)]
    if len(parts) >= 2 and all(len(p) >= 4 and _ASKS.search(p) for p in parts) and not any(
            _FOLLOW_ON.match(p) for p in parts[1:]):
        return parts
    return []


def completed(clause: str, whole: ParsedQuestion) -> str:
    """The clause with the whole question's unit phrase and year before it, when it names neither of its own, and
    with the figure the question names when the clause names only a column of it ("三公经费花了多少？年初预算是多少？")."""
    unit = whole.mentions[0].phrase if whole.mentions else _unknown_named(whole)  # (a member unit has no mention)
    before = "" if not unit or unit in clause else unit
    if whole.scope is not None and scope_of(clause) is None:  # ("本级三公经费多少，公车有几辆": both of 本级)
        scope = "本级" if whole.scope == Scope.unit else "整个部门"
        if before or not unit:
            before += scope
        else:  # (right after the unit the clause names itself, not before it)
            clause = clause.replace(unit, unit + scope, 1)
    if len(whole.years) == 1 and not years_in(clause) and relative_year(clause, 0)[0] is None:
        before += f"{whole.years[0]}年"
    if (_ONLY_A_COLUMN.fullmatch(clause) or clause.startswith("占")) and (subject := _subject(whole)):
        before += subject  # ("…合同金额是多少？占采购总额的比例是多少": the share of the first clause's subject)
    elif _PER_ONE.fullmatch(clause) and (counted := head_word(whole.residual)):
        before += counted  # ("救助多少名残疾儿童？每人多少钱": 残疾儿童每人多少钱)
    elif (time := _TIME_ONLY.fullmatch(clause)) and (first := re.sub(r"\s+", "", re.split(r"[？?]", whole.residual)[0])):
        return (unit or "") + time.group("t") + first  # ("三公经费预算多少？去年呢": 去年三公经费预算多少)
    elif (other := _OTHER_SUBJECT.fullmatch(clause)) and (asked := _asked_of(whole)):
        return before + other.group("s") + asked  # ("执行率是多少？上年结转资金呢": 上年结转资金的执行率是多少)
    return before + clause


def _unknown_named(whole: ParsedQuestion) -> str:
    """The whole name of a unit the archive holds no document of, as the question prints it from the phrase read as
    unknown on, up to its last unit word before a time ("荇洲街道" of "荇洲街道社区事务受理服务中心去年…": the centre, not
    the street office a clause would name)."""
    unit = whole.unknown_unit or ""
    at = whole.text.find(unit) if unit else -1
    if at < 0:
        return unit
    run = re.split(r"今年|去年|前年|本年|上年|明年|的|[^\u4e00-\u9fff]", whole.text[at:])[0]
    longest = unit_like_longest(run)
    return longest if longest and longest.startswith(unit) and len(longest) > len(unit) else unit


def _asked_of(whole: ParsedQuestion) -> str:
    """What the first clause asks of its subject: its words from the first word of a column or a question on
    ("本年财政拨款的执行率是多少" → 的执行率是多少); "" when it has no subject before them."""
    first = re.split(r"[？?]", whole.residual)[0]
    cut = _COLUMN_START.search(first)
    return first[cut.start():] if cut and re.sub(r"\s+|的$", "", first[:cut.start()]) else ""


def _subject(whole: ParsedQuestion) -> str:
    """What the first clause asks about: its words after the unit and year, up to the first word of a column or a
    question ("Z特种设备监管费预算多少" → Z特种设备监管费)."""
    first = re.split(r"[？?]", whole.residual)[0]  # (the residual has its unit and years taken out already)
    cut = _COLUMN_START.search(first)
    return re.sub(r"\s+|的$", "", first[:cut.start()] if cut else first)


def _numbers(text: str) -> set[str]:
    """The amounts of an answer (its years are no amounts)."""
    return {n.replace(",", "") for n in _NUMBER.findall(re.sub(r"(?:19|20)\d\d年", "", text))}


def joined(whole: Answer, parts: list[Answer]) -> Answer | None:
    """The clauses' answers as one, when they say more than the whole question's answer (see the module); else None."""
    distinct = list({a.answer: a for a in parts}.values())
    if len(distinct) < 2 or whole.answerable and whole.computed:
        return None  # (a comparison the whole question computed is more than its clauses)
    said = _numbers(whole.answer)
    more = any(a.answerable and not _numbers(a.answer) <= said for a in distinct)
    if not (all(a.answerable for a in distinct) and more or not whole.answerable and any(a.answerable for a in distinct)):
        return None
    return Answer(answer="\n".join(a.answer for a in distinct), answerable=any(a.answerable for a in distinct),
                  intent=whole.intent, figures=[f for a in distinct for f in a.figures],
                  citations=[c for a in distinct for c in a.citations],
                  nearest=[c for a in distinct for c in a.nearest if not a.answerable],
                  computed={k: v for a in distinct for k, v in a.computed.items()},
                  reasons=[r for a in distinct for r in a.reasons])
