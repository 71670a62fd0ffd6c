"""What a bulletin says, before any file format: plain dataclasses the Word and PDF renderers both read."""

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Table:
    columns: list[str]
    rows: list[list[str]]
    widths: list[float] | None = None    # relative column widths (PDF and Word), None = even


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart of percentages with an optional reference line (time progress)."""

    title: str
    labels: list[str]
    values: list[float]
    reference: float | None = None
    reference_label: str = ""


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    table: Table | None = None
    chart: Chart | None = None


@dataclass
class Bulletin:
    kind: str
    title: str
    district: str
    issuer: str
    on_date: date
    date_text: str
    summary: list[str]
    sections: list[Section]

    def text(self) -> str:
        """Every sentence of the bulletin, in order (what tests and the plain-text preview read)."""
        lines = [self.title, *self.summary]
        for section in self.sections:
            lines += [section.heading, *section.paragraphs]
        return "\n".join(lines)
