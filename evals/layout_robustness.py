"""How much of the extraction survives a change of layout: each corpus text re-laid as a hard-wrapped PDF
(reportlab, tests/fixtures_pdf) and scored against the same gold file.

    python evals/layout_robustness.py

The PDF puts every line of the text on its own PDF line, so tables given one cell per line in the text stay one
cell per line: a layout real PDFs rarely use, and the hardest one for the table readers.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def main() -> int:
    import fixtures_pdf

    from app.evaluation.extraction import load_extraction_gold, score_document
    from extraction.extractor import extract
    from index.layout import read_layout
    from index.loaders import load
    from index.metadata import detect

    gold = load_extraction_gold()
    print("| document | as text P / R | as PDF P / R |\n|---|---|---|")
    for src in sorted((ROOT / "data").glob("*.txt")):
        if src.name not in gold:
            continue
        pdf = Path(tempfile.mkdtemp()) / f"{src.stem}.pdf"
        fixtures_pdf.make_text_pdf(src.read_text(encoding="utf-8"), pdf, font="cid")
        scores = []
        for path in (src, pdf):
            layout = read_layout(load(path))
            scores.append(score_document(gold[src.name], extract(layout, detect(layout)).figures))
        t, p = scores
        print(f"| {src.name} | {t.precision:.3f} / {t.recall:.3f} | {p.precision:.3f} / {p.recall:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
