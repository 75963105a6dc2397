"""Arabic labels drawn by matplotlib read correctly: compared with independent shaping engines and OCR.

The reference is built without matplotlib: uharfbuzz shapes the logical string with the same Noto Sans
Arabic file, its glyph outlines are placed at HarfBuzz's positions and filled with Pillow (nonzero
winding, 4x supersampled). A label passes when matplotlib's rendering (of `plotting.ar(label)`) has the
same proportions as the reference and correlates with it pixel-wise. Negative controls prove the test
catches the bugs it is for: the double-shaped string (`get_display(reshape(text))` handed to a shaping
matplotlib), the logical string reversed, and the letters left unjoined must all fail.
A second reference (Pillow's own libraqm) checks the first, and tesseract's Arabic OCR must read the
drawn labels back in logical order, and not the broken ones.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys

import arabic_reshaper
import matplotlib
import numpy as np
import pytest
import uharfbuzz as hb
from bidi.algorithm import get_display
from fontTools.pens.basePen import BasePen
from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageOps, features

from arnews import plotting

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

FONT = str(plotting.FONT_PATH)
FONT_SIZE_PT, DPI = 48, 100
PX_PER_EM = FONT_SIZE_PT * DPI / 72
MIN_CORRELATION = 0.85  # correct renderings measured 0.94-0.98, every negative control <= 0.41
MAX_ASPECT_DIFFERENCE = 0.08  # correct renderings measured within 3 %

#: Real labels from the Putin–Kim summit coverage, with their English gloss.
LABELS = {
    "بيونغ يانغ": "Pyongyang",
    "كيم جونغ أون": "Kim Jong Un",
    "قمة 2024": "summit 2024",
    "وكالة سبوتنيك": "Sputnik agency",
    "وكالة إنترفاكس (Interfax)": "Interfax agency",
}

_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_LTR_RUN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9 .,:/-]*[A-Za-z0-9])?")


# --- the independent reference: HarfBuzz positions + outlines, filled by Pillow ---------------------------


class _FlattenPen(BasePen):
    """Collects glyph contours as polygons (Bézier segments cut into short lines)."""

    def __init__(self, steps: int = 8):
        super().__init__(None)
        self.contours: list[list[tuple[float, float]]] = []
        self._current: list[tuple[float, float]] = []
        self._t = np.linspace(0, 1, steps + 1)[1:, None]

    def _moveTo(self, pt):
        self._current = [pt]

    def _lineTo(self, pt):
        self._current.append(pt)

    def _curveToOne(self, p1, p2, p3):
        p0, t = np.array(self._getCurrentPoint()), self._t
        pts = (
            (1 - t) ** 3 * p0
            + 3 * (1 - t) ** 2 * t * np.array(p1)
            + 3 * (1 - t) * t**2 * np.array(p2)
            + t**3 * np.array(p3)
        )
        self._current.extend(map(tuple, pts))

    def _qCurveToOne(self, p1, p2):
        p0, t = np.array(self._getCurrentPoint()), self._t
        pts = (1 - t) ** 2 * p0 + 2 * (1 - t) * t * np.array(p1) + t**2 * np.array(p2)
        self._current.extend(map(tuple, pts))

    def _closePath(self):
        if len(self._current) > 2:
            self.contours.append(self._current)
        self._current = []

    _endPath = _closePath


def visual_runs(text: str) -> list[tuple[str, str]]:
    """(run, direction) in visual order: the part of the bidi algorithm these labels need.

    A paragraph whose first letter is Arabic is right to left; runs of Latin letters and digits
    (with the spaces and punctuation between them) inside it stay left to right.
    """
    first_letter = next((c for c in text if c.isalpha()), "")
    if not _ARABIC.match(first_letter):
        return [(text, "ltr")]
    runs, pos = [], 0
    for match in _LTR_RUN.finditer(text):
        if match.start() > pos:
            runs.append((text[pos : match.start()], "rtl"))
        runs.append((match.group(), "ltr"))
        pos = match.end()
    if pos < len(text):
        runs.append((text[pos:], "rtl"))
    return runs[::-1]


def _fill(contours: list[list[tuple[float, float]]], supersample: int) -> np.ndarray:
    """Ink coverage (0..1) of glyph contours in pixel units (y up), nonzero winding rule."""
    points = np.concatenate([np.asarray(c) for c in contours])
    x0, y0 = points.min(axis=0) - 2
    x1, y1 = points.max(axis=0) + 2
    width, height = int(x1 - x0) + 1, int(y1 - y0) + 1
    winding = np.zeros((height, width), np.int32)
    for contour in contours:
        pts = [(x - x0, y1 - y) for x, y in contour]
        area = sum(pts[i][0] * pts[i - 1][1] - pts[i - 1][0] * pts[i][1] for i in range(len(pts)))
        mask = Image.new("L", (width, height), 0)
        ImageDraw.Draw(mask).polygon(pts, fill=1)
        winding += int(np.sign(area)) * np.asarray(mask, np.int32)
    ink = Image.fromarray(((winding != 0) * 255).astype(np.uint8))
    ink = ink.resize((max(1, width // supersample), max(1, height // supersample)), Image.Resampling.BOX)
    return np.asarray(ink, float) / 255


def _draw_glyph_run(glyphs, font: hb.Font, scale: float) -> list:
    """Contours of (glyph id, x offset, y offset, x advance) placed left to right, in pixels."""
    contours, pen_x = [], 0
    for gid, dx, dy, advance in glyphs:
        pen = _FlattenPen()
        font.draw_glyph_with_pen(gid, pen)
        contours += [[((pen_x + dx + x) * scale, (dy + y) * scale) for x, y in c] for c in pen.contours]
        pen_x += advance
    return contours


def _hb_font() -> hb.Font:
    return hb.Font(hb.Face(hb.Blob.from_file_path(FONT)))


def harfbuzz_reference(text: str, supersample: int = 4) -> np.ndarray:
    """The label as a shaping engine draws it: HarfBuzz glyphs and positions, Pillow fill."""
    font = _hb_font()
    glyphs = []
    for run, direction in visual_runs(text):
        buf = hb.Buffer()
        buf.add_str(run)
        buf.guess_segment_properties()
        buf.direction = direction
        hb.shape(font, buf)
        glyphs += [
            (info.codepoint, pos.x_offset, pos.y_offset, pos.x_advance)
            for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True)
        ]
    return _fill(_draw_glyph_run(glyphs, font, PX_PER_EM * supersample / font.face.upem), supersample)


def unshaped_engine(text: str, supersample: int = 4) -> np.ndarray:
    """What matplotlib < 3.11 drew: each character's own glyph, left to right, no shaping, no bidi."""
    font = _hb_font()
    glyphs = []
    for char in text:
        gid = font.get_nominal_glyph(ord(char)) or 0
        glyphs.append((gid, 0, 0, font.get_glyph_h_advance(gid)))
    return _fill(_draw_glyph_run(glyphs, font, PX_PER_EM * supersample / font.face.upem), supersample)


