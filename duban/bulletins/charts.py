"""Charts of a bulletin as PNG images, drawn offline by matplotlib with the shipped CJK font."""

import io
from functools import cache

import matplotlib

matplotlib.use("Agg")
from matplotlib import font_manager  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from .content import Chart  # noqa: E402
from .fonts import CJK_FONT  # noqa: E402

MAX_BARS = 25


@cache
def _font() -> font_manager.FontProperties:
    font_manager.fontManager.addfont(str(CJK_FONT))
    return font_manager.FontProperties(fname=str(CJK_FONT))


def _short(label: str, width: int = 16) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"


def chart_png(chart: Chart, *, dpi: int = 150) -> bytes:
    """Horizontal bars of percentages, the reference (time progress) as a dashed line; the first MAX_BARS bars."""
    font = _font()
    labels = [_short(label) for label in chart.labels[:MAX_BARS]][::-1]
    values = chart.values[:MAX_BARS][::-1]
    fig = Figure(figsize=(6.4, max(1.6, 0.32 * len(values) + 0.9)), dpi=dpi)
    ax = fig.add_subplot()
    bars = ax.barh(range(len(values)), values, color="#2e6da4", height=0.6)
    ax.set_yticks(range(len(values)), labels, fontproperties=font, fontsize=8)
    ax.set_title(chart.title, fontproperties=font, fontsize=10)
    for bar, value in zip(bars, values):
        ax.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, f" {value:g}%", va="center", fontsize=7)
    if chart.reference is not None:
        ax.axvline(chart.reference, color="#c0392b", linestyle="--", linewidth=1)
        ax.text(chart.reference, -0.9, f" {chart.reference_label} {chart.reference:g}%",
                color="#c0392b", fontproperties=font, fontsize=7, va="center")
        ax.set_ylim(-1.2, len(values) - 0.4)
    ax.set_xlim(0, max([100.0, *values, chart.reference or 0]) * 1.12)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png")
    return out.getvalue()
