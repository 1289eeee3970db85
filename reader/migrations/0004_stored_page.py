from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reader", "0003_stored_list_entry_and_frame"),
    ]

    # Existing rows keep an empty page under an older basis (`reader.fragments.LAYOUT_VERSION`), so the
    # next read renders them again.
    operations = [
        migrations.RemoveField(model_name="renderedrevision", name="head"),
        migrations.RemoveField(model_name="renderedrevision", name="main"),
        migrations.AddField(
            model_name="renderedrevision",
            name="page",
            field=models.TextField(default=""),
            preserve_default=False,
        ),
    ]
