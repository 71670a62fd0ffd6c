"""The door for the project pipeline's writes: a lead reported, assessed, reviewed, signed, registered as a
reserve project (or dropped); its 前期 procedures (land, planning, environmental and construction permits)
planned with a responsible unit and recorded as done; a registered project started. Each step checks the state
it comes from and keeps its history (django-simple-history on ``Lead``, ``Procedure`` and ``Project``)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _

from duban.core.dates import today
from duban.core.errors import ApplicationError
from duban.org.models import Organisation, Role
from duban.org.permissions import scope_of

from .models import (
    Lead,
    LeadState,
    PlanType,
    Procedure,
    ProcedureKind,
    Project,
    ProjectCategory,
    ReviewDecision,
    Stage,
)
from .services import project_upsert, project_year_upsert

PIPELINE_ROLES = (Role.PROJECT_OFFICE, Role.SUPERVISION_OFFICE)


# --- permissions -------------------------------------------------------------------------------------------

def can_report_lead(user, district: Organisation) -> bool:
    """Anyone who works in the district (any unit, any role) may report a lead."""
    scope = scope_of(user)
    return user.is_authenticated and (scope.is_superuser or any(
        m.organisation.path.startswith(district.path) for m in scope.memberships))


def can_manage_pipeline(user, district: Organisation) -> bool:
    """The key-project office (or the supervision office) assesses, reviews, signs and registers."""
    scope = scope_of(user)
    return user.is_authenticated and (scope.is_superuser or any(
        m.role in PIPELINE_ROLES and m.organisation.path.startswith(district.path) for m in scope.memberships))


def can_view_pipeline_page(user) -> bool:
    """The pipeline page and its menu entry: whoever may report leads in their home district."""
    district = scope_of(user).home_district if user.is_authenticated else None
    return district is not None and can_report_lead(user, district)


def can_record_procedure(user, procedure: Procedure) -> bool:
    """The key-project office, or a member of the procedure's responsible unit, records that it is done."""
    if can_manage_pipeline(user, procedure.project.district):
        return True
    scope = scope_of(user)
    return user.is_authenticated and any(m.organisation_id == procedure.unit_id for m in scope.memberships)


def _guard(actor, lead: Lead, *states: str) -> None:
    if not can_manage_pipeline(actor, lead.district):
        raise ApplicationError(_("Only the key-project office moves leads through the pipeline"))
    if lead.state not in states:
        raise ApplicationError(_("Lead %(number)s is %(state)s: this step is not possible now") % {
            "number": lead.number, "state": lead.get_state_display()})


def _save(lead: Lead, actor, fields: list[str]) -> Lead:
    lead._history_user = actor
    lead.save(update_fields=[*fields, "updated_at"])
    return lead


# --- steps -----------------------------------------------------------------------------------------------

@transaction.atomic
def lead_report(*, actor, district: Organisation, title: str, investor: str, amount: Decimal,
                reporting_unit: Organisation, reported_on: datetime.date, sector: ProjectCategory | None = None,
                contact: str = "", is_important: bool = False, provenance: str = "entered",
                source_note: str = "") -> Lead:
    if not can_report_lead(actor, district):
        raise ApplicationError(_("You may not report leads for %(district)s") % {"district": district.name})
    if not reporting_unit.path.startswith(district.path):
        raise ApplicationError(_("The reporting unit must belong to %(district)s") % {"district": district.name})
    if amount is None or amount < 0:
        raise ApplicationError(_("Give the intended investment in 10k yuan (0 or more)"))
    if not title.strip() or not investor.strip():
        raise ApplicationError(_("A lead needs a title and an investor"))
    stem = f"XS{district.pk}-{reported_on.year}-"
    last = Lead.objects.filter(number__startswith=stem).aggregate(n=Max("number"))["n"] or ""
    lead = Lead(district=district, number=f"{stem}{int(last[len(stem):] or 0) + 1:04d}", title=title.strip(),
                investor=investor.strip(), amount=amount, reporting_unit=reporting_unit, reported_on=reported_on,
                sector=sector, contact=contact.strip(), is_important=is_important, provenance=provenance,
                source_note=source_note)
    lead._history_user = actor
    lead.save()
    return lead


@transaction.atomic
def lead_assess(*, actor, lead: Lead, assessment: str) -> Lead:
    _guard(actor, lead, LeadState.REPORTED)
    if not assessment.strip():
        raise ApplicationError(_("Write the assessment"))
    lead.assessment, lead.state = assessment.strip(), LeadState.ASSESSED
    return _save(lead, actor, ["assessment", "state"])


