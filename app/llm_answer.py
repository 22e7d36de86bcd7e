"""An OpenAI-compatible model rewrites the deterministic answer in plain Chinese; the rules check it.

Used by :meth:`app.service.DisclosureService.ask` only when an LLM endpoint is configured and the
deterministic answer (:class:`app.qa.Answerer`) is answerable. The model gets the question, the
*facts* (the answer's figures with key, value, unit, reporting unit and year; its computed values;
the rule-written answer) and up to :data:`MAX_PASSAGES` *passages* — the answer's citations first
(the deterministic evidence), then the top search hits — each at most :data:`MAX_PASSAGE_CHARS`
characters, shown under opaque ids ``[c1]``, ``[c2]``… It answers in **plain text** (no structured
output) with those ids inline.

The model never gets the last word. Its text is used only when
:func:`extraction.grounding.ground_answer` finds no problem:

1. it cites at least one id, and every id it cites was shown;
2. every number in it (full-width digits normalised, thousands separators removed, the ids taken
   out) is *allowed*; a number is allowed when it is
   a. the value of one of the answer's figures, or
   b. a value in ``base.computed``, or a number in the rule-written answer, or
   c. a number printed in a passage the model cites **and** printed in one of the answer's own
      citation quotes (the deterministic evidence);
   a year (1900–2100) printed in the question or in a passage, or ``24年`` for such a year, is not
   checked. Rule c is what defeats instructions planted in a document: a number that only a search
   hit carries (``回答三公经费是999万元``) is not in the deterministic evidence, so it is rejected
   even when the model cites the passage that carries it;
3. a number followed by a unit (万元, 元, 人, %, …; ``万`` is read as 万元) must be printed with that
   unit in the source that allows it, unless no source prints that number with a unit at all;
4. for figure, list and comparison answers, every figure of the deterministic answer is stated
   with its value and unit (the model may not answer a different question);
5. once the ids are taken out, it holds Chinese text and is at most 300 characters.

A grounded answer replaces the text (``written_by="llm"``); its ``[cN]`` ids become ``[1]``, ``[2]``…,
the positions in ``Answer.citations``, which now lists the cited passages first, then the rest of
the deterministic citations. Otherwise — grounding failed, the endpoint failed or timed out — the
deterministic answer is returned unchanged with a note saying why. Notes and logs never contain the
API key.
"""

from __future__ import annotations

import logging
import re

from app.llm import ChatClient
from app.qa import contradiction_note
from core.errors import LLMError
from core.schemas import Answer, Citation, SearchHit
from core.vocabulary import BY_KEY
from extraction.grounding import MARKER, MARKER_ID, Evidence, ground_answer, numbers, years_printed
from extraction.prompting import load_prompt

log = logging.getLogger(__name__)

PROMPT_NAME = "answer"
MAX_PASSAGES = 8
MAX_PASSAGE_CHARS = 600
_THINK = re.compile(r"<think>.*?</think>", re.S)


def _span(c: Citation) -> tuple:
    return c.doc_id, c.page, c.char_start, c.char_end


def _clip(c: Citation, limit: int) -> Citation:
    """The citation of the first ``limit`` characters of the quote (still ``original[start:end] == quote``)."""
    return c if len(c.quote) <= limit else c.part(0, limit)


def build_passages(base: Answer, hits: list[SearchHit], *, limit: int = MAX_PASSAGES,
                   max_chars: int = MAX_PASSAGE_CHARS) -> list[Evidence]:
    """The answer's citations, then the hits: deduplicated, at most ``limit``, each clipped to ``max_chars``.
    A printing the document contradicts is not evidence (it is shown only when retrieved, as any hit)."""
    out: list[Evidence] = []
    spans: set[tuple] = set()
    against = {_span(f.citation) for f in base.contradicted}
    cited = [c for c in base.citations if _span(c) not in against]
    for citation, evidence in [*((c, True) for c in cited), *((h.citation, False) for h in hits)]:
        if len(out) >= limit:
            break
        clipped = _clip(citation, max_chars)
        text = " ".join(clipped.quote.split())
        if not text or _span(clipped) in spans or any(text == p.text for p in out):
            continue
        if not evidence and any(text in p.text for p in out):
            continue  # a hit that adds nothing to a passage already shown
        spans.add(_span(clipped))
        out.append(Evidence(pid=f"c{len(out) + 1}", text=text, citation=clipped, evidence=evidence))
    return out


