"""Cached textures for the board: names rendered once per size, pictograms loaded once.

The board draws text and pictures as textured rectangles on its canvas (no widget per
bar); the cache makes a rebuild after a reorder or a resize cost no font rendering.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import ClassVar

import kivy.uix.label as kivy_label
from kivy.core.image import Image as CoreImage
from kivy.core.text import Label as CoreLabel
from kivy.graphics import Canvas, InstructionGroup, PopMatrix, PushMatrix, Translate
from kivy.graphics.texture import Texture

from board import schrift
from board.assets import ASSETS_DIR, PICTOGRAM_DIR  # not board.leefgebieden: the lock screen needs no set
from board.passen import biggest_font

# Magneetbord Sans: Latin, Cyrillic, Arabic and Ethiopic in one family (assets/fonts/build_font.py)
FONT_REGULAR = str(ASSETS_DIR / "fonts" / "MagneetbordSans-Regular.ttf")
FONT_BOLD = str(ASSETS_DIR / "fonts" / "MagneetbordSans-Bold.ttf")
SAD = PICTOGRAM_DIR / "verdrietig.png"
HAPPY = PICTOGRAM_DIR / "blij.png"

RGBA = tuple[float, float, float, float]


def rgba(rgb: tuple[int, int, int], alpha: float = 1.0, shade: float = 1.0) -> RGBA:
    """A board/weergave colour (0-255) as Kivy's 0-1 RGBA; ``shade`` below 1 darkens it (a
    pressed button in the same colour)."""
    return (rgb[0] * shade / 255, rgb[1] * shade / 255, rgb[2] * shade / 255, alpha)


def over(rgb: tuple[int, int, int], alpha: float, background: tuple[float, ...]) -> RGBA:
    """``rgb`` (0-255) at ``alpha`` over an even ``background`` (0-1 RGB), as one opaque colour:
    what the window shows, without SDL's slow per-pixel blend of a text colour with alpha (P10)."""
    return (*(alpha * c / 255 + (1 - alpha) * b for c, b in zip(rgb, background[:3], strict=True)), 1.0)


@cache
def pictogram_texture(path: Path) -> Texture:
    # mipmap keeps the 128 px pictograms smooth when drawn at 40 px.
    return CoreImage(str(path), mipmap=True).texture


# Points per corner of a rounded outline (``Line(rounded_rectangle=(..., radius, CORNER)``):
# Kivy's 30 for a corner of 10 dp or a bar's round end is more than the eye sees, and every
# kaartje and bar builds its outline anew (P10).
CORNER = 12


class MeasuringLabel(CoreLabel):
    """Kivy's core label, remembering per font how wide and high each piece of text it measured
    is: fitting a name lays it out at several fonts, measures its words alone and then again in
    lines, and every visit's board and kaartjes measure the same names (P10: text measuring was
    the biggest part of drawing them). Kivy's layout asks ``get_cached_extents`` for the
    measuring function for this purpose (valid while the font settings stay as they are)."""

    _measured: ClassVar[dict[tuple, dict[str, tuple[int, int]]]] = {}
    MOST = 50_000  # pieces of text remembered per font, at most

    def get_cached_extents(self) -> Callable[[str], tuple[int, int]]:
        self.resolve_font_name()
        options = self.options
        font = (self._get_font_id(), options.get("font_hinting"), options.get("font_kerning"),
                options.get("outline_width"))
        measured = self._measured.setdefault(font, {})
        measure = self.get_extents

        def extents(text: str) -> tuple[int, int]:
            size = measured.get(text)
            if size is None:
                if len(measured) >= self.MOST:
                    measured.clear()
                size = measured[text] = tuple(measure(text))
            return size

        return extents


# Every Label of the app lays its text out with this one (Kivy's Label makes its core label
# from ``kivy.uix.label.CoreLabel``): a screen's labels measure the same words visit after
# visit ("vervolgmeting", a button's text, a month), each measuring a shaping pass in SDL_ttf
# (P10: 46.3 -> 44.6 M instructions in the median visit). The texts drawn stay the same
# (tests/test_textures_meten.py). Markup labels keep Kivy's own.
kivy_label.CoreLabel = MeasuringLabel


