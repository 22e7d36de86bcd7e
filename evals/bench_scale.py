"""Benchmark: how ingest and query speed grow with the archive, at 1 and 8 concurrent clients, embedded and
with a Chroma server on loopback.

    python evals/bench_scale.py [--copies 1,4] [--server]

The synthetic archive is the corpus texts laid out as hard-wrapped PDFs (tests/fixtures_pdf, reportlab), replicated
with changed unit names and years, so every copy is new work (about 470 pages per copy). Each configuration runs in
its own process (its own peak RSS). Printed as a table; JSON in evals/reports/bench_scale.json.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

UNITS = ["昌吉回族自治州市场监督管理局", "昌吉州市场监督管理局", "大同市市场监督管理局", "新疆巴州市场监督管理局"]
PLACES = ["哈密", "伊犁", "阿勒泰", "塔城", "克拉玛依", "吐鲁番", "和田", "喀什"]


def synthetic_archive(folder: Path, copies: int) -> list[Path]:
    import fixtures_pdf

    out = []
    for i in range(copies):
        for src in sorted((ROOT / "data").glob("*.txt")):
            text = src.read_text(encoding="utf-8")
            place = PLACES[i % len(PLACES)] + ("" if i < len(PLACES) else str(i))
            for u in UNITS:
                text = text.replace(u, f"{place}市市场监督管理局")
            text = text.replace("2024年", f"{2015 + i}年").replace("2021年", f"{2012 + i}年")
            path = folder / f"synthetic_{i}_{src.stem}.pdf"
            fixtures_pdf.make_text_pdf(text, path, font="cid", header=f"{place}市市场监督管理局部门决算")
            out.append(path)
    return out


QUESTIONS = ["三公经费花了多少", "公车运行维护费多少", "公务接待费为什么减少", "机关运行经费是多少", "政府采购支出总额",
             "年末结转和结余", "基本支出和项目支出各多少", "人员经费", "项目支出绩效自评得分", "国有资产车辆"]


def _latency(fn, clients: int, rounds: int = 3) -> dict:
    jobs = QUESTIONS * rounds
    times: list[float] = []

    def one(q: str) -> None:
        t = time.perf_counter()
        fn(q)
        times.append((time.perf_counter() - t) * 1000)

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(one, jobs))
    wall = time.perf_counter() - t0
    times.sort()
    return {"p50_ms": round(statistics.median(times), 1), "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
            "qps": round(len(jobs) / wall, 1)}


def run(copies: int, server_port: int | None) -> dict:
    from app.service import DisclosureService
    from app.settings import get_settings

    work = Path(tempfile.mkdtemp(prefix="scale-"))
    files = synthetic_archive(work / "archive", copies)
    env = {"DISCLOSURE_HOME": str(work / "home")}
    if server_port:
        env.update(CHROMA_HOST="127.0.0.1", CHROMA_PORT=str(server_port))
    svc = DisclosureService(get_settings(env))
    t = time.perf_counter()
    outcomes = svc.ingest(files)
    cold = time.perf_counter() - t
    pages = sum(o.pages for o in outcomes)
    out = {"copies": copies, "mode": "server" if server_port else "embedded", "files": len(files), "pages": pages,
           "chunks": svc.store.chunk_count(), "ingest_s": round(cold, 1), "pages_per_s": round(pages / cold, 1)}
    out["search_1"] = _latency(lambda q: svc.search(q, 5), 1)
    out["search_8"] = _latency(lambda q: svc.search(q, 5), 8)
    out["ask_1"] = _latency(svc.ask, 1)
    out["ask_8"] = _latency(svc.ask, 8)
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", default="1,4")
    ap.add_argument("--server", action="store_true", help="also run with `chroma run` on 127.0.0.1")
    ap.add_argument("--child")
    ap.add_argument("--port", type=int)
    a = ap.parse_args()
    if a.child:
        print(json.dumps(run(int(a.child), a.port)))
        return 0
    configs = [(int(c), None) for c in a.copies.split(",")]
    server = None
    if a.server:
        port = _free_port()
        server = subprocess.Popen([str(Path(sys.executable).parent / "chroma"), "run", "--path",
                                   tempfile.mkdtemp(prefix="chroma-"), "--host", "127.0.0.1", "--port", str(port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(5)
        configs.append((int(a.copies.split(",")[0]), port))
    rows = []
    try:
        for copies, port in configs:
            cmd = [sys.executable, __file__, "--child", str(copies)] + (["--port", str(port)] if port else [])
            p = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
            if p.returncode:
                raise SystemExit(p.stderr[-2000:])
            rows.append(json.loads(p.stdout.strip().splitlines()[-1]))
    finally:
        if server:
            server.terminate()
    print("| mode | copies | files | pages | chunks | ingest s | pages/s | search p50/p95 ms (1 client) | "
          "search p50/p95 ms (8) | search qps (8) | ask p50/p95 ms (1) | ask p50/p95 ms (8) | peak RSS MB |")
    print("|" + "---|" * 13)
    for r in rows:
        print(f"| {r['mode']} | {r['copies']} | {r['files']} | {r['pages']} | {r['chunks']} | {r['ingest_s']} | "
              f"{r['pages_per_s']} | {r['search_1']['p50_ms']}/{r['search_1']['p95_ms']} | "
              f"{r['search_8']['p50_ms']}/{r['search_8']['p95_ms']} | {r['search_8']['qps']} | "
              f"{r['ask_1']['p50_ms']}/{r['ask_1']['p95_ms']} | {r['ask_8']['p50_ms']}/{r['ask_8']['p95_ms']} | "
              f"{r['peak_rss_mb']} |")
    out = ROOT / "evals" / "reports" / "bench_scale.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
