"""Statements in the running text that the checks recompute: changes, completion rates, shares, items.

Each reader walks the prose lines once and returns small records with the printed numbers and
their offsets in the line, so a rule can recompute the arithmetic and cite exactly the clause.
Sentences are the text between 。 and ；; a statement is read only when both of its figures are
printed in reach (its own sentence, or the subject named in it), never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from core.vocabulary import REASON_MARKER

NUM = r"\d[\d,]*(?:\.\d+)?"


def dec(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def names_another_year(text: str, year: int | None) -> bool:
    """Whether ``text`` names a year other than the document's ``year`` ("2023年差旅费支出…" in a 2024 决算)."""
    return bool(year and {int(y) for y in re.findall(r"(20\d\d)年", text)} - {year})


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """The sentence around ``pos``: from after the previous 。/；/; to the next one (included)."""
    left = max((m.end() for m in re.finditer(r"[。;；]", text[:pos])), default=0)
    m = re.compile(r"[。;；]").search(text, pos)
    return left, (m.end() if m else len(text))


# -- stated changes ----------------------------------------------------------------------------------

# "减少3.10万元，下降9.04%", and the rate in brackets after the amount ("减少1.5万元(42.86%)")
_CHANGE = re.compile(
    rf"(?P<dir>增加|减少|增长|下降|上升|降低|增|减)了?\s*(?P<delta>{NUM})\s*万元(?:[,，]?\s*(?:同比)?"
    rf"(?P<pdir>增长|下降|增加|减少|上升|降低|增幅|降幅|减幅)(?:为|了)?(?P<residue>[(（][^()（）]{{1,6}}[)）])?\s*"
    rf"(?P<pct>\d+(?:\.\d+)?)\s*%|"
    rf"[(（](?:增长|下降|增幅|降幅)?(?P<bpct>\d+(?:\.\d+)?)%[)）])"
)
# the base a change is stated against: last year (its 决算, 预算, 支出数…), a year, or this year's own 年初预算
_ANCHOR = re.compile(r"(?:比|较|与|同)(?:(?:上年|上一年|去年|\d{4}\s*年)度?(?:同期)?(?:年初)?"
                     r"(?:预算执行数|执行数|决算数?|预算数?|支出数|实际支出数?)?(?:[为的]?\s*[\d,]+(?:\.\d+)?\s*万元)?"
                     r"|(?P<budget>(?:年初|全年|调整)?预算数?))(?:相比|比较)?[,，]?|同比")  # (with the base's amount: "比2024年的5.37万元")
_NOW = re.compile(rf"(?P<num>{NUM})万元")
_BUDGET_ASIDE = re.compile(rf"完成(?:全年|年初|调整)?预算(?:数)?(?:{NUM})万元的")


@dataclass
class Change:
    line: int  # index of the prose line
    start: int  # span of the statement in the line (from "now" when it is in the line, to the %)
    end: int
    now: str | None  # this year's figure, as printed (None: found by its label elsewhere)
    now_at: int | None  # its offset in the line
    subject: str  # the words naming what changed
    up: bool  # direction of the amount
    pct_up: bool  # direction of the percentage
    delta: str
    pct: str
    base_words: str  # "上年", "2024年预算执行数"…
    words: str  # the change as printed
    last: str | None = None  # last year's figure when the sentence prints it too ("上年为Y万元")
    against_budget: bool = False  # stated against this year's own 年初预算 ("较年初预算数减少6.3万元"), not last year


_UP = ("增加", "增长", "上升", "增", "增幅")


_LAST = re.compile(rf"(?:上年|上一年|去年)度?(?:决算数?|预算数?|执行数)?(?:为|是)(?P<num>{NUM})万元")


def read_changes(lines: list[str]) -> list[Change]:
    out: list[Change] = []
    for n, text in enumerate(lines):
        for m in _CHANGE.finditer(text):
            change = _change(n, text, m)
            s_start, _ = sentence_bounds(text, m.start())
            last = list(_LAST.finditer(text, s_start, m.start()))
            if last:  # "本年X万元，上年为Y万元，增加D万元，增长P%": both figures printed
                change.last = last[-1].group("num")
                nows = list(_NOW.finditer(text, s_start, last[-1].start()))
                if nows:
                    change.now, change.now_at = nows[-1].group("num"), nows[-1].start()
                change.start = min(change.start, nows[-1].start() if nows else last[-1].start())
            out.append(change)
    return out


