"""JSON-LD for the article page: a schema.org NewsArticle that says where its facts come from.

Search engines and fact-check tools read `citation` (each source, with `archivedAt` for the archived
copy), `correction` (CorrectionComment entries), `backstory` (how the article was sourced) and the
publisher's policies (publishingPrinciples, correctionsPolicy, verificationFactCheckingPolicy), as the
Trust Project's indicators ask. Built from the same live data as the page, never the working copy.
"""

from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.html import json_script
from django.utils.safestring import SafeString

from newsroom.names import display_name
from sources.models import Source

PUBLISHER_NAME = "Newsroom"

SCHEMA_TYPES = {
    Source.Kind.STUDY: "ScholarlyArticle",
    Source.Kind.REPORT: "Report",
    Source.Kind.DATASET: "Dataset",
    Source.Kind.WEB_PAGE: "WebPage",
    Source.Kind.NEWS_ARTICLE: "NewsArticle",
    Source.Kind.SOCIAL_POST: "SocialMediaPosting",
}


def publisher(origin: str, policies: dict[str, str]) -> dict:
    """`origin` is the site's scheme and host; `policies` the policy pages' paths."""
    return {
        "@type": "NewsMediaOrganization",
        "name": PUBLISHER_NAME,
        "url": f"{origin}/",
        "publishingPrinciples": origin + policies["principles"],
        "correctionsPolicy": origin + policies["corrections"],
        "verificationFactCheckingPolicy": origin + policies["fact_checking"],
    }


def source_entry(source: Source, origin: str) -> dict:
    entry = {
        "@type": SCHEMA_TYPES.get(source.kind, "CreativeWork"),
        "name": source.title,
        "genre": source.get_kind_display(),
        "mainEntityOfPage": origin + reverse("reader:source", args=[source.pk]),
    }
    optional = {
        "url": source.url,
        "archivedAt": source.archived_url,
        "publisher": source.publisher and {"@type": "Organization", "name": source.publisher},
        "datePublished": source.published_on and source.published_on.isoformat(),
    }
    return entry | {key: value for key, value in optional.items() if value}


def news_article(request, page: dict) -> dict:
    """`page` is the article page's context (`reader.fragments.render`)."""
    article, live, image = page["article"], page["live"], page["image"]
    origin = request.build_absolute_uri("/").removesuffix("/")
    url = page["canonical"]
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": live.title,
        "description": live.standfirst,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": article.published_at.isoformat(),
        "dateModified": page["modified"].isoformat(),
        "author": [
            {
                "@type": "Person",
                "name": display_name(a),
                "url": origin + reverse("reader:author", args=[a.pk]),
            }
            for a in page["authors"]
        ],
        "publisher": publisher(origin, page["policies"]),
        "publishingPrinciples": origin + page["policies"]["principles"],
        "isAccessibleForFree": True,
        "backstory": str(page["summary"]),
        "citation": [source_entry(source, origin) for source in page["summary"].sources],
        "correction": [
            {"@type": "CorrectionComment", "text": c.text, "datePublished": c.created_at.isoformat()}
            for c in page["corrections"]
        ],
    }
    if live.section:
        data["articleSection"] = live.section.name
    if page["tags"]:
        data["keywords"] = [tag.name for tag in page["tags"]]
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


def script(data: dict) -> SafeString:
    """`data` as a <script type="application/ld+json"> element, escaped as Django's `json_script` does."""
    element = json_script(data, encoder=DjangoJSONEncoder)
    return SafeString(element.replace('type="application/json"', 'type="application/ld+json"', 1))
