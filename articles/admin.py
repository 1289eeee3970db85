"""The editors' home. Thin on purpose: rules live in `publishing`, `anchoring` and `sourcing`."""

from functools import cache, partial

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from newsroom.admin_lists import ListAtScale
from newsroom.times import local_time

from . import (
    admin_images,
    conflicts,
    editing,
    marking,
    publishing,
    revisions,
    richtext,
    rights,
    saving,
    sourcing,
    workflow,
)
from .admin_remembered import RememberedChangeList, RememberedList
from .admin_widgets import LabelledAutocompleteInlineMixin
from .forms import AnchoredForm, AnchoredInlineFormSet, ArticleForm, ClaimForm, QuotationForm
from .models import (
    Article,
    Byline,
    CheckStatus,
    Citation,
    Claim,
    Correction,
    Quotation,
    Removal,
    Section,
    Suggestion,
    Tag,
)
from .races import KeepTextOnLostRace
from .rendering import Mark


def change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


# “… is now in fact-check.”: each state as the end of that sentence.
STATE_PHRASES = {
    Article.Status.DRAFT: "a draft",
    Article.Status.IN_REVIEW: "in review",
    Article.Status.FACT_CHECK: "in fact-check",
    Article.Status.READY: "ready to publish",
    Article.Status.PUBLISHED: "published",
    Article.Status.UNPUBLISHED: "unpublished",
}


def fix_url(item) -> str:
    """Where the problem a publish blocker names is fixed."""
    if isinstance(item, Removal):
        return reverse("desk:queue") + f"#removal-{item.pk}"
    if isinstance(item, Suggestion):
        changelist = reverse("admin:articles_suggestion_changelist")
        return f"{changelist}?article__id__exact={item.article_id}&status__exact=suggested"
    return change_url(item)


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
            return queryset.needing_a_source()
        if self.value() == "orphaned":
            return queryset.orphaned()
        if self.value() == "not_claim":
            return queryset.filter(check_status=CheckStatus.NOT_CLAIM, num_citations=0)
        return queryset


class ArticleSourcingFilter(admin.SimpleListFilter):
    title = "claims"
    parameter_name = "claims"

    def lookups(self, request, model_admin):
        return [("unsourced", "Something needs a source"), ("sourced", "All sourced")]

    def queryset(self, request, queryset):
        if self.value() == "unsourced":
            return queryset.needing_a_source()
        if self.value() == "sourced":
            return queryset.exclude(pk__in=queryset.needing_a_source().values("pk"))
        return queryset


class AnchoredInline(LabelledAutocompleteInlineMixin, admin.TabularInline):
    extra = 1
    readonly_fields = ["sourcing", "citations"]
    show_change_link = True
    formset = AnchoredInlineFormSet

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.acting_user = formset.form.acting_user = request.user  # classes made for this request
        return formset

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        asks_why = obj is not None and marking.removal_needs_reason(obj)
        if asks_why and self.has_delete_permission(request, obj):
            fields.append("removal_reason")
        return fields

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("citations__source")

    @admin.display(description="status")
    def sourcing(self, obj):
        return status_badge(obj) if obj.pk else "—"

    @admin.display(description="sources")
    def citations(self, obj):
        return citations_list(obj) if obj.pk else "—"

    # Claims and quotations are edited with their article: `rights` says by whom, in which state.
    def _may(self, request, obj, change):
        return obj is None or rights.may(request.user, obj, change)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._may(request, obj, rights.Change.MARK)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may(request, obj, rights.Change.MARK)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may(request, obj, rights.Change.REMOVE)


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
    items = [*article.claims.all(), *article.quotations.all()]
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
    return richtext.render(
        article.body_html, marks, offsets=True, image=admin_images.staff_pictures(article.body_html)
    )


