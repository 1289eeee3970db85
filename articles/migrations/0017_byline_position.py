from django.conf import settings
from django.db import migrations, models


def number_in_added_order(apps, schema_editor):
    """Until now the byline's order was the order the links were added."""
    Byline = apps.get_model("articles", "Byline")
    numbered, article, position = [], None, 0
    for byline in Byline.objects.order_by("article_id", "pk"):
        position = position + 1 if byline.article_id == article else 0
        article = byline.article_id
        byline.position = position
        numbered.append(byline)
    Byline.objects.bulk_update(numbered, ["position"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0016_article_origin"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The links' table stays: it becomes the Byline model's.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Byline",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "article",
                            models.ForeignKey(
                                on_delete=models.deletion.CASCADE, related_name="bylines", to="articles.article"
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=models.deletion.CASCADE, related_name="+", to=settings.AUTH_USER_MODEL
                            ),
                        ),
                    ],
                    options={"db_table": "articles_article_authors", "unique_together": {("article", "user")}},
                ),
                migrations.AlterField(
                    model_name="article",
                    name="authors",
                    field=models.ManyToManyField(
                        blank=True, related_name="articles", through="articles.Byline", to=settings.AUTH_USER_MODEL
                    ),
                ),
            ]
        ),
        migrations.AddField(
            model_name="byline",
            name="position",
            field=models.PositiveSmallIntegerField(default=0, help_text="Lower comes first in the byline."),
        ),
        migrations.AlterModelOptions(name="byline", options={"ordering": ["article_id", "position", "pk"]}),
        migrations.RunPython(number_in_added_order, migrations.RunPython.noop),
    ]
