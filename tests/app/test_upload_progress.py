"""Upload progress per page, not per file (issue 12): ``ingest_uploads(..., progress)`` moves one step for each
page of a PDF as it is read, then one for indexing the file. Real PDFs: one laid out from a corpus text, and a
real one from ../shared/corpus; a real store in a temp dir."""

from __future__ import annotations

from pathlib import Path

import fixtures_pdf
import pytest
from conftest import REAL_PDFS, make_service, needs_real_pdfs

DATA = Path(__file__).resolve().parents[2] / "data"


def _ingest(home: Path, uploads: list[tuple[str, bytes]]):
    calls: list[tuple[str, int, int]] = []
    outcomes = make_service(home).ingest_uploads(uploads, progress=lambda n, d, t: calls.append((n, d, t)))
    return outcomes, calls


def test_upload_progress_moves_per_page_of_a_pdf_and_per_text_file(tmp_path):
    excerpt = "\n".join((DATA / "000_04b2af8a0d084766.txt").read_text(encoding="utf-8").split("\n")[:110])
    pdf = tmp_path / "决算.pdf"
    pages = len(fixtures_pdf.make_text_pdf(excerpt, pdf, font="cid", lines_per_page=30))
    assert pages >= 4
    text = (DATA / "004_36c23adddff5d972.txt").read_bytes()
    outcomes, calls = _ingest(tmp_path / "home", [("决算.pdf", pdf.read_bytes()), ("目标表.txt", text)])
    assert [o.status for o in outcomes] == ["ingested", "ingested"] and outcomes[0].pages == pages

    total = pages + 1 + 1  # each page, indexing the PDF, the text file
    assert {t for _, _, t in calls} == {total}
    done = [d for _, d, _ in calls]
    assert done == sorted(done) and done[0] == 0 and done[-1] == total
    pdf_steps = [d for n, d, _ in calls if n == "决算.pdf"]
    assert set(range(1, pages + 1)) <= set(pdf_steps)  # one call per page read
    assert max(pdf_steps) == pages + 1 and [d for n, d, _ in calls if n == "目标表.txt"] == [pages + 1, total]


@needs_real_pdfs()
@pytest.mark.parametrize("name", ["putuo_shangwu_2025_budget.pdf"])
def test_real_pdf_upload_reports_every_page(tmp_path, name):
    pdf = next(p for p in REAL_PDFS if p.name == name)
    outcomes, calls = _ingest(tmp_path / "home", [(name, pdf.read_bytes())])
    assert outcomes[0].status == "ingested"
    pages = outcomes[0].pages
    assert pages == 26
    page_calls = [d for n, d, t in calls if n == name and 1 <= d <= pages and t == pages + 1]
    assert page_calls == list(range(1, pages + 1))  # each page once, in order, as it is read
    assert calls[-1] == ("", pages + 1, pages + 1)


def test_bad_upload_in_a_batch_still_counts_and_cli_ingest_stays_per_file(tmp_path):
    text = (DATA / "004_36c23adddff5d972.txt").read_bytes()
    outcomes, calls = _ingest(tmp_path / "home", [("空.pdf", b""), ("目标表.txt", text)])
    assert [o.status for o in outcomes] == ["error", "ingested"]
    assert calls[-1] == ("", 2, 2) and all(t == 2 for _, _, t in calls)
    files: list[tuple[str, int, int]] = []
    make_service(tmp_path / "home2").ingest([DATA / "004_36c23adddff5d972.txt"], progress=lambda *a: files.append(a))
    assert files == [("004_36c23adddff5d972.txt", 0, 1), ("", 1, 1)]  # the CLI's bar counts files
