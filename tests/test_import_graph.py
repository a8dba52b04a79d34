"""No import circles between Civility's modules, and no core module imports an adapter.

The graph is built from the source with `ast`: every ``import`` and ``from ... import`` of a
``civility`` module, at module level or inside functions (a lazy import is still a dependency),
and ``importlib.import_module("civility...")`` with a literal name. Imports under
``if TYPE_CHECKING:`` are left out: they never run.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).parent.parent
PACKAGES = {"core": "civility", "adapters": "civility.adapters", "plugins": "civility.plugins"}


def modules() -> dict[str, Path]:
    found = {}
    for folder, package in PACKAGES.items():
        for path in (ROOT / folder).rglob("*.py"):
            parts = path.relative_to(ROOT / folder).with_suffix("").parts
            if folder == "core" and parts[:1] in (("adapters",), ("plugins",)):
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join((package, *parts))] = path
    return found


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _walk(node: ast.AST) -> Iterator[ast.AST]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _type_checking(child):
            yield from (n for s in child.orelse for n in [s, *_walk(s)])
            continue
        yield child
        yield from _walk(child)


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets: set[str] = set()
    for node in _walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                targets.add(full if full in known else base)
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr == "import_module" and node.args
              and isinstance(node.args[0], ast.Constant | ast.JoinedStr)):
            arg = node.args[0]
            text = arg.value if isinstance(arg, ast.Constant) else "".join(
                str(v.value) for v in arg.values if isinstance(v, ast.Constant))
            if isinstance(text, str):
                targets.add(text.rstrip("."))
    return {t for t in targets if t in known and t != name} | {
        t for t in targets if t.startswith("civility.adapters") and t not in known}


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports(name, path, known) for name, path in known.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on.add(node)
        for nxt in edges.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_the_graph_sees_lazy_imports():
    edges = graph()
    assert "civility.adapters.telegram.adapter" in edges["civility.adapters.telegram"]
    assert "civility._platforms" in edges["civility.config"]


def test_no_import_circles():
    assert cycles(graph()) == []


def test_the_finder_finds_a_circle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_core_imports_no_adapter():
    edges = graph()
    core = {n: e for n, e in edges.items() if not n.startswith(("civility.adapters",
                                                                "civility.plugins"))}
    assert {n: sorted(t for t in e if t.startswith("civility.adapters"))
            for n, e in core.items() if any(t.startswith("civility.adapters") for t in e)} == {}


def _all_imports(path: Path) -> set[str]:
    """Every module named by an import, under ``if TYPE_CHECKING:`` too (a helper typed with
    the adapter still holds the adapter)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


def test_adapter_helpers_get_services_not_the_adapter():
    """Commands, the sync loop, reports, cards...: each is handed the callables and services it
    needs; only the platform's package (its registration) builds the adapter."""
    offenders = {}
    for path in sorted((ROOT / "adapters").rglob("*.py")):
        if path.name in ("adapter.py", "__init__.py") or path.parent == ROOT / "adapters":
            continue
        own = f"civility.adapters.{path.parent.name}.adapter"
        if own in _all_imports(path):
            offenders[str(path.relative_to(ROOT))] = own
    assert offenders == {}
