"""duban (督办): carry a district government's year of work from plan to evaluation."""

__version__ = "0.1.0"
