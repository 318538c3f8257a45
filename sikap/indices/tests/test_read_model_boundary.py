"""The indices' tally models are read only inside `sikap.indices`: everyone else goes through `read`."""

from __future__ import annotations

import ast
from pathlib import Path

import sikap

TALLIES = {"AnswerTally", "ElementTally", "RespondentTally", "GroupTally"}
ROOT = Path(sikap.__file__).parent


def _offences(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "sikap.indices.models":
            found += [f"{path}:{node.lineno} {a.name}" for a in node.names if a.name in TALLIES | {"*"}]
        elif isinstance(node, ast.ImportFrom) and node.module == "sikap.indices":
            found += [f"{path}:{node.lineno} models" for a in node.names if a.name == "models"]
        elif isinstance(node, ast.Import):
            found += [
                f"{path}:{node.lineno} {a.name}" for a in node.names if a.name == "sikap.indices.models"
            ]
    return found


def test_no_module_outside_the_indices_imports_a_tally_model():
    outside = [p for p in ROOT.rglob("*.py") if ROOT / "indices" not in p.parents]
    assert len(outside) > 100  # the walk really reads the other apps
    assert [o for p in outside for o in _offences(p)] == []


def test_the_rule_catches_an_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from sikap.indices.models import Holiday, RespondentTally\nimport sikap.indices.models\n"
    )
    assert [o.split(" ")[1] for o in _offences(sample)] == ["RespondentTally", "sikap.indices.models"]
