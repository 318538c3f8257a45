"""Numbers on the index pages are written the Indonesian way."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from sikap.indices.templatetags.indices_tags import dotnum, idnum, percent_of


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        (87.556, 2, "87,56"),
        (87.555, 2, "87,56"),  # half up, as reports round
        (1234567.891, 2, "1.234.567,89"),
        (1234, 0, "1.234"),
        (Decimal("3.6"), 2, "3,60"),
        (Fraction(2, 3), 3, "0,667"),
        (-0.25, 1, "-0,3"),
        (-0.001, 2, "0,00"),
        ("3.60", 2, "3,60"),
        (None, 2, "—"),
        ("", 2, "—"),
        ("abc", 2, "—"),
        (float("nan"), 2, "—"),
    ],
)
def test_idnum(value, places, text):
    assert idnum(value, places) == text


def test_idnum_in_a_template():
    rendered = Template("{% load indices_tags %}{{ v|idnum }} {{ n|idnum:0 }}").render(
        Context({"v": 91.48, "n": 12500})
    )
    assert rendered == "91,48 12.500"


def test_helpers_for_bars():
    assert percent_of(15, 30) == 50.0
    assert percent_of(40, 30) == 100.0
    assert percent_of(1, 0) == 0.0
    assert dotnum(87.5) == "87.50"
    assert dotnum(None) == "0"


def test_query_with_replaces_and_removes_parameters():
    request = RequestFactory().get("/indeks/liga/?periode=3&urut=n&curiga=1")
    template = Template("{% load indices_tags %}{% query_with urut='score' curiga='' %}")
    assert template.render(Context({"request": request})) == "periode=3&amp;urut=score"  # escaped for an href
