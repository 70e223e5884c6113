"""Finding things in a picture by their colour: blobs of one colour and their centres.

Used to compare what the screen shows with what the snapshot draws, by pixels only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Blob:
    x: float  # centre of its pixels
    y: float
    left: int
    top: int
    right: int
    bottom: int
    area: int

    @property
    def width(self) -> int:
        return self.right - self.left + 1

    @property
    def height(self) -> int:
        return self.bottom - self.top + 1


def colour_mask(image: object, colour: tuple[int, int, int], tolerance: int = 6) -> np.ndarray:
    pixels = np.asarray(image, dtype=np.int16)[:, :, :3]
    return np.all(np.abs(pixels - np.array(colour, dtype=np.int16)) <= tolerance, axis=2)


def grey_mask(image: object, low: int, high: int, spread: int = 8) -> np.ndarray:
    pixels = np.asarray(image, dtype=np.int16)[:, :, :3]
    return (pixels.min(axis=2) >= low) & (pixels.max(axis=2) <= high) & (np.ptp(pixels, axis=2) <= spread)


def column_runs(columns: np.ndarray, gap: int) -> list[tuple[int, int]]:
    """Runs of inked columns (first, last), split where ``gap`` or more empty columns lie between."""
    runs: list[tuple[int, int]] = []
    for x in np.where(columns)[0]:
        if runs and x - runs[-1][1] <= gap:
            runs[-1] = (runs[-1][0], int(x))
        else:
            runs.append((int(x), int(x)))
    return runs


def blobs(mask: np.ndarray, min_area: int = 12) -> list[Blob]:
    """The 4-connected regions of ``mask`` of at least ``min_area`` pixels."""
    seen = np.zeros(mask.shape, dtype=bool)
    found: list[Blob] = []
    height, width = mask.shape
    for y0, x0 in zip(*np.nonzero(mask), strict=True):
        if seen[y0, x0]:
            continue
        stack, xs, ys = [(int(y0), int(x0))], [], []
        seen[y0, x0] = True
        while stack:
            y, x = stack.pop()
            xs.append(x)
            ys.append(y)
            for ny, nx in ((y - 1, x), (y + 1, x), (y, x - 1), (y, x + 1)):
                if 0 <= ny < height and 0 <= nx < width and mask[ny, nx] and not seen[ny, nx]:
                    seen[ny, nx] = True
                    stack.append((ny, nx))
        if len(xs) >= min_area:
            found.append(Blob(sum(xs) / len(xs), sum(ys) / len(ys), min(xs), min(ys), max(xs), max(ys), len(xs)))
    return found


def same_place(one: Blob, other: Blob, tolerance: float) -> bool:
    """Every edge of the two blobs and their centres within ``tolerance`` px."""
    pairs = ((one.left, other.left), (one.right, other.right), (one.top, other.top), (one.bottom, other.bottom))
    edges = all(abs(a - b) <= tolerance for a, b in pairs)
    return edges and abs(one.x - other.x) <= tolerance + 0.5 and abs(one.y - other.y) <= tolerance + 0.5


def unmatched(ours: list[Blob], theirs: list[Blob], tolerance: float) -> list[Blob]:
    """Blobs of ``ours`` with no blob of ``theirs`` at the same place (see ``same_place``)."""
    return [blob for blob in ours if not any(same_place(blob, other, tolerance) for other in theirs)]


def worst_offset(ours: list[Blob], theirs: list[Blob]) -> float:
    """The largest distance (edges and centre) from a blob of ``ours`` to its nearest in ``theirs``."""

    def offset(one: Blob, other: Blob) -> float:
        return max(
            abs(one.left - other.left),
            abs(one.right - other.right),
            abs(one.top - other.top),
            abs(one.bottom - other.bottom),
            abs(one.x - other.x),
            abs(one.y - other.y),
        )

    return max((min(offset(blob, other) for other in theirs) for blob in ours), default=0.0)


@dataclass(frozen=True)
class Head:
    """An arrow found in a picture: where its head's tip is, and the height of its line."""

    tip_x: float
    y: float
    direction: int  # 1: to the right


def arrow_heads(mask: np.ndarray, min_area: int = 40) -> list[Head]:
    """Arrows in ``mask``: blobs with a thin line and a wider head at one end. The line's
    far end may be hidden under a fiche; the tip is what marks where the arrow points."""
    heads = []
    for blob in blobs(mask, min_area):
        part = mask[blob.top : blob.bottom + 1, blob.left : blob.right + 1]
        columns = part.sum(axis=0)
        line = np.median(columns[columns > 0])
        wide = np.nonzero(columns >= max(line * 2, line + 4))[0]
        if len(wide) == 0 or blob.width < 3 * len(wide) / 2:
            continue
        rows = np.nonzero(part.sum(axis=1) >= min(blob.width * 0.3, 8))[0]
        y = blob.top + (rows.mean() if len(rows) else part.shape[0] / 2)
        if wide.mean() > blob.width / 2:
            heads.append(Head(float(blob.left + wide.max()), float(y), 1))
        else:
            heads.append(Head(float(blob.left + wide.min()), float(y), -1))
    return heads


def unmatched_heads(ours: list[Head], theirs: list[Head], tolerance: float) -> list[Head]:
    return [
        head
        for head in ours
        if not any(
            head.direction == other.direction
            and abs(head.tip_x - other.tip_x) <= tolerance
            and abs(head.y - other.y) <= tolerance
            for other in theirs
        )
    ]
