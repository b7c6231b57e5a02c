"""Where each point's name goes (cxlib.labels): beside its own point, never nearer another,
clear of guides where it can be; further out with a line where it cannot."""

from cxlib.labels import PHONE_PLOT, name_places


def test_a_name_never_sits_nearer_another_point_than_its_own():
    """On a phone 'Service reliability' was drawn over Wellbeing's point and 'Wellbeing' beside
    Service reliability's: a reader took each for the other. Where no place beside a point is
    its name's alone, the name goes further out with a line to its point (an offset in pixels);
    points far apart keep their names beside them."""
    x_range, y_range = [2.93, 3.93], [-16.0, 59.0]
    crowded = name_places(
        [3.42, 3.79, 3.18, 3.54],
        [4.8, 4.8, 1.7, 11.9],
        ["Service reliability", "Customer focus", "Wellbeing", "Engagement"],
        x_range,
        y_range,
        guides=([3.44], [8.3]),
    )
    far = [p for p in crowded if not isinstance(p, str)]
    assert far, crowded  # some name needed a line
    width, height = PHONE_PLOT
    for ax, ay in far:  # out past the marker, and within the plot
        assert (ax * ax + ay * ay) ** 0.5 >= 30 and abs(ax) < width and abs(ay) < height
    apart = name_places([3.0, 3.8], [5.0, 50.0], ["Wellbeing", "Enablement"], x_range, y_range)
    assert all(isinstance(p, str) for p in apart), apart


def test_a_name_takes_a_place_no_guide_line_crosses_where_one_is_free():
    """The priority chart's dotted lines (mean score, median impact) ran through theme names
    where another place was free: a name centred over its point straddled the vertical line
    through it, and one above its point met the horizontal line just above. The placement now
    counts the lines as taken, and keeps its old choice where no line is near."""
    xs, ys, names = [3.0, 3.5], [10.0, 30.0], ["Työn edellytykset", "Wellbeing"]
    x_range, y_range = [2.0, 4.5], [0.0, 40.0]
    alone = name_places(xs, ys, names, x_range, y_range)
    assert alone[0] == "top center"  # the middle third leans nowhere
    crossed = name_places(xs, ys, names, x_range, y_range, guides=([3.0], []))
    assert not crossed[0].endswith("center"), crossed  # beside or off to a side
    above = name_places(xs, ys, names, x_range, y_range, guides=([], [11.5]))
    assert above[0].startswith("bottom"), above
