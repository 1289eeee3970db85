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
