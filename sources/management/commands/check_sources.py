"""`manage.py check_sources`: check source URLs and record their health (run it from cron)."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db.models import F

from sources import health
from sources.models import Health, Source, dead_after


class Command(BaseCommand):
    help = (
        "Check the URLs of sources not checked in the last --older-than hours (or --all), with bounded "
        "concurrency, record their health, and list the dead links."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", dest="check_all", action="store_true", help="Check every source with a URL."
        )
        parser.add_argument(
            "--concurrency",
            type=int,
            default=None,
            help="Requests in flight at once (default: SOURCE_CHECK_CONCURRENCY, 8).",
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=None,
            help="Seconds to wait on each connection or read (default: SOURCE_CHECK_TIMEOUT, 10).",
        )
        parser.add_argument(
            "--older-than",
            type=float,
            default=24.0,
            metavar="HOURS",
            help="Check sources last checked over HOURS ago, never checked or edited since (default 24).",
        )

    def handle(self, *args, check_all=False, concurrency=None, timeout=None, older_than=24.0, **options):
        if concurrency is not None and concurrency < 1:
            raise CommandError("--concurrency must be at least 1.")
        if timeout is not None and timeout <= 0:
            raise CommandError("--timeout must be more than 0 seconds.")
        if older_than < 0:
            raise CommandError("--older-than cannot be negative.")
        sources = (
            Source.objects.with_url()
            if check_all
            else Source.objects.due_for_check(timedelta(hours=older_than))
        )
        sources = sources.order_by(F("last_checked_at").asc(nulls_first=True), "pk")

        summary = health.check_sources(sources, concurrency=concurrency, timeout=timeout)
        if summary.outage:
            raise CommandError(summary.outage)
        if not summary.checked:
            self.stdout.write("No sources to check.")
            return
        counts = ", ".join(f"{summary.counts[state]} {state}" for state in summary.counts)
        self.stdout.write(f"Checked {summary.checked} source(s) in {summary.seconds:.1f} s: {counts}.")
        if summary.dead:
            self._list_dead(summary)
        else:
            self.stdout.write(self.style.SUCCESS("No dead links."))
        unreachable = summary.counts.get(Health.UNREACHABLE, 0)
        if unreachable:
            self.stdout.write(
                f"{unreachable} failed, not yet {dead_after()} times in a row: not flagged dead yet."
            )

    def _list_dead(self, summary):
        newly = {source.pk for source in summary.newly_dead}
        self.stdout.write(
            self.style.WARNING(
                f"Dead links ({len(summary.dead)}; dead after {dead_after()} failed checks in a row):"
            )
        )
        for source in summary.dead:
            archive = f"archived copy: {source.archived_url}" if source.archived_url else "no archived copy"
            self.stdout.write(
                f"  - {source} <{source.url}>: {source.last_status}, failed {source.consecutive_failures} "
                f"checks in a row; {archive}{' (new)' if source.pk in newly else ''}"
            )
