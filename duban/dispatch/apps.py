from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DispatchConfig(AppConfig):
    name = "duban.dispatch"
    verbose_name = _("Direct reports")
    default_auto_field = "django.db.models.BigAutoField"
