"""A figure read from the one sentence or table row that states it, when no reader of the standard tables and
sentences holds it: what a self-evaluation says it did ("背街小巷计划整治几条", "新增了多少个监控点位"), a survey's
result ("居民满意度调查结果是多少"), a project's line in a list.

The question's words — without its unit and year, which the parser took out, and without the words of asking —
are matched, pair of adjacent characters by pair, against every statement (a sentence, or a table row) of the
documents asked about that prints a number. A pair many statements hold weighs little, a pair no statement holds
weighs most (the question then names something the documents may not print). The sentences of the classified rows
("…(类)…(款)…(项)：支出决算数为…") are left to the readers of those rows.

A statement answers when it holds most of the question's weight and most of the words right before the word of
asking (what the number is of), prints a number of the kind asked (条 for 几条, % for a rate, 分 for a score, 元 for
money) as that thing, and is none of what only comes near: a plan, another year's, a total with another thing, an
average, another thing of the same kind (:func:`_may_answer`, :func:`_of_kind`). It is quoted as printed, with a
citation of its own lines and offsets. A question the documents only come near is still refused by the caller.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from core.schemas import Chunk, ChunkKind, Citation
from extraction.views import LEVEL_WORDS
from index.layout import heading_level
from index.normalise import to_halfwidth

# how much of the question's weight a statement must hold
MIN_SHARE = 0.6
# a sentence longer than this is read as runs of its clauses
_LONG = 160

# the words of asking, of time and of filler, and the words that say a target or an outcome: not what is asked about
_NOT_ASKED = re.compile(
    r"请问|是多少|(?:多少|几)(?:名|个|家|户|辆|位|所|座|条|处|支|批)(?=[\u4e00-\u9fff]{2})|多少|几|什么|多大|比例|比重|占比|百分比|打算|准备|哪些|哪个|怎么样|如何|是否|有没有|到底|具体|大概|大约|一共|总共|分别|各自|"
    r"去年|今年|前年|上年(?!结转|结余)|本年|当年|年度|那么|那个|这个|其中|里面|当中|计划|实际|目标|预计|设定|定的|"
    r"[吗呢啊吧呀是为的了得着有那这里各都又还就要]")
# the kind of number each way of asking wants: the units that may follow it
_KINDS = (
    (re.compile(r"(?:几|多少)条"), ("条",)),
    (re.compile(r"(?:几|多少)个(?!百分点|点)"), ("个", "处", "项")),
    (re.compile(r"人次"), ("人次",)),
    (re.compile(r"(?:几|多少)(?:名|位|人)|人数"), ("人", "名")),
    (re.compile(r"(?:几|多少)天"), ("天",)),
    (re.compile(r"(?:几|多少)辆"), ("辆",)),
    (re.compile(r"(?:几|多少)[户家]"), ("户", "家")),
    (re.compile(r"(?:几|多少)[次场批期]"), ("次", "场", "批", "期")),
    (re.compile(r"(?:几|多少)份"), ("份",)),
    (re.compile(r"(?:几|多少)[所座]"), ("所", "座", "个")),
    (re.compile(r"(?:几|多少)处"), ("处", "个")),
    (re.compile(r"得分|几分|多少分|评分|打分|自评"), ("分",)),
    (re.compile(r"率|百分之|比例|占比|百分比|几成|满意度|进度"), ("%",)),  # (支出进度: a share of the year's budget spent)
    (re.compile(r"钱|资金|经费|金额|费用?|万元|投入|花了|花费|收入|支出|预算|决算|拨款"), ("万元", "元", "亿元")),
)
# an average of a thing, not the thing ("项目自评平均得分", "人均", "户均"; 累计 is the thing counted in all)
_STATISTIC = r"平均|人均|户均|均值"
_CLASSIFIED = re.compile(r"\([类款项]\)")
# a plan, not what was done ("下一年度计划新建发热门诊2个", "2025年计划更新交互式一体机24台"), unless it also says what was
_PLAN = re.compile(r"下一年度|下一步|下年度?|明年|来年|今后|拟|预计|将于|将在|计划于|\d{4}年计划|计划完成目标|"
                   r"(?:年度|总体|绩效)目标[:：]")
_DONE = re.compile(r"实际|已经|已(?:完成|建成|实现|开展)")
# a question asking a plan or a target, and what a statement of a target prints
_ASKS_PLAN = re.compile(r"计划|打算|预计|将|明年|下一步|目标|指标值|预期|要求")
_ASKS_TARGET = re.compile(r"目标|指标值|预期|要求")
_TARGET = re.compile(r"目标|计划|不低于|不少于|不高于|不超过|≥|≤|＞|＜|力争|预期|指标值|=\d")
_LEVEL_WORDS = re.compile(LEVEL_WORDS)  # (a performance table's 一级/二级 columns)
# a clause that gives a cause or a use: what it names is not what the number before it is
_CAUSE_OR_USE = re.compile(r"(?:其中|主要)?(?:原因|因|由于|是因为|主要是|主要用于|用于|系)")
# how near after the words of what is asked its number must be printed (characters)
_NEAR = 16
_ASK = re.compile(r"多少|几|什么|哪些|如何|怎么样")
# a measure word and the thing counted after the word of asking ("多少名残疾儿童", "几个社区")
_COUNTED = re.compile(r"(?:名|个|家|户|辆|位|所|座|条|处|支|批)[\u4e00-\u9fff]{2}")
_NUMBER = re.compile(r"(?<![\d.])\d[\d,]*(?:\.\d+)?(?![\d.])")


@dataclass(frozen=True)
class Statement:
    """A sentence or table row of a chunk that prints a number: its text to match and where it is in the quote."""

    chunk: Chunk
    start: int  # offsets in the chunk's citation quote (the original text)
    end: int
    plain: str  # half-width, without whitespace: what the question's pairs are looked for in
    row: bool  # a table row (its numbers need not carry a unit)

    def citation(self) -> Citation:
        return self.chunk.citation.part(self.start, self.end)

    def shown(self) -> str:
        """The statement as printed, lines joined (a table row's cells one space apart)."""
        text = self.chunk.citation.quote[self.start:self.end].strip()
        return re.sub(r"\s+", " ", text) if self.row else re.sub(r"\s*\n\s*", "", text)


def statements(chunk: Chunk, numbered: bool = True) -> list[Statement]:
    """The chunk's sentences (its rows, for a table) that print a number other than a year (any, when not
    ``numbered``), without the heading lines before them, each long sentence as runs of its clauses."""
    quote = chunk.citation.quote
    row = chunk.kind == ChunkKind.table
    out = []
    for m in re.finditer(r"[^\n]+" if row else r"[^。！？；;!?]+[。！？；;!?]?", quote):
        start, end = (m.start(), m.end()) if row else (_past_headings(quote, m.start(), m.end()), m.end())
        for a, b in [(start, end)] if row or end - start <= _LONG else _runs(quote, start, end):
            plain = re.sub(r"\s+", "", "".join(map(to_halfwidth, quote[a:b])))
            if row:  # (a performance table's level columns, 产出指标 数量指标, name no row: every row prints them)
                plain = _LEVEL_WORDS.sub("", plain)
            if _CLASSIFIED.search(plain):
                continue  # (a 类/款/项 row's sentence is read as that row; a 款's name in it is not the 款's figure)
            if not numbered or _NUMBER.search(re.sub(r"(?:19|20)\d\d年", "", plain)):
                out.append(Statement(chunk, a, b, plain, row))
    return out


def _past_headings(quote: str, start: int, end: int) -> int:
    """Where a sentence starts once the heading and title lines before it are left out ("（一）预算安排及调整情况⏎2025年…")."""
    while (newline := quote.find("\n", start, end)) >= 0 and _heading(quote[start:newline].strip()):
        start = newline + 1
    return start


def _heading(line: str) -> bool:
    """A heading line (一、…, （三）…) or a document's title ("某局2025年度部门决算"): no clause marks, ending as titles
    end."""
    return heading_level(line) is not None or len(line) <= 40 and not re.search(r"[，。；：,;:]", line) and bool(
        re.search(r"(?:决算|预算|报告|公开|说明|情况|表)$", line))


def _runs(quote: str, start: int, end: int) -> list[tuple[int, int]]:
    """A long sentence's clauses joined into runs of about half the limit."""
    out = []
    for c in re.finditer(r"[，,]", quote[start:end]):
        at = start + c.end()
        if at - start >= _LONG // 2:
            out.append((start, at))
            start = at
    if start < end:
        out.append((start, end))
    return out


def asked_pairs(about: str) -> list[str]:
    """The pairs of adjacent characters of what is asked about (the words of asking and filler taken out)."""
    runs = re.findall(r"[\u4e00-\u9fffA-Za-z]{2,}", _NOT_ASKED.sub(" ", about))
    return list(dict.fromkeys(w[k:k + 2] for w in runs for k in range(len(w) - 1)))


def head_word(about: str) -> str:
    """The words right before the first word of asking ("…具体要花多少钱" → 印选票; "分别收入多少" → 收入), or right after
    it when none come before ("有几个社区"): what the number asked is of."""
    ask = _ASK.search(about)
    if ask is None:
        return ""
    before = re.findall(r"[\u4e00-\u9fffA-Za-z]{2,}", _NOT_ASKED.sub(" ", about[:ask.start()]))
    after = re.findall(r"[\u4e00-\u9fffA-Za-z]{2,}", _NOT_ASKED.sub(" ", about[ask.end():]))
    if after and _COUNTED.match(about, ask.end()):  # ("救助多少名残疾儿童": the thing counted follows its measure word)
        return after[0][1:] if len(after[0]) > 2 else after[0]
    return before[-1] if before else after[0] if after else ""


def units_asked(about: str) -> tuple[str, ...]:
    """The units a number answering the question may carry (empty: any number)."""
    return next((units for pattern, units in _KINDS if pattern.search(about)), ())


@dataclass(frozen=True)
class Asked:
    """What a question asks, as the statements are matched against it."""

    about: str
    pairs: list[str]  # of what is asked about
    head: str  # what the number is of
    units: tuple[str, ...]  # the units the number may carry
    numbers: set[str]  # numbers the question states itself (a bound: 单价100万元以上), not its years

    @classmethod
    def of(cls, about: str) -> Asked:
        stated = {n for n in re.findall(r"\d+(?:\.\d+)?", about) if not re.fullmatch(r"(?:19|20)\d\d", n)}
        return cls(about, asked_pairs(about), head_word(about), units_asked(about), stated)

    @property
    def target(self) -> bool:
        """A target is asked ("目标是多少"), not what was done."""
        return bool(_ASKS_TARGET.search(self.about)) and not re.search(r"实际|完成了", self.about)

    def head_pairs(self) -> list[str]:
        return [self.head[k:k + 2] for k in range(len(self.head) - 1)]


def _clause(plain: str, at: int) -> str:
    """The clause of ``plain`` around offset ``at`` (between the marks that end clauses)."""
    start = max(plain.rfind(mark, 0, at) for mark in "，,；;。：:") + 1
    ends = [e for mark in "，,；;。" if (e := plain.find(mark, at)) >= 0]
    return plain[start:min(ends, default=len(plain))]


def _own_number(clause: str, asked: Asked) -> bool:
    """Whether a number's clause gives it as the thing asked, not as an average of it the question does not ask
    ("项目自评平均得分为84.50分", 人均, 户均)."""
    statistic = re.search(_STATISTIC, clause)
    return not (statistic and statistic.group() not in asked.about)


def _joint(clause: str, head: str) -> bool:
    """Whether a clause gives the total of ``head`` and another thing ("会议费、培训费支出共计8.20万元")."""
    return bool(re.search(rf"[、和及与]{re.escape(head)}|{re.escape(head)}[、和及与]", clause)
                and re.search(r"共计|合计|总计|共", clause))


def _near(plain: str, number: re.Match, head: list[str]) -> bool:
    """Whether a number of a sentence is printed as what is asked: in the clause that names it ("对辖区58所学校开展传染病
    防控督导"), soon after it in the same sentence ("整治背街小巷12条"), or in the clause before the one naming it —
    unless that one gives a cause or a use ("增长5.57%，主要原因是：新增家庭医生签约…" is no 签约率) or a number of its
    own ("查处违法建设86处，拆除违建面积1.25万平方米": 86处 is not 拆除违建)."""
    if not head:
        return True
    clause = _clause(plain, number.start())
    if any(p in clause for p in head):
        return True
    after = plain[number.end():]
    if (m := re.match(r"[^，,；;。]*[，,]([^，,；;。]*)", after)) and any(p in m.group(1) for p in head) and not (
            _CAUSE_OR_USE.match(m.group(1)) or _NUMBER.search(m.group(1))):
        return True  # (the clause right after names what it is: "…0.42万元，全部为公务接待费")
    return any(0 <= number.start() - h.end() <= _NEAR and not re.search(r"[。；;：:]", plain[h.end():number.start()])
               for p in head for h in re.finditer(re.escape(p), plain))  # (after a colon: its parts, "构成为：A 186.00万元")


def _of_kind(s: Statement, asked: Asked) -> int:
    """How many numbers of the kind asked the statement prints as the thing asked (any number, when no kind is
    asked), each printed with its unit counting twice: in a sentence, a number printed as what is asked (:func:`_near`),
    not an average the question does not ask, not a deduction when a score is asked ("扣4.10分"). In a table row a bare number counts once when the row prints none with a unit, or when a score
    is asked (score cells are bare)."""
    deducted = "扣" not in asked.about  # (a deduction is no score, unless deductions are asked)
    numbers = [m for m in _NUMBER.finditer(s.plain) if _own_number(_clause(s.plain, m.start()), asked)
               and (s.row or _near(s.plain, m, asked.head_pairs()))
               and not (deducted and "分" in asked.units and re.search(r"扣除?$|减$", s.plain[max(0, m.start() - 2):m.start()]))]
    units = asked.units
    if not units:
        return len(numbers)
    after = [s.plain[m.end():m.end() + 2] for m in numbers]
    bare = s.row and ("分" in units or not any(re.match(r"[\u4e00-\u9fff%]", a) for a in after))
    said = sum(any(a.startswith(u) or u in ("万元", "亿元") and a.startswith(u[0]) for u in units) for a in after)
    return 2 * said + sum(bare and not re.match(r"[\u4e00-\u9fff%]", a) for a in after)


def _other_modifier(head: str, plain: str) -> bool:
    """Whether the statement names another thing of the same kind: the longest run of ``head`` it prints comes, in the
    question, after words it does not print and, in the statement, after other words ("授予小微企业合同金额" against
    "授予中小企业合同金额")."""
    run, at = 0, 0
    for i in range(len(head)):
        for j in range(i + run + 1, len(head) + 1):
            if head[i:j] not in plain:
                break
            run, at = j - i, i
    if run < 2 or at < 2 or head[at - 2:at] in plain:
        return False
    found = plain.find(head[at:at + run])
    before = plain[max(0, found - 2):found]
    return bool(re.fullmatch(r"[\u4e00-\u9fff]{2}", before)) and before not in head


def _may_answer(s: Statement, asked: Asked, years: set[int]) -> bool:
    """Whether a statement may answer at all: it holds most of what the number is of (not another thing of its kind),
    and not only as part of a total
    with another thing, prints the numbers the question states, is no plan (unless a plan is asked) and states a
    target when one is asked, and its first clause is not about a later year than
    ``years`` ("2025年计划购置救护车4辆" is no figure of a 2024 document asked about 2024; "由2024年的60.00万元增加至…"
    in a 2025 document states both years)."""
    head = asked.head_pairs()
    if head and 2 * sum(p in s.plain for p in head) <= len(head) or _other_modifier(asked.head, s.plain):
        return False
    if any(not re.search(rf"(?<![\d.]){re.escape(n)}(?![\d])", s.plain) for n in asked.numbers):
        return False
    at = [m.start() for m in re.finditer(re.escape(asked.head), s.plain)] if asked.head else []
    if at and all(_joint(_clause(s.plain, a), asked.head) for a in at):
        return False  # (it is named only together with another thing: their total is not its figure)
    if _PLAN.search(s.plain) and not _DONE.search(s.plain) and not _ASKS_PLAN.search(asked.about):
        return False  # (a plan is not what was done)
    if asked.target and not _TARGET.search(s.plain):
        return False  # (a target asked: a statement of what was done is not it)
    named = {int(y) for y in re.findall(r"((?:19|20)\d\d)年", _clause(s.plain, 0))}
    return not (years and named and min(named) > max(years))


def _shares(pairs: list[str], found: list[Statement]):
    """The share of the question's weight a statement holds: each pair weighs less the more statements hold it."""
    weight = {p: math.log(1 + len(found) / (1 + sum(p in s.plain for s in found))) for p in pairs}
    total = sum(weight.values())
    return lambda s: sum(weight[p] for p in pairs if p in s.plain) / total


def best_statement(about: str, chunks: list[Chunk], years: set[int] = frozenset()) -> list[Statement]:
    """The statement of a document of ``years`` (its own and those asked) that answers ``about`` (see the module) — of
    those holding the most weight, one of those years, then the one with the question's words of target and outcome,
    then the most numbers of the kind asked, then the first in the document (a document states its whole before its
    parts: the year's 年初预算 before a project's) — and a second one as good that prints a number of the first (a
    table row and the sentence that repeats it); empty when none answers."""
    asked = Asked.of(about)
    pairs = asked.pairs
    if len(pairs) < 2:
        return []
    found = [s for c in chunks for s in statements(c)]
    if not found:
        return []
    share = _shares(pairs, found)
    cues = [c for c in ("计划|目标|预期|指标值", "实际|完成|实现") if re.search(c, about)]
    scored = sorted(((round(share(s), 6), _of_years(s, years),
                      sum(bool(re.search(c, s.plain)) for c in cues), count, -k, s)
                     for k, s in enumerate(found) if _may_answer(s, asked, years) and (count := _of_kind(s, asked))),
                    reverse=True)
    if not scored or scored[0][0] < MIN_SHARE:
        return []
    first = scored[0][-1]
    return [first] + [t[-1] for t in scored[1:2] if t[:4] == scored[0][:4] and _numbers(t[-1]) & _numbers(first)]


def _of_years(s: Statement, years: set[int]) -> bool:
    """Whether a statement's first clause names no year, or one of ``years`` ("2023年全区…新增视频监控点位80个" in a 2024
    document is last year's)."""
    named = {int(y) for y in re.findall(r"((?:19|20)\d\d)年", _clause(s.plain, 0))}
    return not named or bool(named & years)


def _numbers(s: Statement) -> set[str]:
    return {m.group().replace(",", "") for m in _NUMBER.finditer(s.plain)}


# a sentence that gives a cause: 因…, 由于…, 受…影响, …的原因, 主要是…, 导致/造成…
_CAUSE = re.compile(r"因|由于|受.{1,16}影响|原因|主要是|导致|造成|致使")
# a cause in so many words (因…, 由于…, 受…影响), and a sentence that explains a score's deduction by the outcome itself
# ("产出指标扣6.4分，主要是…上线推迟"): that is the answer to why points were deducted, not to why the outcome came about
_TRUE_CAUSE = re.compile(r"因(?!素)|由于|受.{1,16}影响")
_DEDUCTION = re.compile(r"扣(?:除)?[\d.]+分")
# a cause said to be one ("未完成的主要原因是…", "由于…"), before an outcome said with what it was subject to (受…影响)
_CAUSE_SAID = re.compile(r"原因(?:是|为|在于|主要是)|由于|因为")
# a why about an outcome, not about a figure's change: what was not done, done late, done less, scored lower
OUTCOME_WHY = re.compile(r"没能|未能|没有按|未按|推迟|延期|延误|滞后|扣分|扣了|没完成|未完成|没达到|未达到|达不到|不达标|没达标|偏低|"
                         r"不高|不足|没开工|未开工|顺延|落后")


def best_cause(about: str, chunks: list[Chunk]) -> Statement | None:
    """The sentence that gives the cause of the outcome ``about`` asks why of ("老旧小区改造为什么没能在10月底前完工":
    "…受9月台风“海葵”影响停工20天…"): of the sentences giving a cause (a score's deduction only when deductions are
    asked about), the one holding the most of the question's weight — of those, one that says it gives the cause
    (原因是, 由于), then one that gives a cause in so many words, then the shortest — when it holds at least
    :data:`MIN_SHARE` of it."""
    pairs = asked_pairs(OUTCOME_WHY.sub(" ", re.sub(r"为什么|为啥|什么原因|原因是?|怎么回事|按期|按时|如期|准时|及时", " ", about)))
    deductions = bool(re.search(r"扣分|扣了|被扣", about))
    found = [s for c in chunks for s in statements(c, numbered=False) if not s.row and _CAUSE.search(s.plain)
             and (deductions or not _DEDUCTION.search(s.plain))]
    if not pairs or not found:
        return None
    share = _shares(pairs, found)
    best, _, _, _, k = max((share(s), bool(_CAUSE_SAID.search(s.plain)), bool(_TRUE_CAUSE.search(s.plain)), -len(s.plain),
                            -k) for k, s in enumerate(found))
    return found[-k] if best >= MIN_SHARE else None
