"""Fast inserts for tracking's bulk door: one ``executemany`` per batch instead of ``bulk_create``.

``bulk_create`` compiles every value of every row through the query compiler (≈0.4 ms per 40-column report
row); a synthetic city has millions of report and event rows. Values are still converted by each field's own
``get_db_prep_save`` (None, which most report columns hold, needs no conversion), so what is stored is the same.
"""

from django.db import DEFAULT_DB_ALIAS, connections


def insert_rows(model, objs, *, batch_size: int = 5000, using: str = DEFAULT_DB_ALIAS) -> None:
    """INSERT unsaved model instances (their primary keys are not read back)."""
    connection = connections[using]
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    if any(getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False) for f in fields):
        raise ValueError(f"{model.__name__} has automatic dates: use bulk_create")
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
