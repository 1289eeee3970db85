"""Turning files into draft articles: plain text or HTML, one file at a time, one transaction per file.

Reading a file (decoding, trafilatura, finding suggestions) takes seconds for a large one and runs
outside any transaction; only the writes are in transactions, each short: the article with its first
revision, then its suggestions (the article is deleted again if suggesting fails). So a large import
never holds a lock (nor, on SQLite, the database) while it reads.

Plain text follows the wire-copy layout the development set uses (``tests/data/extraction/README.md``)::

    Headline on the first line
    Byline: Sam Writer
    Source-URL: https://example.org/story
    Published: 2024-03-05

    First paragraph.

    Second paragraph, separated by a blank line.

    ## A subheading, on a line of its own
    A paragraph with a [link](https://example.org/report), written as Markdown writes one.

A file whose first block reads like prose (one long line ending in a full stop, as in the seed article)
has no headline: its title must be given (``--title`` / the upload page's title field). HTML is reduced to
the article's own text by trafilatura, which drops navigation, share buttons, related links, newsletters
and footers; its title, author, date and URL come from the page's metadata. Either way the body keeps its
structure (`body_html`: links, subheadings, lists, block quotes, emphasis; see `structure_import`), and
`body` is its text projection, which suggestions and anchors read.

Every refusal is a ValidationError with a code (``empty``, ``too_large``, ``binary``, ``no_title``,
``no_text``, ``permission``...), so the command line and the upload page can say exactly what is wrong
with each file while the other files still import. Things worth a look that do not stop the import
(unbalanced quotation marks, a legacy encoding) are returned as notices.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime
import re
import unicodedata
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from articles import bylines, richtext, saving, slugs
from articles.body import BLANK_LINE, paragraphs
from articles.models import Article
from newsroom.text import clean

from . import structure_import

# A long news story is 10–50 KB of text; a heavy news web page with inline scripts about 1–2 MB.
# Anything above this is not one article (or not text at all) and is refused before it is read.
MAX_FILE_SIZE = 5 * 1024 * 1024

ADD_ARTICLE = "articles.add_article"

_HEADER_RE = re.compile(
    r"^(?P<name>Byline|By|Author|Source-URL|Source|URL|Published|Date|Updated|Dateline)\s*:\s*(?P<value>.*)$",
    re.IGNORECASE,
)
_HEADER_NAMES = {
    "byline": "byline",
    "by": "byline",
    "author": "byline",
    "source-url": "source_url",
    "source": "source_url",
    "url": "source_url",
    "published": "published",
    "date": "published",
}
_HTML_SNIFF_RE = re.compile(
    r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|article|p|div)\b", re.I | re.S
)
_HTML_EXTENSIONS = {".html", ".htm", ".xhtml", ".shtml"}
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)

# Magic numbers of the binary files people upload by mistake, to name what they uploaded.
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (a Word .docx or OpenDocument file is one)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document (.doc)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MIN_HTML_WORDS = 10
_ALLOWED_CONTROLS = set("\t\n\r\f\v")
_OPENING_QUOTES = "“„«‟"
_CLOSING_QUOTES = "”»"


@dataclass(frozen=True)
class Notice:
    """Something an editor should look at that did not stop the import."""

    code: str
    message: str

    def __str__(self):
        return self.message


@dataclass
class ParsedArticle:
    """What a file says, before anything is saved."""

    title: str
    body: str  # richtext.projection(body_html): what the suggestions and anchors read
    body_html: str  # the structured body (links, subheadings, lists...), sanitised
    format: str  # "text" or "html"
    encoding: str
    byline: str = ""
    source_url: str = ""
    published: str = ""
    notices: list[Notice] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[str]:
        return [p.text for p in paragraphs(self.body)]


@dataclass
class ImportResult:
    """The outcome for one file: the article made (or None), or the error that stopped it."""

    name: str
    parsed: ParsedArticle | None = None
    article: Article | None = None
    error: ValidationError | None = None
    suggestions: object | None = None  # suggesting.SuggestResult when suggestions ran
    notices: list[Notice] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def messages(self) -> list[str]:
        return self.error.messages if self.error is not None else []

    @property
    def codes(self) -> list[str]:
        if self.error is None:
            return []
        return [e.code for e in self.error.error_list if e.code]


# --------------------------------------------------------------------------------------------------
# Bytes to text
# --------------------------------------------------------------------------------------------------


def check_size(size: int, name: str = "") -> None:
    """Refuse a file above MAX_FILE_SIZE before reading it."""
    if size > MAX_FILE_SIZE:
        raise ValidationError(
            "%(name)s is %(size)s; files above %(limit)s are refused. An article is far smaller: "
            "check that this is the right file.",
            code="too_large",
            params={
                "name": name or "The file",
                "size": _human_size(size),
                "limit": _human_size(MAX_FILE_SIZE),
            },
        )


def _human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} bytes"


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if b"\x00" in data[:8192]:
        return "a binary file"
    return None


def _looks_like_mojibake(text: str) -> bool:
    """Whether a Windows-1252 reading is suspicious: mostly non-ASCII letters (Cyrillic read as Latin)."""
    letters = [ch for ch in text[:20000] if ch.isalpha()]
    if not letters:
        return False
    return sum(1 for ch in letters if ord(ch) > 127) / len(letters) > 0.3


def decode(data: bytes, *, name: str = "", hint: str = "") -> tuple[str, str]:
    """Return (text, encoding): UTF-8 when it is, else the legacy encoding newsrooms actually meet.

    The cascade is deliberately careful rather than statistical: detectors guess wildly on short
    Western texts (a Windows-1252 article with curly quotes is often called Polish cp1250 or Urdu
    cp1006), so byte-order marks, strict UTF-8, a declared HTML charset and Windows-1252 are tried
    first; a statistical detector (charset-normalizer) is only asked when the Windows-1252 reading
    looks like a different alphabet. Latin-1 is the last resort (it decodes any byte).
    """
    label = name or "The file"
    if not data.strip():
        raise ValidationError("%(name)s is empty.", code="empty", params={"name": label})
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.replace("-sig", "")
            except UnicodeDecodeError:
                break
    kind = _binary_kind(data)
    if kind:
        raise ValidationError(
            "%(name)s is %(kind)s, not text. Save the article as plain text (.txt) or HTML and "
            "import that.",
            code="binary",
            params={"name": label, "kind": kind},
        )
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = _decode_legacy(data, hint)
    controls = sum(
        1 for ch in text[:8192] if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS
    )
    if controls > max(2, len(text[:8192]) // 100):
        raise ValidationError(
            "%(name)s contains control characters, so it is not a text file. Save the article as "
            "plain text (.txt) or HTML and import that.",
            code="binary",
            params={"name": label},
        )
    return text, encoding


def _decode_legacy(data: bytes, hint: str) -> tuple[str, str]:
    if hint:
        try:
            return data.decode(hint), codecs.lookup(hint).name
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None and not _looks_like_mojibake(text):
        return text, "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding not in ("utf_8", "ascii"):
        return str(best), best.encoding
    if text is not None:
        return text, "cp1252"
    return data.decode("latin-1"), "latin-1"


_ENCODING_LABELS = {"cp1252": "Windows-1252", "latin-1": "Latin-1 (ISO 8859-1)", "iso8859-1": "Latin-1"}


# --------------------------------------------------------------------------------------------------
# Text to an article
# --------------------------------------------------------------------------------------------------


def _is_html(text: str, name: str) -> bool:
    suffix = Path(name).suffix.lower()
    if suffix in _HTML_EXTENSIONS:
        return True
    if suffix in (".txt", ".text", ".md"):
        return False
    return bool(_HTML_SNIFF_RE.match(text[:2048]))


def _has_headline(block: str) -> bool:
    """A first block is a headline unless it reads like prose: one long line ending like a sentence.

    Same rule as `intake.evaluation.read_article`, so paragraph indexes agree with the gold files.
    """
    lines = block.split("\n")
    first = lines[0].strip()
    return len(lines) > 1 or (len(first) < 200 and not first.endswith((".", '"', "”")))


def _headline_and_headers(blocks: list[str]) -> tuple[str, dict[str, str], list[str]]:
    """The headline, the header lines under it (`Byline:`...), and the blocks of the story."""
    lines = [line.strip() for line in blocks[0].split("\n")]
    headline, lines = lines[0], lines[1:]
    # Header lines set off from the headline by a blank line of their own are headers too.
    if not lines and len(blocks) > 2 and all(_HEADER_RE.match(x.strip()) for x in blocks[1].split("\n")):
        lines = [x.strip() for x in blocks[1].split("\n")]
        blocks = blocks[1:]
    headers, rest = _read_headers(lines)
    return headline, headers, (["\n".join(rest)] if rest else []) + blocks[1:]


def _read_headers(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """The known headers among `lines` (the first of each kind wins), and the other lines."""
    headers: dict[str, str] = {}
    rest = []
    for line in lines:
        match = _HEADER_RE.match(line)
        if match is None:
            rest.extend([line] if line else [])
            continue
        key = _HEADER_NAMES.get(match.group("name").lower())
        value = match.group("value").strip()
        if key and value:
            headers.setdefault(key, value)
    return headers, rest


def _parse_text(text: str, title: str) -> ParsedArticle:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = [b.strip() for b in BLANK_LINE.split(text) if b.strip()]
    if not blocks:
        raise ValidationError("The file has no text.", code="empty")
    headline, headers = "", {}
    if _has_headline(blocks[0]):
        headline, headers, blocks = _headline_and_headers(blocks)
    body_html = structure_import.from_text(blocks)
    parsed = ParsedArticle(
        title=" ".join((title or headline).split()),
        body=richtext.projection(body_html),
        body_html=body_html,
        format="text",
        encoding="",
        byline=headers.get("byline", ""),
        source_url=headers.get("source_url", ""),
        published=headers.get("published", ""),
    )
    if not parsed.title:
        raise ValidationError(
            "This file has no headline (its first line reads like a paragraph of the story). Give it a "
            "title (the title field, or --title).",
            code="no_title",
        )
    return parsed


def _parse_html(text: str, title: str) -> ParsedArticle:
    page = structure_import.read_page(text, title=title)
    if page is None or page.words < _MIN_HTML_WORDS:  # a menu or a title is not an article
        raise ValidationError(
            "No article text was found in this web page (only navigation or boilerplate).",
            code="no_text",
        )
    parsed = ParsedArticle(
        title=" ".join(title.split()) or " ".join(page.title.split()),
        body=richtext.projection(page.body_html),
        body_html=page.body_html,
        format="html",
        encoding="",
        byline=page.author,
        source_url=page.url,
        published=page.date,
    )
    if not parsed.title:
        raise ValidationError(
            "This web page has no title. Give it one (the title field, or --title).", code="no_title"
        )
    return parsed


def _quote_marks(paragraph: str) -> int:
    return sum(paragraph.count(mark) for mark in ('"', *_OPENING_QUOTES, *_CLOSING_QUOTES))


def unbalanced_quotes(paras: list[str]) -> list[int]:
    """Indexes of paragraphs whose double quotation marks do not pair up.

    A quote running over several paragraphs is wire style, not an error: its paragraphs open with a
    mark and only the last one closes, so a paragraph left open is fine when the next one opens with a
    quotation mark.
    """
    found = []
    for index, paragraph in enumerate(paras):
        if _quote_marks(paragraph) % 2 == 0:
            continue
        following = paras[index + 1].lstrip() if index + 1 < len(paras) else ""
        if following[:1] in ('"', *_OPENING_QUOTES):
            continue
        found.append(index)
    return found


def parse(data: bytes, *, name: str = "", title: str = "") -> ParsedArticle:
    """Parse one file's bytes into a ParsedArticle, or refuse with a coded ValidationError."""
    check_size(len(data), name)
    hint = ""
    if Path(name).suffix.lower() in _HTML_EXTENSIONS or data.lstrip()[:1] == b"<":
        declared = _META_CHARSET_RE.search(data[:4096])
        hint = declared.group(1).decode("ascii").lower() if declared else ""
    text, encoding = decode(data, name=name, hint=hint)
    text = clean(text.lstrip("\ufeff"))
    parsed = _parse_html(text, title) if _is_html(text, name) else _parse_text(text, title)
    # A given title, and a web page's metadata (entities such as &#27;), are cleaned like the text.
    for attr in ("title", "byline", "source_url", "published"):
        setattr(parsed, attr, " ".join(clean(getattr(parsed, attr)).split()))
    if not parsed.title:
        raise ValidationError("The file has no title once control characters are removed.", code="no_title")
    if not parsed.body.strip():
        raise ValidationError("The file has a title but no article text.", code="no_text")
    parsed.encoding = encoding
    if encoding not in ("utf-8", "ascii", "utf-16", "utf-32"):
        parsed.notices.append(
            Notice(
                "legacy_encoding",
                f"The file is not UTF-8; it was read as {_ENCODING_LABELS.get(encoding, encoding)}. "
                "Check accented letters and curly quotes.",
            )
        )
    for index in unbalanced_quotes(parsed.paragraphs):
        snippet = parsed.paragraphs[index]
        snippet = snippet if len(snippet) <= 80 else snippet[:77] + "…"
        parsed.notices.append(
            Notice(
                "unbalanced_quotes",
                f"Paragraph {index + 1} has a quotation mark that does not pair up: “{snippet}”. "
                "Quotes there may be missed or cut short; check the marks.",
            )
        )
    if parsed.published:
        try:
            datetime.date.fromisoformat(parsed.published[:10])
        except ValueError:
            parsed.notices.append(
                Notice("bad_date", f"The Published date “{parsed.published}” is not a YYYY-MM-DD date.")
            )
    return parsed


