"""What differs between a refused stale save and the version saved meanwhile, field by field.

Shown above the form when a save is refused as stale, so that saving again (“keep mine”) is a choice
made seeing every field the other person changed, not only the title and the text.
"""

from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString

from . import richtext
from .diffing import paragraph_diff, word_diff

_NOT_COMPARED = {"base_version", "lead_image"}  # an uploaded file is not posted again with the form


@dataclass(frozen=True)
class Difference:
    label: str
    html: SafeString


def _shown(value) -> str:
    if hasattr(value, "all"):  # tags: the saved version's manager, a posted queryset
        value = list(value.all())
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or "—"
    return "—" if value in (None, "") else str(value)


def differences(form) -> list[Difference]:
    """Each field whose value on `form` (as posted) differs from the version saved meanwhile."""
    saved, posted = form.stale, form.cleaned_data
    found = []
    for name, field in form.fields.items():
        if name in _NOT_COMPARED or name not in posted:
            continue
        label = str(field.label or name).capitalize()
        before, after = getattr(saved, name), posted[name]
        if name == "body_html":  # compared as text, as readers read it; then its markup
            before, after = richtext.sanitise(before or ""), richtext.sanitise(after or "")
            text_before, text_after = richtext.projection(before), richtext.projection(after)
            if text_before != text_after:
                found.append(Difference(label, paragraph_diff(text_before, text_after)))
            elif richtext.figures(before) != richtext.figures(after):
                found.append(Difference(label, format_html("<p>Images or embedded posts changed.</p>")))
            elif before != after:
                found.append(Difference(label, format_html("<p>Links or formatting changed.</p>")))
        elif isinstance(before, str) and isinstance(after, str):
            if before != after:
                found.append(Difference(label, format_html("<p>{}</p>", word_diff(before, after))))
        else:
            shown_before, shown_after = _shown(before), _shown(after)
            if shown_before != shown_after:
                html = format_html("<p>saved: <del>{}</del> → <ins>{}</ins></p>", shown_before, shown_after)
                found.append(Difference(label, html))
    return found
