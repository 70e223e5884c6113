"""Render the pictograms from Noto Color Emoji (Apache 2.0 / OFL) into PNGs.

Run once when a pictogram is added: ``python assets/pictogrammen/make_pictogrammen.py``
(needs Debian's fonts-noto-color-emoji). The PNGs are committed, so the app and the
exports never depend on a system font.
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"
SIZE = 128
EMOJI = {
    "wonen": "\U0001f3e0",
    "huishouden": "\U0001f9f9",
    "geld": "\U0001f4b6",
    "werk": "\U0001f4bc",
    "leren": "\U0001f4da",
    "dagbesteding": "\U0001f6b2",
    "sociale_contacten": "\U0001f91d",
    "gezin": "\U0001f46a",
    "lichamelijke_gezondheid": "\U0001f4aa",
    "geestelijke_gezondheid": "\U0001f9e0",
    "persoonlijke_verzorging": "\U0001f9fc",
    "verslaving": "\U0001f3b2",
    "zingeving": "\U0001f33b",
    "justitie": "\u2696\ufe0f",
    "middelen": "\U0001f6ac",
    "verdrietig": "\U0001f61f",
    "blij": "\U0001f60a",
}


def main() -> None:
    font = ImageFont.truetype(FONT, 109)  # the only size the bitmap font has
    here = Path(__file__).parent
    for name, emoji in EMOJI.items():
        glyph = Image.new("RGBA", (160, 160), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((0, 0), emoji, font=font, embedded_color=True)
        glyph = glyph.crop(glyph.getbbox())
        glyph.thumbnail((SIZE - 8, SIZE - 8), Image.LANCZOS)
        out = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
        out.paste(glyph, ((SIZE - glyph.width) // 2, (SIZE - glyph.height) // 2), glyph)
        out.save(here / f"{name}.png", optimize=True)


if __name__ == "__main__":
    main()
