"""How a user is named wherever people see them: an author, the actor in a log or a message, an assignee."""


def display_name(user) -> str:
    """The user's full name, or their username when they have none."""
    return user.get_full_name() or user.get_username()