@transaction.atomic
def lead_review(*, actor, lead: Lead, expert_opinion: str, joint_review_opinion: str, decision: str,
                conditions: str = "") -> Lead:
    """Experts' and the joint review's (七人小组会审) opinions and the decision; refused leads are dropped."""
    _guard(actor, lead, LeadState.ASSESSED)
    if decision not in ReviewDecision.values:
        raise ApplicationError(_("Choose the review's decision"))
    if not expert_opinion.strip() or not joint_review_opinion.strip():
        raise ApplicationError(_("Record both the experts' and the joint review's opinion"))
    if decision == ReviewDecision.CONDITIONAL and not conditions.strip():
        raise ApplicationError(_("Write the conditions of the approval"))
    lead.expert_opinion, lead.joint_review_opinion = expert_opinion.strip(), joint_review_opinion.strip()
    lead.decision, lead.conditions = decision, conditions.strip()
    lead.state = LeadState.DROPPED if decision == ReviewDecision.REFUSED else LeadState.REVIEWED
    if decision == ReviewDecision.REFUSED:
        lead.drop_reason = _("Refused by the review")
    return _save(lead, actor, ["expert_opinion", "joint_review_opinion", "decision", "conditions", "state",
                               "drop_reason"])


@transaction.atomic
def lead_sign(*, actor, lead: Lead, contract_amount: Decimal, signed_on: datetime.date) -> Lead:
    _guard(actor, lead, LeadState.REVIEWED)
    if contract_amount is None or contract_amount <= 0:
        raise ApplicationError(_("Give the contract amount in 10k yuan"))
    if signed_on < lead.reported_on:
        raise ApplicationError(_("A lead cannot be signed before it was reported"))
    lead.contract_amount, lead.signed_on, lead.state = contract_amount, signed_on, LeadState.SIGNED
    return _save(lead, actor, ["contract_amount", "signed_on", "state"])


@transaction.atomic
def lead_register(*, actor, lead: Lead, code: str, lead_unit: Organisation, year: int) -> Project:
    """A signed lead becomes a key project in the signed stage, with a reserve year record for ``year``."""
    _guard(actor, lead, LeadState.SIGNED)
    if Project.objects.filter(district=lead.district, code=code).exists():
        raise ApplicationError(_("Project code %(code)s is taken") % {"code": code})
    project = project_upsert(district=lead.district, code=code, name=lead.title, category=lead.sector,
                             lead_unit=lead_unit, total_investment=lead.contract_amount, stage=Stage.SIGNED,
                             description=_("From lead %(number)s, investor %(investor)s") % {
                                 "number": lead.number, "investor": lead.investor},
                             provenance=lead.provenance, source_note=lead.source_note, by=actor)
    project_year_upsert(project=project, year=year, plan_type=PlanType.RESERVE, level=project.level,
                        provenance=lead.provenance, source_note=lead.source_note, by=actor)
    lead.project, lead.state = project, LeadState.REGISTERED
    _save(lead, actor, ["project", "state"])
    return project


@transaction.atomic
def lead_drop(*, actor, lead: Lead, reason: str) -> Lead:
    _guard(actor, lead, LeadState.REPORTED, LeadState.ASSESSED, LeadState.REVIEWED, LeadState.SIGNED)
    if not reason.strip():
        raise ApplicationError(_("Give the reason for dropping the lead"))
    lead.state, lead.drop_reason = LeadState.DROPPED, reason.strip()[:300]
    return _save(lead, actor, ["state", "drop_reason"])


#: Stages in which a project's 前期 procedures may still be planned: after signing or registration, before the start.
PROCEDURE_STAGES = (Stage.RESERVE, Stage.SIGNED, Stage.PREPARATION)


@transaction.atomic
def procedure_plan(*, actor, project: Project, kind: str, unit: Organisation, planned_date: datetime.date,
                   note: str = "") -> Procedure:
    """Plan one 前期 procedure of a project (or change its unit and planned date); a signed project enters 前期."""
    if not can_manage_pipeline(actor, project.district):
        raise ApplicationError(_("Only the key-project office plans a project's preliminary procedures"))
    if kind not in ProcedureKind.values:
        raise ApplicationError(_("Choose the procedure (land, planning, environmental or construction)"))
    if project.stage not in PROCEDURE_STAGES:
        raise ApplicationError(_("%(name)s has already started: its preliminary procedures are closed") % {
            "name": project.name})
    if not unit.path.startswith(project.district.path):
        raise ApplicationError(_("The responsible unit must belong to %(district)s") % {"district": project.district.name})
    if planned_date is None:
        raise ApplicationError(_("Give the planned date of the procedure"))
    lead = Lead.objects.filter(project=project).first()
    if lead is not None and lead.signed_on and planned_date < lead.signed_on:
        raise ApplicationError(_("A procedure cannot be planned before the contract was signed (%(day)s)") % {
            "day": f"{lead.signed_on.year}年{lead.signed_on.month}月{lead.signed_on.day}日"})
    procedure = Procedure.objects.filter(project=project, kind=kind).first() or Procedure(project=project, kind=kind)
    procedure.unit, procedure.planned_date, procedure.note = unit, planned_date, note.strip()[:300]
    procedure._history_user = actor
    procedure.save()
    if project.stage == Stage.SIGNED:
        project.stage = Stage.PREPARATION
        project._history_user = actor
        project.save(update_fields=["stage", "updated_at"])
    return procedure


