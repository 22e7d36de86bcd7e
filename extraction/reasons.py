"""Explanation passages (原因说明): the reason sentences of a document and the figure each explains.

A reason is the text after 主要原因是 / 原因是 / 主要是 / 主要由于 … up to the end of its sentence; the
figure it explains is the label and change stated before it in the same sentence ("公务接待费支出
0.33万元，…比上年减少3.10万元，下降90.38%，主要原因是：…"). Subjects outside the vocabulary
(a 项 of the functional classification, a project) keep their printed label and no key.
"""

from __future__ import annotations

import re

from core.schemas import DocMeta, Reason
from core.vocabulary import NUMBER, REASON_MARKER, label_of
from extraction.prose import LABEL_KEY, LABEL_RE
from index.layout import Layout, cite, heading_level
from index.normalise import PAGE_BREAK

_DIRECTION = re.compile(rf"(增加|增长|上升|减少|下降|降低|持平|无变化|一致)\s*(?P<num>{NUMBER})?\s*(?P<unit>万元|%)?")
_SENTENCE = re.compile(r"[^。]+。?")
_LEAD = re.compile(rf"^\s*(?:[(（]?[一二三四五六七八九十\d]+[)）、.．]\s*)?([\u4e00-\u9fff“”]{{2,20}}?)(?:为|是|共计|合计)?(?:{NUMBER})\s*万元")
_ITEM = re.compile(r"([\u4e00-\u9fff()（）]+?\((?:类|款|项)\))+")
# a sentence that opens with its base or its columns, not its subject ("与2023年度相比减少…", "全年预算为26.00万元，支出决算
# 为24.86万元…决算数小于预算数的主要原因是…"): its paragraph's subject is what it explains
_OPENS_WITH_BASE = re.compile(r"^\s*(?:(?:与|比|较|同)(?:上年|上一年|去年|\d{4}\s*年)|(?:全年|年初|调整后)?预算(?:数)?(?:为|是)|"
                              r"(?:支出)?决算(?:数)?(?:为|是))")
# the year's totals said alone at the head of a sentence ("2019年度收入合计…", "本年支出合计…")
_TOTAL_SAID = re.compile(r"^\s*(?:[(（]?[一二三四五六七八九十\d]+[)）、.．]\s*)?(?:\d{4}年度?|本年度?)?(收入|支出)合计")
# a column's words at a sentence's start ("年初预算为452.40万元，支出决算为…"): what the amount is, not what it is of
_COLUMN_WORD = re.compile(r"(?:年初|全年|调整后)?预算数?|(?:支出)?决算数?|预算执行数|执行数")


def _direction(word: str) -> str:
    if word in ("增加", "增长", "上升"):
        return "增加"
    if word in ("减少", "下降", "降低"):
        return "减少"
    return "持平"


CONTEXT_CHARS = 300  # a neighbouring sentence longer than this is shown cut (…)


def _sentences(start: int, text: str) -> list[tuple[int, int]]:
    """Normalised spans of the sentences of one narrative line (a paragraph, its wrapped lines joined)."""
    return [(start + a, start + b) for a, b, _ in _pieces(text) if text[a:b].strip()]


def _pieces(text: str) -> list[tuple[int, int, int]]:
    """The sentences of a line (to 。), each list of items in one cut where a "；" is followed by the next item's label
    ("…支出8.58万元，比上年减少3.28万元，主要原因是…；公务接待费支出9.51万元，…": each item's reason is its own; not a "；"
    inside a reason, "一是…；二是…"): each piece's span, and where its whole sentence begins."""
    out = []
    for m in _SENTENCE.finditer(text):
        cuts = [m.start()]
        for semi in re.finditer("[；;]", m.group(0)):
            at = m.start() + semi.end()
            if LABEL_RE.match(re.sub(r"^\s*(?:其中[:：，,]?)?", "", text[at:m.end()])) and at > cuts[-1]:
                cuts.append(at)
        out += [(a, b, m.start()) for a, b in zip(cuts, [*cuts[1:], m.end()], strict=True)]
    return out


