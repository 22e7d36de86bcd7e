"""评测: run the shipped gold sets (extraction, answers, retrieval) on the current archive; tables and charts."""

import pandas as pd
import streamlit as st

from app.ui.common import ready

st.title("评测")
svc = ready()
if st.button("运行评测", key="run-eval"):
    report = svc.evaluate()
    rows = [{"文件": doc, "precision": d.precision, "recall": d.recall, "F1": d.f1, "citation": d.citation_accuracy}
            for doc, d in report.extraction.documents.items()]
    st.subheader("抽取")
    frame = pd.DataFrame(rows)
    st.dataframe(frame, hide_index=True, width="stretch")
    if not frame.empty:
        st.bar_chart(frame.set_index("文件")[["precision", "recall", "F1"]])
    st.subheader("问答")
    a = report.answers
    correct = sum(t.correct for t in a.by_type.values())
    st.metric("答案准确率", f"{a.accuracy:.1%}", help=f"{correct}/{a.questions}")
    st.dataframe(pd.DataFrame([{"类型": t, "正确": c.correct, "总数": c.total} for t, c in a.by_type.items()]),
                 hide_index=True)
    st.caption(f"无法回答：precision {a.unanswerable_precision:.2f} · recall {a.unanswerable_recall:.2f}")
    st.subheader("检索 recall@5")
    st.bar_chart(pd.Series({m: s.recall_at_5 for m, s in report.retrieval.modes().items()}, name="recall@5"))
else:
    st.info("点击“运行评测”，用 evals/gold 中的标注集评测当前档案。")
