"""Accessibility of the pages every role uses: each form control has a label, each image an alt text, each button
a name; the page says its language and offers a skip link. Walks every menu entry of each role and the main
detail pages, on tracking's small district (one user of each role)."""

from datetime import date
from html.parser import HTMLParser
from importlib import import_module

import pytest
from django.apps import apps
from world_builders import build_world

from duban.tracking import services
from duban.web.templatetags.web_shell import nav_items_for

UNLABELLED_TYPES = {"hidden", "submit", "button", "reset", "image"}
ROLES = ["reporter_a", "unit_leader_a", "district_leader", "statistics", "office", "project_office", "city_office",
         "admin"]


class _Audit(HTMLParser):
    """Collects form controls, label targets, images and buttons of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.controls: list[dict] = []
        self.label_for: set[str] = set()
        self.label_depth = 0
        self.images: list[dict] = []
        self.buttons: list[list] = []       # [attrs, text]
        self.html_lang = None
        self.skip_link = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html_lang = a.get("lang")
        elif tag == "label":
            self.label_depth += 1
            if a.get("for"):
                self.label_for.add(a["for"])
        elif tag in ("input", "select", "textarea"):
            if tag != "input" or (a.get("type") or "text") not in UNLABELLED_TYPES:
                self.controls.append({**a, "_tag": tag, "_in_label": self.label_depth > 0})
        elif tag == "img":
            self.images.append(a)
        elif tag == "button":
            self.buttons.append([a, ""])
        elif tag == "a" and "skip-link" in (a.get("class") or ""):
            self.skip_link = True

    def handle_endtag(self, tag):
        if tag == "label" and self.label_depth:
            self.label_depth -= 1

    def handle_data(self, data):
        if self.buttons:
            self.buttons[-1][1] += data

    def problems(self) -> list[str]:
        out = []
        for c in self.controls:
            named = c["_in_label"] or c.get("id") in self.label_for or c.get("aria-label") or c.get("aria-labelledby") \
                or c.get("title")
            if not named:
                out.append(f"{c['_tag']} name={c.get('name')!r} id={c.get('id')!r} has no label")
        out += [f"img src={i.get('src')!r} has no alt" for i in self.images if "alt" not in i]
        out += [f"button {a} has no text" for a, text in self.buttons if not text.strip() and not a.get("aria-label")]
        if not self.html_lang:
            out.append("html has no lang")
        if not self.skip_link:
            out.append("no skip link")
        return out


def audit(html: str) -> list[str]:
    parser = _Audit()
    parser.feed(html)
    return parser.problems()


def test_the_audit_finds_what_is_missing():
    page = ('<html><body><input name="a"><label for="b">B</label><input id="b" name="b"><label>C <select name="c">'
            '</select></label><input type="hidden" name="d"><img src="x.png"><img src="y.png" alt="">'
            '<button type="submit"></button><button aria-label="关闭">×</button></body></html>')
    assert audit(page) == ["input name='a' id=None has no label", "img src='x.png' has no alt",
                           "button {'type': 'submit'} has no text", "html has no lang", "no skip link"]


@pytest.mark.django_db
def test_every_page_of_every_role_labels_its_controls(client, settings):
    settings.DUBAN_TODAY = "2024-06-30"
    # The default rule set and rubrics come from a data migration, which a browser test's flush may have removed.
    import_module("duban.tracking.migrations.0002_defaults").create_defaults(apps, None)
    world = build_world()
    order = services.order_issue(actor=world.users["office"], district=world.district, title="加快推进", content="请加快",
                                 deadline=date(2024, 7, 20), lead_unit=world.unit_a, cooperating_units=[world.unit_c])
    extra = {
        "reporter_a": [f"/tracking/items/project_year/{world.project_year.pk}/report/?period=2024-06",
                       f"/tracking/items/project_year/{world.project_year.pk}/", f"/tracking/orders/{order.pk}/"],
        "office": [f"/tracking/orders/new/?district={world.district.pk}", f"/tracking/orders/{order.pk}/",
                   "/tracking/config/rules/new/", "/tracking/assign/?year=2024"],
        "city_office": ["/tracking/config/curves/new/", "/tracking/config/rules/default/",
                        "/tracking/config/rubrics/half-year/"],
    }
    problems, walked = {}, 0
    for role in ROLES:
        user = world.users[role]
        client.force_login(user)
        urls = [item.url for item in nav_items_for(user, "/") if not item.url.startswith("/admin/")]
        for url in urls + extra.get(role, []):
            response = client.get(url)
            assert response.status_code == 200, (role, url)
            walked += 1
            found = audit(response.content.decode())
            if found:
                problems[(role, url)] = found
    for key, found in problems.items():
        print("A11Y", key, found)
    assert problems == {}
    assert walked >= 60
