"""原因说明: how changes were explained before, by metric, direction, unit and year — copyable."""

import streamlit as st

from app.ui.common import ready, where
from core.schemas import Citation

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
for r in found:
    with st.container(border=True):
        st.markdown(f"**{r['unit']} {r['year']}** · {r['label'] or ''} {r['direction'] or ''}{r['change'] or ''}")
        st.code(r["reason"], language=None)  # the copy button comes with st.code
        st.caption(where(Citation.model_validate(r["citation"])))
