"""The portfolio matrix as a PNG: accounts on attractiveness (y) against our strength (x), each
the weighted score of that axis's criteria (PortfolioPoint.attractiveness and .strength).

matplotlib with the Agg canvas on a `Figure` of our own: no pyplot, no global state, safe
in threads. Point area follows profit (a hollow red ring: a loss, sized by the loss); key
accounts are marked and always named; labels are placed so they do not overlap.
"""
from __future__ import annotations

import io
import math
import textwrap
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from kam_domain.services.portfolio import PortfolioPoint

WIDTH_PX, HEIGHT_PX, DPI = 1200, 900, 100
SCALE_MIN, SCALE_MAX = 0.6, 10.4  # the 1-10 scale with a margin
MIN_AREA, MAX_AREA = 30.0, 2400.0  # marker area in points^2
LOSS_MIN_AREA = 90.0  # a loss ring must stay a ring
MAX_LABELS = 26
PX_PER_PT = DPI / 72

TIER_STYLE = {
    "key": {"color": "#1d3557", "edge": "#e9c46a", "label": "Key account"},
    "candidate": {"color": "#f4a261", "edge": "#9c5a1c", "label": "Candidate (watch-list)"},
    "regular": {"color": "#a8b3bd", "edge": "#6c7780", "label": "Regular"},
}
LOSS_EDGE = "#c0392b"
QUADRANT_STYLE = {  # name, advice, background, (x side, y side)
    "strategic": ("Strategic", "invest in the relationship", "#e3f1e6", ("high", "high")),
    "star": ("Star", "invest to build our position", "#fdf3dc", ("low", "high")),
    "status": ("Status", "maintain efficiently", "#e6eef7", ("high", "low")),
    "streamline": ("Streamline", "serve at low cost", "#f1f1f1", ("low", "low")),
}


@dataclass(frozen=True)
class ChartOptions:
    title: str = "Key-account portfolio: mutual attractiveness"
    subtitle: str = ""
    attractiveness_line: float = 5.5
    strength_line: float = 5.5
    notes: tuple[str, ...] = field(default_factory=tuple)  # "what it says", shown beside the chart
    width_px: int = WIDTH_PX
    height_px: int = HEIGHT_PX
    # what each axis plots (see `axis_labels`): x is the strength axis of the criteria, not the weighted total
    x_label: str = "Our strength: the strength criteria, 1-10  \u2192"
    y_label: str = "How attractive the customer is to us: attractiveness criteria, 1-10  \u2192"


def render_portfolio_png(points: Sequence[PortfolioPoint], options: ChartOptions = ChartOptions()) -> bytes:
    """The matrix as PNG bytes, `width_px` x `height_px`."""
    figure = portfolio_figure(points, options)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def axis_labels(strength_criteria: Sequence[str], attractiveness_criteria: Sequence[str],
                customer_view: bool) -> tuple[str, str]:
    """(x label, y label) saying what each axis plots: the weighted score of that axis's criteria.

    x is "as the customer sees us" only when the customer's own rating of us is one of them.
    """
    def listed(labels: Sequence[str]) -> str:
        text = ", ".join(labels)
        return text if len(text) <= 90 else text[:89].rsplit(",", 1)[0] + ", \u2026"

    x = ("Our strength as the customer sees us" if customer_view else "Our strength as we score it")
    x += f": strength criteria ({listed(strength_criteria)}), 1-10" if strength_criteria else ", 1-10"
    y = "How attractive the customer is to us"
    y += ": attractiveness criteria, 1-10" if attractiveness_criteria else ", 1-10"
    return x + "  \u2192", y + "  \u2192"


def portfolio_figure(points: Sequence[PortfolioPoint], options: ChartOptions = ChartOptions()) -> Figure:
    """The matrix drawn on a Figure of its own (Agg canvas); labels carry the gid LABEL_GID."""
    figure = Figure(figsize=(options.width_px / DPI, options.height_px / DPI), dpi=DPI)
    FigureCanvasAgg(figure)
    ax = figure.add_axes((0.07, 0.08, 0.64, 0.8))
    placed = [p for p in points if p.attractiveness is not None and p.strength is not None]
    positions = _spread(placed)
    _frame(ax, options, positions.values())
    largest = max((abs(p.profit) for p in placed), default=0.0)
    for tier in ("regular", "candidate", "key"):  # key accounts drawn last, on top
        _draw_tier(ax, [p for p in placed if p.tier == tier], positions, largest, tier)
    _labels(ax, placed, positions, largest)
    _legend(figure, largest)
    _side_notes(figure, options.notes, len(points) - len(placed))
    _titles(figure, options)
    return figure


