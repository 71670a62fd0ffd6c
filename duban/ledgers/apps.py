from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgersConfig(AppConfig):
    name = "duban.ledgers"
    label = "ledgers"
    verbose_name = _("Excel ledgers")

    def ready(self):
        from duban.core.jobs import register_job_files

        register_job_files("ledgers/jobs")  # kept per job, deleted with it (core.jobs.jobs_expire)