def pillow_raqm(text: str) -> np.ndarray:
    """Pillow's own libraqm layout (FriBiDi + HarfBuzz) of the label: a second, full-bidi reference."""
    font = ImageFont.truetype(FONT, round(PX_PER_EM), layout_engine=ImageFont.Layout.RAQM)
    left, top, right, bottom = font.getbbox(text)
    image = Image.new("L", (right - left + 8, bottom - top + 8), 0)
    ImageDraw.Draw(image).text((4 - left, 4 - top), text, font=font, fill=255)
    return np.asarray(image, float) / 255


# --- matplotlib's rendering and the comparison ------------------------------------------------------------


def matplotlib_rendering(label: str) -> np.ndarray:
    """Ink coverage of `label` drawn by matplotlib (Agg, as savefig draws it)."""
    fig = plt.figure(figsize=(14, 2), dpi=DPI)
    fig.text(0.5, 0.5, label, fontsize=FONT_SIZE_PT, ha="center", va="center")
    fig.canvas.draw()
    gray = np.asarray(fig.canvas.buffer_rgba())[..., :3].mean(axis=-1)
    plt.close(fig)
    return 1 - gray / 255


def _crop(ink: np.ndarray) -> np.ndarray:
    rows, cols = np.nonzero(ink > 0.2)
    assert rows.size, "nothing was drawn"
    return ink[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1]


def compare(rendered: np.ndarray, reference: np.ndarray, height: int = 48) -> tuple[float, float]:
    """(pixel correlation, relative aspect-ratio difference) of two ink images, cropped to their ink."""
    rendered, reference = _crop(rendered), _crop(reference)
    width = max(1, round(height * reference.shape[1] / reference.shape[0]))

    def normalised(ink):
        image = Image.fromarray((ink * 255).astype(np.uint8)).resize((width, height), Image.Resampling.LANCZOS)
        return np.asarray(image.filter(ImageFilter.GaussianBlur(1)), float).ravel()

    correlation = float(np.corrcoef(normalised(rendered), normalised(reference))[0, 1])
    aspect = (rendered.shape[1] / rendered.shape[0]) / (reference.shape[1] / reference.shape[0])
    return correlation, abs(aspect - 1)


