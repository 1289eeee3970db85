"""The desk's forms. They only shape input; the rules live in `articles.factchecking`.

Choices are passed in rather than queried here: a page shows a set of forms for every item, and a
ModelChoiceField would run its query once per form.
"""

from django import forms
from django.forms.renderers import Jinja2

from articles.factchecking import SOURCE_FIELDS, VERDICTS
from newsroom.names import display_name
from newsroom.text import CleanTextForm
from sources.models import Source

from . import queue

# Every card on the desk renders its forms, about 180 fields a page, which took most of the page's time.
# Django's Jinja2 copies of its form templates (same HTML, whitespace aside) do it faster: 300 -> 130 ms
# of CPU for a page of 20 cards.
RENDERER = Jinja2()


class Labelled:
    """Labels as plain words (“Source”, not “Source:”): they sit above their fields."""

    default_renderer = RENDERER

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class QueueFilterForm(Labelled, forms.Form):
    """The queue's filters (GET). Anything invalid is ignored rather than refused."""

    q = forms.CharField(label="Search", required=False, max_length=200)
    article = forms.TypedChoiceField(label="Article", required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *queue.STATUS_FILTERS.items()]
    )
    kind = forms.ChoiceField(
        label="Kind", required=False, choices=[("", "Any kind"), *queue.KIND_FILTERS.items()]
    )
    assignee = forms.ChoiceField(label="Assigned to", required=False)
    overdue = forms.BooleanField(label="Overdue only", required=False)

    def __init__(self, *args, articles=(), users=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["article"].choices = [("", "Any article"), *((a.pk, a.title) for a in articles)]
        self.fields["assignee"].choices = [
            ("", "Anyone"),
            ("me", "Me"),
            ("none", "Nobody"),
            *((str(u.pk), display_name(u)) for u in users),
        ]

    def filters(self) -> queue.Filters:
        if not self.is_bound:
            return queue.Filters()
        self.is_valid()  # an invalid filter is left out of cleaned_data; the others still apply
        data = self.cleaned_data
        return queue.Filters(
            article=data.get("article"),
            status=data.get("status") or "",
            kind=data.get("kind") or "",
            assignee="me" if self.data.get("mine") else data.get("assignee") or "",
            overdue=bool(data.get("overdue")),
            search=(data.get("q") or "").strip(),
        )


class AssignForm(Labelled, forms.Form):
    assignee = forms.TypedChoiceField(label="Assign to", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, users=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.users = {u.pk: u for u in users}
        self.fields["assignee"].choices = [
            ("", "Nobody"),
            *((u.pk, display_name(u)) for u in users),
        ]

    def clean_assignee(self):
        pk = self.cleaned_data["assignee"]
        return self.users.get(pk) if pk is not None else None


class DueForm(Labelled, forms.Form):
    due_on = forms.DateField(
        label="Due on",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Leave empty to clear the due date.",
    )


class VerdictForm(Labelled, forms.Form):
    status = forms.ChoiceField(
        label="Verdict",
        choices=[(status.value, status.label) for status in VERDICTS],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label="Reason",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Required for “false / disputed” and “not a factual claim”.",
    )
    note = forms.CharField(
        label="Note for the newsroom",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    @classmethod
    def for_item(cls, item, **kwargs):
        initial = {"reason": item.verdict_reason, "note": item.desk_note}
        if item.check_status in VERDICTS:
            initial["status"] = item.check_status
        return cls(initial=initial, **kwargs)


class AttachForm(Labelled, forms.Form):
    """Pick a source: by id (the search-as-you-type list sets it), or by words to search for."""

    source = forms.IntegerField(required=False, widget=forms.HiddenInput)
    find = forms.CharField(
        label="Source",
        required=False,
        max_length=300,
        help_text="Type words from its title, publisher or address.",
    )
    locator = forms.CharField(
        label="Where in the source", required=False, max_length=200, help_text="Page, section or time."
    )
    passage = forms.CharField(
        label="Passage relied on", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, list_id="", **kwargs):
        super().__init__(*args, **kwargs)
        if list_id:
            # desk.js fills this <datalist> as the fact-checker types, and sets `source` on a pick.
            self.fields["find"].widget.attrs.update(
                {"list": list_id, "autocomplete": "off", "data-source-search": ""}
            )
        self.list_id = list_id

    def clean(self):
        data = super().clean()
        if data.get("source"):
            data["source_obj"] = Source.objects.filter(pk=data["source"]).first()
            if data["source_obj"] is None:
                raise forms.ValidationError("That source no longer exists.", code="no_source")
            return data
        words = (data.get("find") or "").strip()
        if not words:
            self.add_error("find", forms.ValidationError("Type words to find a source.", code="required"))
            return data
        matches = list(queue.search_sources(words, limit=2))
        exact = [s for s in matches if str(s).casefold() == words.casefold()]
        if len(matches) == 1 or len(exact) == 1:
            data["source_obj"] = (exact or matches)[0]
        elif not matches:
            self.add_error(
                "find",
                forms.ValidationError(
                    "No source matches “%(words)s”. Try other words, or create a new source.",
                    code="no_match",
                    params={"words": words},
                ),
            )
        else:
            self.add_error(
                "find",
                forms.ValidationError(
                    "Several sources match “%(words)s”: pick one.",
                    code="ambiguous",
                    params={"words": words},
                ),
            )
        return data


class NewSourceForm(Labelled, CleanTextForm):
    """A new source for the evidence library, cited at once. Validated as the Source model validates."""

    locator = forms.CharField(
        label="Where in the source", required=False, max_length=200, help_text="Page, section or time."
    )

    class Meta:
        model = Source
        fields = list(SOURCE_FIELDS)
        labels = {"url": "Web address"}
        help_texts = {"url": "http:// or https:// only."}

    def source_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in SOURCE_FIELDS}


# Which form field a refusal from articles.factchecking belongs to, by its code.
FIELD_FOR_CODE = {
    "reason_required": "reason",
    "invalid_verdict": "status",
    "due_in_past": "due_on",
    "assignee_cannot_check": "assignee",
    "already_cited": "find",
}


class BulkForm(Labelled, forms.Form):
    """One action on the items ticked in the queue: assign them, or give them one verdict."""

    ACTIONS = [("assign", "Assign to"), ("verdict", "Set the verdict")]

    items = forms.MultipleChoiceField(required=True, error_messages={"required": "Tick some items first."})
    action = forms.ChoiceField(label="With the ticked items", choices=ACTIONS)
    assignee = forms.TypedChoiceField(label="Assign to", required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label="Verdict", required=False, choices=[("", "—"), *((s.value, s.label) for s in VERDICTS)]
    )
    reason = forms.CharField(label="Reason", required=False, max_length=2000)

    def __init__(self, *args, users=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.users = {u.pk: u for u in users}
        self.fields["assignee"].choices = [
            ("", "Nobody"),
            *((u.pk, display_name(u)) for u in users),
        ]
        # "claim-12", "quotation-3": checked against the two kinds; the items are loaded by the view.
        self.fields["items"].choices = [(v, v) for v in self.data.getlist("items") if _item_key(v)]

    def clean_assignee(self):
        pk = self.cleaned_data["assignee"]
        return self.users.get(pk) if pk is not None else None

    def clean(self):
        data = super().clean()
        if data.get("action") == "verdict" and not data.get("status"):
            self.add_error("status", forms.ValidationError("Choose the verdict.", code="required"))
        data["keys"] = [_item_key(v) for v in data.get("items", [])]
        return data


def _item_key(value: str):
    kind, _, pk = value.partition("-")
    return (kind, int(pk)) if kind in queue.MODELS and pk.isdigit() else None
