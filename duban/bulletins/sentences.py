"""Narrative sentences in the offices' style, built from figures: pure functions, tested with exact strings.

"11个市级重点项目完成投资34.9亿元，占年度计划的50.6%，超时序进度0.6个百分点，实现“双过半”。"
Every sentence is an English msgid translated to Chinese (docs/i18n/bulletins.tsv); numbers go through
duban.core.numbers (万元/亿元, %), gaps are written in 个百分点 without a sign, the clause saying the direction.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from duban.core.numbers import format_day, format_percent, format_wanyuan_fixed
from duban.tracking import rules


def full_stop(sentence: str) -> str:
    return _("%(sentence)s.") % {"sentence": sentence}


def join_clauses(clauses: list[str]) -> str:
    """Clauses of one sentence: '甲，乙，丙。' (the separators are translated: ', ' → '，', '.' → '。')."""
    kept = [c for c in clauses if c]
    sentence = kept[0]
    for clause in kept[1:]:
        sentence = _("%(sentence)s, %(clause)s") % {"sentence": sentence, "clause": clause}
    return full_stop(sentence)


def join_names(names: list[str]) -> str:
    return pgettext("list", ", ").join(names)


def points(gap_pp: Decimal) -> str:
    """A gap without its sign: Decimal('-0.60') -> '0.6'."""
    return rules.pp(rules.q2(gap_pp))


def pace_clause(gap_pp: Decimal | None) -> str:
    """超时序进度0.6个百分点 / 低于时序进度2个百分点 / 与时序进度持平."""
    if gap_pp is None:
        return ""
    if gap_pp > 0:
        return _("%(points)s points ahead of time progress") % {"points": points(gap_pp)}
    if gap_pp < 0:
        return _("%(points)s points behind time progress") % {"points": points(gap_pp)}
    return _("exactly on time progress")


def double_half_clause(met: bool | None) -> str:
    if met is None:
        return ""
    return _("achieving “half the task by half the year”") if met else _("short of “half the task by half the year”")


@dataclass(frozen=True)
class Investment:
    """Key projects' investment summed: count, year-to-date and plan (万元), rate, gap, 双过半 of the group."""

    count: int
    ytd: Decimal
    plan: Decimal
    rate: Decimal | None
    gap_pp: Decimal | None
    double_half: bool | None


def investment_sentence(inv: Investment, level: str = "") -> str:
    """'11个市级重点项目完成投资34.9亿元，占年度计划的50.6%，超时序进度0.6个百分点，实现“双过半”。'"""
    values = {"count": inv.count, "level": level, "amount": format_wanyuan_fixed(inv.ytd)}
    head = (_("%(count)s %(level)s key projects completed investment of %(amount)s") if level
            else _("%(count)s key projects completed investment of %(amount)s")) % values
    share = _("%(share)s of the annual plan") % {"share": format_percent(inv.rate)} if inv.rate is not None else ""
    return join_clauses([head, share, pace_clause(inv.gap_pp), double_half_clause(inv.double_half)])


def lights_sentence(counts: dict[str, int]) -> str:
    """'共12项，其中已完成2项、绿灯5项、黄灯2项、红灯1项、未开始1项、暂无数据1项。'"""
    return full_stop(_(
        "%(count)s items in all: %(done)s done, %(green)s green, %(yellow)s yellow, %(red)s red, "
        "%(not_started)s not yet due, %(no_data)s without figures"
    ) % {"count": sum(counts.values()), **{k: counts.get(k, 0) for k in rules.SEVERITY}})


def lagging_line(index: int, title: str, unit: str, reasons: list[str]) -> str:
    """'1. 数字经济产业园（区发改局）：低于时序进度20个百分点；……'"""
    return _("%(index)s. %(title)s (%(unit)s): %(reasons)s") % {
        "index": index, "title": title, "unit": unit or "—", "reasons": _("; ").join(reasons) or "—"}


def praise_sentence(units: list[str]) -> str:
    if not units:
        return _("No unit kept every item at or ahead of time progress.")
    return _("These units kept every item at or ahead of time progress and are commended: %(units)s.") % {
        "units": join_names(units)}


def named_sentence(named: list[tuple[str, int, int]]) -> str:
    """Units named for delay with their red and yellow items: [('区住建局', 1, 2)]."""
    if not named:
        return _("No unit has items behind time progress.")
    parts = [_("%(unit)s (%(red)s red, %(yellow)s yellow)") % {"unit": u, "red": r, "yellow": y} for u, r, y in named]
    return _("These units have items behind time progress and are named: %(units)s.") % {"units": join_names(parts)}


def livelihood_sentence(items: int, counts: dict[str, int]) -> str:
    """'20件民生实事共45项子项，已完成10项，按序时推进20项，滞后5项，未到时序5项，暂无数据5项。'"""
    return full_stop(_(
        "%(items)s livelihood commitments with %(subs)s sub-items: %(done)s done, %(green)s on pace, "
        "%(behind)s behind, %(not_started)s not yet due, %(no_data)s without figures"
    ) % {
        "items": items, "subs": sum(counts.values()), "done": counts.get(rules.DONE, 0),
        "green": counts.get(rules.GREEN, 0), "behind": counts.get(rules.YELLOW, 0) + counts.get(rules.RED, 0),
        "not_started": counts.get(rules.NOT_STARTED, 0), "no_data": counts.get(rules.NO_DATA, 0),
    })


def orders_sentence(on_date: date, issued: int, closed: int, open_: int, overdue: int) -> str:
    """'截至2024年6月30日，共下发督办单8件，已办结5件，办结率62.5%，正在办理3件，其中超期1件。'"""
    rate = rules.completion(Decimal(closed), Decimal(issued))
    return full_stop(_(
        "As of %(day)s, %(issued)s supervision orders issued, %(closed)s closed (%(rate)s), "
        "%(open)s in progress, %(overdue)s of them overdue"
    ) % {"day": format_day(on_date), "issued": issued, "closed": closed, "rate": format_percent(rate),
         "open": open_, "overdue": overdue})


def tasks_sentence(count: int, done: int, behind: int) -> str:
    """'30项重点任务已完成12项，完成率40%，进度滞后3项。'"""
    rate = rules.completion(Decimal(done), Decimal(count))
    return full_stop(_("%(count)s key tasks: %(done)s done (%(rate)s), %(behind)s behind time progress") % {
        "count": count, "done": done, "rate": format_percent(rate), "behind": behind})


def indicators_sentence(count: int, met: int, behind: int, no_data: int) -> str:
    return full_stop(_("%(count)s indicator targets: %(met)s met or on track, %(behind)s short, %(no_data)s without figures") % {
        "count": count, "met": met, "behind": behind, "no_data": no_data})
