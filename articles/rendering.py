"""Turning a body and its anchored claims and quotations into HTML.

Claims and quotations may nest or even cross (a claim inside a quotation, a quotation that starts in the
middle of a claim), so marks are written the way an HTML parser repairs crossing tags: at each boundary
the marks that end are closed, the ones still open above them are closed and reopened. Text goes through
`escape`, markup through `format_html`; nothing here trusts what an editor typed.
"""

from dataclasses import dataclass, field

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from .body import paragraphs


@dataclass
class Mark:
    """One highlighted span: `tag` with `attrs`, and `after` (safe HTML) written where it ends."""

    start: int
    end: int
    tag: str = "span"
    attrs: dict[str, str] = field(default_factory=dict)
    after: SafeString = field(default_factory=lambda: mark_safe(""))  # noqa: S308 (empty literal)


def _open(mark: Mark, first: bool) -> SafeString:
    attrs = {k: v for k, v in mark.attrs.items() if first or k != "id"}
    if not attrs:
        return format_html("<{}>", mark.tag)
    return format_html("<{} {}>", mark.tag, format_html_join(" ", '{}="{}"', attrs.items()))


def _close(mark: Mark) -> SafeString:
    return format_html("</{}>", mark.tag)


def render_paragraph(text: str, marks: list[Mark], offset: int = 0) -> SafeString:
    """`text` (which starts at `offset` in the body) with `marks` (body offsets) applied."""
    length = len(text)
    local = []
    for order, mark in enumerate(marks):
        start, end = max(mark.start - offset, 0), min(mark.end - offset, length)
        if start < end:
            local.append((start, end, order, mark, mark.end - offset <= length))
    if not local:
        return escape(text)
    # Outer marks first: earlier start, then longer.
    local.sort(key=lambda m: (m[0], -m[1], m[2]))
    points = sorted({0, length, *(m[0] for m in local), *(m[1] for m in local)})
    out: list[str] = []
    stack: list[tuple] = []
    opened: set[int] = set()
    for a, b in zip(points, points[1:], strict=False):
        active = [m for m in local if m[0] <= a < m[1]]
        keep = 0
        while keep < len(stack) and stack[keep] in active:
            keep += 1
        for m in reversed(stack[keep:]):
            out.append(_close(m[3]))
            if m[1] == a and m[4]:
                out.append(m[3].after)
        stack = stack[:keep]
        for m in active:
            if m not in stack:
                out.append(_open(m[3], first=m[2] not in opened))
                opened.add(m[2])
                stack.append(m)
        out.append(escape(text[a:b]))
    for m in reversed(stack):
        out.append(_close(m[3]))
        if m[4]:
            out.append(m[3].after)
    return mark_safe("".join(out))  # noqa: S308 (every piece above is escaped or format_html)


def render_body(body: str, marks: list[Mark]) -> list[tuple[int, SafeString]]:
    """Each paragraph of `body` as (start offset, HTML with the marks that fall in it)."""
    return [(p.start, render_paragraph(p.text, marks, p.start)) for p in paragraphs(body)]
