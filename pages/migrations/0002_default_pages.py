"""Default standing pages, so every article's structured data points at policies that exist.

Editors rewrite them in the admin; this only creates the ones that are missing.
"""

from django.db import migrations

PAGES = [
    (
        "publishing-principles",
        "Publishing principles",
        1,
        "We publish what we can show. Every factual claim in an article is tied to its exact words and "
        "cites at least one source before the article can be published, and every quotation names who "
        "said it and where.\n\n"
        "Readers can follow each claim to its sources through the numbered notes at the end of every "
        "article. Where a source is on the web we keep an archived copy, so the evidence survives when "
        "the original page moves or disappears.\n\n"
        "We separate news from opinion, name our sources unless there is a clear and stated reason not "
        "to, and give people we write about a fair chance to respond.",
    ),
    (
        "fact-checking-policy",
        "Fact-checking policy",
        2,
        "Before publication a fact-checker works through every claim that still needs a source. A claim "
        "is marked verified, inconclusive or disputed only against the exact words in the article; when "
        "those words change, the claim is checked again.\n\n"
        "Each article shows how it was sourced: the number of claims and sources, the kinds of sources "
        "relied on and when it was last fact-checked.",
    ),
    (
        "corrections-policy",
        "Corrections policy",
        3,
        "When we get something wrong we correct it and say so. Corrections are added to the end of the "
        "article with the date they were made, and the article's updated date changes.\n\n"
        "To report an error, contact the newsroom and tell us which article and which claim. We reply to "
        "every report.",
    ),
]


def create_pages(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    for slug, title, position, body in PAGES:
        Page.objects.get_or_create(slug=slug, defaults={"title": title, "position": position, "body": body})


class Migration(migrations.Migration):
    dependencies = [("pages", "0001_initial")]

    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
