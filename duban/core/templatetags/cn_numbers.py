from django import template

from duban.core import numbers

register = template.Library()

register.filter("wanyuan", numbers.format_wanyuan)
register.filter("yuan", numbers.format_yuan)
register.filter("percent", numbers.format_percent)
register.filter("points", numbers.format_points)
register.filter("cn_day", numbers.format_day)
register.filter("wan", numbers.format_wan)
register.filter("grouped", numbers.format_grouped)
register.filter("cn_month", numbers.format_month)
