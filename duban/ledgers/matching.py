"""Names typed in ledgers matched to the district's units: exactly, by short name, or by similarity (rapidfuzz).

A similar name is only ever offered for confirmation; an unknown name never creates a unit.
"""

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from duban.org.models import Organisation

SIMILARITY_CUTOFF = 60


@dataclass
class NameMatcher:
    by_name: dict[str, Organisation]

    @classmethod
    def for_district(cls, district: Organisation) -> "NameMatcher":
        by_name = {}
        for org in Organisation.objects.filter(path__startswith=district.path).order_by("path"):
            by_name.setdefault(org.name, org)
            if org.short_name:
                by_name.setdefault(org.short_name, org)
        return cls(by_name)

    def exact(self, name: str) -> Organisation | None:
        return self.by_name.get(name) or self.by_name.get(name.replace(" ", ""))

    def similar(self, name: str) -> Organisation | None:
        """The most similar unit above the cutoff, or None."""
        found = process.extractOne(name, list(self.by_name), scorer=fuzz.WRatio, score_cutoff=SIMILARITY_CUTOFF)
        return self.by_name[found[0]] if found else None