def reads_like(rendered: np.ndarray, reference: np.ndarray) -> bool:
    correlation, aspect_difference = compare(rendered, reference)
    return correlation >= MIN_CORRELATION and aspect_difference <= MAX_ASPECT_DIFFERENCE


# --- tests ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("label", LABELS)
def test_labels_through_ar_render_like_harfbuzz(label):
    reference = harfbuzz_reference(label)
    correlation, aspect_difference = compare(matplotlib_rendering(plotting.ar(label)), reference)
    assert correlation >= MIN_CORRELATION, f"{label} ({LABELS[label]}): correlation {correlation:.3f}"
    assert aspect_difference <= MAX_ASPECT_DIFFERENCE, f"{label}: proportions differ by {aspect_difference:.1%}"


@pytest.mark.parametrize("label", LABELS)
def test_double_shaped_label_is_caught(label):
    """The bug of issue #3: the pre-3.11 recipe handed to a shaping matplotlib renders reversed."""
    if not plotting.NATIVE_SHAPING:
        pytest.skip("this matplotlib does not shape: the recipe is its correct input")
    recipe = get_display(arabic_reshaper.reshape(label))
    assert not reads_like(matplotlib_rendering(recipe), harfbuzz_reference(label)), compare(
        matplotlib_rendering(recipe), harfbuzz_reference(label)
    )


@pytest.mark.parametrize("label", LABELS)
def test_reversed_and_unjoined_labels_are_caught(label):
    reference = harfbuzz_reference(label)
    reversed_text = matplotlib_rendering(label[::-1])
    unjoined = matplotlib_rendering("\u200c".join(label))  # ZWNJ between letters: isolated forms
    assert not reads_like(reversed_text, reference), compare(reversed_text, reference)
    assert not reads_like(unjoined, reference), compare(unjoined, reference)


@pytest.mark.parametrize("label", LABELS)
def test_legacy_branch_is_what_an_unshaping_matplotlib_needs(label):
    """ar(native=False) drawn glyph by glyph, left to right (matplotlib < 3.11), reads like HarfBuzz;
    the plain logical string drawn that way does not (the pre-3.11 bug the legacy branch exists for)."""
    reference = harfbuzz_reference(label)
    assert reads_like(unshaped_engine(plotting.ar(label, native=False)), reference), compare(
        unshaped_engine(plotting.ar(label, native=False)), reference
    )
    assert not reads_like(unshaped_engine(label), reference)


@pytest.mark.skipif(not features.check("raqm"), reason="Pillow here has no libraqm (it needs FriBiDi at run time)")
@pytest.mark.parametrize("label", [*LABELS, "ABC News"])
def test_reference_agrees_with_pillow_raqm(label):
    """The HarfBuzz reference (with its simple bidi runs) matches a full-bidi engine on these labels."""
    correlation, aspect_difference = compare(harfbuzz_reference(label), pillow_raqm(label))
    assert correlation >= MIN_CORRELATION and aspect_difference <= MAX_ASPECT_DIFFERENCE, (correlation, label)


def test_latin_label_renders_unchanged():
    label = "ABC News"
    assert plotting.ar(label) == label
    assert reads_like(matplotlib_rendering(plotting.ar(label)), harfbuzz_reference(label))
    assert not reads_like(matplotlib_rendering(label[::-1]), harfbuzz_reference(label))


def test_dollar_signs_do_not_switch_to_unshaped_mathtext():
    """Two `$` in article text ("بين $5 و$10", "between $5 and $10") would make matplotlib parse mathtext,
    which bypasses shaping; through ar() the label draws as the plain text does."""
    label = "بين $5 و$10"
    fig = plt.figure(figsize=(14, 2), dpi=DPI)
    fig.text(0.5, 0.5, label, fontsize=FONT_SIZE_PT, ha="center", va="center", parse_math=False)
    fig.canvas.draw()
    plain = 1 - np.asarray(fig.canvas.buffer_rgba())[..., :3].mean(axis=-1) / 255
    plt.close(fig)
    assert reads_like(matplotlib_rendering(plotting.ar(label)), plain)


# --- a third, unrelated reader: OCR ---------------------------------------------------------------------

#: Labels tesseract's Arabic model reads exactly when they are drawn right (a transliterated name on its
#: own, like بيونغ يانغ, is too unusual for its language model, so it is read inside a sentence).
OCR_LABELS = {
    "كيم جونغ أون": "Kim Jong Un",
    "قمة 2024": "summit 2024",
    "وكالة سبوتنيك": "Sputnik agency",
    "قمة بوتين وكيم في بيونغ يانغ": "the Putin–Kim summit in Pyongyang",
    "وصل الرئيس الروسي إلى بيونغ يانغ": "the Russian president arrived in Pyongyang",
}


