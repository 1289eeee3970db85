"""Structured article bodies: a small allow-listed HTML subset, its text projection, and its rendering.

A body is a sequence of blocks: paragraphs, h2/h3 subheadings, ul/ol lists (each item a block) and block
quotes (each of their paragraphs a block), with links, emphasis and strong emphasis inside them. Claims and
quotations are anchored over the *projection*: each block's text as a reader reads it, blocks joined by
`body.PARAGRAPH_BREAK`. A plain-text body written as one <p> per paragraph has exactly its old text as
its projection, so existing anchors keep their offsets.

`sanitise` gives the one canonical form: nh3 (ammonia) removes everything unsafe, then the structure is
read back and written out again by this module, so whatever came in (a paste, an import, an old body)
is stored the same way, and sanitising twice changes nothing. Every function here reads its input
through the same sanitiser, so no caller can render or anchor over HTML that was not cleaned.

Figures are blocks of their own that add nothing to the projection (a claim's offsets stay where they
were when one is inserted): `<figure data-image="ID"></figure>` places a picture of the image library
(`articles.models.Image`, whose text alternative, caption and credit are shown with it, so one edit of
the image shows everywhere), and `<figure data-embed="URL"></figure>` an external post by its http(s)
address. Anything else inside them goes. `render` writes them for readers given `image(id)`, the
picture's data (`Picture`): the embed as a plain link to the post, with no third-party script or frame.

Links keep only `href` (http, https, mailto). No `rel` is stored: a body link opens in the same tab, so
`noopener` protects nothing, and the site's Referrer-Policy (`same-origin`) already keeps the reader's
address from other sites. `render` takes `link_attrs` for what a page wants to add per target (`rel`,
Robust Links attributes for a cited source).
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3
from django.utils.safestring import SafeString, mark_safe

from newsroom.text import clean

from .body import BLANK_LINE, PARAGRAPH_BREAK, normalize_body, paragraphs
from .rendering import Mark, esc, render_paragraph

BLOCK_TAGS = frozenset({"p", "h2", "h3", "ul", "ol", "li", "blockquote"})
INLINE_TAGS = frozenset({"a", "em", "strong"})
ALLOWED: dict[str, frozenset[str]] = {tag: frozenset() for tag in BLOCK_TAGS | INLINE_TAGS}
ALLOWED["a"] = frozenset({"href"})
ALLOWED["figure"] = frozenset({"data-image", "data-embed"})
URL_SCHEMES = frozenset({"http", "https", "mailto"})
EMBED_SCHEMES = frozenset({"http", "https"})

# Tags nh3 keeps only so that their boundaries survive (two <div>s are two paragraphs, not one run of
# text); they never reach the stored form. Headings outside h2/h3 become the nearest of the two.
_BOUNDARIES = frozenset(
    {"div", "section", "article", "header", "footer", "aside", "main", "nav", "address", "pre"}
    | {"h1", "h4", "h5", "h6", "figure", "figcaption", "table", "caption", "tr", "td", "th"}
    | {"dl", "dt", "dd", "details", "summary", "hr", "br"}
)
_HEADINGS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h3", "h5": "h3", "h6": "h3"}
_CONTAINERS = {"ul": "li", "ol": "li", "blockquote": "p"}
_ALIASES = {"b": "strong", "i": "em"}  # what Word, Google Docs and older pages write for them
_VOID = frozenset({"br", "hr"})
# Content that is code or fallback markup, not article text: removed with the element.
_DROPPED_WITH_CONTENT = {"script", "style", "iframe", "noscript", "template", "textarea", "title", "xmp"}
_DROPPED_WITH_CONTENT |= {"noembed", "noframes", "object", "svg", "math", "select", "head"}

_CLEANER = nh3.Cleaner(
    tags=set(BLOCK_TAGS | INLINE_TAGS | _BOUNDARIES | _ALIASES.keys()),
    clean_content_tags=_DROPPED_WITH_CONTENT,
    attributes={"a": {"href"}, "figure": set(ALLOWED["figure"])},
    url_schemes=set(URL_SCHEMES),
    url_relative="deny",  # a relative link would point into this site from wherever the body is shown
    link_rel=None,
    strip_comments=True,
)
_SPACES = re.compile(r"\s+")  # what str.split() splits on, so folding agrees with normalize_body
_URL_INVISIBLE = {ord(c): None for c in "\t\n\r"}  # browsers drop these inside a URL
_NOTHING = mark_safe("")  # noqa: S308 (empty literal)
_IMAGE_ID = re.compile(r"[0-9]{1,18}")


@dataclass(frozen=True)
class Picture:
    """What readers get of a library image in a figure: its responsive copies and its words."""

    src: str
    srcset: str
    sizes: str
    width: int
    height: int
    alt: str
    caption: str = ""
    credit: str = ""


@dataclass(frozen=True)
class _Run:
    """Text under one chain of inline elements, outermost first: ("a", href), ("em", ""), ("strong", "")."""

    text: str
    stack: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class _Block:
    kind: str  # p, h2, h3, li, or figure
    container: str | None  # ul, ol, blockquote, or None for a block on its own
    group: int  # which ul/ol/blockquote it belongs to
    runs: tuple[_Run, ...]
    figure: tuple[str, str] | None = None  # ("image", id) or ("embed", url): a figure, without text

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Block:
    """A block of the projection: where its text starts, its kind and the container it is in."""

    index: int
    start: int
    text: str
    kind: str  # p, h2, h3 or li
    container: str | None  # ul or ol for li, blockquote for a quoted p, else None

    @property
    def end(self) -> int:
        return self.start + len(self.text)


# Reading: nh3's output as a tree, then the tree as blocks of runs.


@dataclass
class _Element:
    tag: str
    attrs: dict[str, str]
    children: list


class _TreeBuilder(HTMLParser):
    """A tree of nh3's output, which is well formed: every element but br/hr closed in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = _Element("", {}, [])
        self.open = [self.root]

    def handle_starttag(self, tag, attrs):
        element = _Element(tag, {k: v or "" for k, v in attrs}, [])
        self.open[-1].children.append(element)
        if tag not in _VOID:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.open[-1].children.append(_Element(tag, {k: v or "" for k, v in attrs}, []))

    def handle_endtag(self, tag):
        if any(element.tag == tag for element in self.open[1:]):
            while self.open.pop().tag != tag:
                pass

    def handle_data(self, data):
        self.open[-1].children.append(data)


