"""Request and response shapes of the API; bounds here keep every input inside what the database accepts."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from ninja import Field, Schema

from duban.core.conflicts import edit_version
from duban.tracking.models import ItemType, Light, OrderState, ReportState

DbId = Annotated[int, Field(ge=1, le=2**62)]
Year = Annotated[int, Field(ge=2000, le=2100)]
#: Free text: no NUL character (PostgreSQL refuses it) and a length limit.
Text = Annotated[str, Field(max_length=5000, pattern=r"^[^\x00]*$")]
ShortText = Annotated[str, Field(max_length=300, pattern=r"^[^\x00]*$")]
Amount = Annotated[Decimal, Field(ge=Decimal("-1e12"), le=Decimal("1e12"), decimal_places=4)]
Count = Annotated[int, Field(ge=0, le=2_000_000_000)]
PeriodKey = Annotated[str, Field(max_length=12, pattern=r"^[0-9A-Za-z-]{1,12}$")]
#: A record's version as read (core.conflicts.edit_version): sent back with a change, checked on save.
EditVersion = Annotated[str, Field(max_length=20, pattern=r"^[0-9]{1,20}$")]


class Error(Schema):
    detail: str


class Conflict(Schema):
    """409: someone saved the record after the version sent; both versions, field by field, as text."""

    detail: str
    yours: dict[str, str]
    current: dict[str, str]
    labels: dict[str, str]
    current_version: str


class Me(Schema):
    id: int
    username: str
    name: str
    is_superuser: bool
    roles: list[str]
    district_ids: list[int]


class OrganisationOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    parent_id: int | None
    code: str


class PlanOut(Schema):
    id: int
    district_id: int
    year: int
    theme: str
    system_name: str
    goal: str


class TaskOut(Schema):
    id: int
    plan_id: int
    node_id: int | None
    code: str
    title: str
    target_text: str
    target_value: Decimal | None
    target_unit: str
    deadline: date | None
    category: str
    weight: Decimal
    frequency: str


class LivelihoodItemOut(Schema):
    id: int
    plan_id: int
    number: int
    title: str
    lead_unit_id: int | None


class SubItemOut(Schema):
    id: int
    item_id: int
    title: str
    target_value: Decimal | None
    target_unit: str
    deadline: date | None
    weight: Decimal
    frequency: str


class ProjectOut(Schema):
    id: int
    district_id: int
    code: str
    name: str
    level: str
    category_id: int | None
    area_id: int | None
    lead_unit_id: int | None
    total_investment: Decimal | None
    planned_start: date | None
    planned_end: date | None
    actual_start: date | None
    actual_end: date | None
    stage: str


class ProjectYearOut(Schema):
    id: int
    project_id: int
    year: int
    plan_type: str
    level: str
    annual_plan: Decimal
    half_year_plan: Decimal | None
    invested_before: Decimal
    frequency: str
    weight: Decimal


class IndicatorOut(Schema):
    id: int
    code: str
    name: str
    unit: str
    category: str
    frequency: str
    accumulation: str


class IndicatorTargetOut(Schema):
    id: int
    indicator_id: int
    organisation_id: int
    year: int
    target_type: str
    value: Decimal | None
    qualifier: str
    text: str
    weight: Decimal
    frequency: str


class ObservationOut(Schema):
    id: int
    indicator_id: int
    organisation_id: int
    year: int
    period_type: str
    period: int
    level: Decimal | None
    growth: Decimal | None
    share: Decimal | None
    rank: int | None
    revision: int


class ExpropriationOut(Schema):
    id: int
    district_id: int
    project_id: int | None
    name: str
    year: int
    households: int
    area_m2: Decimal
    land_mu: Decimal
    deadline: date | None
    frequency: str


class ReportOut(Schema):
    id: int
    item_type: ItemType
    item_id: int
    district_id: int
    unit_id: int | None
    year: int
    frequency: str
    period_key: str
    period_end: date
    version: int
    state: ReportState
    value: Decimal | None
    percent: Decimal | None
    is_done: bool
    growth: Decimal | None
    reference: Decimal | None
    invest_month: Decimal | None
    invest_ytd: Decimal | None
    invest_since_start: Decimal | None
    funds_received: Decimal | None
    signed_households: int | None
    vacated_households: int | None
    demolished_households: int | None
    signed_area: Decimal | None
    vacated_area: Decimal | None
    demolished_area: Decimal | None
    land_handed_mu: Decimal | None
    narrative: str
    problems: str
    next_plan: str
    submitted_by_id: int | None
    submitted_at: datetime
    reviewed_by_id: int | None
    reviewed_at: datetime | None
    review_comment: str


class ReportValues(Schema):
    """The figures of a report; which ones apply depends on the item type (see docs/api.md)."""

    value: Amount | None = None
    percent: Amount | None = None
    is_done: bool = False
    growth: Amount | None = None
    reference: Amount | None = None
    invest_month: Amount | None = None
    invest_ytd: Amount | None = None
    invest_since_start: Amount | None = None
    funds_received: Amount | None = None
    signed_households: Count | None = None
    vacated_households: Count | None = None
    demolished_households: Count | None = None
    signed_area: Amount | None = None
    vacated_area: Amount | None = None
    demolished_area: Amount | None = None
    land_handed_mu: Amount | None = None


class ProjectProgressIn(Schema):
    """A key project's physical progress in its monthly report (applied to the project when the report is confirmed)."""

    stage: Annotated[str, Field(max_length=20, pattern=r"^[a-z_]*$")] = ""
    stage_note: ShortText = ""
    actual_start: date | None = None
    #: milestone id → the date it was actually reached
    milestone_actuals: dict[DbId, date] = {}
    physical_progress: Text = ""


