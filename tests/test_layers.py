"""The layers, kept by a test: widgets -> services -> (storage, exports) -> board, the command
line beside the widgets, main.py wiring both; nothing points back and no module imports
itself round a circle. Every import counts, also one inside a function."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# What each of our top-level packages may import of ours (besides itself).
ALLOWED: dict[str, frozenset[str]] = {
    "board": frozenset(),
    "storage": frozenset({"board"}),
    "exports": frozenset({"board"}),
    "samples": frozenset({"board"}),  # sample data, beside the domain
    "services": frozenset({"board", "storage", "exports", "samples"}),
    "widgets": frozenset({"board", "services"}),
    "cli": frozenset({"board", "services"}),
    "main": frozenset({"cli", "widgets"}),
}
# Libraries that belong to one layer only.
FORBIDDEN_LIBRARIES: dict[str, frozenset[str]] = {
    "board": frozenset({"kivy", "sqlalchemy", "alembic", "PIL", "reportlab"}),
    "storage": frozenset({"kivy", "PIL", "reportlab"}),
    "exports": frozenset({"kivy", "sqlalchemy", "alembic"}),
    "services": frozenset({"kivy"}),
    "samples": frozenset({"kivy", "sqlalchemy", "alembic", "PIL", "reportlab"}),
    "cli": frozenset({"kivy", "sqlalchemy", "PIL", "reportlab"}),
}


def modules(root: Path) -> dict[str, Path]:
    """Our modules under ``root``: dotted name -> file."""
    found = {}
    for package in ALLOWED:
        if package == "main":
            if (root / "main.py").is_file():
                found["main"] = root / "main.py"
            continue
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def imports(path: Path, name: str) -> list[tuple[int, str]]:
    """(line, imported module) for every import in the file, relative ones resolved."""
    tree = ast.parse(path.read_text("utf-8"), str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def violations(root: Path) -> list[str]:
    """Every import that crosses the layers the wrong way, as 'file:line: a -> b'."""
    problems = []
    for name, path in modules(root).items():
        layer = name.split(".")[0]
        seen: set[tuple[int, str]] = set()
        for line, target in imports(path, name):  # 'from a.b import c': a.b first, then a.b.c
            if (line, target.split(".")[0]) in seen:
                continue
            seen.add((line, target.split(".")[0]))
            top = target.split(".")[0]
            where = f"{path.relative_to(root)}:{line}"
            if top in ALLOWED and top != layer and top not in ALLOWED[layer]:
                problems.append(f"{where}: {layer} -> {top} ({target})")
            if top in FORBIDDEN_LIBRARIES.get(layer, ()):
                problems.append(f"{where}: {layer} -> library {top}")
    return sorted(set(problems))


def cycles(root: Path) -> list[list[str]]:
    """Circles of imports between our modules (each found once, as the modules on it)."""
    known = modules(root)
    graph = {
        name: sorted({t for _line, t in imports(path, name) if t in known and t != name})
        for name, path in known.items()
    }
    found: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in graph[node]:
            if state.get(nxt) == 1:
                found.append(path[path.index(nxt) :])
            elif nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for node in graph:
        if node not in state:
            visit(node)
    return found


def test_no_import_crosses_the_layers_the_wrong_way() -> None:
    assert violations(ROOT) == []


def test_no_circles_of_imports() -> None:
    assert cycles(ROOT) == []


def test_the_check_sees_a_wrong_way_import_and_a_circle(tmp_path: Path) -> None:
    for package in ALLOWED:
        if package != "main":
            (tmp_path / package).mkdir()
            (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "widgets" / "lijst.py").write_text("def f():\n    from storage.repository import Repository\n")
    (tmp_path / "board" / "meting.py").write_text("import kivy\nfrom . import lus\n")
    (tmp_path / "board" / "lus.py").write_text("from board.meting import x\n")
    (tmp_path / "services" / "visit.py").write_text("from board import meting\n")
    assert violations(tmp_path) == [
        "board/meting.py:1: board -> library kivy",
        "widgets/lijst.py:2: widgets -> storage (storage.repository)",
    ]
    assert [sorted(c) for c in cycles(tmp_path)] == [["board.lus", "board.meting"]]
