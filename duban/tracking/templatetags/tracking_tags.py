"""Small display helpers for tracking's templates."""

from django import template

register = template.Library()

LIGHT_LABELS = {"green": "绿灯", "yellow": "黄灯", "red": "红灯", "done": "已完成", "not_started": "未开始", "no_data": "无数据"}
STATE_LABELS = {"done": "已确认", "submitted": "待审核", "returned": "被退回", "due": "待报送", "overdue": "逾期未报",
                "open": "本期进行中"}


@register.filter
def light_label(light: str) -> str:
    return LIGHT_LABELS.get(light, light)


@register.filter
def update_state_label(state: str) -> str:
    return STATE_LABELS.get(state, state)


@register.filter
def yes_no_dash(value) -> str:
    return {True: "是", False: "否"}.get(value, "—")
