"""Text as the newsroom stores it: NFC-normalised, without control characters.

The same words can arrive as different code points: "é" precomposed or as "e" plus a combining accent
(pasted from a PDF or a Mac), and anchoring, search and fingerprints compare code points. NFC gives
each its one canonical form. Control characters are invisible and some break things: PostgreSQL
refuses a NUL in any text, and a stray escape or backspace in a headline reaches every reader. Tab,
newline and carriage return are text; form feed and vertical tab are line breaks that become spaces;
the rest of C0 (and DEL) is dropped.

Used by every form that saves text (the article, claim and quotation forms; sources and people), by
the import and by the reader search. `fold` takes accents and case away for searches that ignore them.
"""

import unicodedata
from functools import lru_cache

from django import forms
from django.db.models import Func, TextField

_CONTROLS: dict[int, str | None] = {c: None for c in (*range(0x20), 0x7F) if chr(c) not in "\t\n\r"}
_CONTROLS.update({ord("\f"): " ", ord("\v"): " "})


def clean(text: str) -> str:
    """`text` in NFC, with C0 control characters (and DEL) other than tab and line breaks removed."""
    return unicodedata.normalize("NFC", text.translate(_CONTROLS))


class CleanTextForm(forms.ModelForm):
    """A model form whose every text field is saved through `clean`.

    Runs after the fields' own cleaning (a NUL is already refused there with Django's message), on
    what they return.
    """

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            if isinstance(value, str) and isinstance(self.fields.get(name), forms.CharField):
                cleaned[name] = clean(value)
        return cleaned


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)).lower()
    return base if len(base) == 1 else char.lower() if len(char.lower()) == 1 else char


def fold(text: str) -> str:
    """`text` without accents and case (“Gascón” → “gascon”), one character for each, so that positions
    in the folded text are positions in `text`."""
    return "".join(map(_fold_char, text))


class Folded(Func):
    """fold(expression), on SQLite (`register_fold`), for searches that ignore accents and case."""

    function = "newsroom_fold"
    output_field = TextField()


def register_fold(sender, connection, **kwargs) -> None:
    """On each new SQLite connection, make `fold` callable from SQL."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("newsroom_fold", 1, fold, deterministic=True)
