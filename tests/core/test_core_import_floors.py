"""The floors of docs/architecture.md, checked on the source: no app imports an app on a higher floor."""

import ast
from pathlib import Path

import duban

PACKAGE = Path(duban.__file__).resolve().parent
#: Floor of each app; an app not listed (a new one) counts as an interface, the top floor.
FLOORS = {
    "core": 0, "org": 1, "plans": 2, "projects": 2, "indicators": 2, "tracking": 3, "ingest": 3,
    "web": 4, "public": 4, "api": 4, "ledgers": 4, "bulletins": 4, "dispatch": 4, "demo": 4,
}
TOP = 4
#: Project-level modules that wire the apps together.
WIRING = {"settings.py", "urls.py", "cli.py", "wsgi.py", "asgi.py", "__main__.py", "__init__.py"}


def _app_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "duban" else None


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                found.append((node.lineno, ".".join([*base, node.module or ""]).rstrip(".")))
            elif node.module:
                found.append((node.lineno, node.module))
    return found


def upward_imports() -> list[str]:
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if len(relative.parts) == 1 and relative.name in WIRING or "migrations" in relative.parts:
            continue
        app = relative.parts[0]
        floor = FLOORS.get(app, TOP)
        for line, module in _imports(path):
            target = _app_of(module)
            if target and target != app and FLOORS.get(target, TOP) > floor:
                problems.append(f"duban/{relative}:{line} imports {module} (floor {FLOORS.get(target, TOP)} > {floor})")
    return problems


def test_no_app_imports_an_app_on_a_higher_floor():
    assert upward_imports() == []


def test_the_walk_finds_an_upward_import(tmp_path, monkeypatch):
    bad = PACKAGE / "org" / "_floor_probe_tmp.py"
    bad.write_text("from duban.web import views  # noqa\n", encoding="utf-8")
    try:
        assert upward_imports() == ["duban/org/_floor_probe_tmp.py:1 imports duban.web (floor 4 > 1)"]
    finally:
        bad.unlink()
