"""Value axes show differences and say so when they do not start at 0; long labels are sized, not cut."""

from __future__ import annotations

from sikap.dashboards.charts import Figure, axis_note, score_title, value_axis, wrap_label


def test_scores_spread_across_the_scale_keep_the_full_axis_from_0():
    axis = value_axis([12.5, 55.0, 91.0], 0, 100, 10)
    assert axis == {"min": 0, "max": 100, "from_zero": True}
    assert axis_note(axis) == ""
    assert score_title(axis) == "Skor 0-100"


def test_scores_close_together_start_the_axis_a_step_below_the_lowest_and_say_so():
    axis = value_axis([78.25, 81.5, None, 84.0], 0, 100, 10)
    assert axis == {"min": 60, "max": 100, "from_zero": False}
    assert "60" in axis_note(axis) and "bukan 0" in axis_note(axis)
    assert score_title(axis) == "Skor 60-100 (bukan dari 0)"


def test_a_small_gain_is_not_worth_leaving_0():
    assert value_axis([25.0, 30.0], 0, 100, 10)["from_zero"]


def test_one_value_or_none_keep_the_full_scale():
    assert value_axis([None], 0, 100, 10) == {"min": 0, "max": 100, "from_zero": True}
    assert value_axis([83.0, None], 0, 100, 10)["from_zero"]


def test_the_low_ends_of_intervals_stay_on_the_axis():
    assert value_axis([80.0, 82.0], 0, 100, 10, also=[51.0])["min"] == 40


def test_horizontal_bars_grow_with_the_lines_of_their_wrapped_labels():
    def figure(labels: list[str]) -> Figure:
        return Figure("k", "t", "d", [], [], {"labels": labels, "options": {"horizontal": True}})

    short = figure(["A", "B", "C", "D", "E", "F"])
    long = figure(["Kantor Wilayah Kementerian Hukum Jawa Barat"] * 6)
    assert wrap_label("Kantor Wilayah Kementerian Hukum Jawa Barat") == [
        "Kantor Wilayah",
        "Kementerian Hukum",
        "Jawa Barat",
    ]
    assert long.height > short.height