@dataclass(frozen=True)
class _Context:
    container: str | None
    group: int
    kind: str  # the kind of block that text found here starts
    stack: tuple[tuple[str, str], ...]
    loose: bool = False  # text outside any block element: a blank line in it starts a new paragraph


class _Reader:
    """Walks the tree, cutting a block at every block element's start and end."""

    def __init__(self):
        self.blocks: list[_Block] = []
        self.runs: list[_Run] = []
        self.context: _Context | None = None
        self.groups = 0

    def walk(self, node, context: _Context) -> None:
        if isinstance(node, str):
            for number, text in enumerate(BLANK_LINE.split(node) if context.loose else [node]):
                if number:
                    self.cut()
                self.runs.append(_Run(text, context.stack))
                self.context = context
        elif node.tag in INLINE_TAGS or node.tag in _ALIASES:
            self.walk_children(node, replace(context, stack=_inline(node, context.stack)))
        elif node.tag == "figure" and (figure := _figure(node.attrs)):
            self.cut()  # atomic: what is inside it goes
            self.blocks.append(_Block("figure", None, 0, (), figure))
        elif node.tag == "br":
            self.walk(" ", context)  # a line break inside a paragraph, folded as normalize_body does
        elif node.tag in _CONTAINERS and context.container is None:
            self.groups += 1
            inner = _Context(node.tag, self.groups, _CONTAINERS[node.tag], context.stack)
            self.cut_around(node, inner)
        elif node.tag in BLOCK_TAGS or node.tag in _BOUNDARIES:
            self.cut_around(node, replace(context, kind=_kind(node.tag, context), loose=False))
        else:
            self.walk_children(node, context)

    def walk_children(self, node: _Element, context: _Context) -> None:
        for child in node.children:
            self.walk(child, context)

    def cut_around(self, node: _Element, context: _Context) -> None:
        self.cut()
        self.walk_children(node, context)
        self.cut()

    def cut(self) -> None:
        runs = _finished(self.runs)
        if runs:
            context = self.context
            self.blocks.append(_Block(context.kind, context.container, context.group, runs))
        self.runs = []