def _core_label(text: str, font_size: int, width: int | None, bold: bool, color: RGBA, halign: str,
                line_height: float = 1.0) -> CoreLabel:
    """The Kivy label that draws ``text``. Right-to-left text is shaped, broken into lines and
    ordered by board/schrift.py, and aligned right."""
    if schrift.has_rtl(text):
        text = rtl_text(text, width, FONT_BOLD if bold else FONT_REGULAR, font_size)
        halign = "right" if halign == "left" else halign
    return MeasuringLabel(
        text=text,
        font_size=font_size,
        font_name=FONT_BOLD if bold else FONT_REGULAR,
        color=color,
        halign=halign,
        text_size=(width, None),
        padding=(0, 0),
        line_height=line_height,
    )


@cache
def label_texture(
    text: str,
    font_size: int,
    width: int | None = None,
    bold: bool = False,
    color: RGBA = (0.16, 0.16, 0.16, 1.0),
    halign: str = "left",
    line_height: float = 1.0,
) -> Texture:
    """``text`` rendered at ``font_size`` px, wrapped at ``width`` px if given; lines after the
    first ``line_height`` of the font's line apart (Kivy gives the last line its full height)."""
    label = _core_label(text, font_size, width, bold, color, halign, line_height)
    label.refresh()
    return label.texture


@dataclass(frozen=True)
class Wrapped:
    """A text laid out by Kivy at a font and width, as ``label_texture`` draws it."""

    size: tuple[int, int]  # of the texture
    lines: int
    whole_words: bool  # no word broken over two lines and no line wider than the width


@cache
def wrapped(text: str, font_size: int, width: int | None = None, bold: bool = False,
            line_height: float = 1.0) -> Wrapped:
    """``text`` laid out as ``label_texture`` would (Kivy's first pass, the one that sizes the
    texture), without a texture: the fonts that fitting tries and does not keep cost no texture
    memory (P8). Whether a word was broken is read from the lines Kivy made, so fitting lays a
    text out once per font it tries, not once more for each word alone (P10)."""
    label = _core_label(text, font_size, width, bold, (0.16, 0.16, 0.16, 1.0), "left", line_height)
    label.resolve_font_name()
    w, h = label.render()
    lines = label._cached_lines  # Kivy's layout: the lines with their words (no public accessor)
    whole = width is None or (all(line.w <= width for line in lines) and not _breaks_a_word(label.text, lines))
    size = (1, 1) if w <= 1 or h <= 1 else (int(w), int(h))  # refresh's 1 px texture
    return Wrapped(size, max(1, len(lines)), whole)


def _breaks_a_word(text: str, lines: list) -> bool:
    """Whether Kivy wrapped ``text`` inside a word: a line it wrapped to starts right after a
    letter of the line before (it breaks a word that does not fit on a line of its own)."""
    at = 0
    for number, line in enumerate(lines):
        piece = "".join(word.text for word in line.words)
        if not piece:
            continue
        start = text.find(piece, at)
        if start < 0:
            return True  # not the text as given: take it as broken, never as fitting
        if number and line.line_wrap and start and not text[start - 1].isspace() and not piece[0].isspace():
            return True
        at = start + len(piece)
    return False


def label_size(text: str, font_size: int, width: int | None = None, bold: bool = False,
               line_height: float = 1.0) -> tuple[int, int]:
    """The size of ``label_texture`` of the same text, font and width (see ``wrapped``)."""
    return wrapped(text, font_size, width, bold, line_height).size


def whole_words(text: str, font_size: int, width: int, bold: bool = False) -> bool:
    """Whether ``text`` wraps at ``width`` px between words only: no word is broken."""
    return wrapped(text, font_size, width, bold).whole_words


@cache
def rtl_text(text: str, width: float | None, font_name: str, font_size: float) -> str:
    """``text`` as a Kivy Label draws it right: for right-to-left text the lines broken at
    ``width`` and each in drawing order (Kivy can neither shape nor reorder); other text as is.
    For a kv Label: ``text: rtl_text(t, self.width, self.font_name, self.font_size)``."""
    if not schrift.has_rtl(text):
        return text
    extents = MeasuringLabel(font_size=font_size, font_name=font_name).get_cached_extents()
    # Broken 2 px short of ``width``: Kivy, measuring the same lines again at ``width``, must
    # not wrap them a second time (nor draw a texture wider than the label).
    width = None if width is None or width <= 3 else width - 2
    return "\n".join(schrift.visual_lines(text, width, lambda line: extents(line)[0]))


