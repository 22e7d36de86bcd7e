"""披露问答 — the Streamlit front end (search page; Q&A and the other pages come with their issues).

Widgets only: every behaviour is a call into :class:`app.service.DisclosureService`.
On the first start the sample archive (``data/`` and, where present, the two real PDFs of
``../shared/corpus``) is ingested with a progress bar; later starts reuse the store.
"""

from __future__ import annotations

import html
from pathlib import Path

import streamlit as st

from app.service import DisclosureService

ROOT = Path(__file__).resolve().parents[1]


def sample_archive() -> list[Path]:
    files = sorted((ROOT / "data").glob("*.txt"))
    shared = ROOT.parent / "shared" / "corpus"
    return files + (sorted(shared.glob("*.pdf")) if shared.exists() else [])


@st.cache_resource
def service() -> DisclosureService:
    return DisclosureService()


def ensure_sample(svc: DisclosureService) -> None:
    if svc.docs():
        return
    bar = st.progress(0.0, text="首次启动：正在导入示例档案…")

    def progress(name: str, done: int, total: int) -> None:
        bar.progress(done / max(total, 1), text=f"导入 {name} ({done}/{total})" if name else "导入完成")

    for o in svc.ingest(sample_archive(), progress=progress):
        if o.status == "error":
            st.warning(f"{o.source}: {o.message}")
    bar.empty()


def highlight(context: str, quote: str) -> str:
    return html.escape(context).replace(html.escape(quote), f"<mark>{html.escape(quote)}</mark>", 1)


def main() -> None:
    st.set_page_config(page_title="披露问答 Disclosure Q&A", layout="wide")
    st.title("披露问答 · 预决算公开检索")
    svc = service()
    ensure_sample(svc)
    docs = svc.docs()
    st.caption(f"档案：{len(docs)} 份文件，{svc.store.chunk_count()} 个段落")
    units = sorted({d.unit for d in docs if d.unit})
    years = sorted({d.year for d in docs if d.year}, reverse=True)
    question = st.text_input("问题 / 关键词", placeholder="例如：昌吉州市监局2024年公车运行维护费多少")
    c1, c2, c3 = st.columns(3)
    unit = c1.selectbox("单位", ["（从问题中识别）", *units])
    year = c2.selectbox("年度", ["（从问题中识别）", *years])
    k = c3.slider("结果数", 1, 20, 5)
    if not question:
        return
    hits, parsed = svc.search(question, k=k, unit=None if unit.startswith("（") else unit,
                              year=None if isinstance(year, str) else year)
    f = parsed.filters
    st.caption(f"识别：单位={f.unit or '—'} · 年度={f.year or '—'} · 扩展词={'、'.join(parsed.expanded_terms) or '—'}")
    if not hits:
        st.info("档案中没有找到相关段落。")
    for i, h in enumerate(hits, 1):
        c = h.citation
        where = f"第{c.page}页" if c.page else ""
        if c.line_start:
            where += f" 第{c.line_start}–{c.line_end}行"
        with st.container(border=True):
            st.markdown(f"**[{i}] {c.unit or ''} {c.year or ''}** · {c.source} {where} · {h.kind.value}")
            if h.section_path:
                st.caption(" > ".join(h.section_path))
            st.markdown(f"<div style='white-space:pre-wrap'>{highlight(c.quote, c.quote)}</div>",
                        unsafe_allow_html=True)


main()
