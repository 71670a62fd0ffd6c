"""Fast inserts for tracking's bulk door: one ``executemany`` per batch instead of ``bulk_create``.

``bulk_create`` compiles every value of every row through the query compiler (≈0.4 ms per 40-column report
row); a synthetic city has millions of report and event rows. Values are still converted by each field's own
``get_db_prep_save`` (None, which most report columns hold, needs no conversion), so what is stored is the same.
"""

from duban.core.bulk import insert_rows

__all__ = ["insert_rows"]
