"""Retired seam: derived data now follows submissions by direct calls in `responses.actions`.

`submit`, `submit_many` and `review` call `indices.tallies` themselves, inside their transaction, so a
reader of an action sees every table it changes. `sikap.indices.apps` still registers the tallies here
at start-up (that app is edited elsewhere); until that registration goes, `register` and
`register_bulk` accept exactly those two functions, which are already called, and refuse any other
listener so that nothing is silently left out of the transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _already_called(listener: Callable[..., Any]) -> Callable[..., Any]:
    from sikap.indices import tallies

    if listener not in (tallies.on_submission_changed, tallies.on_submissions_added):
        raise TypeError(
            "responses.hooks is retired: call the derived-data update from sikap.responses.actions"
        )
    return listener


register = _already_called
register_bulk = _already_called
