"""The portfolio chart: each axis plots what its label says, and no two labels overlap.

Rendered with matplotlib's Agg canvas; label boxes are taken from the renderer after a full draw.
"""
from __future__ import annotations

import io
import random

from matplotlib.text import Text
from PIL import Image

from bot.render.chart import LABEL_GID, ChartOptions, axis_labels, portfolio_figure, render_portfolio_png
from kam_domain.services.portfolio import PortfolioPoint

WORDS = ("Nordic", "Alpine", "Pacific", "Granite", "Harbour", "Summit", "Delta", "Crescent", "Meridian", "Aurora",
         "Vantor", "Kestrel", "Lumen", "Borealis", "Sakura", "Tessaro")
KINDS = ("Logistics GmbH", "Foods SA", "Energy AS", "Pharma AB", "Mining Corp", "Robotics Inc", "Paper Oy",
         "Holdings plc", "Systems BV", "Retail Group")


def crowded_portfolio(n: int = 60, seed: int = 7) -> list[PortfolioPoint]:
    """n accounts, many of them close together (as scores on a 1-10 scale are), some on one spot."""
    rnd = random.Random(seed)
    points = []
    for i in range(n):
        tier = "key" if i < 14 else "candidate" if i < 24 else "regular"
        x = round(rnd.uniform(3, 8) * 3) / 3  # thirds, as weighted integer scores often are
        y = round(rnd.uniform(3, 8.5) * 3) / 3
        if i % 9 == 0:
            x, y = 6.0, 7.0  # a cluster on one spot
        profit = rnd.choice([-1, 1]) * rnd.uniform(10_000, 2_000_000) if i % 7 == 3 else rnd.uniform(0, 3_000_000)
        name = f"{WORDS[i % len(WORDS)]} {KINDS[(i * 7) % len(KINDS)]} {i}"
        points.append(PortfolioPoint(i + 1, name, tier, None, y, x, None, profit * 3, profit, None, None))
    return points


def label_boxes(figure):
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    ax = figure.axes[0]
    labels = [t for t in ax.texts if t.get_gid() == LABEL_GID]
    # the text itself (an Annotation's own extent also covers its leader line)
    return labels, [Text.get_window_extent(t, renderer) for t in labels], ax.get_window_extent(renderer), renderer


def overlaps(a, b) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def assert_no_overlap(figure):
    labels, boxes, frame, renderer = label_boxes(figure)
    assert labels, "no label was drawn"
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            assert not overlaps(boxes[i], boxes[j]), (labels[i].get_text(), labels[j].get_text())
    others = [t.get_window_extent(renderer) for t in figure.axes[0].texts if t.get_gid() != LABEL_GID]
    for label, box in zip(labels, boxes):
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1, \
            label.get_text()
        assert not any(overlaps(box, other) for other in others), label.get_text()  # quadrant names
    return labels


def test_sixty_accounts_get_labels_that_never_overlap():
    points = crowded_portfolio()
    labels = assert_no_overlap(portfolio_figure(points))
    texts = [t.get_text() for t in labels]
    assert len(texts) >= 15  # most chosen accounts are still named
    named_keys = [p for p in points if p.tier == "key" and any(p.name.startswith(t.rstrip("\u2026")) or
                                                               t in p.name for t in texts)]
    assert len(named_keys) >= 10  # key accounts are named first (in full or shortened)


def test_label_placement_is_deterministic():
    points = crowded_portfolio(40, seed=3)
    first = [(t.get_text(), t.xyann) for t in label_boxes(portfolio_figure(points))[0]]
    again = [(t.get_text(), t.xyann) for t in label_boxes(portfolio_figure(points))[0]]
    assert first == again


def test_accounts_on_one_spot_and_a_tiny_portfolio():
    same_spot = [PortfolioPoint(i, f"Account {i}", "key" if i < 3 else "regular", 5.0, 5.0, 5.0, "streamline",
                                1000.0, float(100 - i * 30), None, None) for i in range(30)]
    assert_no_overlap(portfolio_figure(same_spot))
    one = [PortfolioPoint(1, "Solo AG", "key", 7.0, 7.0, 7.0, "strategic", 10.0, 5.0, None, None)]
    assert [t.get_text() for t in assert_no_overlap(portfolio_figure(one))] == ["Solo AG"]
    assert Image.open(io.BytesIO(render_portfolio_png(crowded_portfolio()))).size == (1200, 900)


def test_x_axis_plots_the_strength_axis_and_says_which_criteria():
    # strength 3 (x), attractiveness 9 (y), weighted total 6: the point sits at x=3, y=9
    point = PortfolioPoint(1, "Solo AG", "key", 6.0, 9.0, 3.0, "star", 10.0, 5.0, None, None)
    x_label, y_label = axis_labels(["Relationship strength", "Share of wallet"], ["Product fit"], customer_view=False)
    assert x_label.startswith("Our strength as we score it: strength criteria (Relationship strength, "
                              "Share of wallet), 1-10")
    assert y_label.startswith("How attractive the customer is to us: attractiveness criteria")
    figure = portfolio_figure([point], ChartOptions(x_label=x_label, y_label=y_label))
    ax = figure.axes[0]
    assert ax.get_xlabel() == x_label and ax.get_ylabel() == y_label
    (markers,) = [c for c in ax.collections if len(c.get_offsets())]
    assert tuple(markers.get_offsets()[0]) == (3.0, 9.0)
    seen, _ = axis_labels(["Relationship strength", "Customer's rating of us"], ["Product fit"], customer_view=True)
    assert seen.startswith("Our strength as the customer sees us: strength criteria (")
