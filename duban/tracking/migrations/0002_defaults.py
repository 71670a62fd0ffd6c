"""Default light rule set, an example seasonal curve and the default half-year and annual rubrics."""

from django.db import migrations

DEFAULT_RULES = {
    "mode": "absolute",
    "yellow_pp": "10",
    "red_pp": "30",
    "yellow_relative": "20",
    "red_relative": "50",
    "consecutive_periods": 0,
    "consecutive_light": "red",
    "no_data_light": "no_data",
    "started_late": True,
    "started_late_light": "red",
    "started_late_grace_days": 0,
    "not_registered": True,
    "not_registered_light": "yellow",
    "not_registered_grace_days": 30,
    "growth_red_pp": "2",
    "about_tolerance_pp": "0.5",
    "level_yellow_pct": "5",
    "level_red_pct": "15",
    "rank_red_places": 2,
    "time_progress": "months",
    "expropriation_measure": "signed_households",
    "rollup_missing": "zero",
    "auto_order_lights": [
        "red"
    ],
    "auto_order": True,
    "order_deadline_days": 10,
    "remind_days_before": [
        3,
        1
    ],
    "overdue_repeat_days": 7
}

SEASONAL_CONSTRUCTION = ["3", "8", "16", "26", "37", "50", "61", "71", "80", "88", "95", "100"]

HALF_YEAR_RUBRIC = {
    "items": [
        {
            "code": "completion",
            "label": "上半年完成率",
            "kind": "per_point",
            "metric": "completion_pct",
            "points_per_pp": "0.4",
            "max": "40",
            "min": "0"
        },
        {
            "code": "pace",
            "label": "时序进度",
            "kind": "bands",
            "metric": "gap_pp",
            "bands": [
                {
                    "from": "0",
                    "points": "20"
                },
                {
                    "from": "-10",
                    "points": "14"
                },
                {
                    "from": "-30",
                    "points": "6"
                }
            ],
            "else": "0"
        },
        {
            "code": "rank",
            "label": "完成率排名",
            "kind": "rank_table",
            "metric": "completion_pct",
            "table": [
                {
                    "from": 1,
                    "to": 3,
                    "points": "7"
                },
                {
                    "from": 4,
                    "to": 6,
                    "points": "5"
                },
                {
                    "from": 7,
                    "to": 10,
                    "points": "3"
                }
            ],
            "else": "1"
        },
        {
            "code": "double_half",
            "label": "双过半",
            "kind": "bands",
            "metric": "double_half_rate",
            "bands": [
                {
                    "from": "100",
                    "points": "10"
                },
                {
                    "from": "80",
                    "points": "7"
                },
                {
                    "from": "50",
                    "points": "4"
                }
            ],
            "else": "0"
        },
        {
            "code": "onsite",
            "label": "现场评议",
            "kind": "manual",
            "weight": "0.2",
            "max": "100"
        },
        {
            "code": "red",
            "label": "红灯事项",
            "kind": "per_count",
            "metric": "red_count",
            "points_each": "-1",
            "min": "-5"
        }
    ],
    "bonus_max": "5",
    "deduction_max": "10"
}

ANNUAL_RUBRIC = {
    "items": [
        {
            "code": "completion",
            "label": "年度完成率",
            "kind": "per_point",
            "metric": "completion_pct",
            "points_per_pp": "0.5",
            "max": "50",
            "min": "0"
        },
        {
            "code": "rank",
            "label": "完成率排名",
            "kind": "rank_table",
            "metric": "completion_pct",
            "table": [
                {
                    "from": 1,
                    "to": 3,
                    "points": "10"
                },
                {
                    "from": 4,
                    "to": 6,
                    "points": "7"
                },
                {
                    "from": 7,
                    "to": 10,
                    "points": "4"
                }
            ],
            "else": "2"
        },
        {
            "code": "reports",
            "label": "按时填报率",
            "kind": "per_point",
            "metric": "on_time_rate",
            "points_per_pp": "0.1",
            "max": "10",
            "min": "0"
        },
        {
            "code": "onsite",
            "label": "现场评议",
            "kind": "manual",
            "weight": "0.3",
            "max": "100"
        },
        {
            "code": "red",
            "label": "红灯事项",
            "kind": "per_count",
            "metric": "red_count",
            "points_each": "-1",
            "min": "-5"
        }
    ],
    "bonus_max": "5",
    "deduction_max": "10"
}


def create_defaults(apps, schema_editor):
    RuleSet = apps.get_model("tracking", "RuleSet")
    ProgressCurve = apps.get_model("tracking", "ProgressCurve")
    Rubric = apps.get_model("tracking", "Rubric")
    RuleSet.objects.get_or_create(code="default", defaults={
        "name": "默认亮灯规则", "is_default": True, "config": DEFAULT_RULES,
        "description": "低于时序进度10–30个百分点亮黄灯，超过30个百分点亮红灯；应开未开亮红灯，开工未入库超过30天亮黄灯。",
    })
    ProgressCurve.objects.get_or_create(code="construction-seasonal", defaults={
        "name": "施工季节性曲线", "months": SEASONAL_CONSTRUCTION, "item_type": "project_year", "category": "",
    })
    Rubric.objects.get_or_create(code="half-year", defaults={"name": "半年评议细则", "config": HALF_YEAR_RUBRIC})
    Rubric.objects.get_or_create(code="annual", defaults={"name": "年度考核细则", "config": ANNUAL_RUBRIC})


class Migration(migrations.Migration):
    dependencies = [("tracking", "0001_initial")]
    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
