"""Text as the newsroom stores it: NFC-normalised, without control characters.

The same words can arrive as different code points: "é" precomposed or as "e" plus a combining accent
(pasted from a PDF or a Mac), and anchoring, search and fingerprints compare code points. NFC gives
each its one canonical form. Control characters are invisible and some break things: PostgreSQL
refuses a NUL in any text, and a stray escape or backspace in a headline reaches every reader. Tab,
newline and carriage return are text; form feed and vertical tab are line breaks that become spaces;
the rest of C0 (and DEL) is dropped.

Used by every form that saves text (the article, claim and quotation forms; sources and people), by
the import and by the reader search.
"""

import unicodedata

from django import forms

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
