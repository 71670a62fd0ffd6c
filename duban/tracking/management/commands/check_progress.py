"""duban check_progress: key projects whose stored stage, start and milestones contradict their investment.

E.g. "4.24亿元 invested but not started": the investment since the start is the latest confirmed report's
(else the investment before the year); nothing is changed, the list is for the office to correct.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from duban.tracking.selectors import project_inconsistencies

from .status import districts_named


class Command(BaseCommand):
    help = "List key projects whose stage, actual start or milestones contradict their investment (changes nothing)."

    def add_arguments(self, parser):
        parser.add_argument("--district", help="district name (default: every district)")

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            found = 0
            for district in districts_named(options["district"]):
                for project, problems in project_inconsistencies(district):
                    found += 1
                    self.stdout.write(f"{district.name} {project.code} {project.name}: {'; '.join(problems)}")
            self.stdout.write(_("%(n)s projects to correct") % {"n": found})
