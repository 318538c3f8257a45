"""Reading a tablet's batch: hostile JSON in, plain items out (or the reason an item cannot be read).

Nothing here touches the database. Each item is read on its own, so one broken item never spoils the rest.
"""

from __future__ import annotations

import datetime
import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.utils.dateparse import parse_datetime

MAX_ITEMS = 100
MAX_FIELDS = 400
MAX_HELD = 1000
MAX_VALUE_LENGTH = 4000
LANGUAGES = ("id", "en")


@dataclass
class Item:
    """One answer as the tablet kept it: its key, when it was started and given, language and inputs."""

    raw_key: str
    key: uuid.UUID | None = None
    answered_at: datetime.datetime | None = None
    started_at: datetime.datetime | None = None
    language: str = "id"
    fields: dict[str, str] = field(default_factory=dict)
    problem: str = ""  # "" when the item could be read

    def payload(self) -> dict[str, Any]:
        """What is kept of a rejected item for the operator (JSON-safe)."""
        return {
            "answered_at": self.answered_at.isoformat() if self.answered_at else None,
            "started_at": self.started_at.isoformat() if self.started_at else None,
            "language": self.language,
            "fields": self.fields,
        }


@dataclass
class Batch:
    items: list[Item]
    queue_length: int = 0
    held: list[uuid.UUID] = field(default_factory=list)  # rejected answers the tablet still lists
    error: str = ""  # a reason the whole body cannot be read


def parse(body: bytes, *, max_items: int = MAX_ITEMS) -> Batch:
    """The batch in a request body: {"items": [...], "queue": n}, or a list of items (an exported file)."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return Batch([], error="json")
    if isinstance(data, dict):
        items, queue = data.get("items"), data.get("queue", 0)
    else:
        items, queue = data, 0
    if not isinstance(items, list):
        return Batch([], error="json")
    if len(items) > max_items:
        return Batch([], error="too_many")
    queue_length = queue if isinstance(queue, int) and not isinstance(queue, bool) and queue >= 0 else 0
    held = data.get("rejected") if isinstance(data, dict) else None
    return Batch([read_item(raw) for raw in items], queue_length=min(queue_length, 10**6), held=_keys(held))


def _keys(raw: Any) -> list[uuid.UUID]:
    keys = []
    for value in raw[:MAX_HELD] if isinstance(raw, list) else []:
        try:
            keys.append(uuid.UUID(str(value)[:40]))
        except ValueError:
            continue
    return keys


def read_item(raw: Any) -> Item:
    if not isinstance(raw, dict):
        return Item("", problem="malformed")
    raw_key = raw.get("key")
    item = Item(str(raw_key)[:40] if isinstance(raw_key, str) else "")
    try:
        item.key = uuid.UUID(item.raw_key)
    except ValueError:
        item.problem = "malformed"
        return item
    item.answered_at = _moment(raw.get("answered_at"))
    item.started_at = _moment(raw.get("started_at"))
    language = raw.get("language")
    item.language = language if language in LANGUAGES else "id"
    fields = raw.get("fields")
    if item.answered_at is None or not isinstance(fields, dict) or len(fields) > MAX_FIELDS:
        item.problem = "malformed"
        return item
    for name, value in fields.items():
        if isinstance(value, bool) or not isinstance(value, str | int):
            item.problem = "malformed"
            return item
        item.fields[str(name)[:100]] = str(value)[:MAX_VALUE_LENGTH]
    return item


def _moment(raw: Any) -> datetime.datetime | None:
    """An aware time from an ISO 8601 string with its offset (what `Date.toISOString()` writes)."""
    if not isinstance(raw, str) or len(raw) > 40:
        return None
    try:
        moment = parse_datetime(raw)
    except ValueError:
        return None
    if moment is None or moment.tzinfo is None:
        return None
    try:
        return moment.astimezone(datetime.UTC)
    except OverflowError:  # year 1 or 9999 shifted past the calendar's ends
        return None