class ProblemIn(Schema):
    """A problem raised in a report: tracked in the problem list (问题清单) once the report is confirmed."""

    description: ShortText
    owner_unit_id: DbId
    deadline: date


class ReportSubmitIn(Schema):
    item_type: ItemType
    item_id: DbId
    period_key: PeriodKey
    values: ReportValues
    narrative: Text = ""
    problems: Text = ""
    next_plan: Text = ""
    unit_id: DbId | None = None
    #: The period's latest version number the client saw (0: none); another version submitted since is a 409.
    expected_version: Annotated[int, Field(ge=0, le=10_000)] | None = None
    #: Key projects only: stage, start, milestones reached, 形象进度; and problems raised (at most 10).
    progress: ProjectProgressIn | None = None
    raised_problems: Annotated[list[ProblemIn], Field(max_length=10)] = []


class CommentIn(Schema):
    comment: Text = ""


class OrderCommentIn(CommentIn):
    edit_version: EditVersion | None = None


class OrderUnitOut(Schema):
    organisation_id: int
    role: str


class OrderOut(Schema):
    id: int
    number: str
    district_id: int
    item_type: str
    item_id: int | None
    title: str
    content: str
    light_at_issue: str
    is_automatic: bool
    issued_by_id: int | None
    issued_at: datetime
    deadline: date
    state: OrderState
    closed_at: datetime | None
    units: list[OrderUnitOut]
    edit_version: str

    @staticmethod
    def resolve_units(obj) -> list[dict]:
        return [{"organisation_id": u.organisation_id, "role": u.role} for u in obj.units.all()]

    @staticmethod
    def resolve_edit_version(obj) -> str:
        return edit_version(obj)


class OrderIssueIn(Schema):
    district_id: DbId
    title: ShortText
    content: Text
    deadline: date
    lead_unit_id: DbId
    cooperating_unit_ids: Annotated[list[DbId], Field(max_length=50)] = []
    item_type: ItemType | None = None
    item_id: DbId | None = None


class FeedbackIn(Schema):
    text: Text
    edit_version: EditVersion | None = None


class ReviewIn(Schema):
    accept: bool
    comment: Text = ""
    edit_version: EditVersion | None = None


class FeedbackOut(Schema):
    id: int
    order_id: int
    text: str
    submitted_by_id: int
    submitted_at: datetime


class StatusOut(Schema):
    type: ItemType
    id: int
    code: str
    title: str
    unit: str
    year: int
    category: str
    completion_pct: float | None
    time_progress_pct: float | None
    gap_pp: float | None
    light: Light
    double_half: bool | None
    reasons: list[str]
    actual: float | None
    target: float | None
    target_unit: str
    last_period: str


