"""The change log: a stamp of "what was written" per district, kept by the database (PostgreSQL).

Per-process caches of results derived from a district's items and reports (``tracking.status.district_status``,
``tracking.selectors.not_reported``) must know when their rows changed — by a form, the admin, an import, a
``QuerySet.update``, a restore or a SQL console alike. Statement-level triggers on every table those results
are read from (installed by tracking's migration ``0013_change_log_triggers``) add one row per statement and
district touched to ``duban_change``: ``scope`` is the district's id, or 0 for rows every district reads
(organisations' names, indicators, categories) or whose district cannot be told. Nothing is locked: writers
only insert.

``change_stamp(scopes)`` is the number and newest id of those rows for the scopes, in one indexed statement.
Within one statement's snapshot the rows seen only ever grow, so an equal stamp means the same writes were
seen, and a reader that reads the stamp *before* its data can only cache data newer than its stamp (its next
read sees the new stamp and computes again), never older. Results read inside a transaction are not cached
by their callers: a transaction's own rows, if rolled back, would leave a stamp that a later state can match.

``changes_compact()`` (nightly, and after bulk loads) folds the rows into ``duban_change_base`` per scope, keeping
every stamp as it was. On other databases there are no triggers: the stamp is None and callers compute.
"""

from collections.abc import Iterable

from django.db import DEFAULT_DB_ALIAS, connections

CITY = 0  # the scope of rows every district reads

#: The tables, created by core's migration 0004 (PostgreSQL only; not Django models: never dumped, flushed or
#: restored — a stamp is derived, and a backup of a restored database must equal the original backup).
CREATE_SQL = """
CREATE TABLE IF NOT EXISTS duban_change (id bigserial PRIMARY KEY, scope bigint NOT NULL);
CREATE INDEX IF NOT EXISTS duban_change_scope ON duban_change (scope, id);
CREATE TABLE IF NOT EXISTS duban_change_base (scope bigint PRIMARY KEY, n bigint NOT NULL, top bigint NOT NULL);
"""
DROP_SQL = "DROP TABLE IF EXISTS duban_change; DROP TABLE IF EXISTS duban_change_base;"


def enabled(using: str = DEFAULT_DB_ALIAS) -> bool:
    return connections[using].vendor == "postgresql"


def change_stamp(scopes: Iterable[int], using: str = DEFAULT_DB_ALIAS) -> tuple[int, int] | None:
    """(rows, newest id) of the change log for ``scopes`` (district ids; include CITY), or None off PostgreSQL."""
    if not enabled(using):
        return None
    scopes = sorted(set(scopes))
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(sum(n), 0)::bigint, coalesce(max(top), 0)::bigint FROM ("
            " SELECT n, top FROM duban_change_base WHERE scope = ANY(%s)"
            " UNION ALL SELECT count(*), max(id) FROM duban_change WHERE scope = ANY(%s)) s", [scopes, scopes])
        n, top = cursor.fetchone()
    return (int(n), int(top))


def changes_compact(using: str = DEFAULT_DB_ALIAS) -> int:
    """Fold the committed rows of the change log into per-scope totals (one statement: readers see it before
    or after, never half); returns the rows folded. Rows of transactions still open stay for the next time."""
    if not enabled(using):
        return 0
    with connections[using].cursor() as cursor:
        cursor.execute(
            "WITH gone AS (DELETE FROM duban_change RETURNING scope, id),"
            " sums AS (SELECT scope, count(*) AS n, max(id) AS top FROM gone GROUP BY scope),"
            " merged AS (INSERT INTO duban_change_base (scope, n, top) SELECT scope, n, top FROM sums"
            "  ON CONFLICT (scope) DO UPDATE SET n = duban_change_base.n + EXCLUDED.n,"
            "  top = greatest(duban_change_base.top, EXCLUDED.top) RETURNING n)"
            " SELECT coalesce(sum(n), 0) FROM sums")
        return int(cursor.fetchone()[0])