# ---------------------------------------------------------------------------- frame and quadrants


def _limits(values: list[float], line: float) -> tuple[float, float]:
    """Zoom to the accounts, keeping the quadrant line well inside and the 1-10 scale as the bound."""
    low = min(values + [line - 1.5]) - 0.8
    high = max(values + [line + 1.5]) + 0.8
    return max(SCALE_MIN, low), min(SCALE_MAX, high)


def _frame(ax, options: ChartOptions, positions) -> None:
    xs = [x for x, _ in positions]
    ys = [y for _, y in positions]
    sx, sy = options.strength_line, options.attractiveness_line
    x_lim, y_lim = _limits(xs, sx), _limits(ys, sy)
    for name, advice, colour, (x_side, y_side) in QUADRANT_STYLE.values():
        x0, x1 = (x_lim[0], sx) if x_side == "low" else (sx, x_lim[1])
        y0, y1 = (y_lim[0], sy) if y_side == "low" else (sy, y_lim[1])
        ax.add_patch(Rectangle((x0, y0), x1 - x0, y1 - y0, facecolor=colour, edgecolor="none", zorder=0))
        tx, ha = (0.012, "left") if x_side == "low" else (0.988, "right")
        if y_side == "high":  # name at the top edge, advice under it
            name_y, advice_y, va = 0.985, 0.942, "top"
        else:  # advice at the bottom edge, name over it
            name_y, advice_y, va = 0.05, 0.015, "bottom"
        ax.text(tx, name_y, name, transform=ax.transAxes, fontsize=17, fontweight="bold", color="#264653",
                ha=ha, va=va, zorder=1, alpha=0.8)
        ax.text(tx, advice_y, advice, transform=ax.transAxes, fontsize=10.5, color="#4a5a63", ha=ha, va=va,
                zorder=1, style="italic")
    ax.axvline(sx, color="#264653", linewidth=1.2, linestyle="--", zorder=1)
    ax.axhline(sy, color="#264653", linewidth=1.2, linestyle="--", zorder=1)
    ax.set_xlim(*x_lim)
    ax.set_ylim(*y_lim)
    ax.tick_params(labelsize=10, colors="#4a5a63")
    ax.set_xlabel(options.x_label, fontsize=11 if len(options.x_label) < 100 else 9.5, color="#264653")
    ax.set_ylabel(options.y_label, fontsize=12, color="#264653")
    for spine in ax.spines.values():
        spine.set_color("#b0bec5")


# ---------------------------------------------------------------------------- points


def _spread(points: Sequence[PortfolioPoint]) -> dict[int, tuple[float, float]]:
    """Positions; accounts on the very same spot are set in a small ring so each one shows."""
    groups: dict[tuple[float, float], list[PortfolioPoint]] = defaultdict(list)
    for p in points:
        groups[(round(p.strength, 2), round(p.attractiveness, 2))].append(p)
    positions = {}
    for (x, y), members in groups.items():
        if len(members) == 1:
            positions[members[0].account_id] = (x, y)
            continue
        radius = min(0.25, 0.06 * math.sqrt(len(members)))
        for i, p in enumerate(sorted(members, key=lambda m: m.account_id)):
            angle = 2 * math.pi * i / len(members)
            positions[p.account_id] = (x + radius * math.cos(angle), y + radius * math.sin(angle))
    return positions


def _area(profit: float, largest: float) -> float:
    if largest <= 0 or profit == 0:
        return MIN_AREA
    area = MIN_AREA + (MAX_AREA - MIN_AREA) * abs(profit) / largest
    return max(area, LOSS_MIN_AREA) if profit < 0 else area


