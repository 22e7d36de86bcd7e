"""LLM-assisted extraction: ask an OpenAI-compatible model for the figures the rules missed.

Used only when an endpoint is configured; the offline default is :func:`extraction.extractor.extract`.
The model never gets the last word. Each figure it returns is kept only when it is *grounded*:

- its ``passage_id`` is one of the passages we showed;
- its ``quote`` occurs verbatim (``str.find``) in that passage's normalised text;
- its ``value`` (thousands separators removed) is a whole number token of the quote, followed by
  its ``unit`` (``31.19`` does not match inside ``131.19``);
- its ``key`` is in the vocabulary (:func:`core.vocabulary.is_valid_key`).

A grounded figure is cited like a rule figure, from the quote's span in the normalised text.
Everything else is dropped with a message saying why. A figure for a key the rules already have
is kept beside the rule figure, never instead of it, and a value that differs is reported as a
disagreement. Messages never contain the API key.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Protocol, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from core.schemas import DocMeta, Figure, Method, SourceKind
from core.vocabulary import BY_KEY, FIGURE_KEYS, is_valid_key
from extraction.extractor import printed_key
from extraction.grounding import check_figure
from extraction.prompting import load_prompt
from index.layout import Layout, cite
from index.normalise import to_halfwidth

log = logging.getLogger(__name__)

PROMPT_NAME = "extract_figures"
MAX_PASSAGES = 30
MAX_PASSAGE_CHARS = 600
_SENTENCE_END = "。;"
T = TypeVar("T", bound=BaseModel)


class ChatModel(Protocol):
    """What this module needs of a chat endpoint (:class:`app.llm.ChatClient` is one)."""

    provider: str
    model: str

    def structured(self, prompt: str, schema: type[T]) -> tuple[T, list[str]]: ...

    def scrub(self, text: str) -> str: ...


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


def select_passages(layout: Layout, missing: list[str], *, limit: int = MAX_PASSAGES,
                    max_chars: int = MAX_PASSAGE_CHARS) -> list[Passage]:
    """Running-text pieces that hold a number and a cue word of a missing key (bounded)."""
    found: list[tuple[int, int, str, tuple[str, ...]]] = []
    for line_start, line_text, _section in layout.narrative:
        for s, e in _pieces(line_text, max_chars):
            while s < e and line_text[s].isspace():
                s += 1
            while e > s and line_text[e - 1].isspace():
                e -= 1
            piece = line_text[s:e]
            if not any(ch.isdigit() for ch in piece):
                continue
            keys = tuple(k for k in missing if any(w in piece for w in BY_KEY[k].cues))
            if keys:
                found.append((line_start + s, line_start + e, piece, keys))
    # most relevant first (more missing keys named), then in reading order
    found.sort(key=lambda x: (-len(x[3]), x[0]))
    kept = sorted(found[:limit], key=lambda x: x[0])
    passages = []
    for i, (s, e, piece, keys) in enumerate(kept, 1):
        assert layout.text[s:e] == piece
        passages.append(Passage(pid=f"p{i}", start=s, end=e, text=piece, keys=keys))
    return passages


def render_keys(keys: list[str]) -> str:
    return "\n".join(f"- {k}: {BY_KEY[k].description}" if k in BY_KEY else f"- {k}" for k in keys)


def render_passages(passages: list[Passage]) -> str:
    return "\n\n".join(f"[{p.pid}] {p.text}" for p in passages)


# -- grounding -------------------------------------------------------------------------------


def _clean_value(value: str) -> str:
    return "".join(to_halfwidth(ch) for ch in value).replace(",", "").replace(" ", "").strip()


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


def ground(layout: Layout, meta: DocMeta, passages: list[Passage], answer: LLMFigures,
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
        why = check_figure(key, value, unit, quote, passage.text)
        if why:
            at = "" if why.startswith(("quote not in", "empty", "unit ")) else f" ({quote[:60]!r} in {pid})"
            messages.append(f"{name}: {why.replace('passage (', f'passage {pid} (')}{at}")
            continue
        pos = passage.text.find(quote)
        start = passage.start + pos
        try:
            citation = cite(layout.doc, meta, start, start + len(quote))
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
                        method=Method.llm, source_kind=SourceKind.prose)
        if rule:
            where = ", ".join(f"{f.value}{f.unit} ({f.method}, line {f.citation.line_start})" for f in rule)
            messages.append(f"disagreement: {key} llm={value}{unit} (line {citation.line_start}, "
                            f"quote {citation.quote[:60]!r}) vs {where}; kept both")
        figures.append(figure)
    return figures, messages


# -- the call --------------------------------------------------------------------------------


def llm_extract(layout: Layout, meta: DocMeta, have: list[Figure], client: ChatModel) -> tuple[list[Figure], list[str]]:
    """Figures for the vocabulary keys ``have`` lacks, read by the model and grounded in the text.

    Returns the new figures (``method="llm"``) and messages: what was asked, each rejected
    figure and why, each disagreement with a rule figure. The client retries malformed answers
    and raises :class:`~core.errors.LLMError` when the endpoint fails.
    """
    present = {f.key for f in have}
    missing = [k for k in FIGURE_KEYS if k not in present]
    if not missing:
        return [], ["llm: every vocabulary key already has a figure; model not called"]
    passages = select_passages(layout, missing)
    if not passages:
        return [], [f"llm: no passage names a missing key ({len(missing)} missing); model not called"]
    prompt = load_prompt(PROMPT_NAME, keys=render_keys(missing), passages=render_passages(passages))
    messages = [f"llm: asked {client.provider} ({client.model}) for {len(missing)} missing keys over "
                f"{len(passages)} passages"]
    answer, notes = client.structured(prompt, LLMFigures)
    messages.extend(notes)
    figures, found = ground(layout, meta, passages, answer, have)
    messages.extend(found)
    messages.append(f"llm: {len(answer.figures)} figure(s) returned, {len(figures)} kept")
    messages = [client.scrub(m) for m in messages]
    for m in messages:
        log.info(m)
    return figures, messages
