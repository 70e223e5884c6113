"""Hypothesis strategies for the fuzz tests of the readers of outside data (test_fuzz_readers.py):
JSON values with the nasty cases the issue found (huge numbers, deep nesting, lone surrogates,
invisible text, wrong types), a valid document with one place replaced, and text with bytes
changed. Every strategy is seeded by a value the app itself writes, so the readers get past
their first check and meet the nasty value deep inside."""

from __future__ import annotations

import copy as copy_module
import json
from typing import Any

from hypothesis import strategies as st

BIG = "__5000_cijfers__"  # in JSON text: replaced by a 5,000-digit number (no int of that size is ever made)
NASTY_NUMBERS = st.sampled_from(
    [10**400, -(10**400), 1e308, -1e308, 0, -1, 1, 2**63, 0.5, float("inf"), float("nan"), 2**64]
)
NASTY_TEXT = st.sampled_from(
    [
        "\u200b",
        "\u200b\u200b\ufeff",
        " \u2060 ",
        "\ud800",
        "a\udfffb",
        "../leefgebieden/volwassenen",
        "/etc/passwd",
        "x" * 5000,
        "",
        "\x00",
        "1" * 4500,
        "2026-13-45",
        "nulmeting",
        "afgerond",
        "inwoner",
        BIG,
    ]
)


def deep(depth: int, leaf: Any = 0) -> Any:
    value = leaf
    for n in range(depth):
        value = [value] if n % 2 else {"a": value}
    return value


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    NASTY_NUMBERS,
    NASTY_TEXT,
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.text(max_size=10), NASTY_TEXT), children, max_size=4),
    ),
    max_leaves=12,
) | st.integers(min_value=30, max_value=3000).map(deep)


def paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    """Every place in a JSON value (dict keys and list indexes)."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += paths(item, (*prefix, index))
    return found


def replaced(value: Any, path: tuple, new: Any) -> Any:
    if not path:
        return new
    copy = copy_module.deepcopy(value)
    target = copy
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = new
    return copy


@st.composite
def mutated(draw: st.DrawFn, seed: Any) -> Any:
    """``seed`` with one place replaced by a nasty value (or a key dropped)."""
    places = paths(seed)
    path = draw(st.sampled_from(places))
    if path and draw(st.integers(0, 5)) == 0 and isinstance(path[-1], str):
        copy = copy_module.deepcopy(seed)
        target = copy
        for step in path[:-1]:
            target = target[step]
        del target[path[-1]]
        return copy
    return replaced(seed, path, draw(VALUES))


def dumps(value: Any) -> str:
    """JSON text of anything the strategies make (NaN, 10**400 and lone surrogates included)."""
    import sys

    old = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        return json.dumps(value, ensure_ascii=False).replace(f'"{BIG}"', "9" * 5000)
    except (ValueError, RecursionError):
        return "[" * 5000
    finally:
        sys.set_int_max_str_digits(old)


@st.composite
def text_edits(draw: st.DrawFn, seed: bytes) -> bytes:
    """``seed`` with a few bytes overwritten, inserted or cut."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, max(0, len(data) - 1)))
        kind = draw(st.integers(0, 2))
        nasty = st.sampled_from([b"[" * 3000, b"9" * 5000, b"\\ud800", b"1e400"])
        chunk = draw(st.binary(min_size=1, max_size=8) | nasty)
        if kind == 0:
            data[at : at + len(chunk)] = chunk
        elif kind == 1:
            data[at:at] = chunk
        else:
            del data[at : at + len(chunk)]
    return bytes(data)


def json_inputs(seed: Any) -> st.SearchStrategy[bytes]:
    """Bytes for a JSON reader: the seed mutated as a value, or as text, or anything at all."""
    text = json.dumps(seed, ensure_ascii=False).encode()
    return st.one_of(
        mutated(seed).map(lambda v: dumps(v).encode("utf-8", "surrogatepass")),
        text_edits(text),
        st.binary(max_size=200),
        VALUES.map(lambda v: dumps(v).encode("utf-8", "surrogatepass")),
    )


def skip_big_run_unless_asked(request: object, size: int, normal: int) -> None:
    """The big variants (10,000 cases, 300 kills) run when ``-m slow`` is asked for by name (or
    ``MAGNEETBORD_SLOW=1``): in the full suite they would add half an hour; the normal size runs always."""
    import os

    import pytest

    if size <= normal:
        return
    markexpr = request.config.getoption("markexpr") or ""  # type: ignore[attr-defined]
    if ("slow" in markexpr and "not slow" not in markexpr) or os.environ.get("MAGNEETBORD_SLOW") == "1":
        return
    pytest.skip(f"{size} gevallen: draai met -m slow (of MAGNEETBORD_SLOW=1)")
