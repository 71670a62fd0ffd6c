from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BulletinsConfig(AppConfig):
    name = "duban.bulletins"
    verbose_name = _("Bulletins")

    def ready(self):
        from duban.core.jobs import register_job_files

        register_job_files("bulletins/jobs")  # kept per job, deleted with it (core.jobs.jobs_expire)
