"""Score the quotation and claim suggestions against hand-annotated articles.

    manage.py evaluate_extraction DIR [--misses]

DIR holds ``NAME.txt`` articles, each with a ``NAME.gold.json`` annotation (the format is described in
``tests/data/extraction/README.md``); sub-folders such as ``heldout/`` get their own table. Articles are
read the way ``import_article`` reads them, so the figures are those of what an import suggests.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from intake import evaluation, importing


def import_paragraphs(path: Path) -> list[str]:
    """The body paragraphs an import of `path` would store (a file without a headline is allowed)."""
    try:
        return importing.parse(path.read_bytes(), name=path.name, title=path.stem).paragraphs
    except ValidationError as error:
        raise CommandError(f"{path}: {' '.join(error.messages)}") from None


class Command(BaseCommand):
    help = "Print precision, recall and F1 of quotes, speakers and claims against gold annotations."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, metavar="DIR")
        parser.add_argument("--misses", action="store_true", help="List missed and wrong suggestions.")

    def handle(self, *args, directory, misses, **options):
        if not directory.is_dir():
            raise CommandError(f"{directory} is not a folder.")
        if not any(
            path.with_suffix("").with_suffix(".txt").exists() for path in directory.rglob("*.gold.json")
        ):
            raise CommandError(f"No annotated articles (NAME.txt with NAME.gold.json) under {directory}.")
        for line in evaluation.report(directory, misses=misses, reader=import_paragraphs):
            self.stdout.write(line)
