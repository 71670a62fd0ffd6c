"""``{{ user|person }}``: a user's display name (full name, else login name) wherever a person is named."""

from django import template

from duban.core.people import display_name

register = template.Library()

register.filter("person", display_name)
