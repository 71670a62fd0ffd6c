"""The CJK font shipped with duban (Noto Sans CJK SC cut to GBK, SIL OFL 1.1): no system font is assumed."""

from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent / "data" / "fonts"
CJK_FONT = FONT_DIR / "NotoSansSC-Regular-GBK.ttf"
CJK_FAMILY = "Noto Sans CJK SC"
