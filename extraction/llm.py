"""LLM-assisted extraction: ask an OpenAI-compatible model for the figures the rules missed.

Used only when an endpoint is configured; the offline default is :func:`extraction.extractor.extract`.
The model never gets the last word. Each figure it returns is kept only when it is *grounded*:

- its ``passage_id`` is one of the passages we showed;
- its ``quote`` occurs verbatim (``str.find``) in that passage's normalised text;
- its ``value`` (thousands separators removed) is a whole number token of the quote, followed by
  its ``unit`` (``31.19`` does not match inside ``131.19``);
- its ``key`` is in the vocabulary (:func:`extraction.vocabulary.is_valid_key`).

A grounded figure is cited like a rule figure, from the quote's span in the normalised text.
Everything else is dropped with a message saying why. A figure for a key the rules already have
is kept beside the rule figure, never instead of it, and a value that differs is reported as a
disagreement. Messages never contain the API key.
"""

from __future__ import annotations

import logging
import re
import string
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from pydantic import BaseModel, ConfigDict, Field

from extraction.errors import ConfigError, DisclosureError
from extraction.extractor import cite, narrative_lines, printed_key
from extraction.schemas import FIGURE_UNITS, Figure
from extraction.vocabulary import FIGURE_KEYS, is_valid_key
from index.metadata import DocMeta
from index.normalise import NormDoc, to_halfwidth

log = logging.getLogger(__name__)

PROMPTS_DIR = Path(__file__).resolve().parents[1] / "prompts"
PROMPT_NAME = "extract_figures"
MAX_PASSAGES = 30
MAX_PASSAGE_CHARS = 600
NO_KEY = "no-key"  # sent when no key is configured, so that OPENAI_API_KEY never leaks to another endpoint

# key → (meaning shown to the model, label words that make a passage relevant)
KEY_INFO: dict[str, tuple[str, tuple[str, ...]]] = {
    "income_grand_total": ("收入总计", ("收入总计", "收入预算", "收支总预算")),
    "income_current_year": ("本年收入合计", ("本年收入",)),
    "fiscal_appropriation_income": ("本年财政拨款收入（一般公共预算财政拨款收入）", ("财政拨款收入", "一般公共预算拨款")),
    "other_income": ("其他收入", ("其他收入",)),
    "beginning_carryover": ("年初结转和结余", ("年初结转",)),
    "expenditure_grand_total": ("支出总计", ("支出总计", "支出预算", "收支总预算")),
    "expenditure_current_year": ("本年支出合计", ("本年支出",)),
    "basic_expenditure": ("基本支出（本年）", ("基本支出",)),
    "project_expenditure": ("项目支出（本年）", ("项目支出",)),
    "ending_carryover": ("年末结转和结余", ("年末结转",)),
    "fiscal_grant_income_total": ("财政拨款收入总计", ("财政拨款收入总计", "财政拨款收支总")),
    "fiscal_grant_expenditure_total": ("财政拨款支出总计", ("财政拨款支出总计", "财政拨款收支总")),
    "gpb_expenditure": ("一般公共预算财政拨款支出（本年决算数）", ("一般公共预算财政拨款支出", "一般公共预算拨款")),
    "gpb_initial_budget": ("一般公共预算财政拨款支出 年初预算数", ("年初预算",)),
    "gpb_basic_expenditure": ("一般公共预算财政拨款基本支出", ("财政拨款基本支出",)),
    "personnel_expenses": ("人员经费", ("人员经费",)),
    "public_expenses": ("公用经费", ("公用经费",)),
    "gov_fund_expenditure": ("政府性基金预算财政拨款支出", ("政府性基金",)),
    "three_public_actual": ("财政拨款“三公”经费支出 决算数（合计）", ("三公",)),
    "three_public_budget": ("“三公”经费 预算数（合计）", ("三公",)),
    "overseas_travel": ("因公出国（境）费", ("出国",)),
    "vehicle_purchase": ("公务用车购置费", ("用车购置",)),
    "vehicle_operation": ("公务用车运行维护费", ("运行维护", "用车运行")),
    "official_reception": ("公务接待费", ("公务接待",)),
    "reception_batches": ("国内公务接待 批次", ("批次",)),
    "reception_persons": ("国内公务接待 人次", ("人次",)),
    "vehicles_in_service": ("公务用车保有量（辆）", ("保有量",)),
    "agency_operating_expenses": ("机关运行经费", ("机关运行经费",)),
    "procurement_total": ("政府采购支出总额", ("政府采购",)),
    "procurement_goods": ("政府货物采购支出", ("政府采购", "货物")),
    "procurement_works": ("政府工程采购支出", ("政府采购", "工程")),
    "procurement_services": ("政府服务采购支出", ("政府采购",)),
    "procurement_sme": ("授予中小企业合同金额", ("中小企业",)),
    "vehicles_total": ("车辆总数（国有资产占有使用情况）", ("车辆",)),
}
assert set(KEY_INFO) == set(FIGURE_KEYS), "KEY_INFO must describe every figure key"

