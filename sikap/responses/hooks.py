"""The seam where derived data follows submissions, called inside the storing transaction.

Rollups of the indices register here (sikap.indices), so a stored, accepted, rejected or re-reviewed
submission and its counts always change together or not at all.
"""

from __future__ import annotations

from collections.abc import Callable

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
