"""arnews.plotting: the shaping decision, both branches of ar(), the font, the RTL charts and savefig."""

from __future__ import annotations

import unicodedata
import warnings
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib import font_manager
from matplotlib.path import Path as MplPath
from matplotlib.textpath import TextPath
from PIL import Image

from arnews import plotting

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

# Real labels from the summit coverage: Pyongyang, Kim Jong Un, summit 2024, Sputnik agency,
# Interfax agency, a Latin outlet name.
LABELS = ["بيونغ يانغ", "كيم جونغ أون", "قمة 2024", "وكالة سبوتنيك", "وكالة إنترفاكس (Interfax)", "ABC News"]


# --- the decision -----------------------------------------------------------------------------------------


def test_pinned_matplotlib_shapes_natively():
    # matplotlib 3.11 lays text out with libraqm; the probe must recognise it.
    assert hasattr(matplotlib.ft2font, "__libraqm_version__")
    assert plotting.NATIVE_SHAPING is True
    assert plotting.probe_native_shaping() is True


def _unshaping_layout(xy, text, size, prop):
    """A stand-in for matplotlib < 3.11: each character's isolated glyph, placed left to right."""
    vertices, codes, x = [], [], 0.0
    for char in text:
        glyph = TextPath((0, 0), char, size=size, prop=prop)
        if len(glyph.vertices):
            vertices.append(glyph.vertices + [x, 0])
            codes.append(glyph.codes)
        x += glyph.get_extents().width + 0.05 * size
    return MplPath(np.concatenate(vertices), np.concatenate(codes))


def test_probe_rejects_an_engine_that_neither_joins_nor_reorders():
    assert plotting.probe_native_shaping(layout=_unshaping_layout) is False


def test_probe_rejects_an_engine_that_joins_but_runs_left_to_right():
    def joined_but_mirrored(xy, text, size, prop):
        path = TextPath(xy, text, size=size, prop=prop)
        return MplPath(path.vertices * [-1, 1], path.codes)  # correct glyphs, left-right order flipped

    assert plotting.probe_native_shaping(layout=joined_but_mirrored) is False


# --- ar(): native branch ------------------------------------------------------------------------------------


@pytest.mark.parametrize("label", LABELS)
def test_native_branch_returns_logical_text_unchanged(label):
    assert plotting.ar(label, native=True) == label
    assert plotting.ar(label) == label  # the pinned matplotlib takes the native branch
    assert plotting.ar(plotting.ar(label)) == label  # never shaped twice


def test_ar_accepts_non_strings():
    assert plotting.ar(None) == ""
    assert plotting.ar(2024) == "2024"
    assert plotting.ar_labels(["قمة", 7]) == ["قمة", "7"]


def test_dollar_signs_are_escaped_once():
    # "بين $5 و$10" (between $5 and $10): two dollars would switch matplotlib to mathtext.
    escaped = plotting.ar("بين $5 و$10")
    assert escaped == "بين \\$5 و\\$10"
    assert not matplotlib.cbook.is_math_text(escaped)
    assert plotting.ar(escaped) == escaped


# --- ar(): legacy branch ------------------------------------------------------------------------------------


def test_legacy_branch_gives_joined_forms_in_visual_order():
    """بيونغ يانغ (Pyongyang): read right to left, each letter takes the form Arabic joining rules give
    it (و and ا do not join leftwards, so the ن after them starts a new joined group)."""
    legacy = plotting.ar("بيونغ يانغ", native=False)
    logical_names = [unicodedata.name(c) for c in reversed(legacy)]
    assert logical_names == [
        "ARABIC LETTER BEH INITIAL FORM",
        "ARABIC LETTER YEH MEDIAL FORM",
        "ARABIC LETTER WAW FINAL FORM",
        "ARABIC LETTER NOON INITIAL FORM",
        "ARABIC LETTER GHAIN FINAL FORM",
        "SPACE",
        "ARABIC LETTER YEH INITIAL FORM",
        "ARABIC LETTER ALEF FINAL FORM",
        "ARABIC LETTER NOON INITIAL FORM",
        "ARABIC LETTER GHAIN FINAL FORM",
    ]


