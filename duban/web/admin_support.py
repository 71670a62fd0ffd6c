"""Moved to duban.core.admin_support (domain apps must not import the web app); kept for old imports."""

from duban.core.admin_support import SourcedAdmin, provenance_mark, wanyuan_column  # noqa: F401