def _change(n: int, text: str, m: re.Match) -> Change:
    s_start, _ = sentence_bounds(text, m.start())
    before = text[s_start:m.start()]
    anchor = list(_ANCHOR.finditer(before))
    a = anchor[-1] if anchor else None
    earlier = list(_CHANGE.finditer(before))
    cut = max([a.end() if a else 0, *(c.end() for c in earlier)])
    subject = before[cut:] if (a or earlier) else ""
    lead = before[:a.start()] if a else before[cut:]
    if earlier and a and not re.search(r"[\u4e00-\u9fff\d]", before[earlier[-1].end():a.start()]) and (
            first := _ANCHOR.search(before, 0, earlier[0].start())):
        # "…9.07万元,较年初预算数减少10.93万元,下降54.65%, 较上年支出数减少0.71万元": one subject, two bases (nothing
        # is named between the two changes)
        lead = before[:first.start()]
    # (an aside on the budget between the figure and its change is not the figure: "…决算为33.13万元,完成全年预算49.8万元
    # 的66.5%,比上年决算数减少2.5万元")
    asides = [x.span() for x in _BUDGET_ASIDE.finditer(lead)]
    nows = [w for w in _NOW.finditer(lead) if not any(s <= w.start() < e for s, e in asides)]
    now = nows[-1] if nows else None
    if now is not None and asides and asides[-1][0] >= now.end():
        lead = lead[:asides[-1][0]].rstrip(" ,，")  # (the aside names nothing the change is of)
    direction = ((m.group("pdir") or m.group("dir")) in _UP, m.group("delta"), m.group("pct") or m.group("bpct"))
    against_budget = bool(a and a.group("budget"))
    if now is None and not subject.strip(" ,，") and a is not None and s_start > 0 and not re.search(
            r"[\u4e00-\u9fff]{2}", lead):  # (a sentence that opens with its base: "。较上年决算增加…")
        p_start = sentence_before(text, s_start, _NOW)
        stated = list(_CHANGE.finditer(text, p_start, s_start))
        prev = [p for p in _NOW.finditer(text, p_start, s_start) if not any(c.start() <= p.start() < c.end() for c in stated)]
        whole_start = max((w.end() for w in re.compile("。").finditer(text, 0, s_start - 1)), default=0)
        parts_at = text.find("其中", whole_start, s_start)
        if parts_at >= 0 and (wholes := list(_NOW.finditer(text, whole_start, parts_at))):
            # a whole and its parts (the parts set apart by ；): the whole's change ("…支出296.00万元，其中：…；…
            # 100.00万元，用于…。与2024年预算相比增加56.00万元")
            prev = wholes[-1:]
        fits = _fitting_figure(text, s_start, a.group(0), m.group("delta"), m.group("dir") in _UP)
        if fits is not None and not (prev and fits.start() == prev[-1].start()):
            # the base prints its amount and the sentence before's last figure is not base ± change: the figure of
            # the paragraph that is ("全年实际支出5937.46万元，其中…。…年末结转215.32万元…。与2024年实际支出5612.30万元相比，
            # 增加325.16万元"), named by its own sentence (subject left to the caller)
            return Change(n, fits.start(), m.end(), fits.group("num"), fits.start(), "", m.group("dir") in _UP,
                          *direction, a.group(0), m.group(0), against_budget=against_budget)
        if prev:  # "…支出决算3,864.28万元，…。较上年决算增加240.21万元": the last amount of the sentence before
            p = prev[-1]
            return Change(n, p.start(), m.end(), p.group("num"), p.start(), "", m.group("dir") in _UP, *direction,
                          a.group(0), m.group(0), against_budget=against_budget)
        if stated:  # "…“三公”经费较上年决算数减少0.03万元,下降0.6%;较年初预算数减少6.3万元": the same subject's
            told = _change(n, text, stated[-1])
            return Change(n, told.start, m.end(), told.now, told.now_at, told.subject, m.group("dir") in _UP,
                          *direction, a.group(0), m.group(0), against_budget=against_budget)
    start = s_start + now.start() if now else s_start
    return Change(n, start, m.end(), now.group("num") if now else None, s_start + now.start() if now else None,
                  (subject or lead).strip(" ,，:："), m.group("dir") in _UP, *direction, a.group(0) if a else "",
                  m.group(0), against_budget=against_budget)


_CENT = Decimal("0.01")  # (figures and changes are printed to the cent: base ± change must hit the figure exactly)


