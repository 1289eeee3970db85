"""An imported file's structure as the body's HTML subset (`articles.richtext`).

A web page keeps its links, subheadings, lists, block quotes and emphasis: trafilatura finds the
article in the page and gives it as its XML (p, head, list/item, quote, hi, ref, lb), which is written
here as HTML and then sanitised like every body. Links are resolved against the page's own address
(the one its metadata gives, and its <base>) before trafilatura sees them; without an address a relative
link cannot be resolved, and the sanitiser drops it (its words stay).

A text file may write links as Markdown does, ``[words](https://example.org/page)``, and subheadings as
lines of their own, ``## Subheading`` or ``### Subheading``. Everything else in it is text, never markup:
a ``<`` in a text file is a character of the story.

Either way `body` is `richtext.projection` of the HTML, so a body without structure reads exactly as
before (one paragraph per block, offsets unchanged).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import urldefrag, urljoin

from articles import richtext

# --------------------------------------------------------------------------------------------------
# Web pages
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """What trafilatura found in a web page: its metadata and its article as the body's HTML."""

    title: str
    author: str
    url: str
    date: str
    body_html: str  # sanitised
    words: int  # in the article as found, a headline at its top included


def read_page(text: str, *, title: str = "") -> Page | None:
    """The article in an HTML page with its structure, or None when trafilatura finds none.

    A first block repeating the headline (`title`, else the page's own title) is left out, as pages
    often show the headline again at the top of their article.
    """
    import trafilatura

    tree = trafilatura.load_html(text)
    if tree is None:
        return None
    # The metadata first (as trafilatura's own extraction would read it), for the page's address.
    metadata = trafilatura.extract_metadata(tree)
    resolve_links(tree, metadata.url or "")
    document = trafilatura.bare_extraction(
        tree,
        with_metadata=False,  # read above; and without an address trafilatura leaves links alone
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=True,
        include_formatting=True,
        favor_precision=True,
        deduplicate=False,  # a cache shared across files would drop paragraphs repeated in another story
    )
    body = getattr(document, "body", None) if document is not None else None
    if body is None:
        return None
    words = len(" ".join(body.itertext()).split())
    _drop_repeated_headline(body, " ".join((title or metadata.title or "").split()))
    return Page(
        title=metadata.title or "",
        author=metadata.author or "",
        url=metadata.url or "",
        date=metadata.date or "",
        body_html=from_trafilatura(body),
        words=words,
    )


def _drop_repeated_headline(body, headline: str) -> None:
    """Remove `body`'s first element when it is one block reading `headline` and more follows."""
    if not headline or len(body) < 2 or (body.text or "").strip():
        return
    first = body[0]
    if richtext.projection(_html(first)) == headline:
        body.text = (body.text or "") + (first.tail or "")
        body.remove(first)


def resolve_links(tree, page_url: str) -> None:
    """Every link in `tree` (lxml) as an absolute address, as a browser reading the page resolves it.

    Without the page's address a relative link stays relative (the sanitiser drops it); a link to the
    page itself (a footnote or "jump to" anchor) points nowhere once the story is ours, and goes.
    """
    base_href = next((b.get("href").strip() for b in tree.iter("base") if b.get("href")), "")
    base = _joined(page_url, base_href) if base_href else page_url
    page = _without_fragment(page_url) if page_url else None
    for link in tree.iter("a"):
        href = (link.get("href") or "").strip()
        if not href:
            continue
        target = _joined(base, href)
        if _without_fragment(target) == page:
            del link.attrib["href"]
        else:
            link.set("href", target)


def _joined(base: str, href: str) -> str:
    """`href` resolved against `base`; as it is without a base, or when either is malformed (an unclosed
    [IPv6 host): the sanitiser keeps it only if it is a whole web address."""
    try:
        return urljoin(base, href) if base else href
    except ValueError:
        return href


def _without_fragment(url: str) -> str:
    try:
        return urldefrag(url).url
    except ValueError:
        return url


