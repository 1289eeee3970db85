"""Turning a body and its anchored claims and quotations into HTML.

Claims and quotations may nest or even cross (a claim inside a quotation, a quotation that starts in the
middle of a claim), so marks are written the way an HTML parser repairs crossing tags: at each boundary
the marks that end are closed, the ones still open above them are closed and reopened. Text and attribute
values go through `esc` (the escaping Django's `escape` does, without building a SafeString per piece, as
this is the article page's inner loop); nothing here trusts what an editor typed. For the same reason the
finished HTML is wrapped in `SafeString` directly: `mark_safe` first checks every argument for a lazy
string. Each such wrap in this module, `notes` and `footnotes` says what was escaped.
"""

from dataclasses import dataclass, field
from functools import partial
from html import escape

from django.utils.safestring import SafeString, mark_safe

from .body import paragraphs

try:
    # MarkupSafe's escaping in C, without wrapping the result in Markup: the escaping Jinja2 applies to
    # the reader templates, at a sixth of the instructions of html.escape (five `str.replace` calls).
    # A page escapes some 600 values, so this is a tenth of the article page. Not public API, hence
    # the fallback and MarkupSafe's pin (requirements.txt); tests/articles/test_rendering.py checks
    # that it is the one in use.
    from markupsafe._speedups import _escape_inner as _escape
except ImportError:  # pragma: no cover - MarkupSafe without its C extension, or a later layout
    _escape = partial(escape, quote=True)


def esc(value) -> str:
    """Text for HTML content or a double-quoted attribute: & < > " ' escaped."""
    return _escape(value if type(value) is str else str(value))


@dataclass
class Mark:
    """One highlighted span: `tag` with `attrs`, and `after` (safe HTML) written where it ends."""

    start: int
    end: int
    tag: str = "span"
    attrs: dict[str, str] = field(default_factory=dict)
    after: SafeString = field(default_factory=lambda: mark_safe(""))  # noqa: S308 (empty literal)


def _tags(mark: Mark) -> tuple[str, str, str]:
    """The mark's opening tag (first time, with its id), its reopening tag (without) and its closing tag."""
    attrs = [(k, esc(v)) for k, v in mark.attrs.items()]
    first = "".join(f' {k}="{v}"' for k, v in attrs)
    again = "".join(f' {k}="{v}"' for k, v in attrs if k != "id")
    return f"<{mark.tag}{first}>", f"<{mark.tag}{again}>", f"</{mark.tag}>"


def render_paragraph(text: str, marks: list[Mark], offset: int = 0) -> SafeString:
    """`text` (which starts at `offset` in the body) with `marks` (body offsets) applied."""
    local = _placed(text, marks, offset)
    if not local:
        return SafeString(esc(text))  # escaped
    tags = {m[2]: _tags(m[3]) for m in local}
    if all(later[0] >= earlier[1] for earlier, later in zip(local, local[1:], strict=False)):
        html = _side_by_side(text, local, tags)  # the usual case, written in one pass
    else:
        html = _nested(text, local, tags)
    return SafeString(html)  # text escaped, tags built from escaped attributes


def _placed(text: str, marks: list[Mark], offset: int) -> list[tuple]:
    """(start, end, order, mark, ends here) of each mark that covers some of `text`, outer marks first."""
    length = len(text)
    local = []
    for order, mark in enumerate(marks):
        start, end = max(mark.start - offset, 0), min(mark.end - offset, length)
        if start < end:
            local.append((start, end, order, mark, mark.end - offset <= length))
    local.sort(key=lambda m: (m[0], -m[1], m[2]))  # earlier start, then longer
    return local


def _side_by_side(text: str, local: list[tuple], tags: dict) -> str:
    """Marks that neither nest nor cross: what `_nested` writes for them, without its bookkeeping."""
    out: list[str] = []
    position = 0
    for start, end, order, mark, ends_here in local:
        if start > position:
            out.append(esc(text[position:start]))
        out += [tags[order][0], esc(text[start:end]), tags[order][2]]
        if ends_here:
            out.append(mark.after)
        position = end
    if position < len(text):
        out.append(esc(text[position:]))
    return "".join(out)


def _nested(text: str, local: list[tuple], tags: dict) -> str:
    points = sorted({0, len(text), *(m[0] for m in local), *(m[1] for m in local)})
    out: list[str] = []
    stack: list[tuple] = []
    opened: set[int] = set()
    for a, b in zip(points, points[1:], strict=False):
        active = [m for m in local if m[0] <= a < m[1]]
        keep = 0
        while keep < len(stack) and stack[keep] in active:
            keep += 1
        for m in reversed(stack[keep:]):
            out.append(tags[m[2]][2])
            if m[1] == a and m[4]:
                out.append(m[3].after)
        stack = stack[:keep]
        for m in active:
            if m not in stack:
                out.append(tags[m[2]][1] if m[2] in opened else tags[m[2]][0])
                opened.add(m[2])
                stack.append(m)
        out.append(esc(text[a:b]))
    for m in reversed(stack):
        out.append(tags[m[2]][2])
        if m[4]:
            out.append(m[3].after)
    return "".join(out)


def render_body(body: str, marks: list[Mark]) -> list[tuple[int, SafeString]]:
    """Each paragraph of `body` as (start offset, HTML with the marks that fall in it)."""
    # Each paragraph is given only the marks that reach into it, found in one walk over the marks by
    # start; a mark keeps its place in `marks` among them, which breaks ties between equal spans.
    by_start = sorted(range(len(marks)), key=lambda index: marks[index].start)
    result, reaching, next_mark = [], [], 0
    for paragraph in paragraphs(body):
        end = paragraph.start + len(paragraph.text)
        while next_mark < len(by_start) and marks[by_start[next_mark]].start < end:
            reaching.append(by_start[next_mark])
            next_mark += 1
        reaching = [index for index in reaching if marks[index].end > paragraph.start]
        here = [marks[index] for index in sorted(reaching)]
        result.append((paragraph.start, render_paragraph(paragraph.text, here, paragraph.start)))
    return result


def paragraphs_html(rendered: list[tuple[int, SafeString]]) -> SafeString:
    """What `render_body` returns as one run of <p> elements."""
    # Each paragraph's HTML was escaped by render_paragraph; only the <p> tags are added here.
    return SafeString("".join([f"<p>{html}</p>\n    " for _, html in rendered]))
