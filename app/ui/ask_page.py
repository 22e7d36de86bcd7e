"""问答: ask in plain Chinese; the answer, its figures and the cited passages."""

import streamlit as st

from app.service import MAX_QUESTION_CHARS
from app.ui.common import ready, show_citation, where
from core.errors import DisclosureError
from core.vocabulary import label_of

st.title("问答")
svc = ready()
question = st.text_input("问题", placeholder="例如：昌吉州市监局2024年三公经费花了多少？", key="question",
                         max_chars=MAX_QUESTION_CHARS)
st.caption("可以问数字（花了多少）、原因（为什么少了）、比较（和去年比、两个单位比）或列举（三公包括哪几项）。")
if question:
    try:
        answer = svc.ask(question)
    except DisclosureError as e:
        st.error(str(e))
        st.stop()
    (st.success if answer.answerable else st.info)(answer.answer)
    if answer.figures:
        st.dataframe(
            [{"指标": label_of(f.key), "数值": f.value, "单位": f.unit, "单位名称": f.citation.unit,
              "年度": f.citation.year, "出处": where(f.citation)} for f in answer.figures],
            hide_index=True, width="stretch",
        )
    cited = answer.citations or answer.nearest
    if cited:
        st.subheader("引用段落" if answer.answerable else "最相近的段落")
        for i, c in enumerate(cited):
            show_citation(c, svc, key=f"ask-{i}")