# a sentence that goes on with the reason before it: what was cut or added, or its details ("较上一年度减少了培训费
# 支出等。", "其中：…", "主要是…")
_GOES_ON = re.compile(r"^\s*(?:较上一?年度?|比上一?年度?|与上年相比|其中[:：，,]?|具体(?:为|是|包括)|主要(?:是|为|包括|体现在)|"
                      r"如|包括|同时|另外|此外|减少了|增加了|压减了|减少|增加)")


def _continued(layout: Layout, reason: str, sentence: str, span: tuple[int, int], spans: list[tuple[int, int]],
               rest: tuple[int, int] | None) -> tuple[str, str, tuple[int, int]]:
    """The reason, its sentence and span with the next sentence of the paragraph when that one goes on with it
    ("…勤俭节约，合理支出。较上一年度减少了培训费支出等。": the concrete words come next; see ``_GOES_ON``) and is no
    reason or figure of its own (no 主要原因, no amount of 万元)."""
    if rest is not None or span not in spans or spans.index(span) + 1 >= len(spans):
        return reason, sentence, span
    nxt = spans[spans.index(span) + 1]
    text = layout.text[slice(*nxt)]
    if not _GOES_ON.search(text) or REASON_MARKER.search(text) or re.search(r"\d\s*万元", text) or len(text) > 120 \
            or len(text.strip(" :：,，。\n")) <= 2:  # ("其中：" alone introduces the next part, not the reason's words)
        return reason, sentence, span
    return reason + text.strip(), sentence + text, (span[0], nxt[1])


def _neighbour(layout: Layout, index: int, step: int) -> tuple[int, int] | None:
    """The last (step -1) or first (step +1) sentence of the narrative line next to line ``index``, when nothing
    but a line or page break lies between them (not across a table)."""
    j = index + step
    if not 0 <= j < len(layout.narrative):
        return None
    here, there = layout.narrative[index], layout.narrative[j]
    first, second = (there, here) if step < 0 else (here, there)
    if layout.text[first.start + len(first.text):second.start].strip():
        return None
    spans = _sentences(there.start, there.text)
    return (spans[-1] if step < 0 else spans[0]) if spans else None


def _printed(layout: Layout, span: tuple[int, int] | None, cut: str) -> str | None:
    """A neighbouring sentence as printed, cut to :data:`CONTEXT_CHARS` away from the reason (``cut``: "head"
    keeps its end, "tail" its start)."""
    if span is None:
        return None
    text = layout.doc.printed(*span).strip()
    if len(text) > CONTEXT_CHARS:
        text = "…" + text[-CONTEXT_CHARS:] if cut == "head" else text[:CONTEXT_CHARS] + "…"
    return text or None


def _rest_on_next_page(layout: Layout, index: int, span: tuple[int, int], spans: list[tuple[int, int]]
                       ) -> tuple[int, int] | None:
    """The rest of a sentence a page break cut ("…医疗保险单位部" / next page "分降低，导致支出减少。"): the first
    sentence of the next page's first line, when the sentence is the last of its line, does not end a
    sentence, and nothing but the page break lies between (neither line a heading)."""
    here = layout.narrative[index]
    if heading_level(here.text) is not None or not spans or span != spans[-1] or layout.text[span[1] - 1] in "。!?！？" or index + 1 >= len(layout.narrative):
        return None
    nxt = layout.narrative[index + 1]
    gap = layout.text[here.start + len(here.text):nxt.start]
    if PAGE_BREAK not in gap or gap.strip(" \n" + PAGE_BREAK) or heading_level(nxt.text) is not None:
        return None
    first = _sentences(nxt.start, nxt.text)
    return first[0] if first else None


def _in_context(layout: Layout, index: int, span: tuple[int, int], spans: list[tuple[int, int]],
                rest: tuple[int, int] | None, begins: int | None = None) -> tuple[str, str | None, str | None]:
    """The sentence at ``span`` (of narrative line ``index``) as printed, with the sentences before and after it
    (before the whole sentence that ``begins`` there, for an item cut from a list); ``rest``: its end on the next page
    (the citation stays on the first page, the text goes on)."""
    begins = span[0] if begins is None else begins
    at = next((k for k, s in enumerate(spans) if s[0] == begins), -1)  # (a span continued ends a sentence later)
    last = next((k for k, s in enumerate(spans) if s[1] == span[1]), at)
    before = spans[at - 1] if at > 0 else _neighbour(layout, index, -1)
    after = spans[last + 1] if 0 <= last < len(spans) - 1 else _neighbour(layout, index, +1)
    printed = layout.doc.printed(*span).strip()
    if rest:
        printed += layout.doc.printed(*rest).strip()
        nxt = layout.narrative[index + 1]
        following = _sentences(nxt.start, nxt.text)[1:2]
        after = following[0] if following else _neighbour(layout, index + 1, +1)
    return printed, _printed(layout, before, "head"), _printed(layout, after, "tail")


