"""What every page shares: the service (cached), the sample archive on first start, citation display."""

from __future__ import annotations

import html
from pathlib import Path

import streamlit as st

from app import labels
from app.evaluation.runner import sample_archive
from app.service import DisclosureService
from core.schemas import Citation


@st.cache_resource
def service() -> DisclosureService:
    return DisclosureService()


def ready() -> DisclosureService:
    """The service, with the sample archive ingested on the very first start (with a progress bar)."""
    svc = service()
    if not svc.docs():
        bar = st.progress(0.0, text="首次启动：正在导入示例档案…")

        def progress(name: str, done: int, total: int) -> None:
            bar.progress(done / max(total, 1), text=f"导入 {name} ({done}/{total})" if name else "导入完成")

        for o in svc.ingest(sample_archive(), progress=progress):
            if o.status == "error":
                st.warning(labels.outcome(o))
        bar.empty()
    return svc


def where(c: Citation) -> str:
    """单位 · 年度 · 类型 · 第N行（第N页）: never the archive's hash-made file name."""
    return labels.cite_label(c)


def show_citation(c: Citation, svc: DisclosureService, key: str, context: int = 120, expanded: bool = False) -> None:
    """A cited passage: where it is, the quote highlighted in its surrounding text, and the original page/file."""
    with st.expander(where(c), expanded=expanded):
        original = svc.original_text(c)
        if original is not None and original[c.char_start:c.char_end] == c.quote:
            before = original[max(0, c.char_start - context):c.char_start]
            after = original[c.char_end:c.char_end + context]
            body = (html.escape(before) + f"<mark>{html.escape(c.quote)}</mark>" + html.escape(after))
        else:
            body = f"<mark>{html.escape(c.quote)}</mark>"
        st.markdown(f"<div class='quote' style='white-space:pre-wrap'>{body}</div>", unsafe_allow_html=True)
        data, name, mime = download(svc, c)
        if data is not None:
            st.download_button("下载原文件" if mime != "text/plain" else "下载原文", data, file_name=name, mime=mime,
                               key=f"dl-{key}")


def download(svc: DisclosureService, c: Citation) -> tuple[bytes | None, str | None, str | None]:
    """(bytes, file name, MIME type) of the cited page (PDF) or file (text), from the archive's copy."""
    found = svc.original_file(c.doc_id)
    if found is None:
        return None, None, None
    path, record = found
    shown = Path(labels.shown_file_name(record.source) or labels.doc_label(record).replace(" · ", "_"))
    if path.suffix.lower() == ".pdf":
        import io

        import pypdf

        writer = pypdf.PdfWriter()
        reader = pypdf.PdfReader(path)
        if reader.is_encrypted:
            reader.decrypt("")
        writer.add_page(reader.pages[(c.page or 1) - 1])
        buf = io.BytesIO()
        writer.write(buf)
        return buf.getvalue(), f"{shown.stem}_第{c.page}页.pdf", "application/pdf"
    mime = "text/plain" if path.suffix.lower() == ".txt" else "application/octet-stream"
    return path.read_bytes(), f"{shown.stem}{path.suffix.lower()}", mime