def _fitting_figure(text: str, s_start: int, base_words: str, delta: str, up: bool) -> re.Match | None:
    """The nearest figure before ``s_start`` that the change fits (figure − base = the change, to the cent), when the
    base prints its amount; None when it prints none, or no figure fits."""
    base = _NOW.search(base_words)
    if base is None:
        return None
    gap = dec(delta) if up else -dec(delta)
    for figure in reversed(list(_NOW.finditer(text, 0, s_start))):
        if abs(dec(figure.group("num")) - dec(base.group("num")) - gap) < _CENT:
            return figure
    return None


def sentence_before(text: str, s_start: int, amount: re.Pattern) -> int:
    """Where the sentence before the one at ``s_start`` begins; a reason for the budget gap that prints no ``amount`` is
    passed over ("…支出决算为46.78万元，完成全年预算的92.63%。决算数小于全年预算数的主要原因是…。与2024年度的
    21.90万元相比，增加24.88万元": the figure's sentence)."""
    p_start, _ = sentence_bounds(text, s_start - 1)
    if p_start > 0 and REASON_MARKER.search(text, p_start, s_start) and not amount.search(text, p_start, s_start):
        p_start, _ = sentence_bounds(text, p_start - 1)
    return p_start


@dataclass
class Delta:
    """"X万元，比<base>增加D万元" (with or without a percentage): for comparing two statements of one change."""

    line: int
    start: int
    end: int
    now: str
    up: bool
    delta: str
    base: str
    words: str


_DELTA = re.compile(rf"(?:比|较)(?P<base>(?:上年|上一年|去年|\d{{4}}\s*年)度?(?:同期)?(?:年初)?(?:预算执行数|执行数|决算数?|预算数?)?)"
                    rf"(?P<dir>增加|减少)了?(?P<delta>{NUM})万元")


def read_deltas(lines: list[str]) -> list[Delta]:
    out: list[Delta] = []
    for n, text in enumerate(lines):
        for m in _DELTA.finditer(text):
            s_start, _ = sentence_bounds(text, m.start())
            nows = list(_NOW.finditer(text, s_start, m.start()))
            if nows:
                now = nows[-1]
                out.append(Delta(n, now.start(), m.end(), now.group("num"), m.group("dir") == "增加", m.group("delta"),
                                 m.group("base"), m.group("dir") + m.group("delta") + "万元"))
    return out


# -- completion and difference rates -----------------------------------------------------------------

_BUDGET = re.compile(rf"(?P<which>年初|全年|调整后)?预算(?:数)?(?:为|是)?(?P<num>{NUM})万元")
_ACTUAL = re.compile(rf"(?:支出)?(?:决算|执行)(?:数)?(?:为|是)?(?P<num>{NUM})万元")
_RATE = re.compile(r"(?P<kind>完成(?:年初|全年|调整后)?预算(?:数)?的|(?:预算)?执行率(?:为|是)?|预决算差异率(?:为|是)?|差异率(?:为|是)?)"
                   r"\s*(?P<pct>-?\d+(?:\.\d+)?)%")
_WORDING = re.compile(r"超额完成|未完成|未能完成|决算数?(?:小于|大于|低于|高于|等于)预算数?|决算数?(?:同|与)预算数?持平|"
                      r"预决算无差异|与预算持平")


@dataclass
class Rate:
    line: int
    start: int
    end: int
    budget: str
    budget_at: int
    actual: str
    actual_at: int
    pct: str | None
    kind: str  # completion | difference
    wording: str | None
    wording_at: int | None


def read_rates(lines: list[str]) -> list[Rate]:
    """"年初预算为A万元，支出决算为B万元，完成年初预算的P%" (and 预决算差异率, and the words that follow)."""
    out: list[Rate] = []
    for n, text in enumerate(lines):
        for b in _BUDGET.finditer(text):
            rate = _rate_after(n, text, b)
            if rate is not None:
                out.append(rate)
    return out