# --------------------------------------------------------------------------------------------------
# Saving
# --------------------------------------------------------------------------------------------------

_SLUG_MAX = Article._meta.get_field("slug").max_length


# "$2.4 billion": a point or comma between digits becomes a hyphen, not nothing ("24-billion").
_NUMBER_PUNCTUATION = re.compile(r"(?<=\d)[.,](?=\d)")


def _base_slug(title: str) -> str:
    base = slugify(_NUMBER_PUNCTUATION.sub("-", title))[: _SLUG_MAX - 10].strip("-")
    return base or "article"


def _free_slug(base: str) -> str:
    # An old slug of another article keeps leading there: never reused.
    return slugs.first_free(base, slugs.in_use(base))


def _origin(parsed: ParsedArticle) -> dict:
    """The original address and date, where the file gave them as a web address and a date."""
    origin = {}
    try:
        URLValidator(schemes=["http", "https"])(parsed.source_url)
    except ValidationError:
        pass
    else:
        origin["original_url"] = parsed.source_url[: Article._meta.get_field("original_url").max_length]
    with contextlib.suppress(ValueError):  # parse() already noted a date it could not read
        origin["original_published_on"] = datetime.date.fromisoformat(parsed.published[:10])
    return origin


def _note(parsed: ParsedArticle, name: str) -> str:
    lines = [f"Imported from {name or 'a file'} ({parsed.format}, {parsed.encoding})."]
    for label, value in (
        ("Byline", parsed.byline),
        ("Source URL", parsed.source_url),
        ("Published", parsed.published),
    ):
        if value:
            lines.append(f"{label}: {value}")
    lines.extend(f"Check: {notice.message}" for notice in parsed.notices)
    return "\n".join(lines)


