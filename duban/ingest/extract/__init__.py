"""Report extraction engine: text in, proposed quantified items out (pure Python, no Django needed)."""

from .pipeline import ExtractionResult, Item, extract_document, extract_text

__all__ = ["ExtractionResult", "Item", "extract_document", "extract_text"]
