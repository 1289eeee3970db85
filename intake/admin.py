"""The admin for suggested quotations and claims, the article upload page, and "suggest again".

Thin on purpose: the decisions are `suggesting.accept`/`dismiss`, the import is `importing.import_upload`;
the views only call them and turn their refusals into messages.

URLs (all under /admin/articles/suggestion/):

* ``admin:articles_suggestion_changelist`` — the suggestions, filterable by kind, status and article;
* ``admin:articles_suggestion_import`` — upload one or many files as draft articles;
* ``admin:articles_suggestion_run`` (POST, article id) — suggest again for one article;
* ``admin:articles_suggestion_accept`` / ``admin:articles_suggestion_dismiss`` (POST, suggestion id).
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from articles import rights
from articles.models import Article, Suggestion
from newsroom.admin_lists import ListAtScale

from . import importing, suggesting

MAX_FILES = 50


def _messages(error) -> list[str]:
    if isinstance(error, ValidationError):
        return error.messages
    return [str(error)]


# --------------------------------------------------------------------------------------------------
# The upload form
# --------------------------------------------------------------------------------------------------


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field. Each file is checked by the import itself (an empty one included),
    so that one bad file gets its own message while the others import."""

    def __init__(self, *args, **kwargs):
        accept = ".txt,.text,.html,.htm,text/plain,text/html"
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": accept}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        return files


