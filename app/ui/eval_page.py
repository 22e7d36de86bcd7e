"""评测: run the shipped gold sets (extraction, answers, retrieval) on the current archive; what it got wrong,
grouped charts, the report to download, and the documents no gold set covers."""

import json

import pandas as pd
import streamlit as st

from app import labels
from app.evaluation.report import markdown
from app.ui.common import ready

STEP = {"extraction": "抽取", "answers": "问答", "retrieval": "检索"}
QUESTION_TYPE = {"figure": "数字", "reason": "原因", "comparison": "比较", "list": "列举", "unanswerable": "无法回答"}
MODE = {"dense": "向量检索", "bm25": "关键词检索", "hybrid": "混合检索", "baseline": "朴素基线"}

st.title("评测")
svc = ready()
names = {d.source: labels.doc_label(d) for d in svc.docs()}
if st.button("运行评测", key="run-eval"):
    bar = st.progress(0.0, text="评测中…")
    st.session_state["eval-report"] = svc.evaluate(progress=lambda step, done, total: bar.progress(
        done / max(total, 1), text=f"正在评测：{STEP.get(step, '完成')}（{done}/{total}）"))
    bar.empty()
report = st.session_state.get("eval-report")
if report is None:
    st.info("点击“运行评测”，用 evals/gold 中的标注集评测当前档案：抽取的数字、问答和检索。")
    st.stop()

st.subheader("抽取")
frame = pd.DataFrame([{"文档": names.get(doc, doc), "标注数": d.gold, "精确率": round(d.precision, 3),
                       "召回率": round(d.recall, 3), "F1": round(d.f1, 3), "出处准确率": round(d.citation_accuracy, 3)}
                      for doc, d in report.extraction.documents.items()])
st.dataframe(frame, hide_index=True, width="stretch")
if not frame.empty:
    st.bar_chart(frame.set_index("文档")[["精确率", "召回率", "F1"]], stack=False, horizontal=True)
if report.extraction.without_gold:
    st.caption("没有标注集的文档（未计入）：" + "；".join(names.get(s, s) for s in report.extraction.without_gold))

st.subheader("问答")
a = report.answers
correct = sum(t.correct for t in a.by_type.values())
c1, c2, c3 = st.columns(3)
c1.metric("答案准确率", f"{a.accuracy:.1%}", help=f"{correct}/{a.questions}")
c2.metric("无法回答：精确率", f"{a.unanswerable_precision:.1%}")
c3.metric("无法回答：召回率", f"{a.unanswerable_recall:.1%}")
by_type = pd.DataFrame([{"类型": QUESTION_TYPE.get(t, t), "答对": c.correct, "答错": c.total - c.correct}
                        for t, c in a.by_type.items()])
st.bar_chart(by_type.set_index("类型"), stack=False, color=["#58a55c", "#d8593b"])
st.markdown(f"**答错的问题（{len(a.misses)}）**")
MISS_COLUMNS = ["问题", "类型", "应包含", "实际回答", "引用"]
st.dataframe(pd.DataFrame([{"问题": m.question, "类型": QUESTION_TYPE.get(m.type, m.type),
                            "应包含": "、".join(m.expected), "实际回答": m.answered, "引用": m.citation or "（无引用）"}
                           for m in a.misses], columns=MISS_COLUMNS), hide_index=True, width="stretch")
if not a.misses:
    st.caption("全部答对。")

st.subheader("检索")
modes = report.retrieval.modes()
st.bar_chart(pd.DataFrame([{"方法": MODE.get(m, m), "前1召回率": round(s.recall_at_1, 3),
                            "前5召回率": round(s.recall_at_5, 3), "前10召回率": round(s.recall_at_10, 3),
                            "MRR": round(s.mrr, 3)} for m, s in modes.items()]).set_index("方法"), stack=False)

stamp = report.run.time.replace(":", "").replace("-", "")[:15]
d1, d2 = st.columns(2)
d1.download_button("下载评测报告（JSON）", json.dumps(report.model_dump(mode="json", by_alias=True), ensure_ascii=False,
                                                  indent=2), file_name=f"评测报告_{stamp}.json",
                   mime="application/json", key="report-json")
d2.download_button("下载评测报告（Markdown）", markdown(report), file_name=f"评测报告_{stamp}.md",
                   mime="text/markdown", key="report-md")
