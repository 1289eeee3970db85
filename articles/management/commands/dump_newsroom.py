"""Dump the newsroom's content in an order `loaddata` can restore.

Claims and quotations reference their article through an immediate (not deferred) foreign key — the
publish gate relies on the lock it takes — so a fixture must list articles before their claims.
`dumpdata` with natural keys reorders models freely; this lists them in dependency order instead.
Production backups use pg_dump (see docs); this is for moving a newsroom between any two databases.
"""

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand

ORDER = [
    "auth.user",
    "articles.image",  # the image library (files are in MEDIA_ROOT, backed up with it)
    "sources.person",
    "sources.source",
    "articles.section",
    "articles.tag",
    "articles.article",
    "articles.byline",
    "articles.articleslug",
    "articles.articlerevision",
    "articles.revisionauthor",
    "articles.liveevidence",
    "articles.transition",
    "articles.correction",
    "articles.claim",
    "articles.quotation",
    "articles.citation",
    "articles.sourcingevent",
    "articles.suggestion",
    "articles.removal",
]
# Not content: who has an article open right now, and the generation of what staff pages remember
# (its sequence starts it anew wherever the newsroom is restored).
NOT_DUMPED = {"articles.editsession", "articles.generation"}


class Command(BaseCommand):
    help = "Dump articles, sourcing, sources, people and users as a JSON fixture in restorable order."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", help="File to write (default: standard output).")

    def handle(self, *args, output=None, **options):
        labels = [*ORDER, *self._other_content_apps()]
        call_command("dumpdata", *labels, indent=1, output=output, stdout=self.stdout)

    def _other_content_apps(self):
        # Apps of ours not listed above (e.g. standing pages), dumped after the newsroom's core.
        listed = {label.split(".")[0] for label in ORDER}
        ours = {"pages"}
        return sorted(a.label for a in apps.get_app_configs() if a.label in ours - listed)