class ImportForm(forms.Form):
    files = MultipleFileField(
        label="Files",
        help_text=(
            f"Plain text (.txt) or web pages (.html); up to {MAX_FILES} files of at most "
            f"{importing.MAX_FILE_SIZE // (1024 * 1024)} MB each. Plain text: the headline on the first "
            "line, optional “Byline:”, “Source-URL:” and “Published:” lines, a blank line, then "
            "paragraphs separated by blank lines."
        ),
    )
    title = forms.CharField(
        required=False,
        max_length=300,
        help_text="Used as the title of each file imported (needed for a file without a headline).",
    )
    suggest = forms.BooleanField(
        label="Suggest quotations and claims after import",
        required=False,
        initial=True,
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > MAX_FILES:
            raise ValidationError(
                "Choose at most %(max)s files at a time.", code="too_many_files", params={"max": MAX_FILES}
            )
        return files


# --------------------------------------------------------------------------------------------------
# The suggestions admin
# --------------------------------------------------------------------------------------------------

# Of the article, a suggestion's pages read its title and what the right to correct it depends on
# (`rights`: state, owner, lock); its body (large for some imports) and other text stay in the
# database, whatever fields the article gains.
_ARTICLE_READ = ("id", "title", "status", "created_by", "locked_by", "locked_at", "live_revision")
_ARTICLE_UNREAD = [
    f"article__{f.name}" for f in Article._meta.concrete_fields if f.name not in _ARTICLE_READ
]


class ArticleFilter(admin.RelatedOnlyFieldListFilter):
    """The articles that have suggestions, by title (Django's filter would read whole articles)."""

    def field_choices(self, field, request, model_admin):
        having = model_admin.get_queryset(request).order_by().values("article_id")
        return list(Article.objects.filter(pk__in=having).values_list("pk", "title"))


class DecideForm(ActionForm):
    """The changelist's action bar, with the reason a dismissal records (bulk or a row's button)."""

    reason = forms.CharField(
        required=False,
        max_length=500,
        label="Reason",
        help_text="Why the selected (or clicked) suggestions are dismissed.",
    )


class SuggestionAdmin(ListAtScale):
    list_display = ["words", "kind", "status", "who_or_why", "proposed", "article_link", "decide"]
    list_filter = ["kind", "status", "claim_kind", ("article", ArticleFilter)]
    list_select_related = ["article", "speaker"]
    search_fields = ["exact", "speaker_name", "speaker__name", "reason", "article__title"]
    actions = ["accept_selected", "dismiss_selected"]
    action_form = DecideForm
    autocomplete_fields = ["speaker", "proposed_sources"]
    fields = [
        "article",
        "kind",
        "status",
        "exact",
        "paragraph",
        "speaker_name",
        "speaker",
        "claim_kind",
        "reason",
        "proposed_sources",
        "claim",
        "quotation",
        "decided_by",
        "decided_at",
    ]
    # Editors may correct the speaker, the kind and the sources before accepting; the rest is the engine's.
    readonly_fields = [
        "article",
        "kind",
        "status",
        "exact",
        "paragraph",
        "reason",
        "claim",
        "quotation",
        "decided_by",
        "decided_at",
    ]
    list_per_page = 100

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related(*self.list_select_related)  # the changelist then adds none of its own
            .defer(*_ARTICLE_UNREAD)
            .prefetch_related("proposed_sources")
        )

    # Permissions: seeing and correcting suggestions follows the roles table (view/change_suggestion),
    # like every admin page; deciding one also needs the right to add that kind of item (accept/dismiss
    # check it). Nobody adds suggestions by hand: the engine does.

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        # Correcting a suggestion (its kind, its proposed sources) is marking the article's claims.
        return (
            obj.status == Suggestion.Status.SUGGESTED
            and super().has_change_permission(request, obj)
            and rights.may(request.user, obj.article, rights.Change.MARK)
        )

    def has_decide_permission(self, request):
        return suggesting.can_decide(request.user)

    # Columns. None runs a query: article and speaker are joined, sources prefetched.

    @admin.display(description="words", ordering="exact")
    def words(self, obj):
        text = obj.exact if len(obj.exact) <= 120 else obj.exact[:117] + "…"
        return format_html("“{}”", text)

    @admin.display(description="speaker / reason")
    def who_or_why(self, obj):
        if obj.kind == Suggestion.Kind.QUOTATION:
            if obj.speaker_id:
                return format_html("{}", obj.speaker)
            if obj.speaker_name and suggesting.looks_like_name(obj.speaker_name):
                return format_html("{} <em>(new person)</em>", obj.speaker_name)
            return format_html("{} <em>(choose a speaker)</em>", obj.speaker_name or "—")
        return format_html("{}: {}", obj.get_claim_kind_display() or "—", obj.reason)

    @admin.display(description="proposed sources")
    def proposed(self, obj):
        sources = obj.proposed_sources.all()
        if not sources:
            return "—"
        return format_html_join(", ", "{}", ((s,) for s in sources))

    @admin.display(description="article", ordering="article__title")
    def article_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:articles_article_change", args=[obj.article_id]),
            obj.article.title,
        )

    @admin.display(description="decide")
    def decide(self, obj):
        if obj.claim_id or obj.quotation_id:
            model, pk = ("claim", obj.claim_id) if obj.claim_id else ("quotation", obj.quotation_id)
            return format_html(
                '{}: <a href="{}">{}</a>',
                obj.get_status_display(),
                reverse(f"admin:articles_{model}_change", args=[pk]),
                f"open the {model}",
            )
        if obj.status != Suggestion.Status.SUGGESTED:
            return obj.get_status_display()
        # Buttons of the changelist's own form (which carries the CSRF token), posted elsewhere.
        return format_html(
            '<button type="submit" class="button" formaction="{}" formmethod="post" '
            'aria-label="Accept suggestion {}">Accept</button> '
            '<button type="submit" class="button" formaction="{}" formmethod="post" '
            'aria-label="Dismiss suggestion {}">Dismiss</button>',
            reverse("admin:articles_suggestion_accept", args=[obj.pk]),
            obj.pk,
            reverse("admin:articles_suggestion_dismiss", args=[obj.pk]),
            obj.pk,
        )

    # Deciding: bulk actions and per-row buttons, both through suggesting.accept/dismiss.

    def _decide(self, request, suggestions, decide, verb) -> None:
        done, refused = 0, []
        for suggestion in suggestions:
            try:
                decide(suggestion, user=request.user)
            except (PermissionDenied, ValidationError) as refusal:
                refused.append((suggestion, refusal))
            else:
                done += 1
        if done:
            self.message_user(
                request, f"{verb} {done} suggestion{'s' if done != 1 else ''}.", messages.SUCCESS
            )
        for suggestion, refusal in refused:
            self.message_user(request, f"{suggestion}: {' '.join(_messages(refusal))}", messages.ERROR)

    @admin.action(description="Accept selected suggestions", permissions=["decide"])
    def accept_selected(self, request, queryset):
        self._decide(request, queryset.select_related("speaker"), suggesting.accept, "Accepted")

    @admin.action(description="Dismiss selected suggestions", permissions=["decide"])
    def dismiss_selected(self, request, queryset):
        self._decide(request, queryset, self._dismiss_with_reason(request), "Dismissed")

    def get_urls(self):
        def wrap(view):
            return self.admin_site.admin_view(view)

        name = "articles_suggestion"
        return [
            path("import/", wrap(self.import_view), name=f"{name}_import"),
            path("run/<int:article_id>/", wrap(self.run_view), name=f"{name}_run"),
            path("<int:object_id>/accept/", wrap(self.accept_view), name=f"{name}_accept"),
            path("<int:object_id>/dismiss/", wrap(self.dismiss_view), name=f"{name}_dismiss"),
            *super().get_urls(),
        ]

    def _back(self, request, default: str) -> HttpResponseRedirect:
        target = request.POST.get("next") or request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            target = default
        return HttpResponseRedirect(target)

    def _one(self, request, object_id, decide, verb):
        suggestion = get_object_or_404(
            Suggestion.objects.select_related("speaker", "article"), pk=object_id
        )
        self._decide(request, [suggestion], decide, verb)
        return self._back(request, reverse("admin:articles_suggestion_changelist"))

    @method_decorator(require_POST)
    def accept_view(self, request, object_id):
        return self._one(request, object_id, suggesting.accept, "Accepted")

    @method_decorator(require_POST)
    def dismiss_view(self, request, object_id):
        return self._one(request, object_id, self._dismiss_with_reason(request), "Dismissed")

    @staticmethod
    def _dismiss_with_reason(request):
        reason = request.POST.get("reason", "")

        def dismiss(suggestion, *, user):
            return suggesting.dismiss(suggestion, user=user, reason=reason)

        return dismiss

    @method_decorator(require_POST)
    def run_view(self, request, article_id):
        article = get_object_or_404(Article, pk=article_id)
        try:
            result = suggesting.suggest(article, user=request.user)
        except PermissionDenied as denied:
            self.message_user(request, str(denied), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
        self.message_user(request, f"“{article}”: {result}.", messages.SUCCESS)
        url = reverse("admin:articles_suggestion_changelist")
        return HttpResponseRedirect(f"{url}?article__id__exact={article.pk}&status__exact=suggested")

    def import_view(self, request):
        if not importing.can_import(request.user):
            raise PermissionDenied
        results = []
        if request.method == "POST":
            form = ImportForm(request.POST, request.FILES)
            if form.is_valid():
                for upload in form.cleaned_data["files"]:
                    result = importing.import_upload(
                        upload,
                        user=request.user,
                        title=form.cleaned_data["title"],
                        suggest=form.cleaned_data["suggest"],
                    )
                    if result.ok:
                        self.log_addition(request, result.article, [{"added": {}}])
                    results.append(result)
                imported = sum(r.ok for r in results)
                level = messages.SUCCESS if imported == len(results) else messages.WARNING
                self.message_user(request, f"Imported {imported} of {len(results)} file(s).", level)
        else:
            form = ImportForm()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Import articles",
            "form": form,
            "results": results,
            "max_size": importing.MAX_FILE_SIZE // (1024 * 1024),
        }
        return TemplateResponse(request, "admin/articles/import.html", context)


admin.site.register(Suggestion, SuggestionAdmin)


# --------------------------------------------------------------------------------------------------
# The article admin, extended with suggestions
# --------------------------------------------------------------------------------------------------


class SuggestingArticleAdmin(admin.site.get_model_admin(Article).__class__):
    """The article admin of `articles`, plus "Suggest quotes and claims" and suggesting after a save.

    Extending the registered class (rather than a signal from `save_article`) keeps the request at
    hand, for the permission check and the "Review them" message, and keeps `articles` unaware of us.
    """

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        user = request.user
        context["can_suggest"] = obj is not None and suggesting.may_suggest(user, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def text_saved(self, request, article):
        """New or edited text: propose its quotations and claims (milliseconds; nothing is marked)."""
        super().text_saved(request, article)
        if not suggesting.may_suggest(request.user, article):
            return
        found = suggesting.suggest(article, user=request.user)
        if found.quotations or found.claims or found.not_stored:
            url = reverse("admin:articles_suggestion_changelist") + f"?article__id__exact={article.pk}"
            self.message_user(request, format_html('{} <a href="{}">Review them</a>.', found, url))


admin.site.unregister(Article)
admin.site.register(Article, SuggestingArticleAdmin)
