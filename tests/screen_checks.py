"""What every screen must be at every window size, read from the running app's widgets:
text never breaks inside a word, touch targets are at least 48 dp, nothing lies over a button.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np


def _shown(root: object) -> Iterator[object]:
    """The widgets under ``root`` that can be seen: not faded out, not of zero size."""
    stack = [root]
    while stack:
        widget = stack.pop()
        if getattr(widget, "opacity", 1) == 0 or widget.width <= 0 or widget.height <= 0:
            continue
        yield widget
        stack.extend(widget.children)


def _in_scroll(widget: object) -> bool:
    from kivy.uix.scrollview import ScrollView

    parent = widget.parent
    while parent is not None and parent is not parent.parent:
        if isinstance(parent, ScrollView):
            return True
        parent = parent.parent
    return False


def window_rect(widget: object) -> tuple[float, float, float, float]:
    x, y = widget.to_window(widget.x, widget.y)
    return x, y, widget.width, widget.height


def window_crop(image: object, rect: tuple[float, float, float, float]) -> np.ndarray:
    """The pixels of a screenshot of the window (a PIL image) in ``rect`` (window coordinates,
    y up, as ``window_rect`` gives them), top row first; what lies outside the image is left out."""
    x, y, w, h = rect
    top = image.height - (y + h)
    return np.asarray(image)[max(0, round(top)):round(top + h), max(0, round(x)):round(x + w)]


def words_broken(root: object) -> list[str]:
    """Labels whose longest word is wider than the width they wrap at; text fields whose hint is cut."""
    from kivy.core.text import Label as CoreLabel
    from kivy.uix.label import Label
    from kivy.uix.textinput import TextInput

    broken = []
    for widget in _shown(root):
        if isinstance(widget, TextInput) and widget.hint_text and not widget.text and not widget.multiline:
            room = widget.width - widget.padding[0] - widget.padding[2]
            hint = CoreLabel(font_size=widget.font_size, font_name=widget.font_name).get_extents(widget.hint_text)[0]
            if hint > room + 1:
                broken.append(f"hint {widget.hint_text[:40]!r} cut: {hint} > {room:.0f}")
            continue
        if not isinstance(widget, Label) or not widget.text.strip() or widget.markup:
            continue
        width = widget.text_size[0]
        if not width:
            continue
        measure = CoreLabel(font_size=widget.font_size, font_name=widget.font_name, bold=widget.bold)
        if widget.shorten:  # one line, cut with an ellipsis: a title must not be cut (a list row may)
            if not _in_scroll(widget) and measure.get_extents(widget.text)[0] > width + 1:
                broken.append(f"{widget.text[:40]!r} cut: {measure.get_extents(widget.text)[0]} > {width:.0f}")
            continue
        for word in widget.text.split():
            if measure.get_extents(word)[0] > width + 1:
                broken.append(f"{word!r} in {widget.text[:40]!r}: {measure.get_extents(word)[0]} > {width:.0f}")
    return broken


def small_targets(root: object) -> list[str]:
    from kivy.metrics import dp
    from kivy.uix.behaviors import ButtonBehavior

    return [
        f"{getattr(w, 'text', type(w).__name__)!r} {w.width:.0f}x{w.height:.0f}"
        for w in _shown(root)
        if isinstance(w, ButtonBehavior) and (w.width < dp(48) - 0.5 or w.height < dp(48) - 0.5)
    ]


def _overlap(a: tuple, b: tuple) -> bool:
    return min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]) > 1 and min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]) > 1


def covered(root: object, extra: list[tuple[str, tuple]] = ()) -> list[str]:
    """Buttons (outside scrolling lists) that overlap each other, stick out of the window,
    or overlap one of ``extra`` (name, window rect): things drawn on a canvas, like kaartjes."""
    from kivy.core.window import Window
    from kivy.uix.behaviors import ButtonBehavior

    buttons = [w for w in _shown(root) if isinstance(w, ButtonBehavior) and not _in_scroll(w)]
    found = []
    for i, a in enumerate(buttons):
        ra = window_rect(a)
        if ra[0] < -1 or ra[1] < -1 or ra[0] + ra[2] > Window.width + 1 or ra[1] + ra[3] > Window.height + 1:
            found.append(f"{getattr(a, 'text', type(a).__name__)!r} leaves the window: {ra}")
        for b in buttons[i + 1 :]:
            if _overlap(ra, window_rect(b)):
                found.append(f"{getattr(a, 'text', '')!r} over {getattr(b, 'text', '')!r}")
        for name, rect in extra:
            if _overlap(ra, rect):
                found.append(f"{getattr(a, 'text', type(a).__name__)!r} over {name}")
    return found


def crowded_lists(root: object) -> list[str]:
    """Buttons inside one scrolling list that overlap each other (scrolled alike, so compared
    in window coordinates)."""
    from kivy.uix.behaviors import ButtonBehavior

    buttons = [w for w in _shown(root) if isinstance(w, ButtonBehavior) and _in_scroll(w)]
    found = []
    for i, a in enumerate(buttons):
        for b in buttons[i + 1 :]:
            if _overlap(window_rect(a), window_rect(b)):
                found.append(f"{getattr(a, 'text', type(a).__name__)!r} over {getattr(b, 'text', type(b).__name__)!r}")
    return found


def overflowing(root: object) -> list[str]:
    """Labels whose text (its texture) is wider than the label, and labels with a word wider
    than the width they wrap at (Kivy would break it mid-word): text must stay in its box."""
    from kivy.uix.label import Label

    found = [
        f"{w.text[:40]!r}: texture {w.texture_size[0]:.0f} > {w.width:.0f}"
        for w in _shown(root)
        if isinstance(w, Label) and w.text.strip() and w.texture_size[0] > w.width + 1
    ]
    return found + words_broken(root)
