"""What every page shares: the service (cached), the sample archive on first start, citation display."""

from __future__ import annotations

import html
from pathlib import Path

import streamlit as st

from app import labels
from app.evaluation.runner import sample_archive
from app.pageimage import context_lines
from app.service import DisclosureService
from app.settings import get_settings
from core.errors import DisclosureError
from core.schemas import Citation


@st.cache_resource
def _service(settings_fingerprint: str, home: str) -> DisclosureService:
    return DisclosureService(get_settings())


def service() -> DisclosureService:
    """One service per store and settings (a process serving two stores, as the page tests do, keeps two)."""
    settings = get_settings()
    return _service(settings.fingerprint(), str(settings.home.resolve()))


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


@st.cache_data(max_entries=64, show_spinner="正在绘制原文页…")
def page_png(doc_id: str, page: int | None, quote: str, _citation: Citation) -> tuple[bytes, int] | None:
    """The cited PDF page as PNG bytes and the number of highlighted boxes (cached per citation)."""
    try:
        image = service().page_image(_citation)
    except DisclosureError:
        return None
    return (image.png, image.boxes) if image is not None else None


def show_citation(c: Citation, svc: DisclosureService, key: str, expanded: bool = False) -> None:
    """A cited passage: where it is; for a PDF the page drawn with the quote highlighted; the quote highlighted
    in its surrounding lines; and the original page/file to download."""
    with st.expander(where(c), expanded=expanded):
        drawn = page_png(c.doc_id, c.page, c.quote, c)  # None for a text document
        if drawn is not None:
            png, boxes = drawn
            st.image(png, caption=f"第{c.page}页（引文以黄色标出）" if boxes else f"第{c.page}页（未能在页面上定位引文）",
                     width=720)
        original = svc.original_text(c)
        if original is not None and original[c.char_start:c.char_end] == c.quote:
            before, quote, after = context_lines(original, c.char_start, c.char_end)
            body = html.escape(before) + f"<mark>{html.escape(quote)}</mark>" + html.escape(after)
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
