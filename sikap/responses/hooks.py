"""The seam where derived data follows submissions, called inside the storing transaction.

Rollups of the indices register here (sikap.indices), so a stored, accepted, rejected or re-reviewed
submission and its counts always change together or not at all.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sikap.responses.models import Submission

Listener = Callable[[Submission, "str | None"], None]
_listeners: list[Listener] = []


def register(listener: Listener) -> Listener:
    if listener not in _listeners:
        _listeners.append(listener)
    return listener


def submission_changed(submission: Submission, old_status: str | None) -> None:
    for listener in _listeners:
        listener(submission, old_status)


BulkListener = Callable[[Sequence[tuple[Submission, dict[int, list[tuple[int, int, "int | None"]]]]]], None]
_bulk_listeners: list[BulkListener] = []


def register_bulk(listener: BulkListener) -> BulkListener:
    if listener not in _bulk_listeners:
        _bulk_listeners.append(listener)
    return listener


def submissions_added(
    items: Sequence[tuple[Submission, dict[int, list[tuple[int, int, int | None]]]]],
) -> None:
    """Many new submissions with their answers (element, value, importance) per version, already stored."""
    for listener in _bulk_listeners:
        listener(items)