@pytest.fixture(scope="module")
def tesseract_ara():
    """The tesseract command, when it has the Arabic model; a missing one fails in CI, is skipped elsewhere."""
    command = shutil.which("tesseract")
    langs = subprocess.run([command, "--list-langs"], capture_output=True, text=True).stdout.split() if command else []
    if "ara" not in langs:
        reason = "needs Debian's tesseract-ocr and tesseract-ocr-ara (.ci/run installs them when run as root)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return command


def ocr(tesseract: str, label: str) -> str:
    """What tesseract (Arabic model, one text line) reads in matplotlib's drawing of `label`."""
    fig = plt.figure(figsize=(12, 1.6), dpi=DPI)
    fig.text(0.5, 0.5, label, fontsize=40, ha="center", va="center")
    png = io.BytesIO()
    fig.savefig(png, format="png")
    plt.close(fig)
    image = Image.open(png).convert("L")
    image = ImageOps.expand(image.crop(ImageOps.invert(image).getbbox()), 24, fill=255)
    cropped = io.BytesIO()
    image.save(cropped, format="png")
    result = subprocess.run(
        [tesseract, "stdin", "stdout", "-l", "ara", "--psm", "7"], input=cropped.getvalue(), capture_output=True
    )
    return result.stdout.decode("utf-8").strip()


@pytest.mark.parametrize("label", OCR_LABELS)
def test_ocr_reads_labels_in_logical_order(tesseract_ara, label):
    assert ocr(tesseract_ara, plotting.ar(label)) == label


@pytest.mark.parametrize("label", OCR_LABELS)
def test_ocr_does_not_read_double_shaped_or_reversed_labels(tesseract_ara, label):
    if plotting.NATIVE_SHAPING:
        assert ocr(tesseract_ara, get_display(arabic_reshaper.reshape(label))) != label
    assert ocr(tesseract_ara, label[::-1]) != label


# --- the same figure whatever fonts the machine has -------------------------------------------------------

#: Draws one ranking chart in a fresh interpreter after arranging the fonts matplotlib knows. Setups:
#: "system" (as this machine is), "bundled" (system fonts removed: only matplotlib's own), "decoys" (bundled,
#: plus another file listed first under each name figures once asked for, "Noto Sans Arabic" and "DejaVu Sans",
#: as a system font package would), and "decoys-by-name" (the decoys, with fonts chosen by family name as
#: arnews did before: the negative control).
_RENDER_WITH_FONTS = r"""
import dataclasses, sys
from pathlib import Path
import matplotlib
matplotlib.use("Agg")
from matplotlib import font_manager

setup, out = sys.argv[1], sys.argv[2]
manager = font_manager.fontManager
bundled = Path(matplotlib.get_data_path())
if setup != "system":
    manager.ttflist = [e for e in manager.ttflist if Path(e.fname).is_relative_to(bundled)]
if setup.startswith("decoys"):
    serif = next(e for e in manager.ttflist if Path(e.fname).name == "DejaVuSerif.ttf")
    manager.ttflist[:0] = [dataclasses.replace(serif, name=n) for n in ("Noto Sans Arabic", "DejaVu Sans")]
from arnews import plotting
if setup == "decoys-by-name":
    manager.addfont(str(plotting.FONT_PATH))
    matplotlib.rcParams["font.family"] = ["Noto Sans Arabic", "DejaVu Sans"]
labels = ["وكالة إنترفاكس (Interfax)", "بيونغ يانغ", "كيم جونغ أون", "قمة 2024", "ABC News"]
fig = plotting.barh(labels, [12, 9, 7, 3, 1], title="أكثر الأسماء ذكراً (most named)", xlabel="عدد المرات")
plotting.savefig(fig, "fonts", out)
"""


def test_figures_are_byte_identical_whatever_fonts_the_system_has(tmp_path):
    # The labels: "Interfax agency", "Pyongyang", "Kim Jong Un", "summit 2024"; the title "most named".
    setups = ("system", "bundled", "decoys", "decoys-by-name")
    runs = {s: subprocess.Popen([sys.executable, "-c", _RENDER_WITH_FONTS, s, str(tmp_path / s)],
                                stderr=subprocess.PIPE, text=True) for s in setups}
    for setup, run in runs.items():
        assert run.wait(timeout=120) == 0, f"{setup}: {run.stderr.read()}"
    png = {s: (tmp_path / s / "figures" / "fonts.png").read_bytes() for s in setups}
    assert png["system"] == png["bundled"] == png["decoys"]
    assert png["decoys-by-name"] != png["bundled"]  # choosing fonts by name picks the decoys: the test sees it
