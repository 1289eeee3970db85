"""Import plain-text or HTML files as draft articles, and suggest their quotations and claims.

    manage.py import_article FILE... [--title T] [--dry-run] [--json] [--no-suggest] [--user U]

Each file is imported on its own (one transaction); a bad file is reported on stderr and the others
still import. The exit status is 1 when any file failed.

With ``--dry-run --json`` nothing is created and each file prints one JSON object on one line:
``{"title", "paragraphs", "quotes": [{"speaker", "text", "paragraph"}], "claims": [{"text",
"paragraph", "kind", "reason"}]}`` (paragraph indexes 0-based over ``paragraphs``). With ``--json``
alone each file prints ``{"file", "ok", "slug", "id", "suggestions", "notices", "errors"}``.
"""

import json

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from intake import importing, suggesting


def dry_run_object(parsed: importing.ParsedArticle) -> dict:
    """The issue's dry-run format: what an import would create, without creating it."""
    found = suggesting.find_in(parsed.body, parsed.title)
    paragraphs = parsed.paragraphs
    starts = [0]
    for text in paragraphs[:-1]:
        starts.append(starts[-1] + len(text) + 2)
    quotes, claims = [], []
    for item in found:
        inside = item.start - starts[item.paragraph]
        text = paragraphs[item.paragraph][inside : inside + item.end - item.start]
        if item.kind == "quotation":
            quotes.append({"speaker": item.speaker_name, "text": text, "paragraph": item.paragraph})
        else:
            claims.append(
                {"text": text, "paragraph": item.paragraph, "kind": item.engine_kind, "reason": item.reason}
            )
    return {"title": parsed.title, "paragraphs": paragraphs, "quotes": quotes, "claims": claims}


class Command(BaseCommand):
    help = "Import plain-text or HTML files as draft articles and suggest their quotations and claims."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument(
            "--title", default="", help="Title for a file without a headline (overrides one)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Parse and suggest; create nothing.")
        parser.add_argument("--json", action="store_true", help="One JSON object per file on stdout.")
        parser.add_argument("--no-suggest", action="store_true", help="Import without suggestions.")
        parser.add_argument("--user", help="Act as this user (checks their permission to add articles).")

    def handle(self, *args, files, title, dry_run, json, no_suggest, user, **options):
        acting = None
        if user:
            acting = get_user_model().objects.filter(username=user).first()
            if acting is None:
                raise CommandError(f"No user “{user}”.")
            if not importing.can_import(acting):
                raise CommandError(f"{user} does not have permission to import articles.")
        failed = 0
        for path in files:
            ok = (
                self._dry_run(path, title, json)
                if dry_run
                else self._import(path, title, json, not no_suggest, acting)
            )
            failed += not ok
        if failed:
            raise CommandError(f"{failed} of {len(files)} file(s) not imported.")

    def _error(self, path, error: ValidationError) -> None:
        codes = ", ".join(e.code for e in error.error_list if e.code)
        for message in error.messages:
            self.stderr.write(f"{path}: {message} [{codes}]")

    def _notices(self, path, notices) -> None:
        for notice in notices:
            self.stderr.write(f"{path}: warning: {notice.message} [{notice.code}]")

    def _dry_run(self, path, title, as_json) -> bool:
        try:
            parsed = importing.parse(importing.read_path(path), name=str(path), title=title)
        except ValidationError as error:
            self._error(path, error)
            return False
        self._notices(path, parsed.notices)
        data = dry_run_object(parsed)
        if as_json:
            self.stdout.write(json.dumps(data, ensure_ascii=False))
        else:
            self.stdout.write(
                f"{path}: “{data['title']}” — {len(data['paragraphs'])} paragraphs, "
                f"{len(data['quotes'])} quotations, {len(data['claims'])} claims (dry run: nothing created)"
            )
            for quote in data["quotes"]:
                self.stdout.write(
                    f"  quote  p{quote['paragraph']} [{quote['speaker']}] {quote['text'][:70]}"
                )
            for claim in data["claims"]:
                self.stdout.write(f"  claim  p{claim['paragraph']} ({claim['kind']}) {claim['text'][:70]}")
        return True

    def _import(self, path, title, as_json, suggest, user) -> bool:
        result = importing.import_path(path, user=user, title=title, suggest=suggest)
        if not result.ok:
            self._error(path, result.error)
        self._notices(path, result.notices)
        if as_json:
            article = result.article
            self.stdout.write(
                json.dumps(
                    {
                        "file": str(path),
                        "ok": result.ok,
                        "slug": article.slug if article else None,
                        "id": article.pk if article else None,
                        "suggestions": {
                            "quotations": result.suggestions.quotations,
                            "claims": result.suggestions.claims,
                            "not_stored": result.suggestions.not_stored,
                        }
                        if result.suggestions
                        else None,
                        "notices": [{"code": n.code, "message": n.message} for n in result.notices],
                        "errors": [
                            {"code": e.code, "message": m}
                            for e in (result.error.error_list if result.error else [])
                            for m in e.messages
                        ],
                    },
                    ensure_ascii=False,
                )
            )
        elif result.ok:
            summary = f"; {result.suggestions}" if result.suggestions else ""
            self.stdout.write(
                self.style.SUCCESS(
                    f"{path}: imported “{result.article}” as /{result.article.slug}/{summary}"
                )
            )
        return result.ok
