"""The fuzz suite (evals/fuzz.py): a sampled subset in every test run; `make fuzz` runs all of it."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from conftest import REAL_PDFS

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "evals"))


def test_the_generated_corpus_covers_the_issue():
    import fuzz

    cases = fuzz.corpus().cases
    # each corpus PDF adds 20 truncated and flipped copies; without ../shared/corpus the suite is smaller
    assert len(cases) >= (200 if REAL_PDFS else 160), len(cases)
    by_category = Counter(cat for cat, _, _ in cases)
    for category in ("random-bytes", "pdf-truncated", "pdf-flipped", "pdf-encrypted", "pdf-image-only",
                     "docx-bomb", "huge", "encoding", "control", "odd-name", "special-file"):
        assert by_category[category] > 0, category
    names = {name for _, name, _ in cases}
    assert {"encrypted_RC4-128_user.pdf", "encrypted_AES-256_owner.pdf", "bomb_1.7GB.docx", "one_line_20MB.txt",
            "big5.txt", "utf16le_nobom.txt", "utf8_3_stray_bytes.txt", "fifo.txt", "zero.pdf"} <= names


def test_a_sample_of_the_fuzz_suite(tmp_path):
    out = tmp_path / "fuzz.json"
    p = subprocess.run([sys.executable, "evals/fuzz.py", "--sample", "3", "--out", str(out)], cwd=ROOT,
                       capture_output=True, text=True, timeout=900)
    report = json.loads(out.read_text(encoding="utf-8"))
    assert p.returncode == 0, p.stdout[-3000:] + p.stderr[-3000:]
    assert report["files"] >= 40 and len(report["categories"]) >= 15
    assert report["tracebacks"] == report["over_time"] == report["over_memory"] == report["not_one_line"] == 0
    assert report["store_problems"] == [] and report["failed_files"] == []
    assert report["max_seconds"] < 30 and report["max_peak_rss_mb"] < 1024
