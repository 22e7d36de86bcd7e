"""Answer accuracy of every question set on its own archive, per split (issue 9 §5).

- ``questions.jsonl`` (58, the set the answerer was developed on) and ``questions_independent.jsonl``
  (61, written by someone who had not seen the code) on the sample archive;
- ``questions_renamed.jsonl`` (the 58 reworded) and ``questions_independent_renamed.jsonl`` (40) on the
  renamed archive (:mod:`evals.renamed`: the same documents under other real names, places and years);
- ``questions_r4.jsonl`` / ``questions_r5.jsonl`` (later blind rounds) on those two archives, and
  ``questions_r7.jsonl`` (blind, round 7) on a second renamed archive (``renamed_map_r7.json``: a county
  bureau, a district Party committee department, another province's street office…) and
  ``questions_r8.jsonl`` (blind, round 8, never tuned on: no miss of it is printed) on a third
  (``renamed_map_r8.json``: a district government office, a town government, a city bureau…);
- ``questions_r13.jsonl`` (blind, round 13) on four documents of other templates written for it (``synth13/``: a
  street office's hard-wrapped 决算, a Party department's 预算 printed cell by cell, one bureau's 单位预算 (本级) and
  its 部门预算 (汇总) of the same year), and ``questions_r14.jsonl`` (blind, round 14) on four more (``synth14/``: a
  court's 决算 with page headers and wrapped row labels, a town's 预算 with tab-separated tables, a 卫健委's 决算
  with 元 tables, a 整体支出 self-evaluation with two project tables printed cell by cell), and ``questions_r15.jsonl``
  (blind, round 15) on four more (``synth15/``: a 市场监管局's 决算 explaining each 项 against its 年初预算, a 县委办's
  预算 of three units, a street office's 单位决算 hard-wrapped with page lines, a 教育局's 决算 of thirteen units), and
  ``questions_r16.jsonl`` (blind, round 16) on four more (``synth16/``: a county hospital's 单位决算 with 元 tables, a
  交通运输局's 部门预算 with fund tables and 绩效目标表, a town's 整体支出 self-evaluation in prose, a 水利局's 决算 saved
  in GBK with "| a | b |" tables), ``questions_r17.jsonl`` (blind, round 17: never tuned on in the session that
  wrote it, its development part tuned on in the next) on four more (``synth17/``: a 公安局's 决算 as DOCX, a
  区人大常委会办公室's 预算 as PDF, a street office's self-evaluation, a library's 单位决算), and ``questions_r18.jsonl``
  (blind, round 18, scored once at the end of the session that wrote it and never tuned on: no miss of it is printed)
  on four more (``synth18/``: a 县委组织部's 预算 hard-wrapped with page lines in GBK, a town's 决算 printed cell by cell
  with a BOM and CRLF, a 卫健委's 决算 of five units as DOCX, a street office's targets and self-evaluation as PDF),
  ``questions_r19.jsonl`` (blind, round 19; its development part tuned on in the next session) on five more
  (``synth19/``: a 生态环境局's 决算 and 预算, a school's 单位预算 as DOCX, a GBK 妇联 决算, project self-evaluations as
  PDF), ``questions_r20.jsonl`` (blind, round 20; its development part tuned on in the next session) on five more
  (``synth20/``: a 水利局's 决算 as PDF, a 司法局's 预算 printed cell by cell, a street office's self-evaluation as
  DOCX, a GBK 残联 budget with its self-evaluation appended, a 文旅局's 单位决算 as PDF), ``questions_r21.jsonl``
  (blind, round 21; its development part tuned on in the next session) on five more (``synth21/``: a town's 决算 as
  PDF, a 县委组织部's 预算 as DOCX, one 卫健委's 2024 and 2025 决算 as text, the second GBK and hard-wrapped, a
  教育局's 预算 of six units as PDF) and ``questions_r22.jsonl`` (blind, round 22; its development part tuned on
  in the next session) on five more (``synth22/``: a 县人民法院's 决算 as PDF, a 市委统战部's 预算 as DOCX, one street
  office's 2025 决算 as a text layer with a BOM and its 2026 预算 as PDF, a 发改委's self-evaluations as DOCX) and
  ``questions_r23.jsonl`` (blind, round 23, never tuned on: no miss of it is printed) on five more (``synth23/``: a
  人社局's 决算 as PDF, a 市监局's 预算 as a hard-wrapped GBK text layer, a 文旅局's 决算 of four units as DOCX, a
  政协办's 单位预算 as PDF, a 住建委's self-evaluations printed cell by cell), and ``questions_r24.jsonl`` (blind, round
24; its development part tuned on in the session that wrote it) on five more (``synth24/``: a street office's 决算 as
PDF whose cover prints only a short name, a 统战部's 预算 as DOCX, a town's hard-wrapped 决算, one 水务局's 2025 决算 as
PDF in 元 and 2026 预算 as GBK text with its target forms cell by cell), and ``questions_r25.jsonl`` (blind, round 25;
its development part tuned on in the session that wrote it) on five more (``synth25/``: a 卫健委's 部门预算 of four units
as PDF and its 本级's 单位预算 as DOCX, a 区委宣传部's hard-wrapped 决算, a 县政府办's 决算 as PDF with tables 表一…表九, and
its project self-evaluations as GBK text cell by cell), and ``questions_r26.jsonl`` (blind, round 26; its development
part tuned on in the session that wrote it) on five more (``synth26/``: an 教育局's 决算 of five units as PDF, a street
office's 预算 as DOCX, a county hospital's hard-wrapped 单位决算, a 组织部's 2025 决算 as PDF in 元 and its 2024 决算 as
GBK text cell by cell), and ``questions_r27.jsonl`` (blind, round 27; its development part tuned on in the session that
wrote it) on five more (``synth27/``: a 民政局's 决算 of three units as PDF with 福利彩票公益金, a town's 预算 as a GBK
hard-wrapped text layer, one 审计局's 2026 预算 as DOCX and 2025 决算 as PDF, a 融媒体中心's 单位决算 cell by cell) and
``questions_r28.jsonl`` (blind, round 28; likewise) on five more (``synth28/``: a city's 卫健委 and one of its
districts' 卫健委, both 2026 部门预算 with a 疾控中心 each, the district's 2025 and 2024 决算, a street office's GBK 决算
cell by cell; 35 follow-ups, two questions of kind ``ambiguous`` that ask which unit is meant). A question may be a
follow-up: ``after``
names the turn before it, asked first in the same conversation.

Each archive is ingested into a fresh store. The held-out figure is the one that counts.

    python -m evals.questions [--misses] [--json]
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

from app.evaluation.answers import judge, load_questions
from app.evaluation.runner import GOLD_DIR, sample_archive
from app.service import DisclosureService
from app.settings import get_settings
from evals.renamed import MAP_R7, MAP_R8, MAP_R9, MAP_R10, MAP_R12, load_map
from evals.renamed import build as build_renamed

SETS = {"corpus": ("questions.jsonl", "questions_independent.jsonl", "questions_r4.jsonl", "questions_a3.jsonl"),
        "renamed": ("questions_renamed.jsonl", "questions_independent_renamed.jsonl", "questions_r5.jsonl"),
        "renamed7": ("questions_r7.jsonl",), "renamed8": ("questions_r8.jsonl",),
        "renamed9": ("questions_r9.jsonl",), "renamed10": ("questions_r10.jsonl",),
        "renamed12": ("questions_r12.jsonl",), "synth13": ("questions_r13.jsonl",),
        "synth14": ("questions_r14.jsonl",), "synth15": ("questions_r15.jsonl",),
        "synth16": ("questions_r16.jsonl",), "synth17": ("questions_r17.jsonl",),
        "synth18": ("questions_r18.jsonl",), "synth19": ("questions_r19.jsonl",), "synth20": ("questions_r20.jsonl",),
        "synth21": ("questions_r21.jsonl",), "synth22": ("questions_r22.jsonl",),
        "synth23": ("questions_r23.jsonl",), "synth24": ("questions_r24.jsonl",),
        "synth25": ("questions_r25.jsonl",), "synth26": ("questions_r26.jsonl",),
        "synth27": ("questions_r27.jsonl",), "synth28": ("questions_r28.jsonl",)}


UNSEEN = ("questions_r8.jsonl", "questions_r23.jsonl")  # sets no miss of which is ever printed: both parts held out


def service_for(files: list[Path]) -> DisclosureService:
    # the gold sets were written on 2026-11-30: their 去年 is 2025
    svc = DisclosureService(get_settings({"DISCLOSURE_HOME": tempfile.mkdtemp(prefix="questions-"),
                                          "DISCLOSURE_TODAY": "2026-11-30"}))
    bad = [f"{o.source}: {o.message}" for o in svc.ingest(files) if o.status == "error"]
    if bad:
        raise RuntimeError("cannot ingest the archive: " + "; ".join(bad))
    return svc


def score(svc: DisclosureService, questions: list[dict]) -> tuple[Counter, Counter, list[dict]]:
    """Each question asked on its own, or, when it names the turn before it (``after``: an id earlier in the
    set), as that conversation's next turn ("那前年呢？")."""
    right, total, misses, turns = Counter(), Counter(), [], {}
    for q in questions:
        a, turns[q["id"]] = svc.ask_turn(q["question"], turns[q["after"]] if q.get("after") else None)
        ok = judge(q, a)
        for split in (q.get("split") or "all", "all") if q.get("split") else ("all",):
            total[split] += 1
            right[split] += ok
        if not ok:
            misses.append({"id": q["id"], "split": q.get("split"), "type": q["type"], "question": q["question"],
                           "expected": q.get("expected_numbers") or q.get("expected_reason_keywords"),
                           "answered": a.answer[:160]})
    return right, total, misses


