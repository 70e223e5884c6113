"""Reading exported PDFs back in tests, as a person copying the text would get it."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader


def reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def squeeze(text: str) -> str:
    """Text without any white space: line breaks (and a long word broken over two lines)
    fall where the layout puts them, the characters themselves must all be there."""
    return re.sub(r"\s+", "", text)


def all_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in reader(data).pages)


def contains(data: bytes, *fragments: str) -> list[str]:
    """The fragments that are NOT in the PDF's text (so tests can assert an empty list)."""
    text = squeeze(all_text(data))
    return [f for f in fragments if squeeze(f) not in text]


def font_names(data: bytes) -> set[str]:
    names = set()
    for page in reader(data).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names
