"""The article body: paragraphs of plain text separated by one blank line.

Claims and quotations are anchored by character offsets into this text, so it is normalised once, when
it is saved, and every offset afterwards is an offset into the normalised form.
"""

import re
from dataclasses import dataclass

from newsroom.text import clean

PARAGRAPH_BREAK = "\n\n"
BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


def normalize_body(text: str) -> str:
    """Return `text` as paragraphs separated by one blank line, each paragraph on one line.

    Line breaks inside a paragraph and runs of spaces are folded to one space, so that pasting the same
    text from two editors gives the same body (and the same offsets). Like all saved text it is NFC,
    without control characters (`newsroom.text.clean`).
    """
    text = clean(text).replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = (" ".join(chunk.split()) for chunk in BLANK_LINE.split(text))
    return PARAGRAPH_BREAK.join(p for p in paragraphs if p)


@dataclass(frozen=True)
class Paragraph:
    index: int
    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def paragraphs(body: str) -> list[Paragraph]:
    """The paragraphs of a normalised body with their offsets into it."""
    result = []
    offset = 0
    for index, text in enumerate(body.split(PARAGRAPH_BREAK) if body else []):
        result.append(Paragraph(index=index, start=offset, text=text))
        offset += len(text) + len(PARAGRAPH_BREAK)
    return result
