"""Rebuild the vendored CJK font: Noto Sans CJK SC Regular cut down to the characters of GBK.

Not imported at run time; kept so that anyone can remake (or widen) the shipped subset::

    python duban/bulletins/data/fonts/make_subset.py /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

(Debian's fonts-noto-cjk, or NotoSansCJK-Regular.ttc from the Noto CJK release; SIL OFL 1.1, see OFL.txt.)
GBK holds the 21,886 characters of GB 2312 and its extension: every character of Chinese office documents
and unit, place and person names in practice. The CFF outlines are then converted to TrueType (quadratic)
outlines: fpdf2 embeds a TrueType font as CIDFontType2 with /Identity-H, which every PDF reader (pypdf
included) decodes to text; a CID-keyed CFF font gets a custom encoding CMap that pypdf misreads. fpdf2 subsets
the font again per document; matplotlib and Pillow read it directly.
"""

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

HERE = Path(__file__).resolve().parent
TARGET = HERE / "NotoSansSC-Regular-GBK.ttf"
SC_INDEX_NAME = "Noto Sans CJK SC"


def gbk_characters() -> set[int]:
    """Every character GBK encodes (two-byte area) plus ASCII and Latin-1, general and CJK punctuation."""
    chars = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100)) | set(range(0x2000, 0x206F))
    chars |= set(range(0x3000, 0x3040)) | set(range(0xFF00, 0xFFF0)) | {0x2103, 0x2116, 0x2160, 0x2161, 0x2162}
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            try:
                chars.add(ord(bytes([lead, trail]).decode("gbk")))
            except UnicodeDecodeError:
                pass
    return chars


def to_truetype(font, max_err: float = 1.0) -> None:
    """CFF (cubic) outlines → glyf (quadratic), after fontTools' Snippets/otf2ttf.py."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    maxp.recalc(font)
    font["post"].formatType = 2.0
    font["post"].extraNames = []
    font["post"].mapping = {}
    font["post"].glyphOrder = order
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def main(source: str) -> None:
    collection = TTCollection(source)
    font = next(f for f in collection.fonts if f["name"].getDebugName(1) == SC_INDEX_NAME)
    options = subset.Options()
    options.layout_features = ["kern", "vert", "vrt2", "locl", "palt", "halt"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=gbk_characters())
    subsetter.subset(font)
    to_truetype(font)
    font.save(TARGET)
    print(f"{TARGET.name}: {len(font.getBestCmap())} characters, {TARGET.stat().st_size:,} bytes")


def convert_existing(path: Path) -> None:
    """Convert an already cut .otf subset (the slow step is the subsetting, not this)."""
    from fontTools.ttLib import TTFont
    font = TTFont(path)
    to_truetype(font)
    font.save(TARGET)
    print(f"{TARGET.name}: {len(font.getBestCmap())} characters, {TARGET.stat().st_size:,} bytes")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--convert":
        convert_existing(Path(sys.argv[2]))
        sys.exit()
    main(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
