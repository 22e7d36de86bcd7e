"""原因说明: how changes were explained before, by metric, direction, unit and year — copyable, each in its context,
and the list shown downloadable as Excel or CSV."""

import html

import streamlit as st

from app.export import reasons_csv, reasons_xlsx
from app.ui.common import ready, where
from core.schemas import Citation

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

st.title("原因说明")
svc = ready()
units = sorted({d.unit for d in svc.docs() if d.unit})
c1, c2, c3, c4 = st.columns([3, 1, 2, 1])
metric = c1.text_input("指标", value="公务接待费", key="metric", max_chars=100)
direction = c2.selectbox("方向", ["减少", "增加", "不限"], key="direction")
unit = c3.selectbox("单位", ["全部", *units], key="unit")
year = c4.selectbox("年度", ["全部", *sorted({d.year for d in svc.docs() if d.year}, reverse=True)], key="year")
found = svc.reasons(metric, k=20, unit=None if unit == "全部" else unit, year=None if year == "全部" else year,
                    direction=None if direction == "不限" else direction) if metric else []
st.caption(f"找到 {len(found)} 条说明（相同表述只列一次）")
if found:
    d1, d2, _ = st.columns([1, 1, 3])
    d1.download_button("下载 Excel", reasons_xlsx(found), file_name="原因说明.xlsx", mime=XLSX, key="dl-reasons-xlsx",
                       help="列出的说明（按当前筛选）：单位、年度、文件类型、指标、方向、原因、原句、文件、页码、行号")
    d2.download_button("下载 CSV", reasons_csv(found), file_name="原因说明.csv", mime="text/csv", key="dl-reasons-csv")
for r in found:
    with st.container(border=True):
        st.markdown(f"**{r['unit']} {r['year']}** · {r['label'] or ''} {r['direction'] or ''}{r['change'] or ''}")
        st.code(r["reason"], language=None)  # the copy button comes with st.code
        st.caption(where(Citation.model_validate(r["citation"])))
        with st.expander("上下文（前后句）", expanded=False):
            ctx = r["context"]
            parts = [html.escape(ctx["before"])] if ctx["before"] else []
            parts.append(f"<mark>{html.escape(ctx['sentence'])}</mark>")
            if ctx["after"]:
                parts.append(html.escape(ctx["after"]))
            st.markdown(f"<div class='reason-context'>{''.join(parts)}</div>", unsafe_allow_html=True)
            if not ctx["before"] and not ctx["after"]:
                st.caption("原文此处没有前后句（例如表格中的一格）。")