def printed_text(r: Reason) -> str:
    """The reason's sentence as a reader sees it: :attr:`Reason.printed`, or (a store written before it was kept)
    the quote with the page's line breaks taken out."""
    return r.printed or re.sub(r"[ \t]*\n\s*", "", r.citation.quote)


def _stated_before(previous: str, label: str, direction: str | None, whole: bool = False
                   ) -> tuple[str, str | None] | None:
    """The change the sentence before states for ``label`` (its first amount in 万元 after the label's last mention,
    and the rate after it), when the reason's own sentence names only the direction. ``whole``: the label must be
    printed whole (a wider passage names other figures that share its first words)."""
    at = previous.rfind(label if whole else label[:4])
    if at < 0:
        return None
    moves = list(_DIRECTION.finditer(previous, at))
    amount = next((m for m in moves if m.group("unit") == "万元" and m.group("num")), None)
    if amount is None or direction and _direction(amount.group(1)) != direction:
        return None
    rate = next((m for m in moves if m.start() > amount.start() and m.group("unit") == "%" and m.group("num")), None)
    return amount.group("num") + "万元", f"{rate.group('num')}%" if rate else None


def _subject(head: str, labels: list[re.Match], previous_item: str | None, section: str | None,
             bare: bool = False) -> tuple[str | None, str | None]:
    """The key and label of what a reason explains: the vocabulary label its head names, else the 类/款/项 path it
    prints, else the words its first amount is of, else the path of the sentence before, else its section (``bare``:
    the reason's own sentence prints no amount, "减少的主要原因是…": the figure its section is about)."""
    key = label = None
    if labels and labels[0].group(0) == "项目支出" and (
            own := re.search(r"(?<![\u4e00-\u9fff“”])[\u4e00-\u9fff“”]{4,30}$", head[:labels[0].start()])) \
            and not re.search(r"^\d{4}|年度?|本年|全年|预算|决算|财政拨款|部门|单位|本级|其中|的|数|基本|增|减", own.group(0)):
        return None, own.group(0) + "项目支出"  # (one project's spending: "校园安全视频监控升级项目支出412.50万元，…")
    if labels:
        label = labels[0].group(0)
        key = _key_of(label)
    item = _ITEM.search(head)
    if item and (not labels or item.start() < labels[0].start()):
        return None, item.group(0)
    if label is None and (total := _TOTAL_SAID.match(head)):  # "2019年度收入合计3,880.59万元，较上年…"
        key = "income_current_year" if total.group(1) == "收入" else "expenditure_current_year"
        return key, label_of(key)
    if label is None and (lead := _LEAD.match(head)) and not _COLUMN_WORD.fullmatch(lead.group(1)):
        return None, lead.group(1)  # "一般公共预算2785.21万元，…比上年增加435.40万元，主要原因是…": what the amount is of
    if label is None:  # "9、城乡社区支出(类)…(项)。主要用于…。…主要原因：…"
        where = section.split(" > ")[-1] if section else None
        # (else the figure its section is about: "四、“三公”经费预算情况" … "其中：…。减少的主要原因是…")
        named = LABEL_RE.search(where) if where and bare and not previous_item else None
        return (_key_of(named.group(0)) if named else None), previous_item or where
    return key, label


def _key_of(label: str) -> str | None:
    """The vocabulary key a printed label names (one sentence for both totals: the income's)."""
    base = LABEL_KEY[label]
    return {"three_public": "three_public_actual", "-": None, "total_both": "income_grand_total",
            "grant_both": "fiscal_grant_income_total"}.get(base, base)


def _earlier(layout: Layout, index: int, section: str | None, blocks: int = 3) -> str:
    """The running text of up to ``blocks`` paragraphs before paragraph ``index`` in the same section."""
    before = [text for _, text, sec in layout.narrative[max(0, index - blocks):index] if sec == section]
    return "".join(before)


