"""问答: a conversation in plain Chinese — each answer with its figures and cited passages; a follow-up
("那去年呢？") keeps the unit, year and metric of the turn before (the service carries them over)."""

import streamlit as st

from app.service import MAX_QUESTION_CHARS
from app.ui.common import ready, show_citation, where
from core.errors import DisclosureError
from core.vocabulary import label_of

TURNS = "ask-turns"  # [{"question", "answer": Answer | None, "parsed": ParsedQuestion | None, "error": str | None}]


def new_conversation() -> None:
    st.session_state[TURNS] = []


def ask_example(question: str) -> None:
    st.session_state["ask-pending"] = question


def show_answer(turn: dict, i: int, latest: bool) -> None:
    answer = turn["answer"]
    if answer is None:
        st.error(turn["error"])
        return
    (st.success if answer.answerable else st.info)(answer.answer)
    if answer.figures:
        st.dataframe(
            [{"指标": label_of(f.key), "数值": f.value, "单位": f.unit, "单位名称": f.citation.unit,
              "年度": f.citation.year, "出处": where(f.citation)} for f in answer.figures],
            hide_index=True, width="stretch",
        )
    cited = answer.citations or answer.nearest
    if cited:
        st.caption("引用段落" if answer.answerable else "最相近的段落")
        for j, c in enumerate(cited):
            show_citation(c, svc, key=f"ask-{i}-{j}", expanded=latest and j == 0)


st.title("问答")
svc = ready()
st.session_state.setdefault(TURNS, [])
turns: list[dict] = st.session_state[TURNS]
left, right = st.columns([5, 1])
left.caption("可以问数字（花了多少）、原因（为什么少了）、比较（和去年比、两个单位比）或列举（三公包括哪几项）；"
             "追问时可以省略单位、年度和指标，例如“那去年呢？”“和大同市场监管局比呢？”。")
right.button("新对话", key="new-chat", on_click=new_conversation, disabled=not turns, width="stretch")
typed = st.chat_input("输入问题，例如：昌吉州市监局2024年三公经费花了多少？", key="question", max_chars=MAX_QUESTION_CHARS)
question = typed or st.session_state.pop("ask-pending", None)
if question:
    previous = next((t["parsed"] for t in reversed(turns) if t["parsed"] is not None), None)
    try:
        answer, parsed = svc.ask_turn(question, previous)
        turns.append({"question": question, "answer": answer, "parsed": parsed, "error": None})
    except DisclosureError as e:
        turns.append({"question": question, "answer": None, "parsed": None, "error": str(e)})

if not turns:
    held = svc.overview()
    st.markdown("**档案里有：**")
    st.markdown(f"- 单位（{len(held.units)}）：{'、'.join(held.units) or '无'}\n"
                f"- 年度：{'、'.join(f'{y}年' for y in held.years) or '无'}\n"
                f"- 文件类型：{'、'.join(held.types) or '无'}")
    if held.examples:
        st.markdown("**可以这样问：**")
        for k, example in enumerate(held.examples):
            st.button(example, key=f"example-{k}", on_click=ask_example, args=(example,))
for i, turn in enumerate(turns):
    with st.chat_message("user"):
        st.text(turn["question"])
    with st.chat_message("assistant"):
        show_answer(turn, i, latest=i == len(turns) - 1)
