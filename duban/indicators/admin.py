from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from duban.core.admin_support import SourcedAdmin

from .models import Indicator, IndicatorTarget, IndicatorTargetUnit, Observation


@admin.register(Indicator)
class IndicatorAdmin(SourcedAdmin):
    list_display = ("code", "name", "unit", "category", "frequency", "accumulation", "aspect", "publishes_growth")
    list_filter = ("category", "frequency", "accumulation", "aspect")
    search_fields = ("code", "name", "description")
    list_select_related = ("source_unit",)
    autocomplete_fields = ("source_unit",)


class IndicatorTargetUnitInline(admin.TabularInline):
    model = IndicatorTargetUnit
    extra = 1
    autocomplete_fields = ("organisation",)


@admin.register(IndicatorTarget)
class IndicatorTargetAdmin(SourcedAdmin):
    list_display = ("indicator", "organisation", "year", "target_type", "qualifier", "value", "text")
    list_filter = ("year", "target_type", "indicator__category", ("organisation", admin.RelatedOnlyFieldListFilter))
    search_fields = ("indicator__name", "indicator__code", "text")
    list_select_related = ("indicator", "organisation")
    autocomplete_fields = ("indicator", "organisation")
    inlines = (IndicatorTargetUnitInline,)


@admin.register(Observation)
class ObservationAdmin(SourcedAdmin):
    list_display = ("indicator", "organisation", "period_display", "level", "growth", "share", "rank", "revision",
                    "source")
    list_filter = ("year", "period_type", "indicator", ("organisation", admin.RelatedOnlyFieldListFilter))
    search_fields = ("indicator__name", "source")
    list_select_related = ("indicator", "organisation")
    autocomplete_fields = ("indicator", "organisation")

    @admin.display(description=_("period"), ordering="year")
    def period_display(self, obj) -> str:
        return obj.period_label