def _in_brackets(text: str, at: int) -> bool:
    """Whether ``at`` is inside an opened bracket: "收费(主要是教育收费)" explains a word, not a change (a bracket
    that says 原因 or 由于, "…减少100.00万元（主要原因是…）", still gives a reason)."""
    head = text[:at]
    return head.count("(") + head.count("（") > head.count(")") + head.count("）")


# a performance form's column name that holds a reason marker
_COLUMN_NAME = re.compile(r"(?:偏差|扣分|未完成)?原因(?:分析)?(?:及|和)?(?:改进|整改)?(?:措施|情况|说明)?")


def find_reasons(layout: Layout, meta: DocMeta) -> list[Reason]:
    """The reason sentences of a document's running text, each with the figure it explains and its citation,
    the sentence as printed (joined across PDF line breaks) and the sentences before and after it."""
    out: list[Reason] = []
    joined: set[tuple[int, int] | None] = set()  # a sentence's rest on the next page, read with it
    for index, (start, text, section) in enumerate(layout.narrative):
        previous_item = None
        previous = ""
        spans = _sentences(start, text)
        wholes = [(start + m.start(), start + m.end()) for m in _SENTENCE.finditer(text) if m.group(0).strip()]
        for s_at, s_end, whole_at in _pieces(text):
            span = (start + s_at, start + s_end)
            rest = _rest_on_next_page(layout, index, span, spans)
            sentence = text[s_at:s_end] + (layout.text[slice(*rest)] if rest else "")
            marker = next((m for m in REASON_MARKER.finditer(sentence)
                           if not _in_brackets(sentence, m.start()) or re.search(r"原因|由于", m.group(0))), None)
            item_here = _ITEM.search(sentence)
            if marker is None or span in joined:
                previous_item = item_here.group(0) if item_here else previous_item
                # (a list's items cut at "；" are one sentence to what the next sentence's reason explains)
                previous = previous + sentence if previous.endswith(("；", ";")) else sentence
                continue
            reason = sentence[marker.end():].strip(" :：,，；;")
            if len(reason) < 4 or _COLUMN_NAME.fullmatch(sentence.strip()):
                continue  # (a form's column: "偏差原因分析及改进措施" gives no reason)
            reason, sentence, span = _continued(layout, reason, sentence, span, spans, rest)
            head = sentence[: marker.start()]
            if not _DIRECTION.search(head) and not LABEL_RE.search(head):
                head = previous + head  # "…总计增加1062.85万元，增长12.08%。主要原因：…"
            direction = change = percent = None
            moves = list(_DIRECTION.finditer(head))
            if moves:
                best = next((d for d in moves if d.group("unit") == "万元"), moves[-1])
                direction = _direction(best.group(1))
                if best.group("num"):
                    change = best.group("num") + (best.group("unit") or "")
                rate = next((d for d in moves if d.group("unit") == "%" and d.group("num")), None)
                percent = f"{rate.group('num')}%" if rate else None
            labels = list(LABEL_RE.finditer(head))
            if change is None and labels:  # "…公务接待费支出决算减少0.15万元，下降27.78%。公务接待费支出减少的主要原因是…"
                named = labels[0].group(0)  # (else the paragraphs before it in its section: "财政拨款收入…增加24,558.18万元")
                change, percent = (previous and _stated_before(previous, named, direction)) or _stated_before(
                    _earlier(layout, index, section), named, direction, whole=True) or (change, percent)
            if not labels and _OPENS_WITH_BASE.match(head):  # "与2023年度相比减少0.66万元，…主要原因是…": the
                labels = list(LABEL_RE.finditer(text[:s_at]))[:1]  # paragraph's subject ("4.公务接待费。…")
            key, label = _subject(head, labels, previous_item, section,
                                  bare=not re.search(r"\d", sentence[:marker.start()]))
            joined.add(rest)
            printed, before, after = _in_context(layout, index, span, wholes, rest, start + whole_at)
            out.append(Reason(reason=reason, sentence=sentence, key=key, label=label, direction=direction, change=change,
                              percent=percent, citation=cite(layout.doc, meta, *span), printed=printed,
                              before=before, after=after))
    return out