# a number token in normalised text: thousands-separated or plain, never part of a longer number
_NUMBER = re.compile(r"(?:(?<![\d])-)?(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d])")
_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_SENTENCE_END = "。;"


# -- errors ----------------------------------------------------------------------------------


class LLMError(DisclosureError):
    """The model endpoint failed: unreachable, timed out, refused, or kept answering malformed output.

    ``provider`` names the endpoint (base URL without credentials); ``retryable`` says whether
    calling again later may succeed (timeouts, connection errors, rate limits, server errors).
    """

    def __init__(self, message: str, *, provider: str, retryable: bool) -> None:
        self.provider = provider
        self.retryable = retryable
        super().__init__(message)


class PromptError(ConfigError):
    """A prompt file is missing or its placeholders do not match the values passed."""


# -- prompt ----------------------------------------------------------------------------------


def load_prompt(name: str, /, **values: str) -> str:
    """``prompts/<name>.md`` with its ``{placeholders}`` filled in.

    The placeholders in the file must be exactly the names passed (``{{``/``}}`` are literal
    braces); anything else is a :class:`PromptError` naming the file.
    """
    if not re.fullmatch(r"[A-Za-z0-9_-]+", name):
        raise PromptError(f"prompt name {name!r}: only letters, digits, '_' and '-' are allowed")
    path = PROMPTS_DIR / f"{name}.md"
    try:
        template = path.read_text(encoding="utf-8")
    except OSError as e:
        raise PromptError(f"{path}: cannot read prompt ({e.strerror or e})") from e
    try:
        parsed = [(f, spec, conv) for _, f, spec, conv in string.Formatter().parse(template) if f is not None]
    except ValueError as e:
        raise PromptError(f"{path}: malformed placeholder ({e}); write literal braces as {{{{ and }}}}") from e
    bad = sorted({f + (f"!{conv}" if conv else "") + (f":{spec}" if spec else "")
                  for f, spec, conv in parsed if not f.isidentifier() or spec or conv})
    if bad:
        shown = ", ".join("{" + b + "}" for b in bad)
        raise PromptError(f"{path}: placeholders must be plain names like {{keys}}, found {shown}")
    fields = [f for f, _, _ in parsed]
    in_file, passed = set(fields), set(values)
    if in_file != passed:
        parts = []
        if passed - in_file:
            parts.append(f"passed but not in the file: {', '.join(sorted(passed - in_file))}")
        if in_file - passed:
            parts.append(f"in the file but not passed: {', '.join(sorted(in_file - passed))}")
        raise PromptError(f"{path}: placeholders do not match ({'; '.join(parts)})")
    return template.format(**values)


# -- structured output -----------------------------------------------------------------------


class LLMFigure(BaseModel):
    """One figure as the model reports it (checked against the passages before use)."""

    model_config = ConfigDict(extra="forbid")
    key: str = Field(description="vocabulary key from the list of missing keys, e.g. three_public_actual")
    value: str = Field(description="the number as printed, thousands separators removed, no unit, e.g. '3681.17'")
    unit: str = Field(description="the unit printed right after the number: 万元, 元, 人, 辆, 个, 批次, 人次, %, 分")
    passage_id: str = Field(description="id of the passage the number was read from, without brackets, e.g. 'p3'")
    quote: str = Field(
        description="a contiguous span copied verbatim from that passage, holding the number and the words naming it"
    )