# trafilatura's XML: which HTML each element becomes. Anything not named keeps only its text.
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})  # richtext makes them h2 or h3
_TEXT_BLOCKS = frozenset({"p", "li", *_HEADINGS})  # what a line break (<lb/>) splits in two
_EMPHASIS = {"#b": "strong", "#i": "em"}  # underline, code, sub/superscript: text only


def from_trafilatura(body) -> str:
    """trafilatura's XML body (an lxml element) as the body's sanitised HTML."""
    writer = _Writer()
    writer.children(body)
    writer.close_implicit()
    return richtext.sanitise("".join(writer.out))


def _html(element) -> str:
    """One element of trafilatura's XML as HTML, not yet sanitised."""
    writer = _Writer()
    writer.element(element)
    writer.close_implicit()
    return "".join(writer.out)


class _Writer:
    """Writes HTML while walking the XML, knowing which elements are open.

    Text never sits loose: text directly in a block quote (or at the top) gets a paragraph of its own.
    A line break (<lb/>) ends the paragraph, heading or item it is in and starts another like it, as
    trafilatura's text had each line as a paragraph: pages that separate paragraphs with <br><br> keep
    them apart.
    """

    def __init__(self):
        self.out: list[str] = []
        self.open: list[tuple[str, str]] = []  # (tag, opening tag as written)
        self.implicit: int | None = None  # where in `open` a <p> opened for loose text is

    def element(self, node) -> None:
        tag = node.tag
        if not isinstance(tag, str):  # a comment or processing instruction
            return
        if tag == "lb":
            self.line_break()
            return
        html_tag, opening = self.html_for(node)
        if html_tag is None:
            self.text(node.text)
            self.children(node)
            return
        inline = html_tag in ("a", "strong", "em")
        if inline:
            self.need_block()
        else:
            self.close_implicit()
        self.start(html_tag, opening)
        self.text(node.text)
        self.children(node)
        if not inline:
            self.close_implicit()
        self.end()

    def children(self, node) -> None:
        for child in node:
            self.element(child)
            self.text(child.tail)

    def html_for(self, node) -> tuple[str | None, str]:
        tag, in_block = node.tag, self.in_block()
        if tag == "p" or (tag == "code" and not in_block):
            return "p", "<p>"
        opening = _OPENINGS.get(tag)
        return opening(self, node, in_block) if opening else (None, "")

    def in_block(self) -> bool:
        return any(tag in _TEXT_BLOCKS for tag, _ in self.open)

    def is_open(self, tag: str) -> bool:
        return any(open_tag == tag for open_tag, _ in self.open)

    def start(self, tag: str, opening: str) -> None:
        self.out.append(opening)
        self.open.append((tag, opening))

    def end(self) -> None:
        tag, _ = self.open.pop()
        self.out.append(f"</{tag}>")

    def text(self, text: str | None) -> None:
        if not text:
            return
        if not text.strip() and not self.in_block():
            self.out.append(text)  # the space between blocks
            return
        self.need_block()
        # As before structure: a page that escapes twice (&amp;#8217;) shows what it meant (’).
        self.out.append(html.escape(html.unescape(text), quote=False))

    def need_block(self) -> None:
        if not self.in_block():
            self.implicit = len(self.open)
            self.start("p", "<p>")

    def close_implicit(self) -> None:
        """Close the paragraph opened for loose text, when nothing opened inside it is still open."""
        if self.implicit is not None and self.implicit == len(self.open) - 1:
            self.end()
            self.implicit = None

    def line_break(self) -> None:
        """End the innermost paragraph, heading or item here and open another like it, inline and all."""
        depth = max((i for i, (tag, _) in enumerate(self.open) if tag in _TEXT_BLOCKS), default=None)
        if depth is None:
            return
        reopen = self.open[depth:]
        for _ in reopen:
            self.end()
        for tag, opening in reopen:
            self.start(tag, opening)


