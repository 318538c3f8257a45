"""sikap.scoring must stay pure: importing all of it must not load Django."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
REPO_ROOT = PACKAGE.parents[1]
MODULES = sorted(
    f"sikap.scoring.{path.stem}" for path in PACKAGE.glob("*.py") if path.stem not in {"__init__", "__main__"}
)


def test_importing_every_scoring_module_loads_no_django() -> None:
    script = (
        "import importlib, sys\n"
        f"for name in {['sikap.scoring', *MODULES]!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(','.join(loaded))\n"
        "sys.exit(1 if loaded else 0)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    completed = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO_ROOT, env=env, check=False
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert len(MODULES) >= 9


def test_no_scoring_source_file_imports_django() -> None:
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(name.split(".")[0] == "django" for name in names), path
