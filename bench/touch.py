"""A real touch for benchmark processes, without ``kivy.tests.common``: that module pulls in
pytest and unittest, which an app on a tablet never loads and which would count in the
measured start time and memory of both the app and its baseline."""

from __future__ import annotations

from kivy.base import EventLoop
from kivy.input.motionevent import MotionEvent


class BenchTouch(MotionEvent):
    def __init__(self, x: float, y: float) -> None:
        super().__init__("BenchTouch", 99, self._relative(x, y), is_touch=True, type_id="touch")
        self.profile = ["pos"]

    @staticmethod
    def _relative(x: float, y: float) -> dict[str, float]:
        window = EventLoop.window
        return {"x": x / (window.width - 1.0), "y": y / (window.height - 1.0)}

    def depack(self, args: dict[str, float]) -> None:
        self.sx, self.sy = args["x"], args["y"]
        super().depack(args)

    def down(self) -> None:
        EventLoop.post_dispatch_input("begin", self)

    def move_to(self, x: float, y: float) -> None:
        self.move(self._relative(x, y))
        EventLoop.post_dispatch_input("update", self)

    def up(self) -> None:
        EventLoop.post_dispatch_input("end", self)


def touch(x: float, y: float, to: float | None = None) -> None:
    """Down at (x, y), optionally along the row to x = ``to``, and up."""
    finger = BenchTouch(x, y)
    finger.down()
    if to is not None:
        finger.move_to(to, y)
    finger.up()
