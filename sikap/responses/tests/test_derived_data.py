"""Derived data is updated by direct calls in `responses.actions`, not by listeners registered elsewhere."""

import pytest

from sikap.indices import tallies
from sikap.responses import hooks


def test_the_retired_hooks_accept_only_the_tallies_already_called_directly():
    assert hooks.register(tallies.on_submission_changed) is tallies.on_submission_changed
    assert hooks.register_bulk(tallies.on_submissions_added) is tallies.on_submissions_added
    with pytest.raises(TypeError, match="retired"):
        hooks.register(lambda submission, old_status: None)
