"""JSON-LD for the article page: a schema.org NewsArticle that says where its facts come from.

Search engines and fact-check tools read `citation` (each source, with `archivedAt` for the archived
copy), `correction` (CorrectionComment entries), `backstory` (how the article was sourced) and the
publisher's policies (publishingPrinciples, correctionsPolicy, verificationFactCheckingPolicy), as the
Trust Project's indicators ask. Built from the same live data as the page, never the working copy.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from pages.models import Page
from sources.models import Source

from . import reversing
from .notes import kind_label

PUBLISHER_NAME = "Newsroom"

SCHEMA_TYPES = {
    Source.Kind.STUDY: "ScholarlyArticle",
    Source.Kind.REPORT: "Report",
    Source.Kind.DATASET: "Dataset",
    Source.Kind.WEB_PAGE: "WebPage",
    Source.Kind.NEWS_ARTICLE: "NewsArticle",
    Source.Kind.SOCIAL_POST: "SocialMediaPosting",
}

# Inside <script>, "</script>" or "<!--" in a string would end or confuse the element: escape <, > and &
# (three `replace` scans; `str.translate` looks each character of a non-ASCII document up in Python).
_SCRIPT_ESCAPES = (("<", "\\u003C"), (">", "\\u003E"), ("&", "\\u0026"))


def policies() -> dict[str, str]:
    """The paths of the policy pages the Trust Project asks an article to link."""
    page = reversing.UrlPattern("pages:detail", "slug")
    return {
        "principles": page(Page.PUBLISHING_PRINCIPLES),
        "corrections": page(Page.CORRECTIONS_POLICY),
        "fact_checking": page(Page.FACT_CHECKING_POLICY),
    }


def publisher(origin: str, policy_paths: dict[str, str]) -> dict:
    """`origin` is the site's scheme and host; `policy_paths` what `policies` returns."""
    return {
        "@type": "NewsMediaOrganization",
        "name": PUBLISHER_NAME,
        "url": f"{origin}/",
        "publishingPrinciples": origin + policy_paths["principles"],
        "correctionsPolicy": origin + policy_paths["corrections"],
        "verificationFactCheckingPolicy": origin + policy_paths["fact_checking"],
    }


def source_entry(source: Source, page_url: str, language: str) -> dict:
    """`page_url`: the absolute URL of our page about the source; `language` the page's."""
    entry = {
        "@type": SCHEMA_TYPES.get(source.kind, "CreativeWork"),
        "name": source.title,
        "genre": kind_label(source.kind, language),
        "mainEntityOfPage": page_url,
    }
    if source.url:
        entry["url"] = source.url
    if source.archived_url:
        entry["archivedAt"] = source.archived_url
    if source.publisher:
        entry["publisher"] = {"@type": "Organization", "name": source.publisher}
    if source.published_on:
        entry["datePublished"] = source.published_on.isoformat()
    return entry


def news_article(request, page, *, summary, policy_paths, image=None, modified=None) -> dict:
    """`page` is the article page's data (`article_page.load`), `policy_paths` what `policies` returns."""
    article, corrections = page.article, page.corrections
    live = article.live_revision
    # One pattern and one absolute-URL build for the many source pages a page cites.
    source_url = reversing.UrlPattern("articles:source")
    language = get_language()
    origin = request.build_absolute_uri("/").removesuffix("/")
    url = request.build_absolute_uri(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": live.title,
        "description": live.standfirst,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": article.published_at.isoformat(),
        "dateModified": (modified or article.published_at).isoformat(),
        "author": [
            {
                "@type": "Person",
                "name": author.get_full_name() or author.get_username(),
                "url": request.build_absolute_uri(reversing.path("articles:author", pk=author.pk)),
            }
            for author in page.authors
        ],
        "publisher": publisher(origin, policy_paths),
        "publishingPrinciples": origin + policy_paths["principles"],
        "isAccessibleForFree": True,
        "backstory": str(summary),
        "citation": [
            source_entry(source, origin + source_url(source.pk), language) for source in summary.sources
        ],
        "correction": [
            {
                "@type": "CorrectionComment",
                "text": correction.text,
                "datePublished": correction.created_at.isoformat(),
            }
            for correction in corrections
        ],
    }
    if live.section:
        data["articleSection"] = live.section.name
    tags = [tag.name for tag in page.tags]
    if tags:
        data["keywords"] = tags
    if image:
        data["image"] = {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(image.largest.url),
            "width": image.largest.width,
            "height": image.largest.height,
            "caption": live.lead_image_caption or live.lead_image_alt,
        }
        if live.lead_image_credit:
            data["image"]["creditText"] = live.lead_image_credit
    return data


def script(data: dict):
    """`data` as a <script type="application/ld+json"> element, safe inside HTML."""
    # `data` is a tree of new dicts and lists, never a cycle: skip the encoder's check for one.
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, check_circular=False)
    for character, escaped in _SCRIPT_ESCAPES:
        text = text.replace(character, escaped)
    return SafeString(f'<script type="application/ld+json">{text}</script>')  # escaped above