def _draw_tier(ax, points: Sequence[PortfolioPoint], positions, largest: float, tier: str) -> None:
    if not points:
        return
    style = TIER_STYLE.get(tier, TIER_STYLE["regular"])
    ordered = sorted(points, key=lambda p: -abs(p.profit))  # small ones on top of big ones
    alpha = 0.88 if tier == "key" else 0.75
    # Colours carry their own alpha: a global alpha would turn the empty face of a loss ring black.
    faces = [to_rgba(style["color"], alpha) if p.profit >= 0 else (1.0, 1.0, 1.0, 0.0) for p in ordered]
    edges = [to_rgba(style["edge"] if p.profit >= 0 else LOSS_EDGE, 0.95) for p in ordered]
    ax.scatter([positions[p.account_id][0] for p in ordered], [positions[p.account_id][1] for p in ordered],
               s=[_area(p.profit, largest) for p in ordered], facecolors=faces, edgecolors=edges,
               linewidths=[1.6 if p.profit < 0 else 2.2 if tier == "key" else 1.0 for p in ordered],
               zorder={"key": 5, "candidate": 4}.get(tier, 3))


# ---------------------------------------------------------------------------- labels


def _label_choice(points: Sequence[PortfolioPoint]) -> list[PortfolioPoint]:
    """Key accounts always; then the biggest non-key earners; then candidates by score."""
    key = sorted((p for p in points if p.tier == "key"), key=lambda p: -p.profit)
    others = [p for p in points if p.tier != "key"]
    earners = sorted((p for p in others if p.profit > 0), key=lambda p: -p.profit)[:8]
    chosen_ids = {p.account_id for p in key} | {p.account_id for p in earners}
    candidates = sorted((p for p in others if p.tier == "candidate" and p.account_id not in chosen_ids),
                        key=lambda p: -(p.weighted or 0))
    return (key + earners + candidates)[:max(MAX_LABELS, len(key))]


def _labels(ax, points: Sequence[PortfolioPoint], positions, largest: float) -> list:
    """Name the chosen accounts where the name collides with no other label, big marker or quadrant
    title, measured on the rendered text; a name with no free spot is shortened, then left out.

    Deterministic: the same points give the same labels. Returns the label artists.
    """
    renderer = ax.figure.canvas.get_renderer()
    to_px = ax.transData.transform
    frame = ax.get_window_extent(renderer)
    boxes = [_box(t.get_window_extent(renderer)) for t in ax.texts]  # quadrant names and advice
    for p in points:  # every marker is an obstacle for every label
        cx, cy = to_px(positions[p.account_id])
        r = math.sqrt(_area(p.profit, largest)) / 2 * PX_PER_PT
        boxes.append((cx - r, cy - r, cx + r, cy + r))
    probe = ax.text(0, 0, "", transform=None)  # measures each name as it will be drawn
    placed, used = [], set()
    for p in _label_choice(points):
        is_key = p.tier == "key"
        style = {"fontsize": 9.5 if is_key else 8.5, "fontweight": "bold" if is_key else "normal"}
        probe.update(style)
        cx, cy = to_px(positions[p.account_id])
        radius = math.sqrt(_area(p.profit, largest)) / 2 * PX_PER_PT
        own = (cx - radius, cy - radius, cx + radius, cy + radius)
        for text in _name_forms(p.name):
            if text in used:
                continue  # a short form another label already shows would name the wrong account
            probe.set_text(text)
            extent = probe.get_window_extent(renderer)
            spot = _free_spot(cx, cy, radius, extent.width, extent.height, boxes, frame, own,
                              gaps=KEY_GAPS if is_key else GAPS)
            if spot is not None:
                break
        else:
            continue  # no free spot even for the short form: left out rather than overlapping
        dx, dy, ha, va, box, far = spot
        label = ax.annotate(text, positions[p.account_id], xytext=(dx / PX_PER_PT, dy / PX_PER_PT),
                            textcoords="offset points", ha=ha, va=va, **style,
                            color="#1d3557" if is_key else "#5b4636", zorder=7, gid=LABEL_GID,
                            arrowprops={"arrowstyle": "-", "color": "#78909c", "linewidth": 0.7} if far else None)
        boxes.append(box)
        placed.append(label)
        used.add(text)
    probe.remove()
    return placed


LABEL_GID = "account-label"
GAPS = (3, 14, 28, 44)
KEY_GAPS = (3, 14, 28, 44, 62, 80)
_DIRECTIONS = ((1, 0, "left", "center"), (-1, 0, "right", "center"), (0, 1, "center", "bottom"),
               (0, -1, "center", "top"), (0.75, 0.75, "left", "bottom"), (-0.75, 0.75, "right", "bottom"),
               (0.75, -0.75, "left", "top"), (-0.75, -0.75, "right", "top"))


