"""Issue 9 §5 in every test run: document identity on real disclosure beginnings, unit resolution on real
names (hand-written and rule-made abbreviations), and answer accuracy on the renamed archive.

The gold (tests/data/*.jsonl, evals/gold/questions_*.jsonl) was written apart from the code and split into
dev and held-out parts before any run. The floors sit just under the figures measured on 2026-11-30
(README, "How well it generalises"), per split, so a change that loses ground fails here; they are not the
issue's goals (≥ 0.95, 0 wrong-unit answers), which the held-out part does not reach yet.
"""

from __future__ import annotations

import pytest
from conftest import REAL_PDFS

from evals.identity import generated_queries, gold_rows, score_metadata, score_resolution
from evals.questions import UNSEEN

# measured (2026-12-02, with the body's first lines where the beginning prints no unit): dev unit .991 year 1.0 type
# 1.0 scope .987 (n=228); held-out unit .939 year 1.0 type 1.0 scope 1.0 (n=66)
METADATA_FLOORS = {"dev": {"unit": 0.97, "year": 0.98, "type": 0.98, "scope": 0.97},
                   "heldout": {"unit": 0.92, "year": 0.98, "type": 0.97, "scope": 0.96}}
# measured: hand-written dev .989 / 0 wrong (n=273), held-out .905 / 1 wrong (n=74); generated .99+ / 0 wrong.
# (Held-out wrong-unit answers went from 1 to 2 with the issue-9b matcher changes and back to 1 with the round-3
# mechanisms; the misses were never read, so the part stays held out. The goal is 0.)
RESOLUTION_FLOORS = {"dev": (0.97, 0), "heldout": (0.93, 0)}  # now .989 / 0 and .959 / 0
# later rounds, each written apart from the code after the earlier ones were spent (R3_README.md, R6_README.md,
# R11_README.md, R12_README.md; rounds 13 and 14 are development material only):
# round → (resolution floors per split: right, most wrong-unit answers; metadata floors per split)
# round 3: first score held-out resolution .857 / 6 wrong, metadata unit .655; now .938 / 0 wrong (.946 before 2026-12-01), unit .690.
# round 6: first score (2026-11-30, before any change for it) dev .885 / 3 wrong, held-out .846 / 5 wrong, metadata
# unit .711 / .767; now dev .982 / 0, held-out .890 / 3, unit .911 / .900 (with the body's first lines, 2026-12-02;
# .911 / .933 after the fourteenth session: 纳入 is no part of a name).
# round 3's metadata unit with them: .810 / .724; round 11's: .938 / .875; after the thirteenth session (contents items
# with 一、 leads, towns' fuller names, an evaluation listed after the accounts): round 3's .810 / .793, type 1.000.
LATER_ROUND_FLOORS = {
    3: ({"dev": (0.97, 0), "heldout": (0.93, 0)},
        {"dev": {"unit": 0.78, "year": 0.95, "type": 0.95, "scope": 0.95},
         "heldout": {"unit": 0.77, "year": 0.95, "type": 0.97, "scope": 0.95}}),
    6: ({"dev": (0.96, 0), "heldout": (0.87, 3)},
        {"dev": {"unit": 0.88, "year": 0.9, "type": 0.97, "scope": 0.97},
         "heldout": {"unit": 0.87, "year": 0.95, "type": 0.97, "scope": 0.97}}),
    # round 11 (2026-12-01): first score dev .919 / 0 wrong, held-out .939 / 1 wrong, metadata unit .688 / .750;
    # now dev .939 / 0, held-out .960 / 0, unit (with the body's first lines) .938 / .917 (its scope golds follow the
    # printed 部门/单位 word over (本级): two dev misses are that convention)
    11: ({"dev": (0.9, 0), "heldout": (0.9, 0)},
         {"dev": {"unit": 0.9, "year": 0.95, "type": 0.95, "scope": 0.88},
          "heldout": {"unit": 0.9, "year": 0.95, "type": 0.95, "scope": 0.95}}),
    # round 12 (2026-12-02, R12_README.md): first score at 77df154 resolution dev .960 / 0 wrong, held-out .885 / 2
    # wrong, metadata unit .882 / .759 (with the body's first lines); now .980 / 0, .927 / 2, unit .941 / .828
    12: ({"dev": (0.95, 0), "heldout": (0.9, 2)},
         {"dev": {"unit": 0.9, "year": 0.95, "type": 0.95, "scope": 0.95},
          "heldout": {"unit": 0.8, "year": 0.9, "type": 0.93, "scope": 0.93}}),
    # round 13 (2026-12-02, R13_README.md): development material only, written to find the kinds the held-out parts
    # above miss; first score resolution .830 / 7 wrong, metadata unit .829; now .865 / 5 (three of them judgement
    # calls its README lists), unit .961
    13: ({"dev": (0.85, 5)},
         {"dev": {"unit": 0.94, "year": 0.94, "type": 0.95, "scope": 0.92}}),
    # round 14 (2026-12-02, R14_README.md): development material only, more title structures; first score
    # resolution .916 / 1 wrong, metadata unit .902; now .921 / 1, unit .988
    14: ({"dev": (0.9, 1)},
         {"dev": {"unit": 0.97, "year": 0.97, "type": 0.97, "scope": 0.95}}),
    # round 15 (2026-12-02, R15_README.md, half held out again; many courts, procuratorates, prisons): first score at
    # dbe1d3c resolution dev .943 / 0 wrong, held-out .942 / 2 wrong, metadata unit .949 / .865 (with the body's first
    # lines); now .952 / 0, .942 / 2, unit 1.000 / .892
    15: ({"dev": (0.94, 0), "heldout": (0.93, 2)},
         {"dev": {"unit": 0.97, "year": 0.97, "type": 0.95, "scope": 0.97},
          "heldout": {"unit": 0.87, "year": 0.97, "type": 0.95, "scope": 0.95}}),
}