def _rate_after(n: int, text: str, b: re.Match) -> Rate | None:
    a = _ACTUAL.search(text, b.end(), b.end() + 30)
    if a is None or re.search(r"[。;；]", text[b.end():a.start()]) or _BUDGET.search(text, b.end(), a.start()):
        return None  # (another 预算 figure stands nearer to the 决算 one)
    _, s_end = sentence_bounds(text, a.end())
    r = _RATE.search(text, a.end(), min(len(text), a.end() + 40))
    if r is not None and re.search(r"[。;；]", text[a.end():r.start()]):
        r = None
    w_from = r.end() if r else a.end()
    _, w_end = sentence_bounds(text, w_from)
    w = _WORDING.search(text, w_from, min(len(text), w_end + 40))
    if r is None and w is None:
        return None
    kind = "difference" if r is not None and "差异" in r.group("kind") else "completion"
    named = re.search(r"年初|全年|调整后", r.group("kind")) if r is not None else None
    if named and b.group("which") and named.group(0) != b.group("which"):
        return None  # "完成调整后预算的…" is not about the 年初预算 stated here
    end = max(x.end() for x in (a, r, w) if x is not None)
    return Rate(n, b.start(), end, b.group("num"), b.start("num"), a.group("num"), a.start("num"),
                r.group("pct") if r else None, kind, w.group(0) if w else None, w.start() if w else None)


# -- items (类/款/项) stated in the prose -------------------------------------------------------------

_ITEM = re.compile(
    r"(?P<cls>[\u4e00-\u9fff]{2,20}?)(?:支出)?[(（](?:\d{3})?类[)）]"
    r"(?P<kuan>[\u4e00-\u9fff、]{2,30}?)[(（](?:\d{2})?款[)）]"
    r"(?P<xiang>[\u4e00-\u9fff、]{2,30}?)[(（](?:\d{2})?项[)）]"
)
_ITEM_CODES = re.compile(r"[(（](?P<c>\d{3})类[)）].*?[(（](?P<k>\d{2})款[)）].*?[(（](?P<x>\d{2})项[)）]")
_ACTUAL_AFTER_BUDGET = re.compile(rf"年初预算(?:数)?(?:为|是)?{NUM}万元[,，]\s*支出决算(?:数)?(?:为|是)?(?P<num>{NUM})万元")
_ITEM_AMOUNT = re.compile(rf"(?:支出决算数?|决算数?|预算数?|支出)?(?:为|是)?[”\"]?\s*(?P<num>{NUM})万元")


@dataclass
class ItemStatement:
    line: int
    start: int
    end: int
    path: tuple[str, str, str]  # 类, 款, 项 names as printed
    code: str | None  # "2013801" when printed with the names
    amount: str
    amount_line: int  # the line holding the amount (the item's, or the next one)
    amount_at: int  # its offset in that line


def read_items(lines: list[str]) -> list[ItemStatement]:
    """"一般公共服务支出（类）商贸事务（款）行政运行（项）”938.99万元": a 项 and its amount (决算数 / 预算数).

    The amount may follow in the next line when the item's heading ends its own line.
    """
    out: list[ItemStatement] = []
    for n, text in enumerate(lines):
        for m in _ITEM.finditer(text):
            found = _item_amount(text[m.end():m.end() + 160])
            line, base = n, m.end()
            if found is None and n + 1 < len(lines) and not _ITEM.search(lines[n + 1]) and \
                    not re.search(r"[^。;；\s]", text[m.end():]):
                found, line, base = _item_amount(lines[n + 1][:160]), n + 1, 0
            if found is None:
                continue
            codes = _ITEM_CODES.search(m.group(0))
            code = "".join(codes.group(k) for k in ("c", "k", "x")) if codes else None
            path = tuple(re.sub(r"[“”\"]", "", m.group(g)) for g in ("cls", "kuan", "xiang"))
            end = m.end() + found.end() if line == n else m.end()
            out.append(ItemStatement(n, m.start(), end, path, code, found.group("num"), line,  # type: ignore[arg-type]
                                     base + found.start("num")))
    return out


def _item_amount(after: str) -> re.Match | None:
    amount = _first_item_amount(after)
    if amount is None:
        amount = _ACTUAL_AFTER_BUDGET.search(after)  # "…（项）。主要用于…。年初预算为A万元，支出决算为B万元"
        if amount is None or re.search(r"[(（](?:类|款|项)[)）]", after[:amount.start()]):
            return None
    return amount


def _first_item_amount(after: str) -> re.Match | None:
    """The item's own amount: the first 万元 figure, unless a 年初预算 or a change comes before it."""
    for m in _ITEM_AMOUNT.finditer(after):
        head = after[:m.start()]
        if re.search(r"比|较|年初预算|增加|减少|增长|下降", head):
            return None
        if re.search(r"[。;；]", head):
            return None
        return m
    return None
