"""The generation is `articles.models.Generation` now (articles migration 0023); its table stays."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("desk", "0003_cards_keep_the_generation"),
        ("articles", "0023_generation"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="Generation")])
    ]
