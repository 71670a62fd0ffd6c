"""Fast inserts for the bulk doors of every app: one ``executemany`` per batch instead of ``bulk_create``.

``bulk_create`` compiles every value of every row through the query compiler (≈0.4 ms per 40-column row); a
ledger of 10,000 projects or a synthetic city of millions of reports spends most of its time there. Values are
still converted by each field's own ``get_db_prep_save`` (None needs no conversion), so what is stored is the
same. Primary keys are not read back: the caller reads them by a natural key.
"""

from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone


def insert_rows(model, objs, *, batch_size: int = 5000, using: str = DEFAULT_DB_ALIAS, stamp: bool = False) -> None:
    """INSERT unsaved model instances. A model with automatic dates (created_at, updated_at) needs ``stamp``:
    those fields are then set to now on every object first (what ``save`` would have done)."""
    connection = connections[using]
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    automatic = [f.attname for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
    if automatic and not stamp:
        raise ValueError(f"{model.__name__} has automatic dates: pass stamp=True or use bulk_create")
    if automatic:
        now = timezone.now()
        for obj in objs:
            for name in automatic:
                setattr(obj, name, now)
    quote = connection.ops.quote_name
    sql = (f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
           f"VALUES ({', '.join(['%s'] * len(fields))})")
    columns = [(f.attname, f.get_db_prep_save) for f in fields]
    with connection.cursor() as cursor:
        for start in range(0, len(objs), batch_size):
            rows = []
            for obj in objs[start:start + batch_size]:
                values = obj.__dict__
                rows.append(tuple(None if values[name] is None else prep(values[name], connection)
                                  for name, prep in columns))
            cursor.executemany(sql, rows)


def insert_history(model, objs, *, by=None, using: str = DEFAULT_DB_ALIAS) -> None:
    """The "created" history rows (django-simple-history) of objects just inserted, as bulk_create_with_history
    writes them (type "+", the user, now), through ``insert_rows``. The objects must carry their primary keys."""
    history = model.history.model
    now = timezone.now()
    rows = []
    for obj in objs:
        row = history(history_date=now, history_user=by, history_change_reason="", history_type="+",
                      **{f.attname: getattr(obj, f.attname) for f in history.tracked_fields})
        if hasattr(history, "history_relation"):
            row.history_relation_id = obj.pk
        rows.append(row)
    insert_rows(history, rows, using=using)


def analyze(using: str = DEFAULT_DB_ALIAS) -> None:
    """Refresh the query planner's statistics (``ANALYZE``, on PostgreSQL and SQLite alike) after a bulk load.

    Without them PostgreSQL guesses: after a synthetic city or a restore, with autovacuum off or not yet
    round, it planned a parallel scan of 1.7 million report events to find the 22 of one item (8 ms instead of
    0.1 ms). Autovacuum catches up by itself in production; the bulk doors do not wait for it.
    """
    with connections[using].cursor() as cursor:
        cursor.execute("ANALYZE")
