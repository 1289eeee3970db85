"""The desk's partial covering indexes: what may need work, with every column the queue reads.

`articles_claim_desk_idx` / `articles_quotation_desk_idx` hold the items that may be on the desk
(uncited, orphaned or not settled, or a quotation with no speaker: `articles.models.may_need_work`),
about 15% of them on the generated newsroom, keyed by article and carrying every column the queue, its
counts and its article list read, so PostgreSQL answers them from the index. Separate from 0012 so that
they are built after its backfill committed, with no entries for the row versions it replaced.
"""

from django.db import migrations, models

# As articles.models.may_need_work() and DESK_INDEX_COLUMNS were when this migration was written.
MAY_NEED_WORK = (
    models.Q(num_citations=0)
    | models.Q(is_orphaned=True)
    | ~models.Q(check_status__in=["verified", "not_claim"])
)
DESK_INDEX_COLUMNS = ["id", "check_status", "is_orphaned", "num_citations", "created_at", "due_on", "assignee"]


class Migration(migrations.Migration):
    dependencies = [("articles", "0012_desk_citation_counts")]

    operations = [
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(
                condition=MAY_NEED_WORK,
                fields=["article"],
                include=[*DESK_INDEX_COLUMNS, "kind"],
                name="articles_claim_desk_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="quotation",
            index=models.Index(
                condition=MAY_NEED_WORK | models.Q(speaker__isnull=True),
                fields=["article"],
                include=[*DESK_INDEX_COLUMNS, "speaker"],
                name="articles_quotation_desk_idx",
            ),
        ),
    ]