class LLMFigures(BaseModel):
    """The model's whole answer."""

    model_config = ConfigDict(extra="forbid")
    figures: list[LLMFigure] = Field(description="the figures found; an empty list when the passages state none")


# -- passages --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Passage:
    """A piece of normalised text shown to the model under an opaque id."""

    pid: str
    start: int  # normalised offsets: doc.text[start:end] == text
    end: int
    text: str
    keys: tuple[str, ...]  # missing keys whose label words it contains


def _pieces(text: str, limit: int) -> list[tuple[int, int]]:
    """Split a line into spans of at most ``limit`` characters, at sentence ends where possible."""
    sentences: list[tuple[int, int]] = []
    begin = 0
    for i, ch in enumerate(text):
        if ch in _SENTENCE_END:
            sentences.append((begin, i + 1))
            begin = i + 1
    if begin < len(text):
        sentences.append((begin, len(text)))
    out: list[tuple[int, int]] = []
    for s, e in sentences:
        while e - s > limit:  # one overlong sentence: hard cuts
            out.append((s, s + limit))
            s += limit
        if out and e - out[-1][0] <= limit and out[-1][1] == s:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def select_passages(doc: NormDoc, missing: list[str], *, limit: int = MAX_PASSAGES,
                    max_chars: int = MAX_PASSAGE_CHARS) -> list[Passage]:
    """Running-text pieces that hold a number and a label word of a missing key (bounded)."""
    found: list[tuple[int, int, str, tuple[str, ...]]] = []
    for line_start, line_text, _section in narrative_lines(doc):
        for s, e in _pieces(line_text, max_chars):
            while s < e and line_text[s].isspace():
                s += 1
            while e > s and line_text[e - 1].isspace():
                e -= 1
            piece = line_text[s:e]
            if not any(ch.isdigit() for ch in piece):
                continue
            keys = tuple(k for k in missing if any(w in piece for w in KEY_INFO.get(k, ("",))[1]))
            if keys:
                found.append((line_start + s, line_start + e, piece, keys))
    # most relevant first (more missing keys named), then in reading order
    found.sort(key=lambda x: (-len(x[3]), x[0]))
    kept = sorted(found[:limit], key=lambda x: x[0])
    passages = []
    for i, (s, e, piece, keys) in enumerate(kept, 1):
        assert doc.text[s:e] == piece
        passages.append(Passage(pid=f"p{i}", start=s, end=e, text=piece, keys=keys))
    return passages


def render_keys(keys: list[str]) -> str:
    return "\n".join(f"- {k}: {KEY_INFO[k][0]}" if k in KEY_INFO else f"- {k}" for k in keys)


def render_passages(passages: list[Passage]) -> str:
    return "\n\n".join(f"[{p.pid}] {p.text}" for p in passages)


# -- grounding -------------------------------------------------------------------------------


def _clean_value(value: str) -> str:
    return "".join(to_halfwidth(ch) for ch in value).replace(",", "").replace(" ", "").strip()


def _number_in_quote(value: str, unit: str, quote: str) -> str | None:
    """None when ``value`` is a whole number token of ``quote`` followed by ``unit``, else why not."""
    if not _PLAIN_NUMBER.fullmatch(value):
        return "value is not a plain number"
    tokens = [m for m in _NUMBER.finditer(quote) if m.group(0).replace(",", "") == value]
    if not tokens:
        return "value not in quote"
    if not any(quote[m.end():].lstrip().startswith(unit) for m in tokens):
        return f"unit {unit} does not follow the number in the quote"
    return None


