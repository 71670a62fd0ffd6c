from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination


class Pages(LimitOffsetPagination):
    """limit/offset with bounds (an unbounded offset overflows the database's integers)."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=500, description="rows per page (at most 500)")
        offset: int = Field(0, ge=0, le=10**9, description="rows to skip")