# --------------------------------------------------------------------------------------------------
# Text files
# --------------------------------------------------------------------------------------------------

# "## Subheading" or "### Subheading", optionally closed by #s as Markdown allows.
_HEADING_LINE = re.compile(r"^(?P<level>#{2,3})[ \t]+(?P<text>.*?)(?:[ \t]+#+)?[ \t]*$")
# [words](address): only an absolute web or mail address is a link; "[1](2)" stays text.
_MARKDOWN_LINK = re.compile(
    r"\[(?P<words>[^\[\]]+)\]\((?P<href>(?:https?://|mailto:)(?:[^\s()]|\([^\s()]*\))+)\)", re.I
)


def from_text(blocks: list[str]) -> str:
    """A text file's body, given as its blocks (separated by blank lines), as sanitised HTML.

    A block is one paragraph, as in `normalize_body`, except that each ``##``/``###`` line in it is a
    subheading of its own, between the paragraphs before and after it.
    """
    out: list[str] = []
    for block in blocks:
        lines: list[str] = []
        for line in block.split("\n"):
            heading = _HEADING_LINE.match(line.strip())
            if heading and heading.group("text").strip():
                out.append(_paragraph("p", lines))
                tag = "h2" if heading.group("level") == "##" else "h3"
                out.append(_paragraph(tag, [heading.group("text")]))
                lines = []
            else:
                lines.append(line)
        out.append(_paragraph("p", lines))
    return richtext.sanitise("\n".join(part for part in out if part))


def _paragraph(tag: str, lines: list[str]) -> str:
    text = "\n".join(lines)
    return f"<{tag}>{_inline(text)}</{tag}>" if text.strip() else ""


def _inline(text: str) -> str:
    """`text` as HTML: Markdown links become links, everything else is escaped text."""
    out, position = [], 0
    for link in _MARKDOWN_LINK.finditer(text):
        out.append(html.escape(text[position : link.start()], quote=False))
        words = html.escape(link.group("words"), quote=False)
        out.append(f'<a href="{html.escape(link.group("href"))}">{words}</a>')
        position = link.end()
    out.append(html.escape(text[position:], quote=False))
    return "".join(out)


# How each element of trafilatura's XML opens in the body's HTML: (tag, opening), or (None, "") for
# an element that adds no tag of its own. `p` (and `code` outside a block) is a paragraph.
def _heading(writer: _Writer, node, in_block: bool) -> tuple[str | None, str]:
    level = node.get("rend") if node.get("rend") in _HEADINGS else "h2"
    return level, f"<{level}>"


def _list(writer: _Writer, node, in_block: bool) -> tuple[str | None, str]:
    kind = "ol" if node.get("rend") == "ol" else "ul"
    return kind, f"<{kind}>"


def _item(writer: _Writer, node, in_block: bool) -> tuple[str | None, str]:
    return "li", "<li>"


def _quote(writer: _Writer, node, in_block: bool) -> tuple[str | None, str]:
    if in_block or writer.is_open("blockquote"):
        return None, ""
    return "blockquote", "<blockquote>"


def _emphasis(writer: _Writer, node, in_block: bool) -> tuple[str | None, str]:
    kind = _EMPHASIS.get(node.get("rend"))
    return (kind, f"<{kind}>") if kind else (None, "")


def _link(writer: _Writer, node, in_block: bool) -> tuple[str | None, str]:
    if not node.get("target"):
        return None, ""
    return "a", f'<a href="{html.escape(node.get("target"))}">'


def _boundary(writer: _Writer, node, in_block: bool) -> tuple[str | None, str]:
    # A boundary richtext keeps blocks apart at, never stored.
    return (None, "") if in_block else ("div", "<div>")


_OPENINGS = {
    "head": _heading,
    "list": _list,
    "item": _item,
    "quote": _quote,
    "hi": _emphasis,
    "ref": _link,
    "div": _boundary,
    "table": _boundary,
    "row": _boundary,
    "cell": _boundary,
}