def _same_amount(a: Figure, value: str, unit: str) -> bool:
    try:
        mine = Decimal(value)
        if a.unit == unit:
            return a.amount() == mine
        probe = Figure(key=a.key, value=value, unit=unit, citation=a.citation)
        x, y = a.in_wanyuan(), probe.in_wanyuan()
        return x is not None and y is not None and x == y
    except (InvalidOperation, KeyError, ValueError):
        return False


def ground(doc: NormDoc, meta: DocMeta, passages: list[Passage], answer: LLMFigures,
           have: list[Figure]) -> tuple[list[Figure], list[str]]:
    """Keep the model's figures that the passages bear out; say why each other one was dropped."""
    by_id = {p.pid: p for p in passages}
    figures: list[Figure] = []
    messages: list[str] = []
    seen: set[tuple[str, str, str, int]] = set()
    for item in answer.figures:
        key = item.key.strip()
        value = _clean_value(item.value)
        unit = item.unit.strip()
        pid = item.passage_id.strip().strip("[]")
        quote = "".join(to_halfwidth(ch) for ch in item.quote).strip()
        name = f"rejected llm figure {key}={item.value.strip()}"

        if not is_valid_key(key):
            messages.append(f"{name}: unknown key")
            continue
        passage = by_id.get(pid)
        if passage is None:
            messages.append(f"{name}: no passage {pid!r} was shown")
            continue
        if not quote:
            messages.append(f"{name}: empty quote")
            continue
        pos = passage.text.find(quote)
        if pos < 0:
            messages.append(f"{name}: quote not in passage {pid} ({quote[:60]!r})")
            continue
        if unit not in FIGURE_UNITS:
            messages.append(f"{name}: unit {unit!r} is not one of {', '.join(FIGURE_UNITS)}")
            continue
        why = _number_in_quote(value, unit, quote)
        if why:
            messages.append(f"{name}: {why} ({quote[:60]!r} in {pid})")
            continue
        start = passage.start + pos
        try:
            citation = cite(doc, meta, start, start + len(quote))
        except ValueError as e:
            messages.append(f"{name}: cannot cite the quote ({e})")
            continue
        ident = (key, value, unit, citation.char_start)
        if ident in seen:
            continue
        seen.add(ident)

        rule = [f for f in have if f.key == key]
        if rule and any(_same_amount(f, value, unit) for f in rule):
            messages.append(f"llm figure {key}={value}{unit} agrees with the rule figure; kept the rule figure only")
            continue
        figure = Figure(key=printed_key(key, citation.quote), value=value, unit=unit, citation=citation,
                        method="llm", source_kind="prose")
        if rule:
            where = ", ".join(f"{f.value}{f.unit} ({f.method}, line {f.citation.line_start})" for f in rule)
            messages.append(f"disagreement: {key} llm={value}{unit} (line {citation.line_start}, "
                            f"quote {citation.quote[:60]!r}) vs {where}; kept both")
        figures.append(figure)
    return figures, messages


# -- the call --------------------------------------------------------------------------------


def _provider(base_url: str) -> str:
    """The base URL without any credentials in it."""
    try:
        parts = urlsplit(base_url)
        host = parts.hostname or ""
        if parts.port:
            host = f"{host}:{parts.port}"
        return urlunsplit((parts.scheme, host, parts.path, "", ""))
    except ValueError:
        return "<unparseable base URL>"


def _scrub(text: str, secret: str | None) -> str:
    return text.replace(secret, "***") if secret else text


def _short(e: BaseException) -> str:
    text = " ".join(str(e).split())
    return f"{type(e).__name__}: {text[:300]}"


def _classify(e: Exception) -> tuple[str, bool] | None:
    """(kind, retryable) for an exception from the call; None when it is not ours to translate."""
    import openai
    import pydantic

    if isinstance(e, openai.APITimeoutError):
        return "timed out", True
    if isinstance(e, openai.APIConnectionError):
        return "could not be reached", True
    if isinstance(e, openai.RateLimitError):
        return "is rate limiting", True
    if isinstance(e, openai.InternalServerError):
        return "had a server error", True
    if isinstance(e, openai.AuthenticationError | openai.PermissionDeniedError):
        return "rejected the credentials", False
    if isinstance(e, openai.APIStatusError):
        return f"answered HTTP {e.status_code}", False
    if isinstance(e, pydantic.ValidationError | ValueError | openai.LengthFinishReasonError
                  | openai.APIResponseValidationError):
        return "malformed", False
    return None


