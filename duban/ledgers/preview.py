"""What an import found: rows to create or change (field by field), similar names offered, problems."""

from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _

from .sheets import SheetRow


@dataclass(frozen=True)
class FieldChange:
    header: str
    old: str
    new: str


@dataclass
class RowChange:
    row: int
    action: str                    # "create", "update", "unchanged"
    label: str
    changes: list[FieldChange] = field(default_factory=list)


@dataclass(frozen=True)
class Suggestion:
    sheet: str
    row: int
    column: str
    header: str
    found: str
    suggested: str

    @property
    def message(self) -> str:
        return _("Sheet “%(sheet)s” row %(row)s column %(column)s “%(header)s”: “%(found)s” is not known; did you mean “%(suggested)s”?") % {
            "sheet": self.sheet, "row": self.row, "column": self.column, "header": self.header,
            "found": self.found, "suggested": self.suggested}


@dataclass
class Preview:
    kind: str
    sheet: str = ""
    rows: list[RowChange] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)     # changed columns the import does not write
    written: bool = False

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def created(self) -> int:
        return self.count("create")

    @property
    def updated(self) -> int:
        return self.count("update")

    @property
    def unchanged(self) -> int:
        return self.count("unchanged")

    @property
    def changed_rows(self) -> list[RowChange]:
        return [r for r in self.rows if r.action != "unchanged"]


@dataclass
class Resolved:
    """One file row in the database's terms, ready to be compared and applied."""

    source: SheetRow
    key: tuple
    label: str
    wanted: dict                   # field -> value, only for the columns the file has


def preview_to_dict(preview: Preview) -> dict:
    """JSON values of a preview (a background import keeps it for the page that shows it)."""
    return asdict(preview)


def preview_from_dict(data: dict) -> Preview:
    return Preview(
        kind=data["kind"], sheet=data["sheet"], problems=list(data["problems"]), written=data["written"],
        rows=[RowChange(r["row"], r["action"], r["label"], [FieldChange(**c) for c in r["changes"]]) for r in data["rows"]],
        suggestions=[Suggestion(**s) for s in data["suggestions"]], warnings=list(data.get("warnings", [])),
    )
