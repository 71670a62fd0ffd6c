class ApplicationError(Exception):
    """A business rule refused an action; the message is meant for the user."""

    def __init__(self, message: str, *, extra: dict | None = None):
        super().__init__(message)
        self.message = message
        self.extra = extra or {}
