"""A PNG in a PDF without compressing its pixels a second time (P9).

A non-interlaced 8-bit RGB or grey PNG's IDAT data is a zlib stream of scanlines, each with
a PNG filter byte: exactly what a PDF image with ``/FlateDecode`` and ``/DecodeParms
<< /Predictor 15 /Colors n /BitsPerComponent 8 /Columns width >>`` holds. So the snapshot,
encoded once as PNG for the bundle, goes into the dossier PDF byte for byte. ReportLab's own
image path decodes a PNG and deflates the pixels again; ``png_image`` falls back to it only
for a PNG this shortcut does not cover (palette, alpha, 16-bit, interlaced).
"""

from __future__ import annotations

import io
import struct
import zlib

from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFImageXObject, PDFName, PDFStream
from reportlab.platypus import Flowable, Image

SIGNATURE = b"\x89PNG\r\n\x1a\n"
_COLOURS = {0: (1, "DeviceGray"), 2: (3, "DeviceRGB")}  # PNG colour type -> (components, PDF colour space)


class PngInfo:
    """What the PDF needs from a PNG: its size, colours and the concatenated IDAT data."""

    def __init__(self, width: int, height: int, colour_type: int, idat: bytes) -> None:
        self.width = width
        self.height = height
        self.colours, self.colour_space = _COLOURS[colour_type]
        self.idat = idat


def parse_png(png: bytes) -> PngInfo | None:
    """The PNG's IDAT stream and header, or None when it cannot go into a PDF as it is."""
    if not png.startswith(SIGNATURE):
        return None
    pos, header, idat = len(SIGNATURE), None, []
    while pos + 8 <= len(png):
        length, kind = struct.unpack(">I4s", png[pos : pos + 8])
        data = png[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", data)
        elif kind == b"IDAT":
            idat.append(data)
        elif kind in (b"PLTE", b"tRNS"):
            return None  # a palette or transparency: not this shortcut
        elif kind == b"IEND":
            break
        pos += 12 + length
    if header is None or not idat:
        return None
    width, height, depth, colour_type, compression, filtering, interlace = header
    if depth != 8 or colour_type not in _COLOURS or compression or filtering or interlace:
        return None
    return PngInfo(width, height, colour_type, b"".join(idat))


class _PngXObject(PDFImageXObject):
    def __init__(self, name: str, info: PngInfo) -> None:
        super().__init__(name)
        self.width, self.height = info.width, info.height
        self.bitsPerComponent = 8
        self.colorSpace = info.colour_space
        self._filters = ("FlateDecode",)
        self.streamContent = info.idat
        self.mask = None
        self.info = info

    def format(self, document: object) -> bytes:
        stream = PDFStream(content=self.streamContent)
        d = stream.dictionary
        d["Type"] = PDFName("XObject")
        d["Subtype"] = PDFName("Image")
        d["Width"] = self.width
        d["Height"] = self.height
        d["BitsPerComponent"] = 8
        d["ColorSpace"] = PDFName(self.colorSpace)
        d["Filter"] = PDFName("FlateDecode")  # a name, as DecodeParms is a dictionary; set: not compressed again
        d["DecodeParms"] = PDFDictionary(
            {"Predictor": 15, "Colors": self.info.colours, "BitsPerComponent": 8, "Columns": self.width}
        )
        d["Length"] = len(self.streamContent)
        return stream.format(document)


class PngFlowable(Flowable):
    """The PNG drawn ``width`` x ``height`` points, its IDAT data as the image stream."""

    def __init__(self, png: bytes, info: PngInfo, width: float, height: float) -> None:
        super().__init__()
        self.info = info
        self.name = "png" + zlib.crc32(info.idat).to_bytes(4, "big").hex() + f"{len(png):x}"
        self.drawWidth, self.drawHeight = width, height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.drawWidth, self.drawHeight

    def draw(self) -> None:
        canvas = self.canv
        document = canvas._doc
        registered = document.getXObjectName(self.name)
        if document.idToObject.get(registered) is None:
            xobject = _PngXObject(self.name, self.info)
            canvas._setXObjects(xobject)
            document.Reference(xobject, registered)
            document.addForm(self.name, xobject)
        canvas.saveState()
        canvas.scale(self.drawWidth, self.drawHeight)
        canvas._code.append(f"/{registered} Do")
        canvas.restoreState()
        canvas._formsinuse.append(self.name)  # so the page's resources name it


def png_image(png: bytes, width: float) -> Flowable:
    """The PNG as a flowable ``width`` points wide (its aspect kept), pixels not recompressed
    when the PNG allows it."""
    info = parse_png(png)
    if info is None:
        from reportlab.lib.utils import ImageReader

        w, h = ImageReader(io.BytesIO(png)).getSize()
        return Image(io.BytesIO(png), width, width * h / w)
    return PngFlowable(png, info, width, width * info.height / info.width)