def test_legacy_branch_keeps_digits_and_latin_left_to_right():
    # قمة 2024 (summit 2024): visually the number sits left of the word and still reads 2024.
    assert unicodedata.normalize("NFKC", plotting.ar("قمة 2024", native=False)) == "2024 ةمق"
    legacy = plotting.ar("وكالة إنترفاكس (Interfax)", native=False)
    assert legacy.startswith("(Interfax) ")
    assert plotting.ar("ABC News", native=False) == "ABC News"


@pytest.mark.parametrize("label", LABELS[:5])
def test_legacy_branch_differs_from_native(label):
    assert plotting.ar(label, native=False) != plotting.ar(label, native=True)


# --- font ---------------------------------------------------------------------------------------------------


def test_font_comes_from_the_pip_package_and_is_the_default():
    assert "fontpkg_noto_sans_arabic" in str(plotting.FONT_PATH)
    assert plotting.FALLBACK_PATH.is_relative_to(matplotlib.get_data_path())  # matplotlib's own DejaVu Sans
    assert list(matplotlib.rcParams["font.family"]) == [plotting.FONT_FAMILY, plotting.FALLBACK_FAMILY]
    resolved = [font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
                for family in matplotlib.rcParams["font.family"]]
    assert resolved == [str(plotting.FONT_PATH), str(plotting.FALLBACK_PATH)]


def test_figure_families_name_only_the_registered_files():
    # The families are names no installed font carries: each resolves to exactly one registered file per style,
    # so a system "Noto Sans Arabic" or "DejaVu Sans" (Debian's fonts-noto-core, fonts-dejavu-core) is never drawn.
    for family, files in ((plotting.FONT_FAMILY, {plotting.FONT_PATH}),
                          (plotting.FALLBACK_FAMILY, {plotting.FALLBACK_PATH.with_name(n) for n in
                                                      ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf",
                                                       "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf")})):
        entries = {Path(e.fname) for e in font_manager.fontManager.ttflist if e.name == family}
        assert entries == files, family


def test_every_text_of_a_chart_resolves_to_the_pip_font():
    # A ranking with Arabic, Latin and digits in its labels, title and values ("Interfax agency", "Pyongyang").
    fig = plotting.barh(LABELS, [5, 4, 3, 2, 2, 1], title="أكثر الأسماء ذكراً (most named)", xlabel="عدد المرات")
    fig.canvas.draw()
    texts = [t for t in fig.findobj(matplotlib.text.Text) if t.get_text()]
    plt.close(fig)
    assert len(texts) >= 15  # title, axis label, six tick labels, six bar values, x ticks
    fonts = {Path(font_manager.findfont(t.get_fontproperties(), fallback_to_default=False)) for t in texts}
    assert fonts == {plotting.FONT_PATH}


def test_registering_a_file_twice_adds_it_once():
    before = len(font_manager.fontManager.ttflist)
    plotting.register_font_file(plotting.FONT_PATH, plotting.FONT_FAMILY)
    assert len(font_manager.fontManager.ttflist) == before


