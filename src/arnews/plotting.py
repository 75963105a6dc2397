"""Arabic text in matplotlib figures: one font, one label function, right-to-left chart helpers.

**Why `ar()` is the identity on matplotlib >= 3.11.** Arabic is written right to left and its letters
change shape with their neighbours. Before 3.11 matplotlib drew one isolated glyph per character, left
to right, so every Arabic label had to be pre-processed: `arabic_reshaper.reshape` (pick the joined
presentation form of each letter) then `bidi.algorithm.get_display` (put the string in visual order).
matplotlib 3.11 lays text out with libraqm (HarfBuzz shaping + bidi; matplotlib PR #30000), so it now
expects the ordinary *logical-order* string. Feeding it the pre-processed string applies bidi twice:
the label renders reversed, silently, and still looks like Arabic to anyone who does not read it
(matplotlib issue #32262). `ar()` therefore does exactly one of the two:

* `NATIVE_SHAPING` true (matplotlib shapes and orders Arabic itself): the text is returned unchanged;
* `NATIVE_SHAPING` false (an older matplotlib, e.g. a Binder image that resolved an older build): the
  text is reshaped and put in visual order, as that matplotlib needs.

`NATIVE_SHAPING` is decided once, at import, by a capability probe rather than a version number:
matplotlib lays out two tiny Arabic strings with the bundled font and we check that the letters joined
(the laid-out "بببب" is much narrower than four isolated "ب") and that they run right to left (in "اب"
the dotted ب sits left of the ا). A build without working shaping therefore gets the legacy path, and a
future one that shapes gets the native path, whatever their version numbers say.

**The fonts, by file.** Noto Sans Arabic arrives as a pip package (`fontpkg-noto-sans-arabic`; Arabic, Latin,
both digit sets), and matplotlib ships DejaVu Sans, used per glyph for what Noto lacks. matplotlib picks a font
by family *name* among every font it knows, system fonts included: where Debian's `fonts-noto-core` is installed,
"Noto Sans Arabic" resolves to the system's static Arabic-only file, Latin falls back to DejaVu, and figures
change from machine to machine. So on import both files are registered under family names of their own
(`FONT_FAMILY`, `FALLBACK_FAMILY`) that no installed font can carry, and `font.family` names only those:
every figure is drawn from these two files whatever the system has. `ar()` warns, naming the label and the
characters, when a label holds a character neither font has, and draws U+FFFD in its place instead of an
anonymous tofu box.

Every Arabic string that goes into a figure (titles, axis and tick labels, legends, annotations) passes
through `ar()`; chart helpers here (`barh`, `heatmap`) do that themselves. Never call
arabic_reshaper/get_display anywhere else.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path

import fontpkg
import matplotlib
import numpy as np
from matplotlib import font_manager
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextPath

from arnews import files

__all__ = [
    "FALLBACK_FAMILY", "FALLBACK_PATH", "FONT_FAMILY", "FONT_PATH", "MIN_DPI", "NATIVE_SHAPING", "REPLACEMENT", "ar",
    "ar_labels", "barh", "heatmap", "missing_glyphs", "probe_native_shaping", "register_font_file", "rtl_axes",
    "savefig", "shorten",
]

#: The family name every figure uses first: the pip font's file, registered under a name no system font has.
FONT_FAMILY = "arnews Noto Sans Arabic"
#: matplotlib's bundled DejaVu Sans, registered likewise; used per glyph for what Noto lacks (e.g. U+FFFD).
FALLBACK_FAMILY = "arnews DejaVu Sans"
#: The bundled DejaVu Sans files (regular, bold, oblique, bold oblique), inside matplotlib's data folder.
_DEJAVU_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf")
#: Drawn instead of a character no font has (a deliberate mark, unlike an anonymous tofu box).
REPLACEMENT = "\ufffd"
#: Lowest resolution a saved figure may have.
MIN_DPI = 150

_FIGURE_NAME = re.compile(r"^[a-z0-9]+(?:[_-][a-z0-9]+)*$")
# A `$` not already escaped: two of them would switch matplotlib to mathtext, which bypasses shaping.
_UNESCAPED_DOLLAR = re.compile(r"(?<!\\)\$")
# Layout controls (newline, tab, bidi marks, ZWJ/ZWNJ) need no glyph of their own.
_NO_GLYPH_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})


def _pip_font() -> Path:
    """The Noto Sans Arabic file of the pip package `fontpkg-noto-sans-arabic`."""
    try:
        return Path(fontpkg.path("Noto Sans Arabic"))
    except fontpkg.FontpkgError as error:
        raise ImportError(f"arnews.plotting needs the font package 'fontpkg-noto-sans-arabic' ({error})") from error


def register_font_file(path: str | Path, family: str) -> None:
    """Make the font file `path` known to matplotlib as `family`, whatever family name the file itself declares.

    Selecting that family then resolves to this file only (as long as `family` is a name no other font
    carries), which `font_manager.addfont` cannot promise: it registers the file under its own name, beside
    any system font of that name.
    """
    from matplotlib.ft2font import FT2Font

    entry = dataclasses.replace(font_manager.ttfFontProperty(FT2Font(str(path))), name=family)
    if entry not in font_manager.fontManager.ttflist:
        font_manager.fontManager.ttflist.append(entry)


FONT_PATH = _pip_font()
#: matplotlib's own DejaVu Sans (the regular face), the fallback's file.
FALLBACK_PATH = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / _DEJAVU_FILES[0]
register_font_file(FONT_PATH, FONT_FAMILY)
for _name in _DEJAVU_FILES:
    register_font_file(FALLBACK_PATH.with_name(_name), FALLBACK_FAMILY)
matplotlib.rcParams["font.family"] = [FONT_FAMILY, FALLBACK_FAMILY]
matplotlib.rcParams["axes.unicode_minus"] = True  # U+2212 is in Noto Sans Arabic


def _font_charset(path: str | Path) -> frozenset[int]:
    """Code points a font file maps to a glyph."""
    from matplotlib.ft2font import FT2Font

    return frozenset(FT2Font(str(path)).get_charmap())


_COVERED = _font_charset(FONT_PATH) | _font_charset(FALLBACK_PATH)


# --- capability probe -------------------------------------------------------------------------------------

_BEH, _ALEF = "\u0628", "\u0627"


def probe_native_shaping(layout=TextPath, font: str | Path = FONT_PATH) -> bool:
    """Whether matplotlib's text layout shapes Arabic and orders it right to left by itself.

    Args:
        layout: builds a text outline like `matplotlib.textpath.TextPath(xy, text, size=, prop=)`;
            tests pass a stand-in for an older matplotlib.
        font: the font file to lay out with.
    Returns:
        True when "بببب" comes out joined (narrower than 0.8 × four isolated letters) and "اب"
        comes out right to left (the dot below ب left of the middle).
    """
    prop = FontProperties(fname=str(font))

    def outline(text: str):
        return layout((0, 0), text, size=100, prop=prop)

    isolated = outline(_BEH).get_extents().width
    joined = outline(_BEH * 4).get_extents().width
    shapes = joined < 0.8 * 4 * isolated

    pair = outline(_ALEF + _BEH)
    box = pair.get_extents()
    below_baseline = pair.vertices[pair.vertices[:, 1] < -0.1 * 100]  # only ب's dot goes that low
    orders_rtl = len(below_baseline) > 0 and below_baseline[:, 0].mean() < (box.x0 + box.x1) / 2
    return bool(shapes and orders_rtl)


#: True when matplotlib shapes and orders Arabic itself (3.11+ with libraqm): `ar()` is then the identity.
NATIVE_SHAPING: bool = probe_native_shaping()


# --- labels -----------------------------------------------------------------------------------------------


def missing_glyphs(text: str) -> list[str]:
    """Characters of `text` that neither figure font can draw (layout controls excluded).

    Args:
        text: a label.
    Returns:
        The distinct missing characters, in order of first appearance.
    """
    seen: dict[str, None] = {}
    for char in text:
        if ord(char) not in _COVERED and unicodedata.category(char) not in _NO_GLYPH_CATEGORIES:
            seen.setdefault(char)
    return list(seen)


def _describe(chars: Iterable[str]) -> str:
    return ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, '?')}" for c in chars)


def _visual_order(text: str) -> str:
    """Presentation forms in visual order: what matplotlib < 3.11 must be given."""
    import arabic_reshaper
    from bidi.algorithm import get_display

    return get_display(arabic_reshaper.reshape(text))


@functools.lru_cache(maxsize=4096)
def _prepare(text: str, native: bool) -> str:
    missing = missing_glyphs(text)
    if missing:
        warnings.warn(
            f"figure label {text!r} has characters the fonts ({FONT_FAMILY}, {FALLBACK_FAMILY}) cannot draw: "
            f"{_describe(missing)}; drawn as {REPLACEMENT}",
            UserWarning,
            stacklevel=3,
        )
        text = "".join(REPLACEMENT if c in missing else c for c in text)
    if not native:
        text = _visual_order(text)
    return _UNESCAPED_DOLLAR.sub(r"\\$", text)


def ar(text, *, native: bool | None = None) -> str:
    """Turn a label into the string matplotlib must be given to draw it correctly.

    >>> ar("قمة بوتين وكيم")  # "the Putin–Kim summit": unchanged where matplotlib shapes natively
    'قمة بوتين وكيم'

    Args:
        text: the label in ordinary logical order (as typed, as in the corpus); None gives "".
            Non-strings (numbers, dates) are converted with str().
        native: override `NATIVE_SHAPING` (tests; never needed in notebooks).
    Returns:
        On a shaping matplotlib the same text; otherwise its reshaped, visual-order form. Either way
        a `$` is escaped (two would turn the label into unshaped mathtext) and a character no font
        has becomes U+FFFD, with a warning (once per distinct label: results are cached).
    """
    if text is None:
        return ""
    return _prepare(str(text), NATIVE_SHAPING if native is None else native)


def ar_labels(labels: Iterable, *, native: bool | None = None) -> list[str]:
    """`ar()` applied to each label (tick labels, legend entries)."""
    return [ar(label, native=native) for label in labels]


def shorten(label, width: int = 32) -> str:
    """A long label (a headline, an outlet's name) cut at a word boundary to at most `width` characters.

    >>> shorten("بوتين يجري مباحثات مع كيم جونغ أون في دار ضيافة كومسوسان", 24)  # "Putin holds talks with Kim …"
    'بوتين يجري مباحثات مع…'

    Args:
        label: any text; runs of whitespace become one space.
        width: the longest result, "…" included.
    Returns:
        The label, or its first words followed by "…" (the first `width - 1` characters when one word is longer).
    """
    text = " ".join(str(label).split())
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    if " " in cut and not text[width - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip() + "…"


# --- charts -----------------------------------------------------------------------------------------------


def _new_axes(ax, width: float, height: float):
    import matplotlib.pyplot as plt

    if ax is not None:
        return ax.figure, ax
    return plt.subplots(figsize=(width, height), layout="constrained")


def _nothing_to_show(ax, title: str, message: str):
    ax.set_axis_off()
    ax.set_title(ar(title), loc="right")
    ax.text(0.5, 0.5, ar(message), ha="center", va="center", transform=ax.transAxes, fontsize=12, color="0.4")
    return ax.figure


def rtl_axes(ax, *, title: str = "", xlabel: str = "", ylabel: str = "", flip_x: bool = False):
    """Arrange an Axes for right-to-left reading: y axis, its ticks and label on the right, titles right-aligned.

    Stage modules build their own figures on this: a ranking flips x so bars start at their labels; whether
    a time axis runs right to left is the stage's choice (the default keeps matplotlib's left to right).

    Args:
        ax: the matplotlib Axes.
        title, xlabel, ylabel: texts in logical order (passed through `ar`).
        flip_x: also run the x axis right to left.
    Returns:
        The same Axes.
    """
    ax.yaxis.tick_right()
    ax.yaxis.set_label_position("right")
    if flip_x:
        ax.invert_xaxis()
    ax.set_title(ar(title), loc="right")
    ax.set_xlabel(ar(xlabel), loc="right")
    ax.set_ylabel(ar(ylabel))
    return ax


def barh(
    labels: Sequence,
    values: Sequence,
    *,
    title: str = "",
    xlabel: str = "",
    ax=None,
    empty_message: str = "nothing to show",
):
    """Horizontal bar chart laid out for right-to-left reading.

    Category labels sit on the right, bars grow leftwards from them, the largest bar is at the top
    (ties keep the given order), each bar carries its value, and the title is right-aligned.

    Args:
        labels: category names (Arabic, Latin or mixed), in logical order.
        values: one number per label (ints give integer ticks and value labels).
        title: figure title.
        xlabel: axis label under the bars.
        ax: draw into this Axes instead of a new figure.
        empty_message: shown instead of bars when there are none.
    Returns:
        The matplotlib Figure.
    """
    from matplotlib.ticker import MaxNLocator

    labels, values = list(labels), list(values)
    if len(labels) != len(values):
        raise ValueError(f"barh: {len(labels)} labels but {len(values)} values")
    fig, ax = _new_axes(ax, 7, 0.4 * len(labels) + 1.4)
    if not labels:
        return _nothing_to_show(ax, title, empty_message)

    order = sorted(range(len(values)), key=lambda i: -values[i])  # stable: ties keep input order
    positions = np.arange(len(order))
    bars = ax.barh(positions, [values[i] for i in order], color="#3b6ea8")
    ax.set_yticks(positions, ar_labels(labels[i] for i in order))
    ax.invert_yaxis()  # first (largest) bar at the top
    rtl_axes(ax, title=title, xlabel=xlabel, flip_x=True)  # bars start at the labels on the right
    # Few ticks: long Arabic labels leave the axis narrow, and each bar carries its value anyway.
    integer = all(isinstance(v, int | np.integer) for v in values)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=integer))
    ax.bar_label(bars, padding=3, fontsize=9)
    ax.margins(x=0.12)
    for side in ("top", "left"):
        ax.spines[side].set_visible(False)
    return fig


def heatmap(
    matrix,
    *,
    title: str = "",
    xlabel: str = "",
    ylabel: str = "",
    ax=None,
    empty_message: str = "nothing to show",
    cmap: str = "Blues",
    annotate: int = 400,
):
    """Heat map of a DataFrame (e.g. entity × article counts) laid out for right-to-left reading.

    Row labels sit on the right, the first column is rightmost, column labels run along the top, and
    the colour bar is on the left.

    Args:
        matrix: pandas DataFrame of numbers; its index and columns become the labels.
        title, xlabel, ylabel: texts (any language, logical order).
        ax: draw into this Axes instead of a new figure.
        empty_message: shown instead of the map when the frame is empty.
        cmap: matplotlib colour map name.
        annotate: write each cell's value when the map has at most this many cells.
    Returns:
        The matplotlib Figure.
    """
    rows, cols = matrix.shape
    fig, ax = _new_axes(ax, min(3 + 0.55 * cols, 16), min(3 + 0.35 * rows, 24))
    if rows == 0 or cols == 0:
        return _nothing_to_show(ax, title, empty_message)

    values = matrix.to_numpy(dtype=float)
    image = ax.imshow(values, cmap=cmap, aspect="auto", interpolation="nearest")
    ax.set_yticks(np.arange(rows), ar_labels(matrix.index))
    ax.set_xticks(np.arange(cols), ar_labels(matrix.columns), rotation=60, ha="left", rotation_mode="anchor")
    ax.xaxis.tick_top()
    ax.xaxis.set_label_position("top")
    rtl_axes(ax, title=title, xlabel=xlabel, ylabel=ylabel, flip_x=True)  # first column on the right
    if rows * cols <= annotate:
        threshold = np.nanmax(values) / 2 if np.isfinite(values).any() else 0
        for (r, c), value in np.ndenumerate(values):
            if np.isfinite(value):
                text = f"{value:g}"
                ax.text(
                    c, r, text, ha="center", va="center", fontsize=8, color="white" if value > threshold else "black"
                )
    fig.colorbar(image, ax=ax, location="left", pad=0.02)
    return fig


# --- saving -----------------------------------------------------------------------------------------------


def savefig(fig, name: str, out_dir: str | Path = ".", *, dpi: int = MIN_DPI) -> Path:
    """Save a figure as `out_dir/figures/<name>.png` atomically, and leave it open for the notebook to show.

    The figure is not closed: in a notebook, Jupyter shows every open figure below the cell that made it
    (and then closes it), so the reader of the notebook and of its HTML report sees the chart that was
    saved. A script that makes many figures closes each with `matplotlib.pyplot.close(fig)`.

    Args:
        fig: the matplotlib Figure.
        name: stable, descriptive file stem: lowercase letters, digits, `_` or `-` (e.g. "terms_top_entities").
        out_dir: output root; figures go to its `figures/` folder (created if missing).
        dpi: resolution, at least `MIN_DPI`.
    Returns:
        The path of the PNG.
    """
    if not _FIGURE_NAME.match(name):
        raise ValueError(f"figure name {name!r}: use lowercase letters, digits, '_' or '-' (e.g. 'terms_top_entities')")
    if dpi < MIN_DPI:
        raise ValueError(f"figure {name!r}: dpi {dpi} is below the minimum {MIN_DPI}")
    path = Path(out_dir) / "figures" / f"{name}.png"
    with files.atomic_path(path) as tmp:
        fig.savefig(tmp, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None})
    return path
