"""The editors' home. Thin on purpose: rules live in `publishing`, `anchoring` and `sourcing`."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from . import anchoring, publishing, revisions, sourcing
from .admin_widgets import LabelledAutocompleteInlineMixin
from .forms import ArticleForm, ClaimForm, QuotationForm
from .models import Article, CheckStatus, Citation, Claim, Quotation, SourcingEvent
from .rendering import Mark, render_body


def change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


STATUS_LABELS = {
    "sourced": "Sourced",
    "unsourced": "Needs a source",
    "orphaned": "Orphaned",
    "not_claim": "Not a factual claim",
}


def status_badge(item):
    status = item.sourcing_status
    return format_html('<span class="sourcing-badge is-{}">{}</span>', status, STATUS_LABELS[status])


def citations_list(item):
    citations = item.citations.all()
    if not citations:
        return "—"
    return format_html_join(
        mark_safe("<br>"),  # noqa: S308 (a literal)
        '<a href="{}">{}</a>{}',
        ((change_url(c.source), c.source, f" ({c.locator})" if c.locator else "") for c in citations),
    )


# Sourcing filters shared by the claim and quotation lists.
class SourcingStatusFilter(admin.SimpleListFilter):
    title = "sourcing"
    parameter_name = "sourcing"

    def lookups(self, request, model_admin):
        return list(STATUS_LABELS.items())

    def queryset(self, request, queryset):
        if self.value() == "sourced":
            return queryset.sourced().filter(is_orphaned=False)
        if self.value() == "unsourced":
            return queryset.unsourced()
        if self.value() == "orphaned":
            return queryset.orphaned()
        if self.value() == "not_claim":
            return queryset.filter(check_status=CheckStatus.NOT_CLAIM, citation_count=0)
        return queryset


class ArticleSourcingFilter(admin.SimpleListFilter):
    title = "claims"
    parameter_name = "claims"

    def lookups(self, request, model_admin):
        return [("unsourced", "Some claims need a source"), ("sourced", "All claims sourced")]

    def queryset(self, request, queryset):
        if self.value() == "unsourced":
            return queryset.filter(sourced_claim_count__lt=F("claim_count"))
        if self.value() == "sourced":
            return queryset.filter(sourced_claim_count=F("claim_count"))
        return queryset


class AnchoredInline(LabelledAutocompleteInlineMixin, admin.TabularInline):
    extra = 1
    readonly_fields = ["sourcing", "citations"]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).with_citation_count().prefetch_related("citations__source")

    @admin.display(description="status")
    def sourcing(self, obj):
        return status_badge(obj) if obj.pk else "—"

    @admin.display(description="sources")
    def citations(self, obj):
        return citations_list(obj) if obj.pk else "—"


class ClaimInline(AnchoredInline):
    model = Claim
    form = ClaimForm
    fields = ["exact", "kind", "add_sources", "sourcing", "citations", "position_hint"]


class QuotationInline(AnchoredInline):
    model = Quotation
    form = QuotationForm
    fields = [
        "exact",
        "speaker",
        "obtained",
        "said_on",
        "add_sources",
        "sourcing",
        "citations",
        "position_hint",
    ]
    autocomplete_fields = ["speaker"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("speaker")


def editor_body(article: Article):
    """The saved body with every claim and quotation highlighted and linked to its own page."""
    marks = []
    items = [*article.claims.with_citation_count(), *article.quotations.with_citation_count()]
    items.sort(key=lambda item: item.start)
    counters = {"claim": 0, "quotation": 0}
    for item in items:
        if item.is_orphaned:
            continue
        kind = item._meta.model_name
        counters[kind] += 1
        label = f"{kind[0].upper()}{counters[kind]}"
        after = format_html(
            '<a class="mark-ref is-{}" href="{}" title="{}: {}">{}</a>',
            item.sourcing_status,
            change_url(item),
            kind.capitalize(),
            STATUS_LABELS[item.sourcing_status],
            label,
        )
        attrs = {"class": f"mark-{kind} is-{item.sourcing_status}"}
        marks.append(Mark(item.start, item.end, "mark", attrs, after))
    return render_body(article.body, marks)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleForm
    list_display = ["title", "status", "sourcing", "published_at", "updated_at"]
    list_filter = ["status", ArticleSourcingFilter]
    search_fields = ["title", "slug", "standfirst"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["authors"]
    readonly_fields = ["status", "published_at", "sourcing_summary", "marked_body"]
    fieldsets = [
        (None, {"fields": ["sourcing_summary", ("status", "published_at")]}),
        (None, {"fields": ["title", "slug", "standfirst", "authors", "body"]}),
        (
            "Claims and quotations in the text",
            {
                "fields": ["marked_body"],
                "description": "Select words in the text and mark them as a claim or a "
                "quotation, or paste the words into a new row below.",
            },
        ),
    ]
    inlines = [ClaimInline, QuotationInline]
    actions = ["publish_selected"]

    class Media:
        css = {"all": ["articles/admin/marking.css"]}
        js = ["articles/admin/marking.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_sourcing_counts()

    @admin.display(description="claims sourced", ordering="sourced_claim_count")
    def sourcing(self, obj):
        css = "is-sourced" if obj.sourced_claim_count == obj.claim_count else "is-unsourced"
        return format_html('<span class="{}">{} / {}</span>', css, obj.sourced_claim_count, obj.claim_count)

    @admin.display(description="sourcing")
    def sourcing_summary(self, obj):
        if not obj.pk:
            return "Save the article to start marking claims."
        summary = publishing.summarize(obj)
        css = "is-unsourced" if summary.blockers else "is-sourced"
        return format_html('<strong class="{}">{}</strong>', css, summary)

    @admin.display(description="text")
    def marked_body(self, obj):
        if not obj.pk:
            return "Save the article to mark claims and quotations in its text."
        paragraphs = format_html_join("", '<p data-offset="{}">{}</p>', editor_body(obj))
        return format_html('<div class="marking-body" data-marking-body>{}</div>', paragraphs)

    def has_publish_permission(self, request, obj=None):
        return request.user.has_perm(publishing.PUBLISH_PERMISSION)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["can_publish"] = self.has_publish_permission(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_formset(self, request, form, formset, change):
        for inline_form in formset.forms:
            inline_form.acting_user = request.user
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        orphaned = anchoring.reanchor_article(form.instance, request.user)
        revisions.save_revision(form.instance, user=request.user, reason="Saved")
        for item in orphaned:
            self.message_user(
                request,
                format_html(
                    '{} {} lost its words in the text and is orphaned. <a href="{}">Fix it</a>',
                    item._meta.verbose_name.capitalize(),
                    item,
                    change_url(item),
                ),
                messages.WARNING,
            )

    def response_add(self, request, obj, post_url_continue=None):
        if "_publish" in request.POST:
            return self._publish_and_return(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if "_publish" in request.POST:
            return self._publish_and_return(request, obj)
        return super().response_change(request, obj)

    def _publish_and_return(self, request, obj):
        self._publish(request, obj)
        return HttpResponseRedirect(change_url(obj))

    def _publish(self, request, article) -> bool:
        try:
            publishing.publish(article, user=request.user)
        except PermissionDenied as denied:
            self.message_user(request, str(denied), messages.ERROR)
            return False
        except publishing.PublishRefused as refusal:
            self.message_user(
                request,
                f"“{article}” was not published: {len(refusal.blockers)} problem(s) must be fixed first.",
                messages.ERROR,
            )
            for blocker in refusal.blockers:
                self.message_user(
                    request,
                    format_html('{} <a href="{}">Fix it</a>', blocker.message, change_url(blocker.item)),
                    messages.ERROR,
                )
            return False
        self.message_user(
            request,
            format_html('“{}” is published. <a href="{}">View it</a>', article, article.get_absolute_url()),
            messages.SUCCESS,
        )
        return True

    @admin.action(description="Publish selected articles", permissions=["publish"])
    def publish_selected(self, request, queryset):
        for article in queryset:
            self._publish(request, article)


class CitationInline(LabelledAutocompleteInlineMixin, admin.TabularInline):
    model = Citation
    extra = 1
    fields = ["source", "locator", "passage", "note", "added_by", "added_at"]
    readonly_fields = ["added_by", "added_at"]
    autocomplete_fields = ["source"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source", "added_by")


class ClaimCitationInline(CitationInline):
    fk_name = "claim"
    exclude = ["quotation"]


class QuotationCitationInline(CitationInline):
    fk_name = "quotation"
    exclude = ["claim"]


class AnchoredAdmin(admin.ModelAdmin):
    list_select_related = ["article"]
    search_fields = ["exact", "article__title"]
    autocomplete_fields = ["article"]
    readonly_fields = ["sourcing", "anchor"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_citation_count()

    @admin.display(description="words", ordering="exact")
    def words(self, obj):
        return str(obj)

    @admin.display(description="status")
    def sourcing(self, obj):
        return status_badge(obj) if obj.pk else "—"

    @admin.display(description="citations", ordering="citation_count")
    def citation_count(self, obj):
        return obj.citation_count

    @admin.display(description="where in the text")
    def anchor(self, obj):
        if not obj.pk:
            return "—"
        if obj.is_orphaned:
            return "Its words are no longer in the article. Change them to words in the text."
        return format_html(
            "characters {}–{}: …{}<mark>{}</mark>{}…",
            obj.start,
            obj.end,
            obj.prefix,
            obj.exact,
            obj.suffix,
        )

    def save_form(self, request, form, change):
        form.acting_user = request.user
        return super().save_form(request, form, change)

    def save_model(self, request, obj, form, change):
        # Serialise with the publish gate: citations added or removed here change what it checks.
        Article.objects.lock(obj.article_id)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for citation in formset.save(commit=False):
            new = citation.pk is None
            if new:
                citation.added_by = request.user
            citation.save()
            if new:
                sourcing.record(citation, SourcingEvent.Action.CITATION_ADDED, request.user)
        for citation in formset.deleted_objects:
            sourcing.uncite(citation, user=request.user)
        formset.save_m2m()


@admin.register(Claim)
class ClaimAdmin(AnchoredAdmin):
    form = ClaimForm
    list_display = ["words", "article", "kind", "sourcing", "citation_count", "updated_at"]
    list_filter = ["kind", SourcingStatusFilter, "article__status"]
    fields = ["article", "exact", "kind", "note", "sourcing", "anchor", "add_sources"]
    inlines = [ClaimCitationInline]


@admin.register(Quotation)
class QuotationAdmin(AnchoredAdmin):
    form = QuotationForm
    list_display = ["words", "speaker", "article", "obtained", "sourcing", "citation_count"]
    list_select_related = ["article", "speaker"]
    list_filter = ["obtained", SourcingStatusFilter, "article__status"]
    search_fields = ["exact", "article__title", "speaker__name"]
    autocomplete_fields = ["article", "speaker"]
    fields = [
        "article",
        "exact",
        "speaker",
        "obtained",
        "said_on",
        "sourcing",
        "anchor",
        "add_sources",
    ]
    inlines = [QuotationCitationInline]