def _kind(tag: str, context: _Context) -> str:
    """The block a block element starts: inside a list or quotation, always that container's kind."""
    if context.container is not None:
        return _CONTAINERS[context.container]
    if tag in _HEADINGS:
        return _HEADINGS[tag]
    return "p" if tag in ("p", "li") else context.kind


def _inline(node: _Element, stack: tuple) -> tuple:
    """`stack` with `node` inside it, unless it adds nothing: a link without a web address, a link
    inside a link (not valid HTML), emphasis inside the same emphasis."""
    if node.tag == "a":
        href = _href(node.attrs.get("href", ""))
        if href is None or any(tag == "a" for tag, _ in stack):
            return stack
        return (*stack, ("a", href))
    tag = _ALIASES.get(node.tag, node.tag)
    if any(tag == outer for outer, _ in stack):
        return stack
    return (*stack, (tag, ""))


def _href(value: str) -> str | None:
    """`value` as a stored link target, or None when it is not an http, https or mailto URL."""
    href = clean(value).translate(_URL_INVISIBLE).strip()
    try:
        scheme = urlsplit(href).scheme.lower()
    except ValueError:
        return None
    return href if scheme in URL_SCHEMES else None


def _figure(attrs: dict[str, str]) -> tuple[str, str] | None:
    """What a figure places: ("image", its id) or ("embed", an http(s) address), else None (a figure
    from elsewhere, whose text is read as paragraphs)."""
    image = clean(attrs.get("data-image", "")).strip()
    if _IMAGE_ID.fullmatch(image) and int(image):
        return ("image", str(int(image)))
    embed = clean(attrs.get("data-embed", "")).translate(_URL_INVISIBLE).strip()
    try:
        parts = urlsplit(embed)
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() in EMBED_SCHEMES and host and not any(c.isspace() for c in embed):
        return ("embed", embed)
    return None


def _finished(runs: list[_Run]) -> tuple[_Run, ...]:
    """A block's runs as saved text: cleaned, whitespace folded, no space at either end."""
    runs = _folded([_Run(clean(run.text), run.stack) for run in runs])
    return tuple(_merged(_composed(runs)))


def _folded(runs: list[_Run]) -> list[_Run]:
    result: list[_Run] = []
    after_space = True  # the block's start counts as a space: leading space goes
    for run in runs:
        text = _SPACES.sub(" ", run.text)
        if after_space and text.startswith(" "):
            text = text[1:]
        if text:
            result.append(_Run(text, run.stack))
            after_space = text.endswith(" ")
    while result and result[-1].text.endswith(" "):
        last = result.pop()
        if last.text != " ":
            result.append(_Run(last.text[:-1], last.stack))
    return result


def _composed(runs: list[_Run]) -> list[_Run]:
    """Runs whose joined text is NFC: an accent that begins a run (after a link's first letter, say)
    moves to the end of the run before it, where it composes with its letter."""
    runs = list(runs)
    index = 0
    while index < len(runs) - 1:
        left, right = runs[index], runs[index + 1]
        if unicodedata.is_normalized("NFC", left.text + right.text):
            index += 1
            continue
        runs[index] = _Run(unicodedata.normalize("NFC", left.text + right.text[0]), left.stack)
        if len(right.text) > 1:
            runs[index + 1] = _Run(right.text[1:], right.stack)
        else:
            del runs[index + 1]
    return runs


def _merged(runs: list[_Run]) -> list[_Run]:
    result: list[_Run] = []
    for run in runs:
        if result and result[-1].stack == run.stack:
            result[-1] = _Run(result[-1].text + run.text, run.stack)
        else:
            result.append(run)
    return result


def _read(html: str) -> list[_Block]:
    builder = _TreeBuilder()
    builder.feed(_CLEANER.clean(html))
    builder.close()
    reader = _Reader()
    reader.cut_around(builder.root, _Context(None, 0, "p", (), loose=True))
    return reader.blocks


# Writing.


