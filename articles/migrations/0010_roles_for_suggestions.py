from django.db import migrations


def update_roles(apps, schema_editor):
    from articles.roles import sync_roles

    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [("articles", "0009_bench_indexes")]

    operations = [migrations.RunPython(update_roles, migrations.RunPython.noop)]
