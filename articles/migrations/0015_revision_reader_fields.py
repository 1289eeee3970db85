"""Revisions keep everything readers see: slug, section, lead image and its texts, authors, tags.

Existing revisions take their article's current values (what readers were shown until now), and every
article's current slug is recorded, as live when the article has a live revision.
"""

from collections import defaultdict

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

BATCH = 2000
SCALAR_FIELDS = ("slug", "section", "lead_image", "lead_image_alt", "lead_image_caption", "lead_image_credit")


def _grouped(through, key: str, value: str) -> dict:
    grouped = defaultdict(list)
    for owner, item in through.objects.order_by("pk").values_list(key, value).iterator(chunk_size=BATCH):
        grouped[owner].append(item)
    return grouped


def backfill(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    ArticleRevision = apps.get_model("articles", "ArticleRevision")
    RevisionAuthor = apps.get_model("articles", "RevisionAuthor")
    ArticleSlug = apps.get_model("articles", "ArticleSlug")
    current = Article.objects.filter(pk=OuterRef("article_id"))
    ArticleRevision.objects.update(
        **{name: Subquery(current.values(name)[:1]) for name in SCALAR_FIELDS}
    )

    # Authors in the order they were added to the article (the byline's order until now).
    authors = _grouped(Article._meta.get_field("authors").remote_field.through, "article_id", "user_id")
    tags = _grouped(Article._meta.get_field("tags").remote_field.through, "article_id", "tag_id")
    RevisionTag = ArticleRevision._meta.get_field("tags").remote_field.through
    bylines, tagged = [], []
    revisions = ArticleRevision.objects.order_by().values_list("pk", "article_id")
    for revision_id, article_id in revisions.iterator(chunk_size=BATCH):
        bylines += [
            RevisionAuthor(revision_id=revision_id, user_id=user_id, position=position)
            for position, user_id in enumerate(authors.get(article_id, []))
        ]
        tagged += [RevisionTag(articlerevision_id=revision_id, tag_id=tag_id) for tag_id in tags.get(article_id, [])]
        if len(bylines) + len(tagged) >= BATCH:
            RevisionAuthor.objects.bulk_create(bylines, batch_size=BATCH)
            RevisionTag.objects.bulk_create(tagged, batch_size=BATCH)
            bylines, tagged = [], []
    RevisionAuthor.objects.bulk_create(bylines, batch_size=BATCH)
    RevisionTag.objects.bulk_create(tagged, batch_size=BATCH)

    articles = Article.objects.order_by().values_list("pk", "slug", "live_revision_id")
    ArticleSlug.objects.bulk_create(
        (
            ArticleSlug(article_id=pk, slug=slug, was_live=live is not None)
            for pk, slug, live in articles.iterator(chunk_size=BATCH)
        ),
        batch_size=BATCH,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0014_sourcing_decisions"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="articlerevision",
            name="slug",
            field=models.SlugField(default="", max_length=200),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="articlerevision",
            name="section",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="articles.section",
            ),
        ),
        migrations.AddField(
            model_name="articlerevision",
            name="lead_image",
            field=models.ImageField(blank=True, upload_to="lead-images/%Y/%m/"),
        ),
        migrations.AddField(
            model_name="articlerevision",
            name="lead_image_alt",
            field=models.CharField(blank=True, max_length=300, verbose_name="lead image text alternative"),
        ),
        migrations.AddField(
            model_name="articlerevision",
            name="lead_image_caption",
            field=models.CharField(blank=True, max_length=300),
        ),
        migrations.AddField(
            model_name="articlerevision",
            name="lead_image_credit",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.AddField(
            model_name="articlerevision",
            name="tags",
            field=models.ManyToManyField(blank=True, related_name="+", to="articles.tag"),
        ),
        migrations.CreateModel(
            name="RevisionAuthor",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("position", models.PositiveSmallIntegerField()),
                (
                    "revision",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="bylines",
                        to="articles.articlerevision",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["revision_id", "position"],
                "constraints": [
                    models.UniqueConstraint(fields=("revision", "user"), name="one_byline_per_author")
                ],
            },
        ),
        migrations.AddField(
            model_name="articlerevision",
            name="authors",
            field=models.ManyToManyField(
                blank=True, related_name="+", through="articles.RevisionAuthor", to=settings.AUTH_USER_MODEL
            ),
        ),
        migrations.CreateModel(
            name="ArticleSlug",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("slug", models.SlugField(max_length=200, unique=True)),
                ("was_live", models.BooleanField(default=False)),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="slugs",
                        to="articles.article",
                    ),
                ),
            ],
            options={"ordering": ["article_id", "slug"]},
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
