"""Posting the builder's forms as a browser would: one input per point, option and band rows."""

from __future__ import annotations

from typing import Any

from django.urls import reverse


def points(labels: list[str], english: list[str] | None = None, start: int = 1) -> dict[str, str]:
    data = {f"point_{start + i}": label for i, label in enumerate(labels)}
    data |= {f"point_{start + i}_en": label for i, label in enumerate(english or [])}
    return data


def rows(prefix: str, items: list[dict[str, Any]], initial: int = 0) -> dict[str, Any]:
    data: dict[str, Any] = {
        f"{prefix}-TOTAL_FORMS": str(len(items)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "60",
    }
    for n, item in enumerate(items):
        data |= {f"{prefix}-{n}-{key}": value for key, value in item.items()}
    return data


def field_post(**fields: Any) -> dict[str, Any]:
    """A field form: the field's inputs, its option rows (`options`) and band rows (`bands`)."""
    options = fields.pop("options", [])
    bands = fields.pop("bands", [])
    data = {"section": "profile", "kind": "text", **fields}
    return data | rows("opt", options) | rows("band", bands)


def create_instrument(client: Any, code: str = "UJI", **fields: Any) -> Any:
    data = {
        "code": code,
        "name": "Indeks Layanan Kantor",
        "name_en": "Office Service Index",
        "method": "mean",
    }
    return client.post(reverse("builder:instrument_create"), data | fields)


def element_post(code: str, **fields: Any) -> dict[str, Any]:
    return {"code": code, "name": f"Unsur {code}", "question": f"Bagaimana {code}?", **fields}
