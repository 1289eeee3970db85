"""Reader pages. Only published articles exist here: drafts are 404, not 403, so they do not leak.

Views stay thin: what is public comes from `live` (selectors over live revisions), the article page's
content from `fragments` (rendered once per live revision), validators and 304s from `caching`. Person,
source, tag and author pages are 404 until something published names them, so a draft's reporting does
not show through them either.
"""

from functools import partial

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from articles import revisions, slugs
from articles.models import Article, Section, Tag
from pages.models import Page
from sources.models import Person, Source

from . import caching, fragments, live, search

PAGE_SIZE = 20


class Window:
    """A page of a list read without counting the list (a count reads every published article): the
    row after the page says whether an older page follows (`more`)."""

    def __init__(self, items, number: int):
        rows = list(items[(number - 1) * PAGE_SIZE : number * PAGE_SIZE + 1])
        self.number, self.object_list, self.more = number, rows[:PAGE_SIZE], len(rows) > PAGE_SIZE


class Counted(Window):
    """A page of a list whose rows carry the list's `total` (`search`: a window aggregate, no second
    query), which says whether an older page follows: no row after the page is read."""

    def __init__(self, items, number: int):
        self.number = number
        self.object_list = list(items[(number - 1) * PAGE_SIZE : number * PAGE_SIZE])
        self.more = bool(self.object_list) and self.object_list[0].total > number * PAGE_SIZE


def _page(request, items, *, empty_is_404=False, window=Window):
    number = request.GET.get("page", "")
    page = window(items, int(number) if number.isdigit() and int(number) else 1)
    if not page.object_list and (empty_is_404 or page.number > 1):
        raise Http404("Nothing published here.")
    return page


def _canonical(request, page=None) -> str:
    url = request.build_absolute_uri(request.path)
    return f"{url}?page={page.number}" if page is not None and page.number > 1 else url


def _listing(request, template, items, *, empty_is_404=False, **context):
    page = _page(request, items, empty_is_404=empty_is_404)
    teasers = [fragments.current(request, article) for article in page.object_list]
    # Every current rendering holds the site's current header and footer (`reader.invalidation`).
    frame = teasers[0] if teasers else None
    context |= {"page": page, "teasers": teasers, "frame": frame, "canonical": _canonical(request, page)}
    return render(request, template, context)


@caching.reader_cache
@caching.shared_page
def home(request):
    return _listing(request, "reader/home.html", live.listed())


@caching.reader_cache
def section(request, slug):
    section = get_object_or_404(Section, slug=slug)
    articles = live.listed().filter(live_revision__section=section)
    return _listing(request, "reader/section.html", articles, section=section)


@caching.reader_cache
def tag(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    articles = live.listed().filter(live_revision__tags=tag)
    return _listing(request, "reader/tag.html", articles, empty_is_404=True, tag=tag)


@caching.reader_cache
def author(request, pk):
    author = get_object_or_404(get_user_model(), pk=pk)
    articles = live.listed().filter(live_revision__authors=author)
    return _listing(request, "reader/author.html", articles, empty_is_404=True, author=author)


@caching.reader_cache
def standing_page(request, slug):
    page = get_object_or_404(Page, slug=slug)
    canonical = request.build_absolute_uri(page.get_absolute_url())
    return render(request, "reader/page.html", {"standing_page": page, "canonical": canonical})


def _grouped(request, template, articles, group, **context):
    """A page of the published articles naming someone or something, each with what it says of them."""
    page = _page(request, articles, empty_is_404=True)
    context |= {"page": page, "groups": group(page.object_list), "canonical": _canonical(request, page)}
    return render(request, template, context)


@caching.reader_cache
def person(request, pk):
    person = get_object_or_404(Person, pk=pk)
    quoted = partial(live.quotations_by, person)
    return _grouped(request, "reader/person.html", live.quoting(person), quoted, person=person)


@caching.reader_cache
def source(request, pk):
    source = get_object_or_404(Source, pk=pk)
    citing = partial(live.claims_citing, source)
    return _grouped(request, "reader/source.html", live.citing(source), citing, source=source)


@caching.reader_cache
def search_results(request):
    query = search.query_text(request.GET.get("q", ""))
    with search.planned_for_the_words():
        page = _page(request, search.Results(query), window=Counted)
    results = [(fragments.current_of(request, r), search.snippet(r, query)) for r in page.object_list]
    count = page.object_list[0].total if page.object_list else 0
    # Each result is the article's stored teaser, and the page takes the stored header and footer.
    frame = results[0][0] if results else None
    context = {"query": query, "page": page, "results": results, "count": count, "frame": frame}
    return render(request, "reader/search.html", context)


@caching.reader_cache
@caching.shared_page
def article_detail(request, slug):
    rendered = live.rendering_at(slug)
    if rendered is None or rendered.basis != fragments.basis(request, rendered):
        # Not rendered yet, or rendered for another layout, time or site: read the article.
        article = live.article_at(slug)
        if article is None:
            if moved_to := slugs.moved_to(slug):
                return HttpResponsePermanentRedirect(moved_to)
            raise Http404("No published article here.")
        rendered = fragments.current(request, article)
    etag = caching.article_etag(rendered)
    if not_modified := caching.not_modified(request, etag):
        return not_modified
    response = HttpResponse(rendered.page)
    response["ETag"] = etag
    return response


@never_cache
@permission_required("articles.view_article", login_url="admin:login", raise_exception=False)
def article_preview(request, pk, number=None):
    """An article exactly as readers would see it: its working copy, or one of its revisions.

    Staff only, never cached, marked as a preview and kept out of search engines.
    """
    article = get_object_or_404(Article.objects.select_related("section"), pk=pk)
    if number is None:
        article.live_revision = revisions.working_copy(article)
        label = "the current draft"
    else:
        article.live_revision = get_object_or_404(article.revisions, number=number)
        label = f"revision {number}"
    article.published_at = article.published_at or timezone.now()
    response = HttpResponse(fragments.render(request, article, keep=False, preview=label).page)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        f"Sitemap: {request.build_absolute_uri(reverse('reader:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
