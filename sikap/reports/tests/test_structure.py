"""The reports app's modules import one another without a cycle, and queued task paths stay valid.

Every import counts, also one inside a function or under `if TYPE_CHECKING:`: a deferred import that
dodges a cycle at run time still ties the two modules together. A package's `__init__` runs before its
modules, but only written imports are edges: `exports/__init__.py` may import its writers as long as they
do not import the package back (they read `exports.rows`).
"""

from __future__ import annotations

import ast
from pathlib import Path

from django.utils.module_loading import import_string

import sikap.reports

APP = Path(sikap.reports.__file__).parent


def modules(root: Path, package: str) -> dict[str, Path]:
    """Dotted module name -> file, for every .py file under `root` (the package `package`)."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = [package, *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The modules of `known` that the module `name` imports, wherever in the file the import is."""
    is_package = path.name == "__init__.py"
    package = name if is_package else name.rpartition(".")[0]
    targets: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            targets += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, *([node.module] if node.module else [])])
            # `from a.b import c` imports the module a.b.c when there is one, else a name of a.b.
            targets += [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
    found = set()
    for target in targets:
        while target and target not in known:  # a name in a module, or outside the app: its module
            target = target.rpartition(".")[0]
        if target and target != name:
            found.add(target)
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that reach one another (Tarjan's strongly connected components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def import_graph(root: Path, package: str) -> dict[str, set[str]]:
    known = modules(root, package)
    return {name: imports(name, path, known) for name, path in known.items()}


def test_the_reports_app_has_no_import_cycle() -> None:
    graph = import_graph(APP, "sikap.reports")
    assert "sikap.reports.exports.csv_copy" in graph["sikap.reports.exports"]  # the graph sees the app
    assert cycles(graph) == []


def test_the_check_finds_a_cycle_hidden_in_a_function(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("from pkg.sub.b import B\n")
    (package / "sub" / "b.py").write_text("from . import c\nB = 1\n")
    (package / "sub" / "c.py").write_text("def late():\n    from pkg.sub import B\n")
    (package / "alone.py").write_text("import pkg.sub.b\n")
    graph = import_graph(package, "pkg")
    assert graph["pkg.alone"] == {"pkg.sub.b"}
    assert cycles(graph) == [["pkg.sub", "pkg.sub.b", "pkg.sub.c"]]


def test_the_queued_task_path_still_names_the_task() -> None:
    # django-tasks' database backend stores this dotted path with every queued job; the worker imports it.
    from sikap.reports.tasks import build_report_job

    assert build_report_job.module_path == "sikap.reports.tasks.build_report_job"
    assert import_string("sikap.reports.tasks.build_report_job") is build_report_job
