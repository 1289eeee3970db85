"""Make the claim → article and quotation → article foreign keys immediate on PostgreSQL.

Django creates foreign keys DEFERRABLE INITIALLY DEFERRED, so the key-share lock an insert takes on the
referenced article would only be taken at commit. The publish gate relies on that lock being taken at
insert time: a claim being added then either is visible to the gate or waits for it, whatever code path
inserts it (the ORM, bulk_create, raw SQL).
"""

from django.db import migrations

SQL = """
DO $$
DECLARE r record;
BEGIN
  FOR r IN
    SELECT con.conname, cl.relname
    FROM pg_constraint con JOIN pg_class cl ON cl.oid = con.conrelid
    WHERE con.contype = 'f'
      AND con.confrelid = 'articles_article'::regclass
      AND cl.relname IN ('articles_claim', 'articles_quotation')
  LOOP
    EXECUTE format('ALTER TABLE %I ALTER CONSTRAINT %I {mode}', r.relname, r.conname);
  END LOOP;
END $$;
"""


def make_immediate(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SQL.format(mode="NOT DEFERRABLE"), params=None)


def make_deferred(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SQL.format(mode="DEFERRABLE INITIALLY DEFERRED"), params=None)


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_roles")]

    operations = [migrations.RunPython(make_immediate, make_deferred)]
