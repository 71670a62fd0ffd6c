import polib
import pytest
from django.utils import translation

from duban.org.models import Organisation, Role
from duban.plans.models import Plan
from duban.web import i18n_catalog


def test_compiled_mo_matches_the_po():
    # The .mo is committed; run 'duban compile_translations' after editing the .po.
    assert i18n_catalog.mo_is_current(), "django.mo is stale: run 'duban compile_translations'"


def test_model_names_and_choices_are_translated():
    with translation.override("zh-hans"):
        assert str(Organisation._meta.verbose_name) == "组织机构"
        assert str(Plan._meta.get_field("theme").verbose_name) == "年度主题"
        assert str(Role.UNIT_REPORTER.label) == "单位填报员"
    with translation.override("en"):
        assert str(Role.UNIT_REPORTER.label) == "Unit reporter"


def test_every_model_and_app_string_has_a_translation():
    po = polib.pofile(str(i18n_catalog.PO_PATH))
    missing = [
        e.msgid for e in po
        if any(path.endswith(("models.py", "apps.py")) for path, _line in e.occurrences)
        and (e.fuzzy or not e.translated())
    ]
    assert missing == []


def test_tsv_merge_adds_and_overrides(tmp_path):
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Old", msgstr="旧"))
    po.append(polib.POEntry(msgid="Same", msgstr="同"))
    (tmp_path / "tracking.tsv").write_text("# comment\nOld\t新\nSame\t同\nNew line\\nhere\t新增\nbroken line\n",
                                           encoding="utf-8")

    result = i18n_catalog.merge_all(po, tmp_path)

    assert (result.added, result.changed) == (["New line\nhere"], ["Old"])
    assert result.errors == ["tracking.tsv:5: expected 'msgid<TAB>translation'"]
    assert [(e.msgid, e.msgstr) for e in po] == [("Old", "新"), ("Same", "同"), ("New line\nhere", "新增")]


def test_tsv_does_not_override_a_msgid_shared_with_other_apps(tmp_path):
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Reviewed", msgstr="已审核",
                            occurrences=[("duban/tracking/models.py", "1"), ("duban/ingest/views.py", "2")]))
    po.append(polib.POEntry(msgid="quote", msgstr="原文摘录", occurrences=[("duban/ingest/models.py", "3")]))
    po.append(polib.POEntry(msgid="Rank", msgstr="", occurrences=[("duban/indicators/models.py", "4")]))
    (tmp_path / "ingest.tsv").write_text("Reviewed\t审核\nquote\t原文\nRank\t排名\n", encoding="utf-8")

    result = i18n_catalog.merge_all(po, tmp_path)

    assert result.changed == ["quote", "Rank"]
    assert result.conflicts == ["ingest.tsv: 'Reviewed' → '审核' kept as '已审核' (shared msgid)"]
    assert [e.msgstr for e in po] == ["已审核", "原文", "排名"]


def test_compile_then_compare_round_trip(tmp_path):
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Plural-Forms": "nplurals=1; plural=0;"}
    po.append(polib.POEntry(msgid="Task", msgstr="任务"))
    po.append(polib.POEntry(msgid="%(n)s task", msgid_plural="%(n)s tasks", msgstr_plural={0: "%(n)s项任务"}))
    po.append(polib.POEntry(msgid="Draft", msgstr="草稿", flags=["fuzzy"]))
    po_path, mo_path = tmp_path / "django.po", tmp_path / "django.mo"
    po.save(str(po_path))
    i18n_catalog.compile_mo(po, mo_path)

    assert i18n_catalog.mo_catalog(mo_path) == {"Task": "任务", ("%(n)s task", 0): "%(n)s项任务"}
    assert i18n_catalog.mo_is_current(po_path, mo_path)
    po.find("Task").msgstr = "工作"
    po.save(str(po_path))
    assert not i18n_catalog.mo_is_current(po_path, mo_path)


@pytest.mark.django_db
def test_check_command_passes_on_the_committed_catalogue(tmp_path):
    from django.core.management import call_command

    call_command("compile_translations", "--check", "--tsv-dir", str(tmp_path))
