"""Prompt templates as files: ``prompts/<name>.md``, loaded with a check of their placeholders."""

from __future__ import annotations

import re
import string
from pathlib import Path

from core.errors import PromptError

PROMPTS_DIR = Path(__file__).resolve().parents[1] / "prompts"


def load_prompt(name: str, /, **values: str) -> str:
    """``prompts/<name>.md`` with its ``{placeholders}`` filled in.

    The placeholders in the file must be exactly the names passed (``{{``/``}}`` are literal
    braces); anything else is a :class:`PromptError` naming the file.
    """
    if not re.fullmatch(r"[A-Za-z0-9_-]+", name):
        raise PromptError(f"prompt name {name!r}: only letters, digits, '_' and '-' are allowed")
    path = PROMPTS_DIR / f"{name}.md"
    try:
        template = path.read_text(encoding="utf-8")
    except OSError as e:
        raise PromptError(f"{path}: cannot read prompt ({e.strerror or e})") from e
    try:
        parsed = [(f, spec, conv) for _, f, spec, conv in string.Formatter().parse(template) if f is not None]
    except ValueError as e:
        raise PromptError(f"{path}: malformed placeholder ({e}); write literal braces as {{{{ and }}}}") from e
    bad = sorted({f + (f"!{conv}" if conv else "") + (f":{spec}" if spec else "")
                  for f, spec, conv in parsed if not f.isidentifier() or spec or conv})
    if bad:
        shown = ", ".join("{" + b + "}" for b in bad)
        raise PromptError(f"{path}: placeholders must be plain names like {{keys}}, found {shown}")
    fields = [f for f, _, _ in parsed]
    in_file, passed = set(fields), set(values)
    if in_file != passed:
        parts = []
        if passed - in_file:
            parts.append(f"passed but not in the file: {', '.join(sorted(passed - in_file))}")
        if in_file - passed:
            parts.append(f"in the file but not passed: {', '.join(sorted(in_file - passed))}")
        raise PromptError(f"{path}: placeholders do not match ({'; '.join(parts)})")
    return template.format(**values)