@transaction.atomic
def procedure_done(*, actor, procedure: Procedure, actual_date: datetime.date) -> Procedure:
    """Record the date a 前期 procedure was completed (the permit or approval obtained)."""
    if not can_record_procedure(actor, procedure):
        raise ApplicationError(_("Only the key-project office or the responsible unit records this procedure"))
    if actual_date is None:
        raise ApplicationError(_("Give the date the procedure was completed"))
    if actual_date > today():
        raise ApplicationError(_("A procedure cannot be completed in the future"))
    lead = Lead.objects.filter(project_id=procedure.project_id).first()
    if lead is not None and lead.signed_on and actual_date < lead.signed_on:
        raise ApplicationError(_("A procedure cannot be completed before the contract was signed"))
    procedure.actual_date = actual_date
    procedure._history_user = actor
    procedure.save(update_fields=["actual_date", "updated_at"])
    return procedure


@transaction.atomic
def project_start(*, actor, project: Project, started_on: datetime.date) -> Project:
    """A project starts construction (开工): it needs an actual start date and leaves the reserve stages."""
    if not can_manage_pipeline(actor, project.district):
        raise ApplicationError(_("Only the key-project office records a project's start"))
    if project.stage not in (Stage.RESERVE, Stage.SIGNED, Stage.PREPARATION):
        raise ApplicationError(_("%(name)s has already started") % {"name": project.name})
    lead = getattr(project, "lead", None)
    if lead is not None and lead.signed_on and started_on < lead.signed_on:
        raise ApplicationError(_("A project cannot start before its contract was signed"))
    permit = project.procedures.filter(kind=ProcedureKind.CONSTRUCTION).first()
    if permit is not None and (permit.actual_date is None or permit.actual_date > started_on):
        raise ApplicationError(_("%(name)s cannot start before its construction permit is obtained") % {
            "name": project.name})
    project.stage, project.actual_start = Stage.STARTED, started_on
    project._history_user = actor
    project.save(update_fields=["stage", "actual_start", "updated_at"])
    return project


# --- figures -------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class StageCount:
    state: str
    label: str
    leads: int
    amount: Decimal


def pipeline_counts(district: Organisation, year: int | None = None) -> tuple[list[StageCount], Decimal | None]:
    """Leads and intended investment by state (the funnel), and the conversion rate reported → signed, in %."""
    leads = Lead.objects.filter(district=district)
    if year is not None:
        leads = leads.filter(reported_on__year=year)
    rows = list(leads.values_list("state", "amount"))
    counts = [StageCount(s, label, sum(1 for st, _a in rows if st == s),
                         sum((a for st, a in rows if st == s), Decimal(0))) for s, label in LeadState.choices]
    signed = sum(1 for st, _a in rows if st in (LeadState.SIGNED, LeadState.REGISTERED))
    rate = (Decimal(signed * 100) / len(rows)).quantize(Decimal("0.01")) if rows else None
    return counts, rate


#: Stages of a project not yet started: the planning reserve (谋划储备), signed (签约) and in 前期.
RESERVE_STAGES = (Stage.RESERVE, Stage.SIGNED, Stage.PREPARATION)


def reserve_count(district: Organisation, on_date: datetime.date | None = None) -> int:
    """Projects in the pipeline's planning reserve (谋划储备, 签约 and 前期, not yet started): what
    "策划储备项目500个" is measured by. With ``on_date``: as that day stood — a project from a lead counts from
    its signing, and a project started after that day still counts."""
    projects = Project.objects.filter(district=district)
    if on_date is None:
        return projects.filter(stage__in=RESERVE_STAGES).count()
    return (projects.filter(Q(stage__in=RESERVE_STAGES) | Q(actual_start__gt=on_date))
            .exclude(lead__signed_on__gt=on_date).count())


__all__ = ["lead_report", "lead_assess", "lead_review", "lead_sign", "lead_register", "lead_drop", "procedure_plan",
           "procedure_done", "project_start", "pipeline_counts", "reserve_count", "can_report_lead",
           "can_manage_pipeline", "can_record_procedure"]
