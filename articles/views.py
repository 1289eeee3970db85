"""Reader pages. Only published articles exist here: drafts are 404, not 403, so they do not leak.

Views stay thin: what is public comes from `live` (selectors over live revisions), the article page's
data from `article_page`, its notes from `footnotes`, its box from `transparency`, its JSON-LD from
`structured_data`, validators and 304s from `caching`. Person, source, tag and author pages are 404
until something published names them, so a draft's reporting does not show through them either.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from sources.models import Person, Source

from . import (
    article_page,
    caching,
    footnotes,
    images,
    live,
    rendering,
    revisions,
    search,
    slugs,
    structured_data,
    transparency,
)
from . import notes as notes_html
from .models import Article, Section, Tag

PAGE_SIZE = 20


def _page(request, items, *, empty_is_404=False):
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    if empty_is_404 and not page.paginator.count:
        raise Http404("Nothing published here.")
    return page


def _canonical(request, page=None) -> str:
    url = request.build_absolute_uri(request.path)
    return f"{url}?page={page.number}" if page is not None and page.number > 1 else url


def _listing(request, template, items, *, empty_is_404=False, **context):
    page = _page(request, items, empty_is_404=empty_is_404)
    return render(request, template, {"page": page, "canonical": _canonical(request, page), **context})


@caching.reader_cache
@caching.shared_page
def home(request):
    return _listing(request, "reader/home.html", live.latest())


@caching.reader_cache
def section(request, slug):
    section = get_object_or_404(Section, slug=slug)
    articles = live.latest().filter(live_revision__section=section)
    return _listing(request, "reader/section.html", articles, section=section)


@caching.reader_cache
def tag(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    articles = live.latest().filter(live_revision__tags=tag)
    return _listing(request, "reader/tag.html", articles, empty_is_404=True, tag=tag)


@caching.reader_cache
def author(request, pk):
    author = get_object_or_404(get_user_model(), pk=pk)
    articles = live.latest().filter(live_revision__authors=author)
    return _listing(request, "reader/author.html", articles, empty_is_404=True, author=author)


@caching.reader_cache
def person(request, pk):
    person = get_object_or_404(Person, pk=pk)
    page = _page(request, live.quoting(person), empty_is_404=True)
    groups = live.quotations_by(person, page.object_list)
    return render(
        request,
        "reader/person.html",
        {"person": person, "page": page, "groups": groups, "canonical": _canonical(request, page)},
    )


@caching.reader_cache
def source(request, pk):
    source = get_object_or_404(Source, pk=pk)
    page = _page(request, live.citing(source), empty_is_404=True)
    groups = live.claims_citing(source, page.object_list)
    citation = footnotes.ResolvedCitation(source, "", "")
    return render(
        request,
        "reader/source.html",
        {
            "source": source,
            "citation": citation,
            "page": page,
            "groups": groups,
            "canonical": _canonical(request, page),
        },
    )


@caching.reader_cache
def search_results(request):
    query = search.query_text(request.GET.get("q", ""))
    page = _page(request, search.search(query))
    results = [(revision, search.snippet(revision, query)) for revision in page.object_list]
    return render(request, "reader/search.html", {"query": query, "page": page, "results": results})


@caching.reader_cache
@caching.shared_page
def article_detail(request, slug):
    article = article_page.published(slug)
    if article is None:
        if moved_to := slugs.moved_to(slug):
            return HttpResponsePermanentRedirect(moved_to)
        raise Http404("No published article here.")
    page = article_page.load(article)
    etag = caching.article_etag(page)
    if not_modified := caching.not_modified(request, etag):
        return not_modified
    response = caching.validated_page(request, etag, lambda: _article_page(request, page))
    response["ETag"] = etag
    return response


def _article_page(request, page, *, preview=None):
    article, corrections = page.article, page.corrections
    writer = notes_html.NoteWriter()
    paragraphs, notes = footnotes.annotate(article, page.resolved, writer)
    summary = transparency.summarize(notes, page.last_checked)
    live_revision = article.live_revision
    image = images.responsive(live_revision.lead_image)
    modified = max([article.published_at, live_revision.created_at, *(c.created_at for c in corrections)])
    policies = structured_data.policies()
    json_ld = structured_data.news_article(
        request, page, summary=summary, policy_paths=policies, image=image, modified=modified
    )
    return render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "authors": page.authors,
            "tags": page.tags,
            "live": live_revision,
            "body_html": rendering.paragraphs_html(paragraphs),
            "notes": notes,
            "notes_html": writer.notes(notes),
            "site_menus": page.menus,
            "summary": summary,
            "corrections": corrections,
            "image": image,
            "modified": modified,
            "updated": modified.timestamp() - article.published_at.timestamp() > 60,
            "json_ld": structured_data.script(json_ld),
            "canonical": request.build_absolute_uri(article.get_absolute_url()),
            "policies": policies,
            "preview": preview,
        },
    )


@never_cache
@permission_required("articles.view_article", login_url="admin:login", raise_exception=False)
def article_preview(request, pk, number=None):
    """An article exactly as readers would see it: its working copy, or one of its revisions.

    Staff only, never cached, marked as a preview and kept out of search engines.
    """
    article = get_object_or_404(Article.objects.select_related("section"), pk=pk)
    if number is None:
        shown = revisions.working_copy(article)
        label = "the current draft"
    else:
        shown = get_object_or_404(article.revisions, number=number)
        label = f"revision {number}"
    article.live_revision = shown
    article.published_at = article.published_at or timezone.now()
    response = _article_page(request, article_page.load(article), preview=label)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        f"Sitemap: {request.build_absolute_uri(reverse('articles:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
