"""What the engine returns (quotations and claims found) and what it is told (people already known)."""

from __future__ import annotations

from dataclasses import dataclass

# --------------------------------------------------------------------------------------------------
# Public data types
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuoteSuggestion:
    """A quotation found in one paragraph; `start`/`end` index `text` inside that paragraph."""

    text: str
    speaker: str
    paragraph: int
    start: int
    end: int


@dataclass(frozen=True)
class ClaimSuggestion:
    """A sentence that looks like a checkable claim; `start`/`end` index it inside its paragraph."""

    text: str
    paragraph: int
    kind: str
    reason: str
    start: int
    end: int
    organisations: tuple[str, ...] = ()


@dataclass(frozen=True)
class KnownPerson:
    """A person the newsroom already knows, with the other names the press uses for them."""

    name: str
    aliases: tuple[str, ...] = ()
