"""The screenshot of the window (widgets/headless.window_image), used by the docs' pictures, the
benchmarks and every pixel test: it shows what the window shows and leaves the window as it was.

A canvas left owned by the screenshot's Fbo was never removed from the window again: every
later frame drew the screens of earlier tests, and the suite slowed to a crawl (CI 80 minutes)."""

from __future__ import annotations

from tests.kivy_helpers import frames, window_fixture  # noqa: F401


def test_a_screenshot_shows_the_widgets_and_leaves_the_window_as_it_was(window: object) -> None:
    from kivy.graphics import Color, Rectangle
    from kivy.uix.widget import Widget

    from widgets.headless import window_image

    below, above = Widget(), Widget()
    with below.canvas:
        Color(1, 0, 0, 1)
        Rectangle(pos=(0, 0), size=(200, 200))
    with above.canvas:
        Color(0, 0, 1, 1)
        Rectangle(pos=(100, 0), size=(200, 200))
    window.add_widget(below)
    window.add_widget(above)  # added last: drawn on top
    frames(1)
    order = list(window.canvas.children)

    image = window_image()

    height = image.height
    assert image.getpixel((50, height - 50)) == (255, 0, 0)
    assert image.getpixel((150, height - 50)) == (0, 0, 255)  # the later widget is on top
    assert list(window.canvas.children) == order
    window.remove_widget(above)
    window.remove_widget(below)
    frames(1)
    assert list(window.canvas.children) == []  # nothing of them is drawn any more
