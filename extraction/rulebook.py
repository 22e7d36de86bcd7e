"""What every cross-check rule shares: the context it reads, the registry, tolerances and Chinese findings.

A rule is a small pure function ``(Context) -> list[CheckResult]`` registered with
``@rule(name, description)``. The :class:`Context` holds the extracted figures, the prose lines
and the table facts of one document (:mod:`extraction.tablefacts`), so a rule never reads a file.
Tolerances come from the printed precision (shared/checks-catalogue.md §0): two amounts printed
to 0.01 万元 agree when equal, a difference of one last digit (or of 0.005 per summed term) is a
rounding note (``warn``), anything beyond is a ``fail``; a 元 table agrees with 万元 prose when
``|元/10000 − 万元| ≤ 0.005``. A rule whose figures were not both read is ``skip``, never ``fail``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from core.schemas import CheckResult, Citation, DocMeta, DocType, Figure
from extraction.tablefacts import DocFacts

DEFAULT_TOLERANCE = Decimal("0.01")  # 万元
WAN = Decimal(10000)


class ProseLine(NamedTuple):
    """A line of running text, with a builder of citations for spans inside it."""

    start: int  # normalised offset of the line
    text: str
    cite: Callable[[int, int], Citation]  # (start, end) within the line -> citation
    section: str = ""


@dataclass
class Context:
    figures: list[Figure]
    doc_type: DocType
    tolerance: Decimal
    narrative: list[ProseLine]
    facts: DocFacts = field(default_factory=DocFacts)
    meta: DocMeta | None = None

    def by_key(self) -> dict[str, list[Figure]]:
        out: dict[str, list[Figure]] = defaultdict(list)
        for f in self.figures:
            out[f.key].append(f)
        return out

    def pick(self, key: str) -> Figure | None:
        """One figure for an identity: a table figure first, else the first stated."""
        figs = self.by_key().get(key, [])
        return next((f for f in figs if f.source_kind == "table"), figs[0] if figs else None)

    @property
    def budget(self) -> bool:
        return self.doc_type == DocType.budget


Rule = Callable[[Context], list[CheckResult]]
RULES: dict[str, tuple[str, Rule]] = {}


def rule(name: str, description: str):
    def register(fn: Rule) -> Rule:
        RULES[name] = (description, fn)
        return fn
    return register


# -- numbers -----------------------------------------------------------------------------------

def wan(f: Figure) -> Decimal:
    v = f.in_wanyuan()
    return v if v is not None else f.amount()


def half_unit(printed: str) -> Decimal:
    """Half of the last printed digit: 31.19 → 0.005, 18 → 0.5 (the rounding a printed number allows)."""
    decimals = len(printed.split(".")[1]) if "." in printed else 0
    return Decimal(5) / (Decimal(10) ** (decimals + 1))


def step_of(printed: str) -> Decimal:
    """The last printed digit's unit: 31.19 → 0.01, 18 → 1."""
    return half_unit(printed) * 2


def money(value: Decimal, unit: str = "万元", places: int = 2) -> str:
    """An amount for people: 4,884.09 万元 (thousands separators, two decimals)."""
    q = Decimal(1).scaleb(-places)
    return f"{value.quantize(q):,} {unit}"


def pct(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01'))}%"


def diff_status(diff: Decimal, rounding: Decimal, *, rounding_passes: bool = False) -> str:
    """pass when equal, warn (or pass, for table arithmetic) when the difference is within the rounding the
    printed numbers allow, else fail."""
    diff = abs(diff)
    if diff == 0:
        return "pass"
    if diff <= rounding:
        return "pass" if rounding_passes else "warn"
    return "fail"


def sum_rounding(n_terms: int, unit: str, tolerance: Decimal = DEFAULT_TOLERANCE) -> Decimal:
    """Rounding a total of n printed terms may show: 0.01 万元, or 0.005 万元 per term for long columns;
    a 元 table printed to the fen is exact."""
    if unit == "元":
        return Decimal(0)
    return max(tolerance, Decimal("0.005") * n_terms)


# -- citations and places ----------------------------------------------------------------------

def cites(items: Iterable[Figure | Citation | None]) -> list[Citation]:
    """Citations of figures or citations, each place once, in the order given."""
    seen, out = set(), []
    for x in items:
        if x is None:
            continue
        c = x.citation if isinstance(x, Figure) else x
        key = (c.doc_id, c.page, c.char_start, c.char_end)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def place(c: Citation) -> str:
    """第16页 / 第93行 (line first for text files, page for PDFs)."""
    if c.line_start is not None:
        return f"第{c.line_start}行" if c.line_end in (None, c.line_start) else f"第{c.line_start}–{c.line_end}行"
    return f"第{c.page}页" if c.page else "原文"


def where(f: Figure) -> str:
    """Where a figure is printed, for a message: 一般公共预算财政拨款基本支出决算表（第16页） / 正文（第24页）."""
    what = (f.table or "表") if f.source_kind == "table" else "正文"
    return f"{what}（{place(f.citation)}）"


def shown(f: Figure) -> str:
    """A figure as printed, with its unit, and in 万元 when printed in 元."""
    v = f.amount()
    if f.unit == "元":
        return f"{money(v, '元')}（{money(v / WAN)}）"
    if f.unit in ("万元", "亿元", "千元"):
        return money(v, f.unit)
    return f"{f.value} {f.unit}"


# -- results -----------------------------------------------------------------------------------

def result(name: str, status: str, message: str, *, places: Iterable[Figure | Citation | None] = (),
           figures: Iterable[Figure] = (), expected: str | None = None, actual: str | None = None,
           tolerance: str | None = None) -> CheckResult:
    return CheckResult(rule=name, description=RULES[name][0], status=status, message=message, expected=expected,
                       actual=actual, tolerance=tolerance, figures=list(figures), citations=cites(places))


def skip(name: str, message: str, places: Iterable[Figure | Citation | None] = ()) -> CheckResult:
    return result(name, "skip", message, places=places)


def missing(name: str, keys: Iterable[str]) -> CheckResult:
    from core.vocabulary import label_of

    return skip(name, "未读到：" + "、".join(label_of(k) for k in keys))
