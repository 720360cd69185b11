import pytest

from criteria.rules import Bands, criteria_class

CLASSES = [
    (19, 0, "lt10"), (19, 9, "lt10"), (19, 10, "10-14"), (19, 14, "10-14"), (19, 15, "15+"), (19, 18, "15+"),
    (19, 19, "all"),
    (10, 0, "lt5"), (10, 4, "lt5"), (10, 5, "5-7"), (10, 7, "5-7"), (10, 8, "8+"), (10, 9, "8+"), (10, 10, "all"),
]


@pytest.mark.parametrize(("total", "met", "key"), CLASSES)
def test_communes_are_classed_in_proportion_to_the_set(total, met, key):
    assert criteria_class(met, total) == key


@pytest.mark.parametrize(("total", "labels"), [
    (19, ["Đạt chuẩn (19/19 tiêu chí)", "Từ 15 đến 18 tiêu chí", "Từ 10 đến 14 tiêu chí", "Dưới 10 tiêu chí"]),
    (10, ["Đạt chuẩn (10/10 tiêu chí)", "Từ 8 đến 9 tiêu chí", "Từ 5 đến 7 tiêu chí", "Dưới 5 tiêu chí"]),
    (16, ["Đạt chuẩn (16/16 tiêu chí)", "15 tiêu chí", "Từ 10 đến 14 tiêu chí", "Dưới 10 tiêu chí"]),
])
def test_band_labels_speak_the_sets_own_numbers(total, labels):
    assert [label for _, label in Bands(total).labels()] == labels


def test_a_ten_criteria_set_never_speaks_of_fifteen_criteria():
    assert not any("15" in label for _, label in Bands(10).labels())


@pytest.mark.parametrize(("total", "columns"), [
    (19, [("lt10", "<10"), ("10-14", "10–14"), ("15+", "15–18")]),
    (10, [("lt5", "<5"), ("5-7", "5–7"), ("8+", "8–9")]),
    (16, [("lt10", "<10"), ("10-14", "10–14"), ("15+", "15")]),  # the old header said "15–15"
])
def test_column_heads_use_the_same_keys_and_bounds_as_the_labels(total, columns):
    bands = Bands(total)
    assert bands.columns() == columns
    assert [key for key, _ in bands.columns()] == [key for key, _ in reversed(bands.labels()[1:])]