def _name_forms(name: str) -> list[str]:
    """The label, then shorter forms of it: the first two words, then the first word."""
    forms = [_short(name)]
    words = name.split()
    for n in (2, 1):
        if len(words) > n:
            short = _short(" ".join(words[:n]), 18)
            if short not in forms and len(short) >= 3:
                forms.append(short)
    return forms


def _box(bbox) -> tuple[float, float, float, float]:
    return bbox.x0, bbox.y0, bbox.x1, bbox.y1


def _free_spot(cx, cy, radius, width, height, boxes, frame, own, gaps=GAPS):
    """The first offset around a marker where the label overlaps no other label or big marker."""
    for gap in gaps:
        for ux, uy, ha, va in _DIRECTIONS:
            dx, dy = ux * (radius + gap), uy * (radius + gap)
            x, y = cx + dx, cy + dy
            left = x if ha == "left" else x - width if ha == "right" else x - width / 2
            bottom = y if va == "bottom" else y - height if va == "top" else y - height / 2
            box = (left - 1, bottom - 1, left + width + 1, bottom + height + 1)
            if not _inside(box, frame):
                continue
            if any(_overlap(box, other) for other in boxes if other != own):
                continue
            return dx, dy, ha, va, box, gap > 14
    return None


def _inside(box, frame) -> bool:
    return box[0] >= frame.x0 + 2 and box[2] <= frame.x1 - 2 and box[1] >= frame.y0 + 2 and box[3] <= frame.y1 - 2


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _short(name: str, limit: int = 30) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "\u2026"


# ---------------------------------------------------------------------------- legend, notes, titles


def _legend(figure: Figure, largest: float) -> None:
    handles = [Line2D([], [], marker="o", linestyle="", markersize=11, markerfacecolor=s["color"],
                      markeredgecolor=s["edge"], markeredgewidth=2 if tier == "key" else 1, label=s["label"])
               for tier, s in TIER_STYLE.items()]
    handles.append(Line2D([], [], marker="o", linestyle="", markersize=11, markerfacecolor="none",
                          markeredgecolor=LOSS_EDGE, markeredgewidth=2, label="Loss-making (area = loss)"))
    tiers = figure.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.73, 0.89), frameon=False,
                          fontsize=10.5, title="Tier", title_fontsize=11, alignment="left")
    figure.add_artist(tiers)
    if largest > 0:
        sizes = [largest, largest / 4, largest / 20]
        size_handles = [Line2D([], [], marker="o", linestyle="", markerfacecolor="#cfd8dc",
                               markeredgecolor="#78909c", markersize=math.sqrt(_area(v, largest)),
                               label=_money(v)) for v in sizes]
        figure.legend(handles=size_handles, loc="upper left", bbox_to_anchor=(0.73, 0.7), frameon=False,
                      fontsize=10.5, title="Profit, last year (area)", title_fontsize=11, labelspacing=1.9,
                      borderpad=0.8, alignment="left")


def _side_notes(figure: Figure, notes: Sequence[str], unplaced: int) -> None:
    lines = list(notes)
    if unplaced:
        lines.append(f"{unplaced} account{'s' if unplaced != 1 else ''} not on the chart: scores missing "
                     "on one axis.")
    if not lines:
        return
    figure.text(0.745, 0.405, "What it says", fontsize=11.5, fontweight="bold", color="#1d3557", ha="left",
                va="top")
    wrapped = "\n".join("\u2022 " + "\n   ".join(textwrap.wrap(line, 36)) for line in lines[:7])
    figure.text(0.745, 0.375, wrapped, fontsize=9.5, color="#37474f", ha="left", va="top", linespacing=1.35)


def _titles(figure: Figure, options: ChartOptions) -> None:
    figure.text(0.07, 0.955, options.title, fontsize=18, fontweight="bold", color="#1d3557", ha="left")
    if options.subtitle:
        figure.text(0.07, 0.918, options.subtitle, fontsize=11.5, color="#4a5a63", ha="left")


def _money(value: float) -> str:
    for limit, suffix in ((1e9, "bn"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= limit:
            return f"{value / limit:.1f}{suffix}"
    return f"{value:.0f}"
