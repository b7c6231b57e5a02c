"""Where each point's name goes (cxlib.labels): beside its own point, never nearer another,
clear of guides where it can be; further out with a line where it cannot."""

from cxlib.labels import PHONE_PLOT, name_places


def test_a_name_never_sits_nearer_another_point_than_its_own():
    """On a phone 'Service reliability' was drawn over Wellbeing's point and 'Wellbeing' beside
    Service reliability's: a reader took each for the other. Where no place beside a point is
    its name's alone, the name goes further out with a line to its point (an offset in pixels);
    points far apart keep their names beside them."""
    x_range, y_range = [2.93, 3.93], [-16.0, 59.0]
    crowded, _ = name_places(
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
    apart, _ = name_places([3.0, 3.8], [5.0, 50.0], ["Wellbeing", "Enablement"], x_range, y_range)
    assert all(isinstance(p, str) for p in apart), apart


def test_a_name_takes_a_place_no_guide_line_crosses_where_one_is_free():
    """The priority chart's dotted lines (mean score, median impact) ran through theme names
    where another place was free: a name centred over its point straddled the vertical line
    through it, and one above its point met the horizontal line just above. The placement now
    counts the lines as taken, and keeps its old choice where no line is near."""
    xs, ys, names = [3.0, 3.5], [10.0, 30.0], ["Työn edellytykset", "Wellbeing"]
    x_range, y_range = [2.0, 4.5], [0.0, 40.0]
    alone, _ = name_places(xs, ys, names, x_range, y_range)
    assert alone[0] == "top center"  # the middle third leans nowhere
    crossed, _ = name_places(xs, ys, names, x_range, y_range, guides=([3.0], []))
    assert not crossed[0].endswith("center"), crossed  # beside or off to a side
    above, _ = name_places(xs, ys, names, x_range, y_range, guides=([], [11.5]))
    assert above[0].startswith("bottom"), above


def test_names_set_apart_have_lines_that_do_not_cross():
    """Two lines from points to their names had crossed on a phone (Engagement's over Service
    reliability's), and a line drawn before the names placed after it ran through one. The
    lines are drawn after every name that fits beside its point, none crossing another."""
    x_range, y_range = [2.961, 3.932], [-11.9, 53.6]  # the sample, staff in customer-facing roles
    xs, ys = [3.099, 3.59, 3.174, 3.435, 3.551, 3.793], [33.41, 38.09, 9.59, 8.97, 6.33, 3.61]
    names = ["Enablement", "Supervisor support", "Wellbeing", "Service reliability",
             "Engagement", "Customer focus"]  # fmt: skip
    places, _ = name_places(xs, ys, names, x_range, y_range, guides=([3.44], [9.28]))
    width, height = PHONE_PLOT

    def pixel(x, y):
        return (
            (x - x_range[0]) / (x_range[1] - x_range[0]) * width,
            (y_range[1] - y) / (y_range[1] - y_range[0]) * height,
        )

    lines = []
    for x, y, place in zip(xs, ys, places, strict=True):
        if not isinstance(place, str):
            start = pixel(x, y)
            lines.append((start, (start[0] + place[0], start[1] + place[1])))
    assert lines, places

    def side(p, q, r):
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    for k, (a, b) in enumerate(lines):
        for c, d in lines[k + 1 :]:
            crossing = side(a, b, c) * side(a, b, d) < 0 and side(c, d, a) * side(c, d, b) < 0
            assert not crossing, (places, lines)


def test_a_long_name_takes_two_lines_where_one_line_crosses_a_guide_everywhere():
    """On a phone 'Palvelun luotettavuus' crossed the vertical guide in every place on one line
    (its point sits on the line, and the name is 150 px wide): broken at its middle space it
    fits beside a place clear of the line. Names that fit on one line keep it, and the texts
    come back in the order given."""
    x_range, y_range = [2.9, 4.0], [-12.0, 54.0]
    xs, ys = [3.43, 3.1, 3.8], [5.0, 40.0, 30.0]
    names = ["Palvelun luotettavuus", "Työn imu", "Wellbeing"]
    guide = 3.44
    places, texts = name_places(xs, ys, names, x_range, y_range, guides=([guide], []))

    assert texts == ["Palvelun<br>luotettavuus", "Työn imu", "Wellbeing"], (places, texts)
    assert isinstance(places[0], str), places  # beside its point, no line needed
    width = PHONE_PLOT[0]
    line_at = (guide - x_range[0]) / (x_range[1] - x_range[0]) * width
    point_at = (xs[0] - x_range[0]) / (x_range[1] - x_range[0]) * width
    # Beside the point to the side away from the line: its box (12 characters at 7 px) clear.
    text_w = 0.5 * 14 * len("luotettavuus")
    left = {"left": point_at - 9 - text_w, "right": point_at + 9}[places[0].split()[1]]
    assert not left <= line_at <= left + text_w, places


def test_a_name_without_a_space_stays_on_one_line():
    """A one-word name cannot break: it stays whole wherever it goes."""
    _, texts = name_places(
        [3.43], [5.0], ["Asiakaslähtöisyys"], [2.9, 4.0], [-12.0, 54.0], guides=([3.44], [])
    )
    assert texts == ["Asiakaslähtöisyys"]