@pytest.fixture(scope="module")
def metadata():
    return score_metadata()


@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_metadata_of_real_disclosure_beginnings(metadata, split):
    assert metadata.total[(split, "unit")] >= 60
    for what, floor in METADATA_FLOORS[split].items():
        assert metadata.score(split, what) >= floor, (what, [m for m in metadata.misses if m["split"] == split][:8])


def test_hand_written_unit_questions_resolve_and_never_to_another_unit():
    t = score_resolution()
    for split, (floor, wrong) in RESOLUTION_FLOORS.items():
        misses = [m for m in t.misses if m["split"] == split]
        assert t.score(split, "right") >= floor, misses[:8] if split == "dev" else split  # held-out misses unread
        assert t.right[(split, "wrong-unit")] <= wrong, \
            [m for m in misses if m["verdict"] == "wrong-unit"] if split == "dev" else split


@pytest.mark.parametrize("round_", sorted(LATER_ROUND_FLOORS))
def test_later_rounds_units_and_titles(round_):
    from evals.identity import later_round

    meta, t, _ = later_round(round_)
    resolution_floors, metadata_floors = LATER_ROUND_FLOORS[round_]
    for split, (floor, wrong) in resolution_floors.items():
        misses = [m for m in t.misses if m["split"] == split]
        assert t.score(split, "right") >= floor, misses[:8] if split == "dev" else split
        assert t.right[(split, "wrong-unit")] <= wrong, \
            [m for m in misses if m["verdict"] == "wrong-unit"] if split == "dev" else split
    for split, floors in metadata_floors.items():
        for what, floor in floors.items():
            assert meta.score(split, what) >= floor, (split, what)


def test_rule_made_abbreviations_resolve_with_no_wrong_unit():
    items = generated_queries(gold_rows("unit_names.jsonl"))
    assert len(items) >= 500
    t = score_resolution(items)
    for split in ("dev", "heldout"):
        assert t.score(split, "right") >= 0.98, [m for m in t.misses if m["split"] == split][:8]
        assert t.right[(split, "wrong-unit")] == 0, [m for m in t.misses if m["verdict"] == "wrong-unit"]


