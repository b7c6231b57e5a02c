"""Where each point's name goes on a scatter of a few named points (the Drivers matrix), so that
on a phone no two names overlap and each reads as its own point's.

Plotly places a name beside its point (textposition) or, as an annotation, further out with a
line to it; it does not avoid anything itself. The boxes here are estimated for a phone-sized
plot, where names crowd: on a wider screen the same places only have more room.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import product

PHONE_PLOT = (290, 330)  # px: the plot area of a chart on a 390 px phone, where names crowd
CLEAR = 24  # px: another point at least this much further from a name than its own point
NAME_SIZE = 14  # px: the names' type (long Finnish theme names at 16 px found no room)


def name_places(
    xs: list[float],
    ys: list[float],
    names: list[str],
    x_range: list[float],
    y_range: list[float],
    guides: tuple[list[float], list[float]] = ([], []),
    corners: tuple[int, int] = (0, 0),
) -> tuple[list[str | tuple[float, float]], list[str]]:
    """Where each point's name goes, so that no two names overlap on a phone and each reads
    as its own point's: the highest point first, each takes the first of its places beside
    the point (plotly textposition: above, then below; leaning inwards, so none is cut at the
    plot's edge) whose box, estimated for a phone-sized plot, has no other point nearer than
    its own and meets no name placed before, no point, no guide line (`guides`: the x of
    each vertical one, the y of each horizontal one; a dotted line had run through a name) and
    no corner's words (`corners`: their longest line in characters, and their lines).
    Where no such place is beside the point, the name goes further out with a line to its
    point: an offset (ax, ay) in pixels, for an annotation. Failing that too, the place beside
    the point that meets least.

    A name of two words or more that finds no free place on one line may take two (a long
    Finnish name crossed a guide line wherever it went on a phone). The names are placed with
    none broken, then with each name that meets something broken alone, then all of those;
    the layout kept leaves least of them on other names, points and corner words, then least
    on the guides: breaking every name at once had let a broken name take the place another
    needed and sent that one onto a corner's words.

    Returns each name's place and its text as written there (with <br> where it is broken).
    """
    places, texts = _best(
        tuple(xs), tuple(ys), tuple(names), tuple(x_range), tuple(y_range),
        (tuple(guides[0]), tuple(guides[1])), tuple(corners),
    )  # fmt: skip
    return list(places), list(texts)


@lru_cache(maxsize=256)  # a page drawn again with the same view (7 ms a layout, up to 8 tried)
def _best(xs, ys, names, x_range, y_range, guides, corners) -> tuple[tuple, tuple]:
    """name_places on tuples: the layout kept, as (places, texts)."""
    args = (xs, ys, names, x_range, y_range, guides, corners)
    whole = _placed(*args, wrap=set())
    # Only a name that meets something on one line can gain by a second: each alone, then all
    # of them (trying every name took six times as long for the same layout).
    troubled = [i for i, name in enumerate(names) if " " in name and whole[3][i]]
    tried = [{i} for i in troubled] + ([set(troubled)] if len(troubled) > 1 else [])
    layouts = [whole, *(_placed(*args, wrap=wrap) for wrap in tried)]
    places, texts, *_ = min(layouts, key=lambda layout: layout[2])  # first of equals: fewest broken
    return tuple(places), tuple(texts)


def _placed(xs, ys, names, x_range, y_range, guides, corners, wrap: set[int]):
    """name_places' places and texts with the names in `wrap` on two lines where one finds no
    free place, how much the names meet (of other names, points and corner words, then of
    guide lines: px², estimated on the phone plot), and whether each name meets anything."""
    width, height = PHONE_PLOT
    size = NAME_SIZE
    texts = list(names)

    def extent(text: str) -> tuple[float, float]:
        # 0.5 em a character: Chromium drew Finnish and English names at 0.44, and 1.3 em tall
        lines = text.split("<br>")
        return 0.5 * size * max(map(len, lines)), 1.3 * size * len(lines)

    def point(i: int) -> tuple[float, float]:  # in the phone plot's pixels, from its top left
        return (
            (xs[i] - x_range[0]) / (x_range[1] - x_range[0]) * width,
            (y_range[1] - ys[i]) / (y_range[1] - y_range[0]) * height,
        )

    def name_box(i: int, place: str, text: str | None = None) -> tuple[float, float, float, float]:
        x, y = point(i)
        (w, h), gap = extent(text or texts[i]), 9  # gap: the marker's radius, +1
        vertical, side = place.split()
        beside = gap  # plotly keeps a name to a side clear of the marker, above or beside it
        left = {"left": x - w - beside, "center": x - w / 2, "right": x + beside}[side]
        top = {"top": y - gap - h, "middle": y - h / 2, "bottom": y + gap}[vertical]
        return left, top, left + w, top + h

    def met(a, b) -> float:
        wide = min(a[2], b[2]) - max(a[0], b[0])
        tall = min(a[3], b[3]) - max(a[1], b[1])
        return max(0.0, wide) * max(0.0, tall)

    def reach(box, at: tuple[float, float]) -> float:  # from a point to a name's box
        dx = max(box[0] - at[0], 0.0, at[0] - box[2])
        dy = max(box[1] - at[1], 0.0, at[1] - box[3])
        return (dx * dx + dy * dy) ** 0.5

    def astray(i: int, box) -> float:
        """A name nearer another point than its own reads as that point's: on a phone
        'Service reliability' sat on Wellbeing's point, and Wellbeing's name on its."""
        own = reach(box, point(i))
        return sum(1.0 for j in range(len(xs)) if j != i and reach(box, point(j)) < own + CLEAR)

    taken = [(x - 8, y - 8, x + 8, y + 8) for x, y in map(point, range(len(xs)))]  # the points
    chars, rows = corners  # each corner's words: a box of the plot's small text (12 px)
    cw, ch = 0.5 * 12 * chars, 1.3 * 12 * rows
    words = [(0, 0, cw, ch), (width - cw, 0, width, ch)] if chars else []
    words += (
        [(0, height - ch, cw, height), (width - cw, height - ch, width, height)] if chars else []
    )
    lines = []  # a guide line counts as a strip a few pixels wide
    for gx in guides[0]:
        left = (gx - x_range[0]) / (x_range[1] - x_range[0]) * width
        lines.append((left - 3, 0.0, left + 3, height))
    for gy in guides[1]:
        top = (y_range[1] - gy) / (y_range[1] - y_range[0]) * height
        lines.append((0.0, top - 3, width, top + 3))

    def crosses(start, end, boxes) -> bool:
        """Whether the line from a point to its name runs through a name or point."""
        steps = [k / 12 for k in range(2, 11)]  # along its middle: its ends touch their own
        at = [
            (start[0] + t * (end[0] - start[0]), start[1] + t * (end[1] - start[1])) for t in steps
        ]
        return any(b[0] <= px <= b[2] and b[1] <= py <= b[3] for px, py in at for b in boxes)

    leaders: list = []  # the lines drawn so far, from a point to its name

    def cross(a, b) -> bool:
        """Whether two lines (pairs of ends) cross."""

        def side(p, q, r) -> float:
            return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

        (p1, p2), (q1, q2) = a, b
        return side(p1, p2, q1) * side(p1, p2, q2) < 0 and side(q1, q2, p1) * side(q1, q2, p2) < 0

    def callout(i: int) -> tuple[tuple[float, float], tuple, str] | None:
        """A free place further out, its name joined to the point by a line."""
        x, y = point(i)
        ways = ((0, -1), (0, 1), (-1, -1), (1, -1), (-1, 1), (1, 1), (-1, 0), (1, 0))
        pad = 4  # clear of its neighbours by a little: a line ending between two names misleads
        # Clear of the guides and the corners' words too if it can be, on one line or two; of
        # the names and points always.
        for avoid, text in product(
            (taken + lines + words, taken + words, taken), forms(names[i], i in wrap)
        ):
            w, h = extent(text)
            for reach_out in (30.0, 44.0, 58.0, 76.0, 96.0):
                for dx, dy in ways:
                    ax, ay = dx * (w / 2 + reach_out / 2), dy * reach_out
                    box = (x + ax - w / 2, y + ay - h / 2, x + ax + w / 2, y + ay + h / 2)
                    fits = box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= height
                    wide = (box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad)
                    near = any(reach(box, point(j)) < CLEAR for j in range(len(xs)) if j != i)
                    ok = fits and not near
                    ok = ok and not any(met(wide, b) for b in avoid)
                    line = ((x, y), (x + ax, y + ay))
                    ok = ok and not crosses(*line, taken[:i] + taken[i + 1 :])
                    if ok and not any(cross(line, other) for other in leaders):
                        leaders.append(line)
                        return (ax, ay), box, text
        return None

    places: list[str | tuple[float, float]] = [""] * len(xs)
    beside: list[int] = []  # in the order their boxes are taken, then those apart
    apart: list[int] = []
    for i in sorted(range(len(xs)), key=lambda i: -ys[i]):
        x, _ = point(i)
        lean = "right" if x < width / 3 else "left" if x > 2 * width / 3 else "center"
        candidates = [f"top {lean}", f"bottom {lean}"] + [
            f"{v} {s}" for v in ("top", "bottom") for s in ("right", "left", "center") if s != lean
        ]
        candidates += ["middle left", "middle right"]  # beside the point: last, where no other

        def inside(text: str, i: int = i, candidates: list[str] = candidates) -> list[str]:
            boxes = {c: name_box(i, c, text) for c in candidates}
            return [c for c in candidates if 0 <= boxes[c][0] <= boxes[c][2] <= width] or candidates

        def cost(c: str, i: int = i, text: str | None = None) -> tuple[float, float]:
            box = name_box(i, c, text)
            return astray(i, box), sum(met(box, b) for b in taken + lines + words)

        for text in forms(names[i], i in wrap):  # one line where it fits, else two
            place = min(inside(text), key=lambda c, t=text: cost(c, text=t))
            if cost(place, text=text) == (0, 0):
                places[i], texts[i] = place, text
                break
        else:
            places[i] = min(inside(names[i]), key=cost)  # min() keeps the first of equals
        if cost(places[i]) == (0, 0):
            taken.append(name_box(i, places[i]))
            beside.append(i)
        else:
            apart.append(i)
    # Set apart once every name that fits beside its point is in place: a line drawn first
    # had run through a name placed after it.
    for i in apart:
        far = callout(i)
        if far is None:  # nowhere: beside after all, where it meets least
            taken.append(name_box(i, places[i]))
        else:
            places[i], box, texts[i] = far
            taken.append(box)
    boxes = {i: box for i, box in zip(beside + apart, taken[len(xs) :], strict=True)}
    points = taken[: len(xs)]
    on_others = sum(
        met(boxes[i], other)
        for i in boxes
        for other in [*words, *(points[j] for j in boxes if j != i)]
        + [boxes[j] for j in boxes if j > i]
    )
    on_guides = sum(met(box, line) for box in boxes.values() for line in lines)

    def meets(i: int) -> bool:
        others = [*words, *lines, *points[:i], *points[i + 1 :]]
        return any(met(boxes[i], b) for b in [*others, *(boxes[j] for j in boxes if j != i)])

    return places, texts, (on_others, on_guides), [meets(i) for i in range(len(xs))]


def forms(name: str, wrap: bool = True) -> tuple[str, ...]:
    """A name on one line, then, if it has a space (and wrap), on two: broken at the space
    nearest its middle."""
    spaces = [k for k, c in enumerate(name) if c == " "]
    if not spaces or not wrap:
        return (name,)
    cut = min(spaces, key=lambda k: abs(k - len(name) // 2))
    return name, name[:cut] + "<br>" + name[cut + 1 :]
