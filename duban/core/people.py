"""How a person is named on pages, lists and histories."""


def display_name(user) -> str:
    """A user's display name: the full name (教体局填报员), else the login name; "" for no user."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()