def build_chain(*, base_url: str, model: str, api_key: str | None, timeout: float):
    """ChatOpenAI with structured output (``response_format`` json_schema) for :class:`LLMFigures`."""
    from langchain_openai import ChatOpenAI
    from pydantic import SecretStr

    llm = ChatOpenAI(base_url=base_url, model=model, api_key=SecretStr(api_key or NO_KEY), timeout=timeout,
                     max_retries=0, temperature=0, use_responses_api=False)
    return llm.with_structured_output(LLMFigures, method="json_schema")


def llm_extract(doc: NormDoc, meta: DocMeta, have: list[Figure], *, base_url: str, model: str,
                api_key: str | None, timeout: float = 60, max_retries: int = 2) -> tuple[list[Figure], list[str]]:
    """Figures for the vocabulary keys ``have`` lacks, read by the model and grounded in the text.

    Returns the new figures (``method="llm"``) and messages: what was asked, each rejected
    figure and why, each disagreement with a rule figure. Malformed answers are asked again up
    to ``max_retries`` times; then, and on timeouts or endpoint errors, :class:`LLMError`.
    """
    from langchain_core.messages import HumanMessage
    from langchain_openai.chat_models.base import OpenAIRefusalError

    provider = _provider(base_url)
    present = {f.key for f in have}
    missing = [k for k in FIGURE_KEYS if k not in present]
    if not missing:
        return [], ["llm: every vocabulary key already has a figure; model not called"]
    passages = select_passages(doc, missing)
    if not passages:
        return [], [f"llm: no passage names a missing key ({len(missing)} missing); model not called"]
    prompt = load_prompt(PROMPT_NAME, keys=render_keys(missing), passages=render_passages(passages))
    chain = build_chain(base_url=base_url, model=model, api_key=api_key, timeout=timeout)
    messages = [f"llm: asked {provider} ({model}) for {len(missing)} missing keys over {len(passages)} passages"]

    answer: LLMFigures | None = None
    attempts = max(0, max_retries) + 1
    for attempt in range(1, attempts + 1):
        try:
            answer = chain.invoke([HumanMessage(content=prompt)])
        except OpenAIRefusalError as e:
            raise LLMError(_scrub(f"model {model} at {provider} refused: {str(e)[:300]}", api_key),
                           provider=provider, retryable=False) from None
        except Exception as e:
            kind = _classify(e)
            if kind is None:
                raise
            what, retryable = kind
            if what == "malformed":
                note = _scrub(f"llm: malformed answer {attempt}/{attempts} from {provider}: {_short(e)}", api_key)
                messages.append(note)
                log.warning(note)
                if attempt < attempts:
                    continue
                raise LLMError(_scrub(f"model {model} at {provider} returned malformed structured output "
                                      f"{attempts} time(s) (last: {_short(e)})", api_key),
                               provider=provider, retryable=False) from None
            detail = "" if what == "timed out" else f": {_short(e)}"
            limit = f" after {timeout:g} s" if what == "timed out" else ""
            raise LLMError(_scrub(f"model endpoint {provider} {what}{limit}{detail}", api_key),
                           provider=provider, retryable=retryable) from None
        if answer is None:  # a tool call or an empty parse: treat as malformed
            note = f"llm: empty answer {attempt}/{attempts} from {provider}"
            messages.append(note)
            if attempt < attempts:
                continue
            raise LLMError(f"model {model} at {provider} returned no structured output {attempts} time(s)",
                           provider=provider, retryable=False)
        break

    assert answer is not None
    figures, notes = ground(doc, meta, passages, answer, have)
    messages.extend(notes)
    messages.append(f"llm: {len(answer.figures)} figure(s) returned, {len(figures)} kept")
    messages = [_scrub(m, api_key) for m in messages]
    for m in messages:
        log.info(m)
    return figures, messages
