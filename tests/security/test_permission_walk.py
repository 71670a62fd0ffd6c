"""The permission walk: every URL pattern, as every role and anonymously, with objects of the user's own unit,
another unit and another district — no server error and no leak.

URL patterns come from the resolver, so a page added later (by any app) is walked without editing this file.
Path parameters are filled by name (``item_type``/``item_id``, ``pk`` by the path's first segment, ``action``);
an unknown parameter still gets the world's ids. A leak is a page showing a marker (a distinctive title planted
in security_world.py) of an object the user may not see. The figures are printed and written to
``$DUBAN_WALK_REPORT`` when set (docs/security.md quotes them).
"""

import itertools
import json
import os
import string
import time
from collections import Counter
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from security_world import SecurityWorld

from duban.tracking.models import Evaluation, ItemType

ITEM_TYPES = [ItemType.TASK, ItemType.SUB_ITEM, ItemType.PROJECT_YEAR, ItemType.INDICATOR_TARGET, ItemType.EXPROPRIATION]
#: Requests that would end the walk's own session or only switch the language: walked with GET only.
NO_POST = {"logout", "set_language"}
ACTIONS = {"order_action": ["sign", "feedback", "review", "close", "extend", "decide", "nonsense"],
           "ranking_action": ["compute", "publish", "score", "nonsense"]}


@dataclass(frozen=True)
class Route:
    template: str          # "tracking/orders/{pk}/{action}/"
    params: tuple          # ((name, converter class name), ...)
    name: str
    namespace: str


def _walk(resolver: URLResolver, prefix: str = "", namespace: str = "") -> list[Route]:
    routes = []
    for entry in resolver.url_patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            ns = ":".join(filter(None, [namespace, entry.namespace]))
            routes += _walk(entry, prefix + route, ns)
        elif isinstance(entry, URLPattern):
            full = prefix + route
            converters = {**getattr(resolver.pattern, "converters", {}), **entry.pattern.converters}
            routes.append(Route(_template(full), tuple((n, type(c).__name__) for n, c in converters.items()),
                                entry.name or "", namespace))
    return routes


def _template(route: str) -> str:
    import re

    out = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)
    if out.startswith("^"):  # a regex pattern (the admin's catch-all): walked as its literal part
        out = re.sub(r"[\^$]|\(\?P<(\w+)>[^)]*\)", lambda m: "{%s}" % m.group(1) if m.group(1) else "", out)
    return out


def all_routes() -> list[Route]:
    return _walk(get_resolver())


# --- filling parameters ----------------------------------------------------------------------------------


def _pk_choices(route: Route, world: SecurityWorld) -> list[int]:
    """Ids for ``pk`` by what the path is about: own district's object, the other district's, a missing one."""
    h, a = world.home, world.away
    evaluation_ids = list(Evaluation.objects.values_list("pk", flat=True)[:2])
    by_segment = {
        "orders": [h.order_id, a.order_id], "reports": [h.report_id, a.report_id],
        "evidence": [h.evidence_id, a.evidence_id], "ranking": evaluation_ids,
        "candidates": [h.candidate_id, a.candidate_id], "ingest": [h.document_id, a.document_id],
    }
    segments = [s for s in route.template.split("/") if s and "{" not in s]
    for segment in reversed(segments):
        if segment in by_segment:
            return [*filter(None, by_segment[segment]), 987654]
    return [h.report_id, a.report_id, h.order_id, a.order_id, 987654]


def fillings(route: Route, world: SecurityWorld) -> list[dict]:
    in_template = {field for _, field, _, _ in string.Formatter().parse(route.template) if field}
    names = {name: dict(route.params).get(name, "StringConverter") for name in in_template}
    if route.namespace.startswith("admin"):
        return [{n: ("1" if n != "app_label" else "tracking") for n in names}]
    if "item_type" in names and "item_id" in names:
        return [{"item_type": t, "item_id": side.items[key]}
                for t in ITEM_TYPES for side, key in ((world.home, t), (world.away, t))] + \
               [{"item_type": ItemType.TASK, "item_id": world.home.items["other_task"]},
                {"item_type": "nonsense", "item_id": 1}]
    choices = {}
    for name, converter in names.items():
        if name == "action":
            choices[name] = ACTIONS.get(route.name, ["nonsense"])
        elif converter == "IntConverter":
            choices[name] = _pk_choices(route, world) if name == "pk" else [world.home.order_id, 987654]
        else:
            choices[name] = ["x"]
    keys = list(choices)
    return [dict(zip(keys, combo, strict=True)) for combo in itertools.product(*(choices[k] for k in keys))]


# --- who may see what ------------------------------------------------------------------------------------


