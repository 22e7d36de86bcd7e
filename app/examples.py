"""What the archive holds, for an empty 问答 page: its units, years and document types, and example questions
made from them (示例问题) — each one a question the archive can answer."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from app import labels
from core.schemas import DocRecord, DocType

# a question per document type that its documents answer
_ASKED = {DocType.final_accounts: "{unit}{year}年三公经费花了多少？",
          DocType.budget: "{unit}{year}年三公经费预算是多少？"}


class Overview(BaseModel):
    """The archive at a glance: who, which years, what kinds of document; and questions to start with."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    units: list[str] = Field(default_factory=list, description="units (单位) with a stored document")
    years: list[int] = Field(default_factory=list, description="years covered, newest first")
    types: list[str] = Field(default_factory=list, description="document types held, in Chinese")
    examples: list[str] = Field(default_factory=list, description="example questions the archive answers")


def overview(docs: list[DocRecord], limit: int = 5) -> Overview:
    """The units, years and types of ``docs``, and up to ``limit`` example questions made from them: a figure
    of each final-accounts or budget document (newest first), a why and a comparison of two units."""
    known = [d for d in docs if d.unit and d.year]
    examples: list[str] = []
    for d in sorted(known, key=lambda d: (-(d.year or 0), d.unit or "")):
        if d.doc_type in _ASKED and len(examples) < limit - 2:
            examples.append(_ASKED[d.doc_type].format(unit=d.unit, year=d.year))
    finals = sorted((d for d in known if d.doc_type == DocType.final_accounts), key=lambda d: -(d.year or 0))
    if finals:
        examples.append(f"{finals[0].unit}{finals[0].year}年“三公”经费为什么减少？")
    same_year = [d for d in finals if d.year == finals[0].year and d.unit != finals[0].unit] if finals else []
    if same_year:
        examples.append(f"{finals[0].unit}和{same_year[0].unit}{finals[0].year}年公务接待费谁花得多？")
    return Overview(units=sorted({d.unit for d in known if d.unit}),
                    years=sorted({d.year for d in known if d.year}, reverse=True),
                    types=list(dict.fromkeys(labels.doc_type(d.doc_type) for d in docs)),
                    examples=examples[:limit])
