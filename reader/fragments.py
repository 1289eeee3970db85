"""The article page's content, rendered once per live revision and kept with it (`RenderedRevision`).

What a published revision shows (the body with its marks and note references, the notes, the sourcing
box, corrections, byline, lead image, meta tags and JSON-LD, inside the site's header and footer) is
rendered as a whole page on the first read after the revision goes live and stored, with its entry in
lists and the header and footer that lists reuse; a reader request then reads the page in one query and
sends it as it is. The `key` hashes everything they were rendered from
(revision; versions of cited sources, people and the library images the body shows; corrections,
authors, tags, section, last sign-off, menus): `reader.invalidation` deletes the renderings that used
anything changed. The `basis` (layout, publication time, site address, language) is checked on every
read. While rendering, the cited sources, people and images are locked (PostgreSQL): an edit to one
waits for the rendering, then deletes it.
"""

import hashlib
from functools import cache, partial

from django.db import IntegrityError, connection, transaction
from django.db.models import Max
from django.template.loader import get_template, render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language

from articles import bylines, richtext
from articles.models import Article, Claim, Image
from articles.revisions import live_items
from newsroom.names import display_name
from pages.models import Page
from sources.models import Person, Source

from . import images, menus, notes, structured_data
from .models import RenderedRevision
from .transparency import summarize

# Bump when the article templates change what they write: stored renderings are then made again.
LAYOUT_VERSION = "article-7"


def policies() -> dict[str, str]:
    """The paths of the policy pages the Trust Project asks an article to link."""
    slugs = {
        "principles": Page.PUBLISHING_PRINCIPLES,
        "corrections": Page.CORRECTIONS_POLICY,
        "fact_checking": Page.FACT_CHECKING_POLICY,
    }
    return {name: reverse("reader:page", kwargs={"slug": slug}) for name, slug in slugs.items()}


_stylesheet = cache(partial(static, "reader/reader.css"))  # as a deploy left it (hashed by version)


def _site(request) -> str:
    """The layout, stylesheet, site and language of a request's pages, worked out once per request."""
    if not hasattr(request, "reader_site"):
        origin = f"{request.scheme}://{request.get_host()}"
        request.reader_site = f"{LAYOUT_VERSION}|{_stylesheet()}|{origin}|{get_language()}"
    return request.reader_site


def basis(request, article) -> str:
    """What a rendering depends on beyond its key: the site (`_site`) and the publication time
    (`article` may be a rendering annotated with `published_at`: `live.rendering_at`)."""
    return f"{_site(request)}|{article.published_at.isoformat()}"


def current(request, article) -> RenderedRevision:
    """The stored rendering of the article's live revision (`select_related` it), made now if missing."""
    try:
        stored = article.live_revision.rendered
    except RenderedRevision.DoesNotExist:
        stored = None
    if stored is not None and stored.basis == basis(request, article):
        return stored
    return _rendered_now(request, article.pk)


def _rendered_now(request, article_id: int) -> RenderedRevision:
    # Pages read only what assembling needs; rendering reads the whole article.
    return render(request, Article.objects.select_related("live_revision__section").get(pk=article_id))


def current_of(request, result):
    """What a list shows of a search result (`reader.search.Result`): the result itself, which carries its
    article's stored kicker, teaser, header and footer, while they are current; else `current`'s."""
    if result.basis is not None and result.basis == basis(request, result):
        return result
    return _rendered_now(request, result.article_id)


def _locked(queryset):
    if connection.features.has_select_for_no_key_update:
        return queryset.select_for_update(no_key=True)
    return queryset  # SQLite: writers take turns anyway


def _hash(lines) -> str:
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


@transaction.atomic
def render(request, article, *, keep=True, preview="") -> RenderedRevision:
    """Render the article's `live_revision` (for a staff preview, an unsaved one: `keep=False`, with
    `preview` naming what is shown)."""
    revision = article.live_revision
    claims, quotations = live_items(revision)
    cited = {c["source"] for item in (*claims, *quotations) for c in item.citations}
    sources = Source.objects.filter(pk__in=cited)
    people = Person.objects.filter(pk__in={q.speaker for q in quotations if q.speaker})
    if keep:
        sources, people = _locked(sources.order_by("pk")), _locked(people.order_by("pk"))
    sources, people = {s.pk: s for s in sources}, {p.pk: p for p in people}
    library = Image.objects.filter(pk__in=richtext.images(revision.body_html)).order_by("pk")
    library = {image.pk: image for image in (_locked(library) if keep else library)}
    if revision.pk is None:  # a preview of the working copy: the article's own authors and tags
        authors = [link.user for link in bylines.links(article).select_related("user")]
        tags = list(article.tags.all())
    else:
        authors = [byline.user for byline in revision.bylines.select_related("user")]
        tags = list(revision.tags.all())
    corrections = list(article.corrections.order_by("created_at", "pk"))
    live_claims = Claim.objects.filter(article=article, pk__in=[claim.id for claim in claims])
    last_checked = live_claims.aggregate(at=Max("checked_at"))["at"]
    numbered = notes.numbered(claims, quotations, sources, people)
    summary = summarize(numbered, last_checked)
    image = images.responsive(revision.lead_image)
    modified = max([article.published_at, revision.created_at, *(c.created_at for c in corrections)])
    macros = get_template("reader/macros.html").template.module
    context = {
        "article": article,
        "live": revision,
        "authors": authors,
        "tags": tags,
        "body": notes.marked_body(
            revision.body_html, numbered, macros.reference, sources.values(), library
        ),
        "notes": numbered,
        "summary": summary,
        "corrections": corrections,
        "image": image,
        "modified": modified,
        "updated": (modified - article.published_at).total_seconds() > 60,
        "canonical": request.build_absolute_uri(revision.get_absolute_url()),
        "policies": policies(),
    }
    context["json_ld"] = structured_data.news_article(request, context)
    frame = menus.menus()
    rendering = RenderedRevision(
        revision=revision,
        kicker=macros.kicker(revision.section),
        teaser=macros.teaser(article, revision, authors),
        header=macros.site_header(frame),
        footer=macros.site_footer(frame),
        basis=basis(request, article),
    )
    context |= {"frame": rendering, "preview": preview}
    rendering.page = render_to_string("reader/article.html", context, request)
    section = revision.section
    rendering.key = _hash(
        [
            rendering.basis,
            f"revision {revision.pk}",
            f"section {section.slug!r} {section.name!r}" if section else "section",
            f"checked {last_checked.isoformat() if last_checked else ''}",
            *(f"source {pk} {s.updated_at.isoformat()}" for pk, s in sorted(sources.items())),
            *(f"person {pk} {p.updated_at.isoformat()}" for pk, p in sorted(people.items())),
            *(
                f"image {pk} {i.updated_at.isoformat()} {i.file.name!r}"
                for pk, i in sorted(library.items())
            ),
            *(f"correction {c.pk} {c.created_at.isoformat()} {c.text!r}" for c in corrections),
            *(f"author {u.pk} {display_name(u)!r}" for u in authors),
            *(f"tag {t.pk} {t.slug!r} {t.name!r}" for t in tags),
            f"menus {frame!r}",
        ]
    )
    if keep:
        try:
            with transaction.atomic():
                rendering.save()
                rendering.sources.set(sources)
                rendering.people.set(people)
        except IntegrityError:
            pass  # another request stored the same rendering meanwhile
    return rendering
