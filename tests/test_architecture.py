"""The layers import one way only: core → index → extraction → app → evals.

Every module of the project is parsed (``ast``, not imported) and each import is checked: a module may
import its own package and the packages before it, never one after it, and never a private name
(``_x``) of another module.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ORDER = ["core", "index", "extraction", "app", "evals"]


def _modules() -> list[Path]:
    return sorted(p for pkg in ORDER for p in (ROOT / pkg).rglob("*.py"))


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """(line, imported module, names taken from it) for every import of the file, nested ones included."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.extend((node.lineno, a.name, []) for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.lineno, node.module, [a.name for a in node.names]))
    return out


def edges() -> list[tuple[str, int, str, list[str]]]:
    found = []
    for path in _modules():
        for line, target, names in _imports(path):
            if target.split(".")[0] in ORDER:
                found.append((_module_name(path), line, target, names))
    return found


def test_the_layers_exist_and_are_walked():
    names = {_module_name(p) for p in _modules()}
    assert {"core.schemas", "core.errors", "core.vocabulary", "index.layout", "app.service"} <= names
    assert len(edges()) > 50


@pytest.mark.parametrize("package", ORDER)
def test_no_import_against_the_layer_order(package):
    bad = [f"{src}:{line} imports {target}" for src, line, target, _ in edges()
           if src.split(".")[0] == package and ORDER.index(target.split(".")[0]) > ORDER.index(package)]
    assert bad == [], "\n".join(bad)


def test_core_imports_nothing_of_the_project():
    bad = [f"{src}:{line} imports {target}" for src, line, target, _ in edges()
           if src.startswith("core") and not target.startswith("core")]
    assert bad == []


def test_no_private_name_is_imported_from_another_module():
    bad = [f"{src}:{line} imports {', '.join(n for n in names if n.startswith('_'))} from {target}"
           for src, line, target, names in edges()
           if target != src and any(n.startswith("_") and not n.startswith("__") for n in names)]
    assert bad == [], "\n".join(bad)


def test_the_check_would_catch_a_backwards_import(tmp_path):
    """The walker sees imports inside functions too (the way a cycle usually sneaks in)."""
    sample = tmp_path / "mod.py"
    sample.write_text("def f():\n    from app.service import DisclosureService\n    return DisclosureService\n",
                      encoding="utf-8")
    assert [(t, n) for _, t, n in _imports(sample)] == [("app.service", ["DisclosureService"])]
