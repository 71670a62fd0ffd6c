"""Data and builders of the review flow's tests (imported by name: conftest modules clash across folders)."""

from dataclasses import dataclass

from factories import make_member

from duban.org.models import Organisation, OrgKind, Role

PASSWORD = "review-pass-1"


def make_user(username: str, *memberships: tuple[Organisation, str], **extra):
    return make_member(username, *memberships, password=PASSWORD, **extra)

#: Five quantities: two actual figures of 2023, three targets of 2024 (paragraphs 3 and 5).
REPORT = (
    "2024年政府工作报告\n"
    "一、2023年工作回顾\n"
    "全区地区生产总值完成1161.7亿元，增长5.1%。\n"
    "二、2024年主要目标\n"
    "力争城镇新增就业1.76万人，启动25条市政道路建设，新建日间照料中心13处。\n"
)
QUOTES = ["1161.7亿元", "5.1%", "1.76万人", "25条", "13处"]


@dataclass
class World:
    city: Organisation
    district: Organisation
    other: Organisation
    bureau: Organisation
    users: dict




def seed_default_keywords() -> None:
    """The keyword table's defaults as the migration seeds them (a transactional test's flush removes them)."""
    from duban.ingest.assign import DEFAULT_KEYWORDS
    from duban.ingest.models import UnitKeyword

    UnitKeyword.objects.bulk_create([UnitKeyword(district=None, keyword=k, unit_names=v) for k, v in DEFAULT_KEYWORDS],
                                    ignore_conflicts=True)


def build_world() -> World:
    seed_default_keywords()
    city = Organisation.objects.create(name="济南市", kind=OrgKind.CITY)
    district = Organisation.objects.create(name="市中区", kind=OrgKind.DISTRICT, parent=city)
    other = Organisation.objects.create(name="历下区", kind=OrgKind.DISTRICT, parent=city)
    bureau = Organisation.objects.create(name="区统计局", kind=OrgKind.DEPARTMENT, parent=district)
    office = Organisation.objects.create(name="区委督查室", kind=OrgKind.OFFICE, parent=district)
    users = {
        "office": make_user("office", (office, Role.SUPERVISION_OFFICE)),
        "projects": make_user("projects", (district, Role.PROJECT_OFFICE)),
        "stats": make_user("stats", (bureau, Role.STATISTICS)),
        "leader": make_user("leader", (district, Role.DISTRICT_LEADER)),
        "city": make_user("city", (city, Role.CITY_OFFICE)),
        "reporter": make_user("reporter", (bureau, Role.UNIT_REPORTER)),
        "unitlead": make_user("unitlead", (bureau, Role.UNIT_LEADER)),
        "other_office": make_user("other_office", (other, Role.SUPERVISION_OFFICE)),
        "admin": make_user("admin", is_superuser=True, is_staff=True),
        "nobody": make_user("nobody"),
    }
    return World(city, district, other, bureau, users)


def candidate(document, quote: str):
    return document.candidates.get(quote=quote)


def add_units(district) -> dict[str, Organisation]:
    """Departments of the district as a work report names them (full names, some with short names)."""
    names = {
        "hr": ("市中区人力资源和社会保障局", "区人社局"), "build": ("市中区住房和城乡建设局", ""),
        "transport": ("市中区交通运输局", ""), "edu": ("市中区教育和体育局", "区教体局"),
        "civil": ("市中区民政局", ""), "health": ("市中区卫生健康局", "区卫健局"),
        "dev": ("市中区发展和改革局", "区发改局"),
    }
    return {key: Organisation.objects.create(name=name, short_name=short, kind=OrgKind.DEPARTMENT, parent=district)
            for key, (name, short) in names.items()}
