"""Benchmark: how long `disclosure ask` takes from a cold start (a new process, as a user's shell runs it).

    python evals/bench_cold_ask.py [--questions 12] [--runs 3] [--out evals/reports/cold_ask.json]

The sample archive (data/*.txt) is ingested into a temporary store once; then each of the first N gold
questions (evals/gold/questions.jsonl) is asked R times, each time in a fresh process. For each run it
records the wall time, the CPU time (user + sys of the child) and whether the process had to load Chroma
(a question answered from the stored figures should not). The baseline, measured in the same run and
the same way, is a process that only starts Python and imports numpy and pydantic (what every command
needs at least): on a busy machine both move together, so compare the two, not the wall time alone.

Goal (issue 12): the median cold ``ask`` under 1.5 s.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOAL_S = 1.5
# runs the CLI exactly as the `disclosure` script does, then says whether Chroma was loaded
_ASK = ("import sys\nfrom app.cli import main\nrc = main(sys.argv[1:])\n"
        "print('chroma' if 'chromadb' in sys.modules else 'catalog', file=sys.stderr)\nsys.exit(rc)\n")
_BASELINE = "import numpy, pydantic\n"


def _timed(args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds and stderr of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args[:4])}… failed ({proc.returncode}): {proc.stderr[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc.stderr


def run(n_questions: int, runs: int) -> dict:
    questions = [json.loads(line)["question"] for line in
                 (ROOT / "evals" / "gold" / "questions.jsonl").read_text(encoding="utf-8").splitlines()][:n_questions]
    home = tempfile.mkdtemp(prefix="bench-cold-")
    env = {**os.environ, "DISCLOSURE_HOME": home}
    env.pop("DISCLOSURE_LLM_BASE_URL", None)  # the embedded default, as a fresh machine has it
    subprocess.run([sys.executable, "-m", "app.cli", "ingest", *map(str, sorted((ROOT / "data").glob("*.txt")))],
                   env=env, cwd=ROOT, capture_output=True, check=True)
    baseline = [_timed([sys.executable, "-c", _BASELINE], env)[:2] for _ in range(runs * 2)]
    rows = []
    for q in questions:
        times = [_timed([sys.executable, "-c", _ASK, "ask", q], env) for _ in range(runs)]
        rows.append({"question": q, "wall_s": round(statistics.median(t[0] for t in times), 3),
                     "cpu_s": round(statistics.median(t[1] for t in times), 3),
                     "loaded": times[-1][2].strip().splitlines()[-1]})
    walls = [r["wall_s"] for r in rows]
    base_wall = statistics.median(b[0] for b in baseline)
    return {
        "questions": len(rows), "runs_each": runs,
        "baseline_wall_s": round(base_wall, 3), "baseline_cpu_s": round(statistics.median(b[1] for b in baseline), 3),
        "ask_median_wall_s": round(statistics.median(walls), 3),
        "ask_median_cpu_s": round(statistics.median(r["cpu_s"] for r in rows), 3),
        "ask_max_wall_s": max(walls),
        "ask_over_baseline": round(statistics.median(walls) / base_wall, 2),
        "answered_from_catalog": sum(r["loaded"] == "catalog" for r in rows),
        "goal_s": GOAL_S, "goal_met": statistics.median(walls) < GOAL_S,
        "rows": rows,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--questions", type=int, default=12)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    report = run(args.questions, args.runs)
    text = json.dumps(report, ensure_ascii=False, indent=1)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
