"""Build the POST data an admin change form would send, from the page's own forms."""

from django.forms import FileField
from django.forms.models import ModelChoiceIteratorValue


def _value(value):
    if value is None:
        return ""
    if isinstance(value, ModelChoiceIteratorValue):
        return value.value
    if isinstance(value, bool):
        return "on" if value else ""
    return value


def _form_data(form) -> dict:
    data = {}
    for bound in form:
        if isinstance(bound.field, FileField):
            continue  # an untouched file input sends nothing
        value = bound.value()
        if bound.field.widget.__class__.__name__ == "CheckboxInput" and not value:
            continue
        if getattr(bound.field.widget, "allow_multiple_selected", False):
            data[bound.html_name] = [_value(v) for v in value or []]
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [_value(v) for v in value]
        else:
            data[bound.html_name] = _value(value)
    return data


def change_form_data(response) -> dict:
    """The data of every form on an admin add/change page, as the browser would post it unchanged."""
    data = _form_data(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(_form_data(formset.management_form))
        for form in formset.forms:
            data.update(_form_data(form))
    return data


def set_byline(data: dict, authors) -> None:
    """Make the byline rows of posted change-form `data` say `authors` (user pks), in this order: rows of
    authors kept get their new position, the others are deleted, new authors fill new rows."""
    wanted = [str(pk) for pk in authors]
    initial, total = int(data["bylines-INITIAL_FORMS"]), int(data["bylines-TOTAL_FORMS"])
    for row in range(initial, total):  # the empty rows offered for more authors
        for key in [key for key in data if key.startswith(f"bylines-{row}-")]:
            del data[key]
    kept = set()
    for row in range(initial):
        user = str(data[f"bylines-{row}-user"])
        if user in wanted:
            data[f"bylines-{row}-position"] = wanted.index(user)
            kept.add(user)
        else:
            data[f"bylines-{row}-DELETE"] = "on"
    new = [user for user in wanted if user not in kept]
    for offset, user in enumerate(new):
        row = initial + offset
        data.update({f"bylines-{row}-user": user, f"bylines-{row}-position": wanted.index(user)})
    data["bylines-TOTAL_FORMS"] = initial + len(new)


def add_form_data(response, **fields) -> dict:
    """The data of the article add page as a browser posts it with `fields` typed and nothing chosen in
    the pickers (an empty multiple choice, like the unsaved `base_version`, is not sent at all)."""
    data = change_form_data(response)
    data.update(fields)
    for name in ("base_version", "tags"):
        data.pop(name, None)
    return data