def test_renamed_archive_answers_as_well_as_the_original():
    """The corpus re-issued under other real names, places and years, asked in the new short names."""
    from evals.questions import run

    r = run()
    original, renamed = r["questions.jsonl"]["all"]["accuracy"], r["questions_renamed.jsonl"]["all"]["accuracy"]
    assert renamed >= original - 0.03, r["questions_renamed.jsonl"]["misses"]
    # the independent questions (written without the code): measured held-out .875 (corpus), .778 (renamed);
    # a third of them ask about the two real PDFs, which only ../shared/corpus holds
    if not REAL_PDFS:
        pytest.skip("../shared/corpus with the two real PDFs is not beside the project")
    for name in ("questions_independent.jsonl", "questions_independent_renamed.jsonl"):
        assert r[name]["heldout"]["accuracy"] >= 0.72, name
        assert r[name]["dev"]["accuracy"] >= 0.85, [m for m in r[name]["misses"] if m["split"] == "dev"]
    # round 4 (110 questions, written without the code, evals/gold/questions_r4_README.md): first scored at
    # 442800f dev .507 / held-out .558; now dev .970 / held-out .884
    r4 = r["questions_r4.jsonl"]
    assert r4["heldout"]["accuracy"] >= 0.84, "round-4 held-out"
    assert r4["dev"]["accuracy"] >= 0.92, [m for m in r4["misses"] if m["split"] == "dev"]
    # round 5 (90, the renamed archive, written without the code): dev .538 / held-out .553 at 442800f, dev .808 /
    # held-out .737 on the code it was first run against, now dev 1.000 / held-out .868
    r5 = r["questions_r5.jsonl"]
    assert r5["heldout"]["accuracy"] >= 0.82, "round-5 held-out"
    assert r5["dev"]["accuracy"] >= 0.95, [m for m in r5["misses"] if m["split"] == "dev"]
    # later sets, each first scored before any change for it (README, "Rounds 7 and 8 and an attack on the answers"):
    # set → floors per split; first score → now (2026-11-30)
    for name, floors in (
            # attack 3, 300 questions written against the code: dev .625 / held-out .524 → .960 / .750
            ("questions_a3.jsonl", {"dev": 0.93, "heldout": 0.72}),
            # round 7, a second renamed archive: .746 / .698 → .970 / .744
            ("questions_r7.jsonl", {"dev": 0.93, "heldout": 0.70}),
            # round 8, a third renamed archive, never tuned on (no miss printed): all .700 → .791
            ("questions_r8.jsonl", {"all": 0.76}),
            # round 9, a fourth renamed archive (written blind): .708 / .711 → .944 / .763
            ("questions_r9.jsonl", {"dev": 0.90, "heldout": 0.72}),
            # round 10, a fifth renamed archive, half its questions reasons (written blind): .507 / .605 → .955 / .814
            ("questions_r10.jsonl", {"dev": 0.90, "heldout": 0.76}),
            # round 12, a sixth renamed archive (written blind, 2026-12-01): .938 / .800 → .985 / .800
            ("questions_r12.jsonl", {"dev": 0.93, "heldout": 0.76}),
            # round 13, four documents of other templates written blind (2026-12-01): .627 / .588 → .980 / .726
            ("questions_r13.jsonl", {"dev": 0.94, "heldout": 0.68}),
            # round 14, four more (a court, a town, a 卫健委, a self-evaluation cell by cell): .538 / .583 → .962 / .750
            ("questions_r14.jsonl", {"dev": 0.90, "heldout": 0.70}),
            # round 15, four more (a 市监局, a 县委办 of three units, a street office, a 教育局 of 13): .615 / .583 → .904 / .708
            ("questions_r15.jsonl", {"dev": 0.86, "heldout": 0.66}),
            # round 16, four more (a hospital, a 交通局, a town's report in prose, a GBK 决算): .538 / .542 → .827 / .625
            ("questions_r16.jsonl", {"dev": 0.78, "heldout": 0.58}),
            # round 17 (a DOCX 公安局, a PDF 人大办, a street office, a library): .558 / .479 at e83f8b9; never tuned on
            # until 2026-12-01's fifth session, which tuned on its development part only → .923 / .604 → .942 / .646
            ("questions_r17.jsonl", {"dev": 0.90, "heldout": 0.60}),
            # round 18 (a GBK hard-wrapped 组织部 预算, a town's 决算 cell by cell with BOM and CRLF, a DOCX 卫健委, a PDF
            # street office): .538 / .542 at a0aab9f, never tuned on until the sixth session (2026-12-01), which tuned on
            # its development part only → .769 / .729 → .827 / .771
            ("questions_r18.jsonl", {"dev": 0.78, "heldout": 0.72}),
            # round 19 (one unit's 2025 决算 and 2026 预算, a DOCX school's 单位预算, a GBK wrapped 妇联 决算, a PDF of three
            # project self-evaluations): .640 / .680 at 741f2a2, never tuned on until the seventh session (2026-12-01),
            # which tuned on its development part only → .960 / .720 → 1.000 / .800
            ("questions_r19.jsonl", {"dev": 0.94, "heldout": 0.76}),
            # round 20 (a PDF 水利局 决算, a 司法局 预算 cell by cell, a DOCX street self-evaluation, a GBK 残联 预算 with its
            # self-evaluation appended, a PDF 文旅局 单位决算): .729 / .827 at 6ea38b1, never tuned on until the eighth
            # session (2026-12-01), which tuned on its development part only → .771 / .865 → 1.000 / .942
            ("questions_r20.jsonl", {"dev": 0.94, "heldout": 0.90}),
            # round 21 (a PDF town 决算, a DOCX 组织部 预算, one 卫健委's 2024 and 2025 决算, a PDF 教育局 预算 of six units):
            # .878 / .843 at 0dc5ed6, never tuned on until the ninth session (2026-12-02), which tuned on its
            # development part only → .878 / .863 → 1.000 / .922
            ("questions_r21.jsonl", {"dev": 0.94, "heldout": 0.86}),
            # round 22 (a PDF 法院 决算, a DOCX 统战部 预算, one street office's 2025 决算 and 2026 预算, a DOCX 发改委's
            # self-evaluations): .810 / .714 at 5a571e5, never tuned on until the tenth session (2026-12-02), which
            # tuned on its development part only → .828 / .714 → 1.000 / .762
            ("questions_r22.jsonl", {"dev": 0.96, "heldout": 0.73}),
            # round 23 (a PDF 人社局 决算, a GBK wrapped 市监局 预算, a DOCX 文旅局 决算, a PDF 政协办 单位预算, a 住建委's
            # self-evaluations cell by cell), never tuned on (no miss printed): .683 / .831 at c0fe4ad → .732 / .881
            ("questions_r23.jsonl", {"all": 0.79}),
            # round 24 (a PDF street office 决算 whose cover prints a short name, a DOCX 统战部 预算, a town's wrapped 决算,
            # one 水务局's PDF 决算 in 元 and GBK 预算 with target forms cell by cell; 13 follow-ups): .829 / .729 at
            # 5815635, its development part tuned on in the session that wrote it → 1.000 / .729
            ("questions_r24.jsonl", {"dev": 0.95, "heldout": 0.80}),
            # round 25 (a PDF 卫健委 部门预算 of four units and its 本级's DOCX 单位预算, a wrapped 宣传部 决算, a PDF 县政府办
            # 决算 with tables 表一…表九, its GBK project self-evaluations cell by cell; 17 follow-ups): .842 / .710 at
            # 77df154, its development part tuned on in the session that wrote it → .947 / .726 → .947 / .758 (thirteenth session)
            ("questions_r25.jsonl", {"dev": 0.92, "heldout": 0.72}),
            # round 26 (a PDF 教育局 决算 of five units whose table by unit prints blank cells as nothing, a DOCX street
            # office 预算 with target forms, a county hospital's hard-wrapped 单位决算, one 组织部's PDF 决算 in 元 and its
            # 2024 决算 as GBK text cell by cell; 18 follow-ups): .788 / .672 at 4df7a76 and at 867cdf0 (first run, this
            # session), its development part tuned on in the session that wrote it → .939 / .687
            ("questions_r26.jsonl", {"dev": 0.9, "heldout": 0.70}),
            # round 27 (a PDF 民政局 决算 of three units with 福利彩票公益金, a GBK wrapped town 预算, one 审计局's DOCX 2026
            # 预算 and PDF 2025 决算, a 融媒体中心's 单位决算 cell by cell; 27 follow-ups): .694 / .706 at dbe1d3c, its
            # development part tuned on in the session that wrote it → .918 / .784
            ("questions_r27.jsonl", {"dev": 0.88, "heldout": 0.76}),
            # round 28 (a city's 卫健委 and a district's, each with a 疾控中心, the district's 2025 and 2024 决算, a GBK street
            # 决算 cell by cell; 35 follow-ups, two asking which unit): .786 / .759 at dbe1d3c → .905 / .862
            ("questions_r28.jsonl", {"dev": 0.88, "heldout": 0.84})):
        for split, floor in floors.items():
            shown = [m for m in r[name]["misses"] if m["split"] == "dev"] if name not in UNSEEN else name
            assert r[name][split]["accuracy"] >= floor, (name, split, shown if split == "dev" else split)


# the two attacks on the resolver (evals/resolver_attacks.py): (right, most wrong-unit answers) per split.
# First runs: attack 1 dev .784 / 43 wrong, held-out .740 / 46; attack 2 dev .755 / 59, held-out .811 / 42.
# Now: attack 1 .974 / 0 and .934 / 6; attack 2 .960 / 10 and .944 / 9.
ATTACK_FLOORS = {"attack 1 (428)": {"dev": (0.97, 0), "heldout": (0.92, 6)},
                 "attack 2 (599)": {"dev": (0.95, 10), "heldout": (0.93, 9)}}


def test_attacks_on_the_resolver_stay_beaten():
    from evals.resolver_attacks import score

    for name, (counts, misses) in score().items():
        for split, (floor, wrong) in ATTACK_FLOORS[name].items():
            n = sum(v for (s, _), v in counts.items() if s == split)
            shown = misses[:8] if split == "dev" else split  # held-out misses are never printed
            assert counts[(split, "right")] / n >= floor, (name, shown)
            assert counts[(split, "wrong")] <= wrong, (name, shown)
