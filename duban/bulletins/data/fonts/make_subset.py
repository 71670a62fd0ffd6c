"""Rebuild the vendored CJK font: Noto Sans CJK SC Regular cut down to the characters of GBK.

Not imported at run time; kept so that anyone can remake (or widen) the shipped subset::

    python duban/bulletins/data/fonts/make_subset.py /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

(Debian's fonts-noto-cjk, or NotoSansCJK-Regular.ttc from the Noto CJK release; SIL OFL 1.1, see OFL.txt.)
GBK holds the 21,886 characters of GB 2312 and its extension: every character of Chinese office documents
and unit, place and person names in practice. The result is an OpenType (CFF) font that fpdf2 subsets again
per document and that matplotlib and Pillow read directly.
"""

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

HERE = Path(__file__).resolve().parent
TARGET = HERE / "NotoSansSC-Regular-GBK.otf"
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
    font.save(TARGET)
    print(f"{TARGET.name}: {len(font.getBestCmap())} characters, {TARGET.stat().st_size:,} bytes")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