def run(gold_dir: Path = GOLD_DIR) -> dict:
    corpus = sample_archive()
    renamed = build_renamed(Path(tempfile.mkdtemp(prefix="renamed-")), corpus)
    renamed7 = build_renamed(Path(tempfile.mkdtemp(prefix="renamed7-")), corpus, load_map(MAP_R7))
    renamed8 = build_renamed(Path(tempfile.mkdtemp(prefix="renamed8-")), corpus, load_map(MAP_R8))
    renamed9 = build_renamed(Path(tempfile.mkdtemp(prefix="renamed9-")), corpus, load_map(MAP_R9))
    renamed10 = build_renamed(Path(tempfile.mkdtemp(prefix="renamed10-")), corpus, load_map(MAP_R10))
    renamed12 = build_renamed(Path(tempfile.mkdtemp(prefix="renamed12-")), corpus, load_map(MAP_R12))
    out: dict = {}
    synth13 = sorted((gold_dir / "synth13").glob("*.txt"))  # four documents of other templates (round 13)
    synth14 = sorted((gold_dir / "synth14").glob("*.txt"))  # four more: a court, a town, a 卫健委, a self-evaluation
    synth15 = sorted((gold_dir / "synth15").glob("*.txt"))  # four more: a 市监局, a 县委办, a street office, a 教育局
    synth16 = sorted((gold_dir / "synth16").glob("*.txt"))  # four more: a hospital, a 交通局, a town's report, a GBK 决算
    synth17 = sorted((gold_dir / "synth17").glob("u*.*"))  # four more, DOCX and PDF among them
    synth18 = sorted((gold_dir / "synth18").glob("u*.*"))  # four more, GBK, cell by cell, DOCX, PDF
    synth19 = sorted((gold_dir / "synth19").glob("u*.*"))  # five more, one unit's two years among them
    synth20 = sorted((gold_dir / "synth20").glob("u*.*"))  # five more, a file of two documents among them
    synth21 = sorted((gold_dir / "synth21").glob("u*.*"))  # five more, one unit's two years among them
    synth22 = sorted((gold_dir / "synth22").glob("u*.*"))  # five more (a court, a 统战部, one street's two years)
    synth23 = sorted((gold_dir / "synth23").glob("u*.*"))  # five more (人社局, a GBK 市监局, 文旅局, 政协办): never tuned on
    synth24 = sorted((gold_dir / "synth24").glob("u*.*"))  # five more (a street office, a 统战部, a town, one 水务局's two years)
    synth25 = sorted((gold_dir / "synth25").glob("u*.*"))  # five more (one 卫健委's 部门 and 单位预算, a 宣传部, a 政府办)
    synth26 = sorted((gold_dir / "synth26").glob("u*.*"))  # five more (an 教育局 of five units, a street, a hospital, one 组织部's two years)
    synth27 = sorted((gold_dir / "synth27").glob("u*.*"))  # five more (a 民政局 of three units, a GBK town, one 审计局's two years, a 融媒体中心)
    synth28 = sorted((gold_dir / "synth28").glob("u*.*"))  # five more (a 市卫健委 and a 区卫健委 of one city, the 区's three years, a street)
    for archive, files in (("corpus", corpus), ("renamed", renamed), ("renamed7", renamed7), ("renamed8", renamed8),
                           ("renamed9", renamed9), ("renamed10", renamed10), ("renamed12", renamed12),
                           ("synth13", synth13), ("synth14", synth14), ("synth15", synth15), ("synth16", synth16), ("synth17", synth17),
                           ("synth18", synth18), ("synth19", synth19), ("synth20", synth20), ("synth21", synth21),
                           ("synth22", synth22), ("synth23", synth23), ("synth24", synth24),
                           ("synth25", synth25), ("synth26", synth26), ("synth27", synth27),
                           ("synth28", synth28)):
        svc = service_for(files)
        for name in SETS[archive]:
            path = gold_dir / name
            if not path.exists():
                continue
            right, total, misses = score(svc, load_questions(path))
            out[name] = {"archive": archive,
                         **{s: {"right": right[s], "total": total[s], "accuracy": round(right[s] / total[s], 4)}
                            for s in total},
                         "misses": misses}
    return out


def main() -> int:
    result = run()
    if "--json" in sys.argv:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    for name, r in result.items():
        splits = "  ".join(f"{s} {r[s]['right']}/{r[s]['total']} = {r[s]['accuracy']:.3f}"
                           for s in ("dev", "heldout", "all") if s in r)
        print(f"{name:<42} ({r['archive']}) {splits}")
        if "--misses" in sys.argv:
            for m in r["misses"]:
                if m["split"] != "heldout" and name not in UNSEEN:
                    print(f"    {m['id']} [{m['type']}] {m['question']}  → {m['answered'][:90]}  (want {m['expected']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