def can_import(user) -> bool:
    return user is None or user.has_perm(ADD_ARTICLE)


def create_article(parsed: ParsedArticle, *, name: str = "", user=None) -> Article:
    """Save a parsed file as a draft article with a unique slug, and keep its first revision."""
    base = _base_slug(parsed.title)
    for _attempt in range(5):
        article = Article(
            title=parsed.title[: Article._meta.get_field("title").max_length],
            slug=_free_slug(base),
            body=parsed.body,
            body_html=parsed.body_html,
            editorial_note=_note(parsed, name),
            **_origin(parsed),
        )
        try:
            with transaction.atomic():  # a savepoint: a slug taken meanwhile is retried, not fatal
                saving.save_article(
                    article,
                    user=user,
                    related=partial(_set_byline, article, parsed.byline),
                    reason=f"Imported from {name}" if name else "Imported",
                )
        except IntegrityError:
            continue
        return article
    raise ValidationError(
        "Could not find a free slug for “%(title)s”.", code="slug", params={"title": parsed.title}
    )


def _set_byline(article: Article, byline: str) -> None:
    bylines.set_authors(article, bylines.authors(byline))


def import_file(
    data: bytes, *, name: str = "", user=None, title: str = "", suggest: bool = True
) -> ImportResult:
    """Import one file as a draft article, whole or not at all; never raises for a bad file.

    `user` is the acting person (None for the system); they need permission to add articles. With
    `suggest`, the article's quotations and claims are then suggested (the engine outside any
    transaction, the suggestions stored in one of their own: see `suggesting.suggest`).
    """
    from . import suggesting

    result = ImportResult(name=name)
    try:
        if not can_import(user):
            raise PermissionDenied
        result.parsed = parse(data, name=name, title=title)
        result.notices = list(result.parsed.notices)
        with transaction.atomic():
            result.article = create_article(result.parsed, name=name, user=user)
        if suggest and suggesting.may_suggest(user, result.article):
            try:
                result.suggestions = suggesting.suggest(result.article, user=user)
            except Exception:
                result.article.delete()  # a file imports whole or not at all
                raise
    except PermissionDenied:
        result.error = ValidationError("You do not have permission to import articles.", code="permission")
        result.article = None
    except ValidationError as error:
        result.error = (
            error if error.error_list[0].code else ValidationError(error.messages, code="invalid")
        )
        result.article = None
    return result


def _failed(name: str, error: ValidationError) -> ImportResult:
    return ImportResult(name=name, error=error)


def import_path(path: str | Path, **kwargs) -> ImportResult:
    """`import_file` for a file on disk (see there for the keyword arguments)."""
    try:
        data = read_path(path)
    except ValidationError as error:
        return _failed(Path(path).name, error)
    return import_file(data, name=Path(path).name, **kwargs)


def import_upload(upload, **kwargs) -> ImportResult:
    """`import_file` for a file uploaded through a form."""
    try:
        data = read_upload(upload)
    except ValidationError as error:
        return _failed(upload.name, error)
    return import_file(data, name=upload.name, **kwargs)


def read_path(path: str | Path) -> bytes:
    """Read a file from disk, refusing one above the size limit without reading it."""
    path = Path(path)
    if not path.is_file():
        raise ValidationError("%(name)s is not a file.", code="not_found", params={"name": str(path)})
    check_size(path.stat().st_size, path.name)
    return path.read_bytes()


def read_upload(upload) -> bytes:
    """Read an uploaded file (Django's UploadedFile), refusing one above the size limit first."""
    check_size(upload.size, upload.name)
    return upload.read()