def forbidden_markers(world: SecurityWorld, user_key: str) -> set[str]:
    """Markers the user must never be shown: upper bound of what each role may see."""
    every = {m: (side, owner) for side in (world.home, world.away) for m, (_, owner) in side.markers.items()}
    if user_key in ("admin", "city"):
        return set()
    if user_key == "anonymous":
        return set(every)
    tag, role = user_key.split("_", 1)
    own = world.home if tag == "HOME" else world.away
    district_wide = role in {"office", "leader", "stats", "projects"}
    return {m for m, (side, owner) in every.items()
            if side is not own or (not district_wide and owner not in (own.unit.pk,))}


#: Admin pages: every one as anonymous and a non-staff office (both must be sent to the login); the superuser
#: GETs the index and change lists (it may see everything: only server errors are looked for there).
ADMIN_LIST_NAMES = ("_changelist", "index", "app_list")
USERS = ["anonymous", "HOME_reporter", "HOME_unitlead", "HOME_office", "HOME_leader", "HOME_stats", "HOME_projects",
         "AWAY_reporter", "AWAY_office", "city", "admin"]


def _admin_methods(route: Route, user_key: str) -> tuple[str, ...]:
    if user_key in ("anonymous", "HOME_office"):
        return ("get",)
    if user_key == "admin" and route.name.endswith(ADMIN_LIST_NAMES):
        return ("get",)
    return ()


def _methods(route: Route, user_key: str) -> tuple[str, ...]:
    if route.namespace.startswith("admin"):
        return _admin_methods(route, user_key)
    return ("get",) if route.name in NO_POST else ("get", "post")


def _client_for(user):
    from django.test import Client

    client = Client()
    if user is not None:
        client.force_login(user)
    return client


#: Lists of shared definitions: indicator definitions (GDP, 社零 ...) belong to no district, every signed-in user
#: reads them (the API's /api/indicators), so an indicator's name there is not a foreign object.
SHARED_LISTS = {"/api/indicators": "-indicator"}


def _shared(url: str, marker: str) -> bool:
    suffix = SHARED_LISTS.get(url.split("?")[0])
    return suffix is not None and marker.endswith(suffix)


def test_every_url_as_every_role_shows_no_foreign_object_and_no_server_error(sec_world, settings):
    settings.AXES_ENABLED = False
    routes = all_routes()
    assert any(r.name == "order_new" for r in routes) and any(r.namespace == "admin" for r in routes)
    figures, leaks, errors = Counter(), [], []
    started = time.perf_counter()
    for user_key in USERS:
        client = _client_for(sec_world.users[user_key])      # logged in once: no request logs it out (NO_POST)
        forbidden = forbidden_markers(sec_world, user_key)
        for route in routes:
            methods = _methods(route, user_key)
            for values in fillings(route, sec_world) if methods else ():
                url = "/" + route.template.format(**values)
                for method in methods:
                    response = getattr(client, method)(url)
                    figures["requests"] += 1
                    status = response.status_code
                    if status >= 500:
                        errors.append(f"{user_key} {method.upper()} {url} → {status}")
                    elif status in (401, 403, 404, 405) or (status == 302 and "/login/" in response.get("Location", "")):
                        figures["denied"] += 1
                    elif status == 400:
                        figures["refused as bad input"] += 1
                    else:
                        figures["answered"] += 1
                    body = b"".join(response.streaming_content) if response.streaming else response.content
                    text = body.decode("utf-8", errors="replace")
                    shown = sorted(m for m in forbidden if m in text and not _shared(url, m))
                    if shown:
                        leaks.append(f"{user_key} {method.upper()} {url} shows {shown}")
    figures.update({"leaks": len(leaks), "5xx": len(errors), "url patterns": len(routes), "users": len(USERS),
                    "seconds": round(time.perf_counter() - started, 1)})
    print("\npermission walk:", json.dumps(dict(figures), ensure_ascii=False))
    if os.environ.get("DUBAN_WALK_REPORT"):
        with open(os.environ["DUBAN_WALK_REPORT"], "w", encoding="utf-8") as out:
            json.dump(dict(figures), out, ensure_ascii=False, indent=1)
    assert errors == []
    assert leaks == []
    assert figures["denied"] > 0 and figures["answered"] > 0


def test_the_walk_sees_a_planted_leak(sec_world):
    """The leak check itself: a reporter must not see the other unit's or the other district's markers."""
    forbidden = forbidden_markers(sec_world, "HOME_reporter")
    assert "MK-HOME-other" in forbidden and "MK-AWAY-task" in forbidden and "MK-HOME-doc" in forbidden
    assert "MK-HOME-task" not in forbidden
    assert forbidden_markers(sec_world, "HOME_office") == set(sec_world.away.markers)
    assert forbidden_markers(sec_world, "city") == set()


def test_every_url_pattern_is_walked_with_filled_parameters(sec_world):
    for route in all_routes():
        for values in fillings(route, sec_world):
            assert "{" not in route.template.format(**values), route
