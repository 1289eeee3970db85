"""Keeping admin inlines at a constant number of queries.

Django's autocomplete widget looks up the label of its current value with one query per widget, so an
inline with fifty quotations would run fifty queries for their speakers. The inline's queryset already
joins the related object (select_related); this hands its label to the widget instead.
"""

from django.contrib.admin.widgets import AutocompleteSelect


class LabelledAutocompleteSelect(AutocompleteSelect):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.known_labels: dict[str, str] = {}

    def optgroups(self, name, value, attr=None):
        selected = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        if not selected or any(v not in self.known_labels for v in selected):
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        for pk in selected:
            options.append(self.create_option(name, pk, self.known_labels[pk], True, len(options)))
        return [(None, options, 0)]


class LabelledAutocompleteInlineMixin:
    """For an InlineModelAdmin: its `autocomplete_fields` label their value from the row's object."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = LabelledAutocompleteSelect(db_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        fields = list(self.get_autocomplete_fields(request))

        class Labelled(formset):
            def _construct_form(self, i, **kwargs):
                form = super()._construct_form(i, **kwargs)
                for name in fields:
                    related = getattr(form.instance, name, None) if form.instance.pk else None
                    widget = getattr(form.fields.get(name), "widget", None)
                    widget = getattr(widget, "widget", widget)  # inside RelatedFieldWidgetWrapper
                    if related is not None and isinstance(widget, LabelledAutocompleteSelect):
                        widget.known_labels[str(related.pk)] = str(related)
                return form

        return Labelled