class BylineInline(LabelledAutocompleteInlineMixin, admin.TabularInline):
    """Who wrote the article, in byline order. Whoever may edit the article may change its byline."""

    model = Byline
    fields = ["user", "position"]
    autocomplete_fields = ["user"]
    extra = 1
    verbose_name = "author"
    verbose_name_plural = "byline (lower position comes first)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")

    def _may_edit(self, request, obj):
        return self.admin_site.get_model_admin(Article).has_change_permission(request, obj)

    def has_add_permission(self, request, obj):
        return self._may_edit(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_edit(request, obj)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("articles.view_article")


class CorrectionInline(admin.TabularInline):
    """Corrections are appended to a live article and never edited away: readers rely on them."""

    model = Correction
    extra = 1
    fields = ["text", "created_by", "created_at"]
    readonly_fields = ["created_by", "created_at"]
    verbose_name = "correction (shown to readers, dated)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("created_by")

    def has_add_permission(self, request, obj=None):
        return bool(obj and obj.is_published and request.user.has_perm("articles.correct_article"))

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@cache
def _listed():
    """The article list's rows: built once, each page takes a copy (`.all()`, as Django's generic views
    do). Building the counts' subqueries cost more than all else a page with remembered rows does."""
    return Article.objects.with_sourcing_counts().only(*LIST_COLUMNS)


class ArticleChangeList(RememberedChangeList):
    """The article list reads the columns it shows and its sourcing counts, nothing else, and remembers
    a page (its columns are the article's, its section's name and its items' counts)."""

    def get_queryset(self, request, exclude_parameters=None):
        # In place of ArticleAdmin.get_queryset, which is Django's (every article): a test checks the
        # list shows each role what that gives it, should it ever narrow what someone sees.
        self.root_queryset = _listed().all()
        return super().get_queryset(request, exclude_parameters)


LIST_COLUMNS = ["title", "status", "section__name", "published_at", "updated_at"]


@admin.register(Article)
class ArticleAdmin(KeepTextOnLostRace, RememberedList, ListAtScale):
    form = ArticleForm
    list_display = ["title", "status", "sourcing", "section", "published_at", "updated_at"]
    list_filter = ["status", ArticleSourcingFilter, "section"]
    list_select_related = ["section"]
    search_fields = ["title", "slug", "standfirst"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["tags"]
    readonly_fields = [
        "status",
        "published_at",
        "live_version",
        "sourcing_summary",
        "marked_body",
    ]
    fieldsets = [
        (None, {"fields": ["sourcing_summary", ("status", "published_at", "live_version")]}),
        (None, {"fields": ["title", "slug", "standfirst", "body_html", "base_version"]}),
        (
            "Claims and quotations in the text",
            {
                "fields": ["marked_body"],
                "description": "Select words in the text and mark them as a claim or a "
                "quotation, or paste the words into a new row below.",
            },
        ),
        (
            "Section, image and scheduling",
            {
                "classes": ["collapse"],
                "fields": [
                    "section",
                    "tags",
                    "lead_image",
                    "lead_image_alt",
                    "lead_image_caption",
                    "lead_image_credit",
                    "publish_at",
                ],
            },
        ),
        ("Newsroom only", {"fields": ["editorial_note", ("original_url", "original_published_on")]}),
    ]
    inlines = [BylineInline, ClaimInline, QuotationInline, CorrectionInline]
    actions = ["publish_selected"]

    class Media:
        css = {"all": ["articles/admin/marking.css"]}
        js = ["articles/admin/marking.js", "articles/admin/presence.js"]

    def get_changelist(self, request, **kwargs):
        return ArticleChangeList

    def get_inlines(self, request, obj):
        # Corrections belong to articles that have been published.
        if obj is None or obj.published_at is None:
            return [BylineInline, ClaimInline, QuotationInline]
        return self.inlines

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.has_perm(workflow.PUBLISH):
            fields.append("publish_at")
        return fields

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or workflow.can_edit(request.user, obj)
        )

    def has_publish_permission(self, request, obj=None):
        return request.user.has_perm(workflow.PUBLISH)

    @admin.display(description="sourcing", ordering="-needing_source")
    def sourcing(self, obj):
        """How many claims and quotations still need a source (`needing_a_source`), of all of them."""
        needing = obj.needing_source
        total = obj.claim_count + obj.quotation_count
        if not needing:
            return format_html(
                '<span class="is-sourced">{}</span>', f"all {total} sourced" if total else "—"
            )
        title = (
            f"{obj.claims_needing_source} of {obj.claim_count} claims, "
            f"{obj.quotations_needing_source} of {obj.quotation_count} quotations need a source"
        )
        return format_html(
            '<span class="is-unsourced" title="{}">{} of {} need a source</span>', title, needing, total
        )

    @admin.display(description="sourcing")
    def sourcing_summary(self, obj):
        if not obj.pk:
            return "Save the article to start marking claims."
        summary = publishing.summarize(obj)
        css = "is-unsourced" if summary.blockers else "is-sourced"
        return format_html('<strong class="{}">{}</strong>', css, summary)

    @admin.display(description="readers see")
    def live_version(self, obj):
        if not obj.pk or obj.live_revision_id is None:
            return "Nothing yet (never published)"
        live = obj.live_revision
        note = " — this draft has unpublished changes" if revisions.has_unpublished_changes(obj) else ""
        return format_html("Revision {} of {}{}", live.number, local_time(live.created_at), note)

    @admin.display(description="text")
    def marked_body(self, obj):
        if not obj.pk:
            return "Save the article to mark claims and quotations in its text."
        return format_html('<div class="marking-body" data-marking-body>{}</div>', editor_body(obj))

    # Views and URLs beyond the standard ones: revision compare/restore, locking, presence.

    def get_urls(self):
        def wrap(view):
            return self.admin_site.admin_view(view)

        name = "articles_article"
        return [
            path(
                "<path:object_id>/revisions/compare/<int:old>/<int:new>/",
                wrap(self.compare_view),
                name=f"{name}_compare",
            ),
            path(
                "<path:object_id>/revisions/<int:number>/restore/",
                wrap(self.restore_view),
                name=f"{name}_restore",
            ),
            path("<path:object_id>/lock/", wrap(self.lock_view), name=f"{name}_lock"),
            path("<path:object_id>/move/", wrap(self.move_view), name=f"{name}_move"),
            path("<path:object_id>/presence/", wrap(self.presence_view), name=f"{name}_presence"),
            *super().get_urls(),
        ]

    def _article_or_404(self, request, object_id) -> Article:
        article = self.get_object(request, object_id)
        if article is None or not self.has_view_permission(request, article):
            raise Http404("No such article.")
        return article

    def compare_view(self, request, object_id, old, new):
        article = self._article_or_404(request, object_id)
        found = {r.number: r for r in article.revisions.filter(number__in=[old, new])}
        if old not in found or new not in found:
            raise Http404("No such revision.")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "article": article,
            "title": f"Compare revisions {old} and {new}",
            "comparison": revisions.compare(found[old], found[new]),
            "can_restore": workflow.can_edit(request.user, article),
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    @method_decorator(require_POST)
    def restore_view(self, request, object_id, number):
        article = self._article_or_404(request, object_id)
        revision = get_object_or_404(article.revisions, number=number)
        try:
            new = revisions.restore(article, revision, user=request.user)
        except PermissionDenied as denied:
            self.message_user(request, str(denied), messages.ERROR)
        else:
            self.log_change(request, article, f"Restored revision {number}")
            self.message_user(
                request,
                f"Revision {number} restored as revision {new.number}. Readers see no change "
                "until it is published.",
                messages.SUCCESS,
            )
        return HttpResponseRedirect(change_url(article))

    @method_decorator(require_POST)
    def lock_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        holder = article.locked_by
        try:
            if request.POST.get("action") == "lock":
                editing.lock(article, user=request.user)
                self.message_user(request, "You hold the lock: others cannot save this article.")
            else:
                editing.unlock(article, user=request.user)
                if holder and holder != request.user:
                    self.log_change(request, article, f"Broke the lock held by {holder}")
                self.message_user(request, "The article is unlocked.")
        except (PermissionDenied, ValidationError) as refusal:
            self.message_user(request, " ".join(_messages(refusal)), messages.ERROR)
        return HttpResponseRedirect(change_url(article))

    @method_decorator(require_POST)
    def move_view(self, request, object_id):
        """A workflow move without saving the form: how those who may not edit the article (a
        fact-checker signing off) move it. `workflow.move` checks the right to the move itself."""
        article = self._article_or_404(request, object_id)
        self._move(
            request, article, request.POST.get("_move", ""), request.POST.get("_workflow_comment", "")
        )
        return HttpResponseRedirect(change_url(article))

    def presence_view(self, request, object_id):
        """Polled by the change page: who else has the article open, and was it saved meanwhile."""
        article = self._article_or_404(request, object_id)
        return JsonResponse(editing.presence(article, request.user))

    # The change page.

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        if article is not None and request.method == "GET":
            editing.open_session(article, request.user)
            self._warn_about_others(request, article)
        return super().change_view(request, object_id, form_url, extra_context)

    def _warn_about_others(self, request, article):
        if article.locked_by_id and article.locked_by_id != request.user.pk:
            self.message_user(
                request,
                f"{article.locked_by} locked this article at {local_time(article.locked_at)} and is "
                "working on it; you can read it but not save it.",
                messages.WARNING,
            )
        for session in editing.others_editing(article, request.user):
            self.message_user(
                request,
                f"{session.user} also has this article open (last seen "
                f"{local_time(session.last_seen_at)}). If you both save, the second save will be "
                "refused and shown the difference.",
                messages.WARNING,
            )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        user = request.user
        context["can_publish"] = self.has_publish_permission(request, obj)
        context["moves"] = workflow.available_moves(user, obj) if obj else []
        # Without the right to edit, the page is read-only: its workflow buttons move without saving.
        context["moves_only"] = obj is not None and not self.has_change_permission(request, obj)
        context["lock_state"] = self._lock_state(user, obj)
        if obj is not None:
            context["transitions"] = obj.transitions.select_related("actor")
            context["revision_list"] = obj.revisions.select_related("created_by")[:50]
            context["can_restore"] = workflow.can_edit(user, obj)
        form = context["adminform"].form
        if form.stale is not None:
            latest = obj.revisions.select_related("created_by").first()
            context["conflict"] = {
                "saved_by": latest.created_by if latest else None,
                "saved_at": latest.created_at if latest else None,
                "fields": conflicts.differences(form),
            }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _lock_state(self, user, obj):
        if obj is None:
            return None
        if obj.locked_by_id is None:
            return "can_lock" if workflow.can_edit(user, obj) else None
        if obj.locked_by_id == user.pk:
            return "holds_lock"
        return "can_break" if user.has_perm(workflow.EDIT_ANY) else "locked"

    def save_model(self, request, obj, form, change):
        """Nothing yet: `save_related` saves the article with its inlines, as one `save_article`."""

    def save_formset(self, request, form, formset, change):
        if formset.model is Correction:
            for correction in formset.save(commit=False):
                correction.created_by = request.user
                correction.save()
            return
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        saved = saving.save_article(
            form.instance,
            user=request.user,
            # Checked already while the form validated, under the row lock this transaction holds.
            base_version=form.cleaned_data.get("base_version"),
            related=partial(super().save_related, request, form, formsets, change),
        )
        # The editor continues from their own save.
        editing.open_session(saved.article, request.user)
        if saved.text_changed:
            self.text_saved(request, saved.article)
        for item in saved.orphaned:
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

    def text_saved(self, request, article):
        """After a save that created the article or changed its text. `intake` suggests here."""

    def response_add(self, request, obj, post_url_continue=None):
        if "_publish" in request.POST or "_move" in request.POST:
            return self._act_and_return(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if "_publish" in request.POST or "_move" in request.POST:
            return self._act_and_return(request, obj)
        return super().response_change(request, obj)

    def _act_and_return(self, request, obj):
        if "_publish" in request.POST:
            self._publish(request, obj)
        else:
            self._move(request, obj, request.POST["_move"], request.POST.get("_workflow_comment", ""))
        return HttpResponseRedirect(change_url(obj))

    def _move(self, request, article, name, comment):
        try:
            workflow.move(article, name, user=request.user, comment=comment)
        except (PermissionDenied, ValidationError) as refusal:
            self.message_user(request, " ".join(_messages(refusal)), messages.ERROR)
            return
        self.message_user(request, f"“{article}” is now {STATE_PHRASES[article.status]}.")

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
                    format_html('{} <a href="{}">Fix it</a>', blocker.message, fix_url(blocker.item)),
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


def _messages(error) -> list[str]:
    if isinstance(error, ValidationError):
        return error.messages
    return [str(error)]


class CitationInline(LabelledAutocompleteInlineMixin, admin.TabularInline):
    model = Citation
    extra = 1
    fields = ["source", "locator", "passage", "note", "added_by", "added_at"]
    readonly_fields = ["added_by", "added_at"]
    autocomplete_fields = ["source"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source", "added_by")

    # `obj` is the claim or quotation: its article's `rights` decide.
    def _may_cite(self, request, obj):
        return obj is None or rights.may(request.user, obj.article, rights.Change.CITE)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._may_cite(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_cite(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may_cite(request, obj)


class ClaimCitationInline(CitationInline):
    fk_name = "claim"
    exclude = ["quotation"]


class QuotationCitationInline(CitationInline):
    fk_name = "quotation"
    exclude = ["claim"]


class AnchoredAdmin(RememberedList, ListAtScale):
    """A claim's or quotation's own page. What a user may change on it is their `rights` on its article:
    marking (the words and what they are), citing (the citations inline) or removing (the delete page,
    which asks why past draft)."""

    list_select_related = ["article"]
    search_fields = ["exact", "article__title"]
    autocomplete_fields = ["article"]
    readonly_fields = ["sourcing", "anchor"]
    delete_confirmation_template = "admin/articles/anchored_delete_confirmation.html"

    def get_search_results(self, request, queryset, search_term):
        # The desk's search (`matching`), which indexes answer, not a join across every item.
        return queryset.matching(search_term), False

    def get_queryset(self, request):
        # The rights checks read the article. Django skips list_select_related once a queryset has
        # select_related, so the list's joins are named here too.
        joins = {"article", *self.list_select_related}
        return super().get_queryset(request).select_related(*joins)

    def _may(self, request, obj, change):
        return obj is None or rights.may(request.user, obj.article, change)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            self._may(request, obj, rights.Change.MARK) or self._may(request, obj, rights.Change.CITE)
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may(request, obj, rights.Change.REMOVE)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self._may(request, obj, rights.Change.MARK):
            fields += [name for name in self.fields if name in AnchoredForm.MARK_FIELDS]
        return fields

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.acting_user = request.user  # a class made for this request
        return form

    def get_actions(self, request):
        # Deleting past draft needs a reason per item: the delete page asks for it, a bulk action cannot.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        extra_context = {
            **(extra_context or {}),
            "removal_needs_reason": obj is not None and marking.removal_needs_reason(obj.article),
        }
        try:
            return super().delete_view(request, object_id, extra_context)
        except ValidationError as refusal:  # raised by delete_model; the deletion was rolled back
            self.message_user(request, " ".join(refusal.messages), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def delete_model(self, request, obj):
        marking.remove(obj, user=request.user, reason=request.POST.get("removal_reason", ""))

    @admin.display(description="words", ordering="exact")
    def words(self, obj):
        return str(obj)

    @admin.display(description="status")
    def sourcing(self, obj):
        return status_badge(obj) if obj.pk else "—"

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

    def save_model(self, request, obj, form, change):
        # Serialise with the publish gate: citations added or removed here change what it checks.
        Article.objects.lock(obj.article_id)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for citation in formset.save(commit=False):
            if citation.pk is None:
                sourcing.add(citation, user=request.user)
            else:
                sourcing.change(citation, user=request.user)
        for citation in formset.deleted_objects:
            sourcing.uncite(citation, user=request.user)
        formset.save_m2m()


@admin.register(Claim)
class ClaimAdmin(AnchoredAdmin):
    form = ClaimForm
    list_display = ["words", "article", "kind", "sourcing", "num_citations", "updated_at"]
    list_filter = ["kind", SourcingStatusFilter, "article__status"]
    fields = ["article", "exact", "kind", "note", "sourcing", "anchor", "add_sources"]
    inlines = [ClaimCitationInline]


@admin.register(Quotation)
class QuotationAdmin(AnchoredAdmin):
    form = QuotationForm
    list_display = ["words", "speaker", "article", "obtained", "sourcing", "num_citations"]
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


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Tag)
class TagAdmin(ListAtScale):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
