"""A key project's physical progress as units report it: stage, actual start, milestones reached.

Pure checks over a project and what is reported, shared by the report form (refused with a clear message on
submit), the office's confirmation (checked again, then applied by ``projects.services.project_progress_apply``)
and the consistency check over existing data (``duban check_progress``).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from duban.core.numbers import format_day, format_wanyuan

from .models import Milestone, Project, Stage

#: The stages in the order a project goes through them.
STAGE_ORDER = [Stage.RESERVE, Stage.SIGNED, Stage.PREPARATION, Stage.STARTED, Stage.UNDER_CONSTRUCTION,
               Stage.COMPLETED, Stage.OPERATING]
STARTED_STAGES = frozenset(STAGE_ORDER[STAGE_ORDER.index(Stage.STARTED):])
FINISHED_STAGES = frozenset({Stage.COMPLETED, Stage.OPERATING})
#: Milestones after construction (投产, 达产): not needed for completion (竣工).
AFTER_CONSTRUCTION_WORDS = ("投产", "达产", "production")


@dataclass(frozen=True)
class ProgressReport:
    """What a unit reports of a project's physical progress; empty fields leave the project as it is."""

    stage: str = ""
    stage_note: str = ""
    actual_start: date | None = None
    milestone_actuals: Mapping[int, date] = field(default_factory=dict)
    invested: Decimal | None = None        # investment since the start, 万元
    on_date: date | None = None            # the day the figures describe: nothing reached after it

    @property
    def is_empty(self) -> bool:
        return not (self.stage or self.actual_start or self.milestone_actuals)


def stage_rank(stage: str) -> int:
    return STAGE_ORDER.index(stage)


def stage_label(stage: str) -> str:
    return str(Stage(stage).label)


def is_construction(milestone: Milestone) -> bool:
    return not any(word in milestone.name for word in AFTER_CONSTRUCTION_WORDS)


def missing_construction(milestones: Iterable[Milestone], reached: Mapping[int, date]) -> list[str]:
    """Names of construction milestones with no actual date, counting those reached in this report."""
    return [m.name for m in milestones if is_construction(m) and m.actual_date is None and m.pk not in reached]


def progress_errors(project: Project, milestones: list[Milestone], report: ProgressReport) -> list[str]:
    """Every refusal of ``report`` against the project's current state, each naming its field; [] when it fits."""
    errors: list[str] = []
    if report.stage and report.stage not in Stage.values:
        return [_("Stage: unknown stage “%(stage)s”.") % {"stage": report.stage}]
    stage = report.stage or project.stage
    if report.stage and stage_rank(stage) < stage_rank(project.stage) and not report.stage_note.strip():
        errors.append(_("Stage: the project is “%(current)s”; going back to “%(stage)s” needs a note saying why.") % {
            "current": stage_label(project.stage), "stage": stage_label(stage)})
    by_id = {m.pk: m for m in milestones}
    for pk, day in report.milestone_actuals.items():
        if pk not in by_id:
            errors.append(_("Milestones: #%(id)s is not a milestone of this project.") % {"id": pk})
        elif report.on_date and day > report.on_date:
            errors.append(_("Milestone “%(name)s”: the actual date %(day)s is after %(on)s, the day the report "
                            "describes.") % {"name": by_id[pk].name, "day": format_day(day), "on": format_day(report.on_date)})
    start = report.actual_start or project.actual_start
    if report.actual_start and report.on_date and report.actual_start > report.on_date:
        errors.append(_("Actual start date: %(day)s is after %(on)s, the day the report describes.") % {
            "day": format_day(report.actual_start), "on": format_day(report.on_date)})
    if stage in STARTED_STAGES and start is None:
        errors.append(_("Actual start date: the stage “%(stage)s” needs the actual start date (开工日期).") % {
            "stage": stage_label(stage)})
    if report.invested is not None and report.invested > 0 and stage not in STARTED_STAGES:
        errors.append(_("Stage: %(amount)s invested to date, but the stage is “%(stage)s”: report the start (stage "
                        "and actual start date).") % {"amount": format_wanyuan(report.invested), "stage": stage_label(stage)})
    if stage in FINISHED_STAGES and report.stage and report.stage != project.stage:
        missing = missing_construction(milestones, report.milestone_actuals)
        if missing:
            errors.append(_("Stage: “%(stage)s” needs every construction milestone reached; not yet: %(names)s.") % {
                "stage": stage_label(stage), "names": "、".join(missing)})
    return errors


def inconsistencies(project: Project, milestones: list[Milestone], invested: Decimal | None) -> list[str]:
    """What does not fit in a project's stored data (no report involved), e.g. money spent on a project not started."""
    found = []
    if invested is not None and invested > 0 and project.stage not in STARTED_STAGES:
        found.append(_("%(amount)s invested but not started (stage “%(stage)s”)") % {
            "amount": format_wanyuan(invested), "stage": stage_label(project.stage)})
    if project.stage in STARTED_STAGES and project.actual_start is None:
        found.append(_("stage “%(stage)s” without an actual start date") % {"stage": stage_label(project.stage)})
    if project.stage in FINISHED_STAGES:
        missing = missing_construction(milestones, {})
        if missing:
            found.append(_("“%(stage)s” with construction milestones not reached: %(names)s") % {
                "stage": stage_label(project.stage), "names": "、".join(missing)})
    return found