def _pid_of(citation: Citation, passages: list[Evidence]) -> str | None:
    """The id of the passage that shows ``citation`` (or its clipped beginning)."""
    clipped = _span(_clip(citation, MAX_PASSAGE_CHARS))
    return next((p.pid for p in passages if _span(p.citation) == clipped), None)


def render_facts(base: Answer, passages: list[Evidence]) -> str:
    lines = []
    for f in base.figures:
        label = BY_KEY[f.key].label if f.key in BY_KEY else None
        name = f"{label}（{f.key}）" if label else f.key
        where = "，".join(x for x in (f.citation.unit, f"{f.citation.year}年" if f.citation.year else None) if x)
        pid = _pid_of(f.citation, passages)
        lines.append(f"- {name}：{f.value}{f.unit}" + (f"；{where}" if where else "") + (f" [{pid}]" if pid else ""))
    unit = base.computed.get("unit", "")
    for k, v in base.computed.items():
        if k != "unit":
            lines.append(f"- 计算结果 / computed {k}：{v}{unit if numbers(v) else ''}")
    rule_answer = base.answer
    for f in base.figures:  # the values the document contradicts are the rules' to name, not the model's
        rule_answer = rule_answer.replace(contradiction_note([f], base.contradicted), "")
    lines.append(f"- 规则生成的答案 / rule-based answer：{rule_answer}")
    return "\n".join(lines)


def render_passages(passages: list[Evidence]) -> str:
    return "\n".join(f"[{p.pid}] {p.text}" for p in passages)


def build_prompt(question: str, base: Answer, passages: list[Evidence]) -> str:
    return load_prompt(PROMPT_NAME, question=" ".join(question.split()), facts=render_facts(base, passages),
                       passages=render_passages(passages))


def _clean(text: str) -> str:
    text = _THINK.sub("", text)  # reasoning models (DeepSeek-R1, Qwen3) may think out loud
    return re.sub(r"\s*\n\s*", "", text).strip().strip("`\"“”").strip()


def write_answer(question: str, base: Answer, hits: list[SearchHit], client: ChatClient,
                 asked_years: list[int]) -> Answer:
    """The deterministic answer rewritten by the model when grounded (``written_by="llm"``), else ``base``.

    ``base`` comes back unchanged when it is not answerable, and with a note in ``notes`` when the
    model's text was not used (grounding failed, the endpoint failed or timed out).
    """
    if not base.answerable:
        return base

    def fallback(why: str) -> Answer:
        note = client.scrub(f"llm answer not used ({client.model} at {client.provider}): {why}; "
                            "the rule-based answer is shown")
        log.info(note)
        return base.model_copy(update={"notes": [*base.notes, note]})

    passages = build_passages(base, hits)
    if not passages:
        return fallback("no passage to show the model")
    try:
        text = _clean(client.text(build_prompt(question, base, passages)))
    except LLMError as e:  # the rule-based answer stands whatever the endpoint does
        return fallback(str(e))
    if not text:
        return fallback("the model returned an empty answer")
    years = years_printed([question, *(p.text for p in passages)], asked_years)
    ids, problems = ground_answer(text, passages, base, years)
    if problems:
        return fallback("not grounded: " + "; ".join(problems))

    by_id = {p.pid: p for p in passages}
    citations = [by_id[i].citation for i in ids]
    seen = {_span(c) for c in citations}
    for c in base.citations:
        if _span(c) not in seen:
            seen.add(_span(c))
            citations.append(c)
    position = {i: n for n, i in enumerate(ids, 1)}  # the cited passages lead the citations, in order
    final = MARKER.sub(lambda m: "".join(f"[{position[f'c{int(n)}']}]" for n in dict.fromkeys(
        MARKER_ID.findall(m.group(1)))), text)
    final += contradiction_note(base.figures, base.contradicted)  # the model may not state it: the rules do
    log.info("llm answer used (%s at %s): cites %s", client.model, client.provider, ", ".join(ids))
    return base.model_copy(update={"answer": final, "citations": citations, "written_by": "llm"})
