"""Ranks received in someone else's review: recorded by hand, or from a published evaluation of districts."""

from django.db import transaction
from django.utils.translation import gettext as _

from duban.core.errors import ApplicationError
from duban.core.models import Provenance
from duban.org.models import Organisation

from .. import permissions
from ..models import Evaluation, ReceivedRank


@transaction.atomic
def received_rank_record(*, actor, organisation: Organisation, year: int, period: str, review: str, rank: int,
                         out_of: int | None = None, awarded_by: Organisation | None = None,
                         evaluation: Evaluation | None = None, provenance: str = Provenance.ENTERED,
                         source_note: str = "") -> ReceivedRank:
    """Record (or correct) the rank ``organisation`` received in ``review``; its office or a superuser may."""
    if actor is not None and not permissions.can_record_received_rank(actor, organisation):
        raise ApplicationError(_("You may not record ranks for this organisation"))
    review = review.strip()
    if not review:
        raise ApplicationError(_("Name the review the rank was received in"))
    if rank < 1 or (out_of is not None and out_of < rank):
        raise ApplicationError(_("A rank is at least 1 and not more than the number ranked"))
    row, _created = ReceivedRank.objects.update_or_create(
        organisation=organisation, year=year, period=period, review=review,
        defaults={"rank": rank, "out_of": out_of, "awarded_by": awarded_by, "evaluation": evaluation,
                  "provenance": provenance, "source_note": source_note[:500], "recorded_by": actor},
    )
    return row


def received_ranks_from_evaluation(evaluation: Evaluation) -> list[ReceivedRank]:
    """Each district of a published evaluation of districts receives its rank (called inside the publication)."""
    scores = list(evaluation.scores.select_related("organisation"))
    review = evaluation.rubric.name
    return [
        received_rank_record(actor=None, organisation=score.organisation, year=evaluation.year,
                             period=evaluation.period, review=review, rank=score.rank, out_of=len(scores),
                             awarded_by=evaluation.scope, evaluation=evaluation, provenance=Provenance.ENTERED,
                             source_note=_("Published evaluation of %(scope)s") % {"scope": evaluation.scope.name})
        for score in scores
    ]
