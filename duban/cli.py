"""The ``duban`` console script: Django's management commands with duban's settings."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duban.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["duban", *(sys.argv[1:] if argv is None else argv)])
    except ImproperlyConfigured as exc:  # e.g. no SECRET_KEY with DEBUG off: say so, without a traceback
        sys.exit(f"duban: {exc}")


if __name__ == "__main__":
    main()
