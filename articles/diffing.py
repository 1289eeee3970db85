"""Readable word-level differences between two texts, for revisions and edit conflicts."""

import re
from difflib import SequenceMatcher

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")


def word_diff(old: str, new: str) -> SafeString:
    """`new` as HTML with removed words in <del> and added words in <ins>; all text escaped."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    out = []
    matcher = SequenceMatcher(a=a, b=b, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            out.append(format_html("{}", "".join(a[a0:a1])))
            continue
        if op in ("delete", "replace"):
            out.append(format_html("<del>{}</del>", "".join(a[a0:a1])))
        if op in ("insert", "replace"):
            out.append(format_html("<ins>{}</ins>", "".join(b[b0:b1])))
    return mark_safe("".join(out))  # noqa: S308 (every piece went through format_html)


def paragraph_diff(old: str, new: str) -> SafeString:
    """Two bodies (paragraphs split by a blank line) as HTML paragraphs, word-level inside each.

    Diffing the whole text at once put a <p> boundary inside an <ins> when a paragraph was added, so
    the new paragraph showed unmarked and an empty <ins> ended the one before. Paragraphs are matched
    first: an added one is marked whole, a changed one word by word.
    """
    a, b = old.split("\n\n") if old else [], new.split("\n\n") if new else []
    out = []
    for op, a0, a1, b0, b1 in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out += [format_html("<p>{}</p>", p) for p in a[a0:a1]]
        elif op == "delete":
            out += [format_html('<p class="diff-removed"><del>{}</del></p>', p) for p in a[a0:a1]]
        elif op == "insert":
            out += [format_html('<p class="diff-added"><ins>{}</ins></p>', p) for p in b[b0:b1]]
        else:  # replaced: pair the paragraphs up, word by word; any left over are added or removed
            for i in range(max(a1 - a0, b1 - b0)):
                before = a[a0 + i] if a0 + i < a1 else None
                after = b[b0 + i] if b0 + i < b1 else None
                if before is None:
                    out.append(format_html('<p class="diff-added"><ins>{}</ins></p>', after))
                elif after is None:
                    out.append(format_html('<p class="diff-removed"><del>{}</del></p>', before))
                else:
                    out.append(format_html("<p>{}</p>", word_diff(before, after)))
    return mark_safe("".join(out))  # noqa: S308 (every piece went through format_html)