@cache
def font_to_fit(text: str, font_name: str, font_size: float, width: float, least: float = 0.6) -> float:
    """``font_size``, or smaller (down to ``least`` of it) so that ``text`` on one line fits
    ``width``: a short label that must not run out of its button in any language."""
    if not text or width <= 0:
        return font_size
    extents = MeasuringLabel(font_size=font_size, font_name=font_name).get_cached_extents()
    wide = extents(rtl_text(text, None, font_name, font_size))[0]
    return font_size if wide <= width else max(font_size * least, font_size * width / wide)


def rtl_texts(texts: list[str], width: float | None, font_name: str, font_size: float) -> list[str]:
    """``rtl_text`` of each of ``texts`` (a kv rule cannot loop over them itself)."""
    return [rtl_text(text, width, font_name, font_size) for text in texts]


def text_lines(text: str, font_size: int, width: int, bold: bool = False) -> int:
    """How many lines ``text`` takes wrapped at ``width`` px."""
    return wrapped(text, font_size, width, bold).lines


def lines_height(lines: int, font_size: int, line_height: float = 1.0) -> float:
    """The height of ``lines`` lines at ``font_size`` drawn ``line_height`` apart."""
    one = label_size("Hg", font_size)[1]
    return one + (lines - 1) * one * line_height


def fits_at(text: str, width: int, height: int, font: int, bold: bool = False, lines: int = 0,
            line_height: float = 1.0) -> bool:
    """Whether ``text`` at ``font`` px wraps into ``width`` px between words only, in no more
    than ``lines`` lines (when given) and ``height`` px."""
    layout = wrapped(text, font, width, bold, line_height)
    return layout.whole_words and (not lines or layout.lines <= lines) and layout.size[1] <= height


@cache
def fitted_font(text: str, width: int, height: int, max_font: int, min_font: int, bold: bool = False,
                lines: int = 0, line_height: float = 1.0) -> int:
    """The font ``fitted_label`` draws ``text`` at (see there)."""

    def fits(font: float, most_lines: int = lines) -> bool:
        return fits_at(text, width, height, round(font), bold, most_lines, line_height)

    font = biggest_font(fits, max_font, min_font)
    if font > min_font:
        return round(font)
    # Nothing fits at min_font or above: smaller still, down to 60 % of it (the line limit let go).
    floor = max(6, round(min_font * 0.6))
    return round(biggest_font(lambda f: fits(f, 0), min_font, floor))


def fitted_label(
    text: str,
    width: int,
    height: int,
    max_font: int,
    min_font: int,
    bold: bool = False,
    color: RGBA = (0.16, 0.16, 0.16, 1.0),
    lines: int = 0,
    line_height: float = 1.0,
) -> Texture:
    """``text`` at the biggest font (``max_font`` down to ``min_font``) at which every
    word fits ``width`` and all lines fit ``height`` (and are no more than ``lines``, when
    given): names wrap between words, never inside one. Where nothing fits at ``min_font``
    (a long Ukrainian or Polish word in a narrow column, a long English name on a small card),
    the font goes smaller still, down to 60 % of ``min_font``, rather than letting the text
    break inside a word or run out of its box."""
    font = fitted_font(text, width, height, max_font, min_font, bold, lines, line_height)
    return label_texture(text, font, width, bold, color, line_height=line_height)


def placed_once(
    drawn: dict[tuple, tuple[InstructionGroup, Translate]],
    key: tuple,
    draw: Callable[[], None],
    pos: tuple[float, float],
    keep: int = 48,
) -> InstructionGroup:
    """The instructions ``draw()`` makes at the origin, kept in ``drawn`` under ``key`` (all
    they show but their place) and reused while nothing of it changes, put at ``pos`` with a
    ``Translate``: a bar or kaartje that only moved (a drag that lifts another bar, the next
    visit's order) is not drawn again (P10). The ``keep`` most recently used are kept."""
    entry = drawn.pop(key, None)
    if entry is None:
        canvas, translate = Canvas(), Translate()
        with canvas:
            draw()
        group = InstructionGroup()
        for instruction in (PushMatrix(), translate, canvas, PopMatrix()):
            group.add(instruction)
        entry = (group, translate)
    entry[1].xy = pos
    drawn[key] = entry  # the most recent last
    while len(drawn) > keep:
        drawn.pop(next(iter(drawn)))
    return entry[0]