def _opening(item: tuple[str, str], link_attrs: Callable[[str], dict] | None = None) -> str:
    tag, href = item
    if tag != "a":
        return f"<{tag}>"
    extra = link_attrs(href) if link_attrs else {}
    attrs = "".join(f' {name}="{esc(value)}"' for name, value in extra.items() if name != "href")
    return f'<a href="{esc(href)}"{attrs}>'


def _groups(blocks: list[_Block]) -> list[tuple[str | None, list[_Block]]]:
    """The blocks as the body's top level: single blocks, and lists and quotations of blocks."""
    result: list[tuple[str | None, list[_Block]]] = []
    for block in blocks:
        if block.container and result and result[-1][1][-1].group == block.group:
            result[-1][1].append(block)  # group numbers are only shared inside one container
        else:
            result.append((block.container, [block]))
    return result


def _write(
    blocks: list[_Block],
    inner: Callable[[_Block, int], str],
    offsets: bool = False,
    figure: Callable[[tuple[str, str]], str] | None = None,
) -> str:
    """The body's HTML, each block's content given by `inner(block, its projection start)` and each
    figure by `figure((kind, value))` (default: its stored form); with `offsets`, each block says where
    it starts (`data-offset`), for selecting words in it."""
    out, offset = [], 0
    for container, members in _groups(blocks):
        if container:
            out.append(f"<{container}>")
        for block in members:
            if block.figure:
                if written := (figure or _stored_figure)(block.figure):
                    out.append(written)
                continue
            attrs = f' data-offset="{offset}"' if offsets else ""
            out.append(f"<{block.kind}{attrs}>{inner(block, offset)}</{block.kind}>")
            offset += len(block.text) + len(PARAGRAPH_BREAK)
        if container:
            out.append(f"</{container}>")
    return "\n".join(out)


def _stored_figure(figure: tuple[str, str]) -> str:
    kind, value = figure
    return f'<figure data-{kind}="{esc(value)}"></figure>'


def placement(image_id: int) -> str:
    """How the stored form begins a figure of library image `image_id` (its closing quote ends the id),
    for finding the bodies that place it."""
    return _stored_figure(("image", str(image_id))).removesuffix("</figure>")


def _reader_figure(
    figure: tuple[str, str], image: Callable[[int], Picture | None], link_attrs: Callable | None
) -> str:
    """A figure as readers get it: the library image with its caption and credit (nothing when the
    image is gone), or a link to the embedded post (no script or frame from its site)."""
    kind, value = figure
    if kind == "embed":
        host = (urlsplit(value).hostname or "").removeprefix("www.")
        return (
            f'<figure class="embed"><p>{_opening(("a", value), link_attrs)}View the post on '
            f"{esc(host)}</a></p></figure>"
        )
    picture = image(int(value))
    if picture is None:
        return ""
    img = (
        f'<img src="{esc(picture.src)}" srcset="{esc(picture.srcset)}" sizes="{esc(picture.sizes)}" '
        f'width="{picture.width}" height="{picture.height}" alt="{esc(picture.alt)}" loading="lazy">'
    )
    words = [esc(picture.caption)] if picture.caption else []
    if picture.credit:
        words.append(f'<span class="credit">{esc(picture.credit)}</span>')
    caption = f"<figcaption>{' '.join(words)}</figcaption>" if words else ""
    return f'<figure class="image">{img}{caption}</figure>'


def _moved(old: tuple, new: tuple, pending: list, link_attrs=None) -> str:
    """Closing what `old` has beyond what it shares with `new`, then opening the rest of `new`. What
    waits in `pending` (the `after` of marks that ended inside a link) is written once a link closes."""
    shared = 0
    while shared < min(len(old), len(new)) and old[shared] == new[shared]:
        shared += 1
    out = []
    for tag, _ in reversed(old[shared:]):
        out.append(f"</{tag}>")
        if tag == "a":
            out += pending
            pending.clear()
    out += [_opening(item, link_attrs) for item in new[shared:]]
    return "".join(out)


# The public functions.


def sanitise(html: str) -> str:
    """`html` in the body's one canonical form: only the allowed elements, as blocks, text cleaned."""
    return _write(_read(html), lambda block, start: _marked(block, start, [], None, set()))


