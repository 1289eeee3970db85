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
