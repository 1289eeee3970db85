"""Admin forms: the article form keeps the body canonical; the claim and quotation forms anchor their words.

The anchor is always computed here, on the server: an editor pastes the words (or selects them in the
highlighted body, which fills the same field plus a position hint) and the form finds them in the body
being saved — the body of the same submit, since the admin builds inline forms on the edited article.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import PermissionDenied

from newsroom.text import CleanTextForm
from sources.models import Source

from . import anchoring, marking, richtext, rights, saving, slugs, sourcing
from .image_limits import LeadImageField
from .models import Article, Citation, Claim, Quotation
from .widgets import RichTextBody


class BodyField(forms.CharField):
    """The body, changed only when its canonical form is: a browser posts a textarea with CRLF line
    ends, and an editor writes its own spacing, which made every save look like a new body (and
    suggest its claims again)."""

    def has_changed(self, initial, data):
        return richtext.sanitise(initial or "") != richtext.sanitise(data or "")


class ArticleForm(CleanTextForm):
    """The article's own fields, refusing a save based on a version someone else has replaced.

    The check is `saving.lock_at_version`. The admin runs the whole change view in a transaction, so the
    row lock taken here holds until `save_article` writes the save: two editors cannot both pass this
    check for the same version. A save of an existing article that does not say which version it started
    from is refused too: without it the check cannot be made, and the save could silently overwrite
    another editor's change.
    """

    base_version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Article
        fields = [
            "title",
            "slug",
            "standfirst",
            "body_html",
            "section",
            "tags",
            "lead_image",
            "lead_image_alt",
            "lead_image_caption",
            "lead_image_credit",
            "publish_at",
            "editorial_note",
            "original_url",
            "original_published_on",
        ]
        widgets = {
            "title": forms.TextInput(attrs={"class": "vLargeTextField"}),
            "standfirst": forms.Textarea(attrs={"rows": 2, "cols": 80}),
            "body_html": RichTextBody(),
        }
        field_classes = {
            "lead_image": LeadImageField,  # too many pixels: refused by the header
            "body_html": BodyField,
        }

    # Set when the save was refused as stale: the version saved meanwhile, for the conflict view.
    stale = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["base_version"].initial = self.instance.version

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        slugs.refuse_taken(slug, self.instance if self.instance.pk else None)
        return slug

    def clean_body_html(self):
        body = richtext.sanitise(self.cleaned_data["body_html"])
        if not richtext.projection(body):
            raise forms.ValidationError("The article needs some text.", code="empty_body")
        return body

    def _post_clean(self):
        super()._post_clean()
        # The inline claim and quotation forms anchor their words in this submit's text.
        self.instance.sync_body()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("lead_image") and not cleaned.get("lead_image_alt", "").strip():
            self.add_error(
                "lead_image_alt",
                forms.ValidationError(
                    "Describe the image for readers who cannot see it.", code="alt_required"
                ),
            )
        if self.instance.pk:
            self._refuse_stale(cleaned.get("base_version"))
        return cleaned

    def _refuse_stale(self, base_version):
        # `save_article` makes the same check again when it saves; here, while the form validates, a
        # refusal can show the difference with the typed text kept.
        try:
            saving.lock_at_version(self.instance, base_version)
        except saving.StaleVersion as refusal:
            current = refusal.current
        else:
            return
        self.stale = current
        # The refusal shows what changed; saving again (from the same form) means “keep mine”.
        data = self.data.copy()
        data[self.add_prefix("base_version")] = current.version
        self.data = data
        if base_version is None:
            raise forms.ValidationError(
                "This save did not say which version of the article it started from, so it could have "
                "overwritten someone else's change. Nothing was saved and your text is kept below; "
                "compare it with the saved version (shown above), then save again to keep yours.",
                code="missing_base_version",
            )
        raise forms.ValidationError(
            "Someone else saved this article after you opened it. Your text is kept below; "
            "compare it with theirs (shown above), then save again to keep your version.",
            code="stale",
        )


class AnchoredForm(CleanTextForm):
    """Base form for claims and quotations: anchors the words and adds citations on save."""

    position_hint = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    add_sources = forms.ModelMultipleChoiceField(
        queryset=Source.objects.all(),
        required=False,
        label="Add sources",
        help_text="Cite these sources (you can add the page or passage on the claim's own page).",
        widget=AutocompleteSelectMultiple(Citation._meta.get_field("source"), admin.site),
    )

    removal_reason = forms.CharField(
        required=False,
        label="why remove",
        widget=forms.Textarea(attrs={"rows": 1, "cols": 24}),
        help_text="Past draft, a removal needs a reason and a fact-checker's confirmation.",
    )

    # Set by the admin (on the form class it builds per request), so the rights are checked while the
    # form validates, and citations record who added them.
    acting_user = None

    # What the item is: changing any of these is marking (`rights.Change.MARK`).
    MARK_FIELDS = frozenset({"article", "exact", "kind", "note", "speaker", "obtained", "said_on"})

    def _article(self):
        if "article" in self.cleaned_data:
            return self.cleaned_data["article"]
        # An inline: the formset set the article being edited (with the body of this submit).
        return getattr(self.instance, "article", None)

    def _refuse_unmarkable(self, article) -> None:
        if self.acting_user is None or article is None:
            return
        if self.instance.pk is not None and not self.MARK_FIELDS & set(self.changed_data):
            return
        articles = {article}
        if self.instance.pk is not None and self.instance.article_id != article.pk:
            articles.add(self.instance.article)  # moving it takes it off its article too
        for each in articles:
            try:
                rights.require(self.acting_user, each, rights.Change.MARK)
            except PermissionDenied as denied:
                raise forms.ValidationError(str(denied), code="may_not_mark") from None

    def clean(self):
        cleaned = super().clean()
        self._anchor = None
        words = cleaned.get("exact")
        article = self._article()
        self._refuse_unmarkable(article)
        if not words or article is None:
            return cleaned
        if self.instance.pk and not {"exact", "article"} & set(self.changed_data):
            # Kept words are re-anchored against the saved body after the whole save.
            return cleaned
        try:
            self._anchor = anchoring.require(article.body, words, hint=cleaned.get("position_hint"))
        except forms.ValidationError as error:
            self.add_error("exact", error)
        return cleaned

    def save(self, commit=True):
        if self._anchor is not None:
            anchoring.apply(self.instance, self._anchor)
        if self.instance.pk is None and self.acting_user is not None:
            self.instance.created_by = self.acting_user
        instance = super().save(commit=commit)
        if commit:
            self._after_save()
        else:
            save_m2m = self.save_m2m

            def save_m2m_and_citations():
                save_m2m()
                self._after_save()

            self.save_m2m = save_m2m_and_citations
        return instance

    def _after_save(self):
        anchoring.log_recheck(self.instance, self.acting_user)
        sources = self.cleaned_data.get("add_sources")
        if sources:
            sourcing.cite(self.instance, sources, user=self.acting_user)


class AnchoredInlineFormSet(forms.BaseInlineFormSet):
    """The article's claims or quotations: deleting one past draft needs a reason (`marking.remove`).

    Django ignores the errors of forms marked for deletion, so the reason is checked here, and deleting
    goes through `marking.remove` rather than `Model.delete`.
    """

    acting_user = None

    def clean(self):
        super().clean()
        if self.instance.pk is None or not marking.removal_needs_reason(self.instance):
            return
        missing = [
            form.instance
            for form in self.deleted_forms
            if form.instance.pk and not form.cleaned_data.get("removal_reason", "").strip()
        ]
        if missing:
            raise forms.ValidationError(
                "Say why each removed %(kind)s goes (“why remove”): %(words)s. The article is past "
                "draft, so a fact-checker confirms each removal before it can be published.",
                code="reason_required",
                params={
                    "kind": self.model._meta.verbose_name,
                    "words": ", ".join(str(item) for item in missing),
                },
            )

    def delete_existing(self, obj, commit=True):
        if not commit:
            return
        reasons = {f.instance.pk: f.cleaned_data.get("removal_reason", "") for f in self.deleted_forms}
        marking.remove(obj, user=self.acting_user, reason=reasons.get(obj.pk, ""))


class ClaimForm(AnchoredForm):
    class Meta:
        model = Claim
        fields = ["article", "exact", "kind", "note"]
        widgets = {"exact": forms.Textarea(attrs={"rows": 2, "cols": 60})}


class QuotationForm(AnchoredForm):
    class Meta:
        model = Quotation
        fields = ["article", "exact", "speaker", "obtained", "said_on"]
        widgets = {"exact": forms.Textarea(attrs={"rows": 2, "cols": 60})}
