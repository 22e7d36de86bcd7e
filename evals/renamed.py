"""The renamed archive (issue 9): the corpus re-issued under other real unit names, places and years.

``evals/gold/renamed_map.json`` lists, per document, the name and place replacements (applied
longest first) and one year shift for every year printed as a year. Amounts are untouched, and
text files keep their line numbers (a name is never matched across a line break), so the gold
questions of ``questions_renamed.jsonl`` cite the same lines. PDFs are re-laid page for page with
reportlab (every extracted line on its own PDF line), since their text cannot be edited in place.

    python -m evals.renamed OUT_DIR [MAP]  # writes the six renamed files into OUT_DIR

A second map, ``renamed_map_r7.json``, re-issues the corpus once more under other kinds of unit
(a county bureau, a district Party committee department, another province's street office) for
the round-7 questions.

Nothing this writes is committed: the PDFs are derived from third-party files.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAP = Path(__file__).parent / "gold" / "renamed_map.json"
MAP_R7 = Path(__file__).parent / "gold" / "renamed_map_r7.json"
MAP_R8 = Path(__file__).parent / "gold" / "renamed_map_r8.json"
MAP_R9 = Path(__file__).parent / "gold" / "renamed_map_r9.json"
MAP_R10 = Path(__file__).parent / "gold" / "renamed_map_r10.json"
MAP_R12 = Path(__file__).parent / "gold" / "renamed_map_r12.json"
CORPUS = ROOT.parent / "shared" / "corpus"

# a year printed as a year: four digits 2000-2039, not part of a longer number or an amount
_YEAR = re.compile(r"(?<![\d.,])(20[0-3]\d)(?![\d.,%])(?!\s*(?:万|亿|元|人|辆|个|批|次|台|套|%))")


def load_map(path: Path = MAP) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def rename(text: str, replacements: list[list[str]], year_shift: int, *, across_lines: bool) -> str:
    """``text`` with each name replaced (longest first) and every year shifted.

    ``across_lines`` lets a name be matched with spaces or line breaks between its characters
    (PDF text wraps names); otherwise only spaces and tabs may stand between them.
    """
    gap = r"\s*" if across_lines else r"[ \t]*"
    for old, new in sorted(replacements, key=lambda r: -len(r[0])):
        text = re.sub(gap.join(re.escape(ch) for ch in old), new, text)
    return _YEAR.sub(lambda m: str(int(m.group(1)) + year_shift), text)


def _pdf_pages(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(path).pages]


def write_pdf(pages: list[str], out: Path) -> Path:
    """A text PDF with one page per given page and one PDF line per text line (CID font, no font file)."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    width, height = landscape(A4)
    c = canvas.Canvas(str(out), pagesize=(width, height))
    for text in pages:
        lines = text.split("\n")
        size = min(8.0, (height - 60) / max(len(lines), 1) / 1.25)
        y = height - 30
        for line in lines:
            c.setFont("STSong-Light", size)
            c.drawString(24, y, line)
            y -= size * 1.25
        c.showPage()
    c.save()
    return out


def build(out_dir: Path, corpus: list[Path] | None = None, mapping: dict | None = None) -> list[Path]:
    """Write the renamed version of every mapped document found among ``corpus`` (default: data/ and shared)."""
    mapping = mapping or load_map()
    found = {p.name: p for p in corpus or [*sorted((ROOT / "data").glob("*.txt")), *sorted(CORPUS.glob("*.pdf"))]}
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for source, spec in mapping["documents"].items():
        path = found.get(source)
        if path is None:
            continue
        target = out_dir / spec["renamed"]
        if path.suffix.lower() == ".pdf":
            pages = [rename(t, spec["replacements"], mapping["year_shift"], across_lines=True) for t in _pdf_pages(path)]
            write_pdf(pages, target)
        else:
            text = path.read_text(encoding="utf-8")
            target.write_text(rename(text, spec["replacements"], mapping["year_shift"], across_lines=False),
                              encoding="utf-8")
        written.append(target)
    return written


if __name__ == "__main__":
    chosen = load_map(Path(sys.argv[2])) if len(sys.argv) > 2 else None
    for p in build(Path(sys.argv[1] if len(sys.argv) > 1 else "renamed"), mapping=chosen):
        print(p)
