from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Candidate, SourceDocument


@admin.register(SourceDocument)
class SourceDocumentAdmin(SimpleHistoryAdmin):
    list_display = ("title", "district", "year", "filename", "uploaded_by", "created_at")
    list_filter = ("district", "year")
    search_fields = ("title", "filename")
    readonly_fields = ("sha256", "text", "uploaded_by")


@admin.register(Candidate)
class CandidateAdmin(SimpleHistoryAdmin):
    list_display = ("quote", "metric", "document", "kind", "aspect", "period", "target", "status")
    list_filter = ("status", "target", "kind", "aspect")
    search_fields = ("quote", "metric", "sentence")
    raw_id_fields = (
        "document", "link_indicator", "link_task", "link_project", "link_livelihood_item", "created_task",
        "created_sub_item", "created_target", "created_observation", "created_project_year", "created_project",
        "reviewed_by",
    )