def from_plain_text(text: str) -> str:
    """A plain-text body as structured HTML: each paragraph of `normalize_body(text)` one <p>."""
    return "\n".join(f"<p>{esc(p.text)}</p>" for p in paragraphs(normalize_body(text)))


def blocks(html: str) -> list[Block]:
    """The blocks of the body's projection, with their offsets into it (as `body.paragraphs`)."""
    result, offset = [], 0
    for index, block in enumerate(_texts(html)):
        text = block.text
        result.append(Block(index, offset, text, block.kind, block.container))
        offset += len(text) + len(PARAGRAPH_BREAK)
    return result


def projection(html: str) -> str:
    """What a reader reads, block by block: the text claims and quotations are anchored in."""
    return PARAGRAPH_BREAK.join(block.text for block in _texts(html))


def _texts(html: str) -> list[_Block]:
    return [block for block in _read(html) if block.figure is None]


def figures(html: str) -> list[tuple[str, str]]:
    """The body's figures in order: ("image", id) or ("embed", address)."""
    return [block.figure for block in _read(html) if block.figure]


def images(html: str) -> list[int]:
    """The ids of the library images the body's figures place, in order, each once."""
    return list(dict.fromkeys(int(value) for kind, value in figures(html) if kind == "image"))


def crosses_block(html: str, start: int, end: int) -> bool:
    """Whether the projection's [start, end) is not inside one block's text."""
    return not any(b.start <= start <= end <= b.end for b in blocks(html))


def render(
    html: str,
    marks: list[Mark],
    link_attrs: Callable[[str], dict[str, str]] | None = None,
    *,
    offsets: bool = False,
    image: Callable[[int], Picture | None] | None = None,
) -> SafeString:
    """The body as HTML with `marks` (projection offsets) applied inside its structure.

    A mark over inline markup is written as one piece per stretch of text under the same inline
    elements, so the tags nest. As with a mark `render_paragraph` closes and reopens, only the first
    piece carries the mark's id; its `after` follows the last piece, or the end of the link that piece
    is in (a footnote link may not sit inside a link). `link_attrs(href)` gives the attributes a page
    adds to a link; `offsets` as for `_write`. With `image(id)` (the library image's `Picture`, or None
    when it is gone), figures are written for readers; without it, as stored.
    """
    written: set[int] = set()
    marked = lambda block, start: _marked(block, start, marks, link_attrs, written)  # noqa: E731
    figure = partial(_reader_figure, image=image, link_attrs=link_attrs) if image else None
    html = _write(_read(html), marked, offsets, figure)
    return SafeString(html)  # text escaped by render_paragraph, tags built from escaped values


def _marked(block: _Block, start: int, marks: list[Mark], link_attrs, written: set[int]) -> str:
    """The block's inline HTML (it starts at `start` in the projection) with the marks that reach it;
    `written` holds the marks already begun in earlier runs or blocks."""
    out, stack, pending, position = [], (), [], start
    for run in block.runs:
        out.append(_moved(stack, run.stack, pending, link_attrs))
        stack = run.stack
        end = position + len(run.text)
        here = [_piece(mark, written) for mark in marks if _meets(mark, position, end)]
        if any(tag == "a" for tag, _ in stack):
            here = _holding_afters(here, end, pending)
        out.append(render_paragraph(run.text, here, position))
        position = end
    out.append(_moved(stack, (), pending, link_attrs))
    return "".join(out)


def _holding_afters(marks: list[Mark], end: int, pending: list) -> list[Mark]:
    """`marks` without the `after` of those ending by `end`, which go to `pending` in the order they end."""
    ending = sorted((m for m in marks if m.end <= end and m.after), key=lambda m: m.end)
    pending += [m.after for m in ending]
    held = {id(m) for m in ending}
    return [replace(m, after=_NOTHING) if id(m) in held else m for m in marks]


def _meets(mark: Mark, start: int, end: int) -> bool:
    return mark.start < end and mark.end > start and mark.start < mark.end


def _piece(mark: Mark, written: set[int]) -> Mark:
    """`mark` as written in the next run it reaches: with its id only the first time."""
    if id(mark) not in written:
        written.add(id(mark))
        return mark
    return replace(mark, attrs={k: v for k, v in mark.attrs.items() if k != "id"})
