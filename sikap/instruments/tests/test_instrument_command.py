import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def _show(code):
    out = io.StringIO()
    call_command("instrument", "show", code, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_it_prints_the_integrity_surveys_documented_shape():
    data = _show("INTEGRITAS")
    assert set(data) == {"code", "version", "scale", "dimensions", "elements"}
    assert (data["code"], data["version"], data["scale"]) == ("INTEGRITAS", 1, {"min": 1, "max": 4})
    assert [d["code"] for d in data["dimensions"]] == ["TR", "IT", "AN", "PB", "SD", "TI", "SO"]
    assert data["dimensions"][0] == {"code": "TR", "name": "Transparansi"}
    it1 = next(e for e in data["elements"] if e["code"] == "IT1")
    assert it1 == {"code": "IT1", "name": "Gratifikasi", "dimension": "IT", "reverse": True}


def test_the_skm_has_no_dimensions():
    data = _show("skm")
    assert data["dimensions"] == [] and len(data["elements"]) == 9
    assert all(e["dimension"] == "" and e["reverse"] is False for e in data["elements"])


def test_an_unknown_instrument_exits_with_code_2():
    with pytest.raises(CommandError) as error:
        call_command("instrument", "show", "XYZ", "--json")
    assert error.value.returncode == 2