def test_mixed_labels_draw_without_missing_glyphs():
    # Arabic, Latin, Western and Arabic-Indic digits, Arabic punctuation, percent, a minus sign.
    labels = [*LABELS, "١٤٤٥ هـ", "هل التقى بوتين وكيم؟", "نسبة ٪٣٠، −5"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph … missing from font(s)"; ar warns too
        fig, ax = plt.subplots()
        ax.set_title(plotting.ar(" | ".join(labels)))
        ax.set_yticks(range(len(labels)), plotting.ar_labels(labels))
        fig.canvas.draw()
        plt.close(fig)
    assert all(plotting.missing_glyphs(label) == [] for label in labels)


def test_missing_glyphs_warn_with_label_and_characters_and_no_tofu():
    label = "الصين 中国 🦀"  # "China" followed by Chinese characters and an emoji
    with pytest.warns(UserWarning) as caught:
        drawn = plotting.ar(label)
    message = str(caught[0].message)
    assert label in message
    assert "U+4E2D" in message and "U+56FD" in message and "U+1F980" in message
    assert drawn == "الصين \ufffd\ufffd \ufffd"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = plt.figure()
        fig.text(0.1, 0.5, drawn)
        fig.canvas.draw()  # the replacement glyph exists (DejaVu Sans): no tofu, no matplotlib warning
        plt.close(fig)


def test_layout_controls_are_not_reported_missing():
    assert plotting.missing_glyphs("كيم\u200c جونغ\u200f\n2024") == []


# --- barh ---------------------------------------------------------------------------------------------------


def _drawn(fig):
    fig.canvas.draw()
    return fig.canvas.get_renderer()


def test_barh_labels_on_the_right_largest_on_top():
    outlets = ["وكالة سبوتنيك", "ABC News", "وكالة إنترفاكس (Interfax)", "قمة 2024"]
    fig = plotting.barh(outlets, [2, 9, 5, 9], title="المصادر (sources)", xlabel="عدد المقالات")
    ax = fig.axes[0]
    renderer = _drawn(fig)
    axes_box = ax.get_window_extent(renderer)
    ticks = [t for t in ax.get_yticklabels() if t.get_text()]
    assert all(t.get_window_extent(renderer).x0 >= axes_box.x1 for t in ticks)  # right of the plot
    # top to bottom in display space: descending values, ties in input order
    by_height = sorted(ticks, key=lambda t: -t.get_window_extent(renderer).y0)
    assert [t.get_text() for t in by_height] == ["ABC News", "قمة 2024", "وكالة إنترفاكس (Interfax)", "وكالة سبوتنيك"]
    bars = sorted(ax.patches, key=lambda p: -p.get_window_extent(renderer).y0)
    widths = [p.get_window_extent(renderer).width for p in bars]
    assert widths == sorted(widths, reverse=True)
    assert all(abs(p.get_window_extent(renderer).x1 - axes_box.x1) < 2 for p in bars)  # grow from the right
    assert [t.get_text() for t in ax.texts] == ["9", "9", "5", "2"]  # integer value labels
    assert ax.get_title(loc="right") == "المصادر (sources)"
    plt.close(fig)


def test_barh_handles_zero_and_one_bar():
    empty = plotting.barh([], [], title="لا شيء (nothing)")
    assert not empty.axes[0].patches
    assert "nothing to show" in [t.get_text() for t in empty.axes[0].texts]
    one = plotting.barh(["بيونغ يانغ"], [np.int64(3)])
    assert len(one.axes[0].patches) == 1
    _drawn(one)
    plt.close("all")


def test_barh_rejects_mismatched_lengths():
    with pytest.raises(ValueError, match="2 labels but 1 values"):
        plotting.barh(["بوتين", "كيم"], [1])


def test_barh_draws_into_given_axes():
    fig, (left, right) = plt.subplots(1, 2)
    assert plotting.barh(["بوتين"], [1.5], ax=right) is fig
    assert right.patches and not left.patches
    plt.close(fig)


def test_rtl_axes_moves_the_y_axis_right_and_aligns_texts_right():
    fig, ax = plt.subplots()
    ax.plot([2019, 2023, 2024], [1, 1, 2])
    assert plotting.rtl_axes(ax, title="القمم (summits)", ylabel="عدد القمم") is ax
    assert ax.yaxis.get_ticks_position() == "right" and ax.yaxis.get_label_position() == "right"
    assert ax.get_title(loc="right") == "القمم (summits)" and ax.get_title(loc="center") == ""
    assert not ax.xaxis_inverted()  # time keeps running left to right unless asked
    plotting.rtl_axes(ax, flip_x=True)
    assert ax.xaxis_inverted()
    plt.close(fig)


# --- heatmap ------------------------------------------------------------------------------------------------


def test_heatmap_rows_on_the_right_first_column_rightmost():
    matrix = pd.DataFrame(
        [[3, 0, 1], [0, 2, 4]], index=["بوتين", "كيم جونغ أون"], columns=["article-1", "article-2", "article-3"]
    )
    fig = plotting.heatmap(matrix, title="الكيانات في المقالات (entities per article)")
    ax = fig.axes[0]
    renderer = _drawn(fig)
    axes_box = ax.get_window_extent(renderer)
    rows = [t for t in ax.get_yticklabels() if t.get_text()]
    assert [t.get_text() for t in rows] == ["بوتين", "كيم جونغ أون"]
    assert all(t.get_window_extent(renderer).x0 >= axes_box.x1 for t in rows)
    cols = {t.get_text(): t.get_window_extent(renderer).x0 for t in ax.get_xticklabels() if t.get_text()}
    assert cols["article-1"] > cols["article-2"] > cols["article-3"]
    assert sorted(t.get_text() for t in ax.texts) == ["0", "0", "1", "2", "3", "4"]
    plt.close(fig)


def test_heatmap_of_nothing_says_so():
    fig = plotting.heatmap(pd.DataFrame(), title="لا كيانات")
    assert "nothing to show" in [t.get_text() for t in fig.axes[0].texts]
    plt.close(fig)


# --- savefig ------------------------------------------------------------------------------------------------


def test_savefig_writes_png_at_150_dpi_and_leaves_the_figure_for_the_notebook(tmp_path):
    fig = plotting.barh(["بيونغ يانغ", "موسكو"], [4, 2], title="المدن (cities)")
    path = plotting.savefig(fig, "delegations_cities", tmp_path)
    assert path == tmp_path / "figures" / "delegations_cities.png"
    with Image.open(path) as image:
        assert image.format == "PNG"
        assert round(image.info["dpi"][0]) >= 150
    # Still open: Jupyter shows it below the cell (a closed figure would be missing from notebook and report).
    assert plt.fignum_exists(fig.number)
    plt.close(fig)
    assert [p.name for p in path.parent.iterdir()] == ["delegations_cities.png"]  # no temp file left


def test_shorten_cuts_long_titles_at_a_word():
    # "Putin holds talks with Kim Jong Un at the Kumsusan guest house in Pyongyang"
    title = "بوتين يجري مباحثات مع كيم جونغ أون في دار ضيافة كومسوسان في بيونغ يانغ"
    short = plotting.shorten(title, 30)
    assert len(short) <= 30 and short.endswith("…") and title.startswith(short[:-1])
    assert title[len(short) - 1] == " "  # cut before a space: no half word
    assert plotting.shorten("  قمة   بوتين  ", 30) == "قمة بوتين"


def test_savefig_is_byte_stable(tmp_path):
    paths = [
        plotting.savefig(plotting.barh(["قمة 2024"], [1]), "timeline_summits", tmp_path / str(i)) for i in range(2)
    ]
    assert paths[0].read_bytes() == paths[1].read_bytes()


@pytest.mark.parametrize("name", ["", "Top Terms", "../escape", "terms.png", "قمة"])
def test_savefig_rejects_unstable_names(tmp_path, name):
    fig = plt.figure()
    with pytest.raises(ValueError, match="figure name"):
        plotting.savefig(fig, name, tmp_path)
    plt.close(fig)


def test_savefig_rejects_low_dpi(tmp_path):
    fig = plt.figure()
    with pytest.raises(ValueError, match="below the minimum 150"):
        plotting.savefig(fig, "terms_top", tmp_path, dpi=72)
    plt.close(fig)
