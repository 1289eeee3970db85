"""A save that loses a race for the database keeps what the editor typed.

Two saves at the same moment: on SQLite the second waits for the first one's write lock and may give up
("database is locked"); on PostgreSQL a lock wait can time out, or a transaction be chosen to fail as a
deadlock or serialization victim. The losing save has changed nothing (the change view's transaction was
rolled back), but the 503 page the middleware would show loses the typed text. The change view instead
shows the form again, bound to what was posted, with a message: saving again is all it takes.
"""

from django import forms
from django.db import DatabaseError

MESSAGE = "Someone else was saving at the same moment; your text is kept, save again."

# PostgreSQL's SQLSTATEs for a lost race: serialization failure, deadlock detected, lock not available.
_SQLSTATES = frozenset({"40001", "40P01", "55P03"})
_SQLITE_MESSAGES = ("database is locked", "database table is locked")


def lost_race(error: DatabaseError) -> bool:
    """Whether `error` means another transaction got there first (not that the database is away)."""
    if getattr(error.__cause__, "sqlstate", None) in _SQLSTATES:
        return True
    return any(text in str(error) for text in _SQLITE_MESSAGES)


def _refuse(form):
    raise forms.ValidationError(MESSAGE, code="lost_race")


class KeepTextOnLostRace:
    """ModelAdmin mixin: a POST to the add/change view that loses a race is shown again, not a 503."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except DatabaseError as error:
            if request.method != "POST" or not lost_race(error):
                raise
        request.lost_race = True
        # Outside a transaction: showing the form only reads, and on SQLite needs no write lock. The
        # form refuses (below) before anything that locks or saves.
        return self._changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if getattr(request, "lost_race", False):
            return type(form.__name__, (form,), {"clean": _refuse})
        return form
