"""Suggest the quotations (with their speakers) and the candidate factual claims of a news article.

The CMS asks an editor to anchor every claim and every quotation before an article can be published.
Finding them by hand in a long story is slow, so this module proposes them; an editor confirms or
discards each suggestion. It is rule-based on purpose:

* no model weights or downloads, so it runs the same on every machine and in CI;
* every claim comes with a reason an editor can read ("states a number", "cites a study");
* it is fast enough to run on every save: regular expressions over bounded windows, linear in the
  length of the text.

The rules follow wire-service conventions: double quotation marks (straight or curly); attribution
with "said", "told", "wrote", "according to"; multi-paragraph quotes whose paragraphs each open with a
quotation mark; job titles that precede names and are dropped from them. Nothing here imports Django.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

__all__ = [
    "ClaimSuggestion",
    "KnownPerson",
    "QuoteSuggestion",
    "same_person",
    "sentence_spans",
    "split_paragraphs",
    "suggest_claims",
    "suggest_quotes",
]


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


# --------------------------------------------------------------------------------------------------
# Word lists, kept as data so that they can be read and extended without touching the rules
# --------------------------------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    """A set of lower-case words written as one whitespace-separated string, for readability."""
    return frozenset(text.split())


_UPPER_CHARS = "".join(ch for ch in map(chr, range(0x41, 0x530)) if ch.isupper())
_UP = f"[{_UPPER_CHARS}]"

# Double quotation marks only. Single quotes are the same characters as apostrophes, and in wire
# copy they only mark a quote nested inside a double-quoted one, which stays part of the outer quote.
_OPENING_MARKS = "“„«‟"
_CLOSING_MARKS = "”»"
_QUOTE_MARKS = _OPENING_MARKS + _CLOSING_MARKS + '"'
_QUOTE_MARK_RE = re.compile(f"[{_QUOTE_MARKS}]")

_SPEECH_VERBS = _words(
    """said says say told tells wrote writes added adds tweeted tweets posted posts stated states
    reads read explained explains noted notes argued argues asked asks replied replies responded
    responds continued continues recalled recalls warned warns insisted insists acknowledged
    acknowledges admitted admits conceded concedes declared declares announced announces testified
    cautioned cautions complained complains emphasized emphasised stressed stresses concluded
    observed suggested suggests predicted predicts joked quipped shouted urged urges remarked
    countered agreed answered recounted boasted texted emailed commented confirmed confirms claimed
    claims maintained maintains contended contends described describes called calls wondered
    pleaded vowed promised exclaimed yelled whispered lamented"""
)
# Verbs that report speech, findings or a stance when no direct quote is next to them.
_REPORTING_VERBS = _SPEECH_VERBS | _words(
    """found finds showed shows reported reports estimated estimates accused accuses alleged alleges
    criticized criticised condemned denounced praised blamed defended disputed denied projected
    projects recommended recommends determined ruled"""
)
_AUXILIARIES = _words(
    """has have had was were is are would will also later previously then once recently earlier
    further still again often first initially subsequently afterward afterwards separately never
    not"""
)
_PRONOUNS = {"he": "m", "she": "f", "they": ""}
# "Kowalczyk added 14 points", "adds two rebounds": a sports statistic, not speech.
_ADDED_NUMBER_RE = re.compile(
    r"\s+(?:a\s+career-high\s+|a\s+season-high\s+|another\s+)?(?:\d|(?:one|two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve|a\s+pair|a\s+dozen)\b)",
    re.IGNORECASE,
)


def _is_speech_verb_at(text: str, match: re.Match[str]) -> bool:
    """Whether the word matched in `text` is a speech verb here ("added 14 points" is not)."""
    bare = _bare(match.group())
    if bare not in _SPEECH_VERBS:
        return False
    return bare not in ("added", "adds", "add") or _ADDED_NUMBER_RE.match(text, match.end()) is None


# Common first names whose gender is not in doubt, so that "she said" skips Tom and finds Ana when
# a story alternates between two speakers. Unknown names are simply left without a gender.
_FEMALE_NAMES = _words(
    """mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty
    margaret sandra ashley kimberly emily donna michelle carol amanda dorothy melissa deborah
    stephanie rebecca sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma
    nicole helen samantha katherine christine debra rachel carolyn janet catherine maria heather
    diane ruth julie olivia joyce virginia victoria kelly lauren christina joan evelyn judith megan
    andrea cheryl hannah jacqueline martha gloria teresa ann sara madison frances kathryn janice
    jean abigail alice judy sophia grace denise amber doris marilyn danielle beverly isabella
    theresa diana natalie brittany charlotte marie kayla alexis lori ana anita elaine ellen
    felicia priya aisha nora joanne marisol alana linda ella chloe mia zoe lucy claire jane rosa
    carmen lucia sofia fatima mariam leila yasmin nadia irene monica"""
)
_MALE_NAMES = _words(
    """james robert john michael david william richard joseph thomas charles christopher daniel
    matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald
    edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon
    benjamin samuel gregory alexander frank patrick raymond jack dennis jerry tyler aaron jose adam
    nathan henry douglas zachary peter kyle ethan walter noah jeremy christian keith roger terry
    gerald harold sean austin carl arthur lawrence dylan jesse jordan bryan billy joe bruce gabriel
    logan albert willie alan juan wayne elijah randy roy vincent ralph eugene russell bobby mason
    philip louis tom bill bob jim mike dave steve tony luis carlos miguel martin howard victor
    marcus eric hugo ahmed mohammed muhammad omar ali ivan dmitri"""
)
_DETERMINERS = _words("the a an his her its their this that these those our")
_PREPOSITIONS = _words("for of at with from in on to by")

_TITLE_WORDS = _words(
    """mr mrs ms mx miss dr doctor prof professor gov governor lt sen senator rep representative
    congressman congresswoman mayor judge justice chief president vice attorney general district
    deputy assistant associate council councilmember councilman councilwoman member chairman
    chairwoman chair superintendent sheriff officer det detective sgt sergeant capt captain gen col
    colonel maj commissioner secretary minister prime ambassador pope rev reverend rabbi imam pastor
    bishop cardinal coach manager director executive ceo cfo coo chancellor provost dean principal
    trustee speaker leader assemblymember assemblyman assemblywoman alderman alderwoman supervisor
    treasurer comptroller controller auditor clerk inspector commander admiral adm cmdr lieutenant
    cpl pvt sir dame lord lady sheikh hon honorable owner founder spokesman spokeswoman spokesperson
    chairperson ombudsman state councilor councillor cllr selectman selectwoman agent special charge
    democrat republican independent analyst economist strategist td mp mep mla msp"""
)
_TITLE_ABBREVIATIONS = _words(
    "dr mr mrs ms mx prof gov sen rep gen lt col sgt capt cmdr adm rev hon supt det atty maj cpl fr"
)
_GENDER_TITLES = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}

# Capitalised words that open sentences or clauses but never open a name.
_NOT_NAME_START = _words(
    """the a an in on at for but and or if when while after before during since as by from to with
    without under over upon about despite although though because this that these those it its his
    her their our my your we they he she i you there here then now still yet so also even only some
    many most several few all both each every no not one two three four five six seven eight nine
    ten asked according meanwhile however instead last next earlier later today yesterday tonight
    tomorrow what who why how where which whose more less other others another such nearly almost
    roughly among between against until unless once like unlike than amid across inside outside
    through throughout toward towards via per any whether nobody everyone anyone someone parents
    students officials residents researchers experts critics supporters economists"""
)
_DAY_AND_MONTH_WORDS = _words(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december jan feb mar apr jun jul aug sep sept oct nov
    dec"""
)
_ORG_WORDS = _words(
    """university college school institute center centre department dept office agency administration
    association council committee commission board bureau authority foundation fund trust society
    coalition union group party company corporation corp inc llc ltd co bank hospital clinic
    laboratory lab labs survey service services police court courts senate house congress assembly
    legislature parliament ministry government network news times post journal herald tribune
    ledger gazette courier chronicle press radio television tv magazine records airlines systems
    technologies academy museum library church club league county city state states republic
    kingdom province region district township village street avenue road boulevard highway park hall
    square bridge lake river mountain island islands beach bay ocean sea valley airport station
    stadium arena law act amendment program programme plan project initiative policy america
    americans american national federal international circuit appeals supreme guard army navy force
    corps reserve prevention control health medicine research sciences science cardiology studies
    team teams fishery fisheries institution partners capital holdings industries motors media
    entertainment games white black republicans democrats democratic conservative conservatives
    liberal liberals alliance"""
)
# Organisation words that are also common surnames ("Ellen Park", "Ray Hall"): they make a phrase an
# organisation or a place only when nothing else says it is a person.
_SURNAME_LIKE_ORG_WORDS = _words(
    "park hall bank church street house post lake bay river rivers hill king price field brook ford"
)
_PLACE_NAMES = _words(
    """alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii
    idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan
    minnesota mississippi missouri montana nebraska nevada hampshire jersey mexico york carolina
    dakota ohio oklahoma oregon pennsylvania rhode tennessee texas utah vermont virginia washington
    wisconsin wyoming canada britain england scotland wales ireland france germany italy spain
    portugal china japan korea india pakistan russia ukraine israel gaza iran iraq syria egypt brazil
    argentina chile australia zealand europe africa asia london paris berlin tokyo beijing moscow
    chicago boston seattle denver houston dallas atlanta miami detroit phoenix nashville toledo
    duluth angeles francisco diego vegas orleans philadelphia baltimore"""
)
_PLACE_PHRASES = frozenset({"los angeles", "new york", "san francisco", "salt lake", "ann arbor"})
_NAME_PARTICLES = _words("de da del della der den di du dos das la le van von bin ibn al el ter ten")

_SENTENCE_STARTERS = _words(
    """the a an he she it they we i you this that these those there but and or so yet in on at for by
    from with as if when while after before since during many most some several his her its their
    our my your one no not officials police critics"""
)
_NEVER_FINAL_ABBREVIATIONS = _TITLE_ABBREVIATIONS | _words("st mt ft vs v no nos approx est fig")
_MONTH_ABBREVIATIONS = _words("jan feb mar apr jun jul aug sep sept oct nov dec")
_AM_PM_FOLLOWERS = _words(
    "monday tuesday wednesday thursday friday saturday sunday et pt ct mt est pst edt pdt gmt"
)


# --------------------------------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------------------------------

_BLANK_LINE_RE = re.compile(r"\n[ \t\r\f\v]*\n")
_TOKEN_RE = re.compile(r"\S+")
_WORD_RE = re.compile(r"[\w'’-]+")

_Phrase = tuple[str, str, int]  # (words, kind, offset): kind is "person", "pronoun" or "thing"


def split_paragraphs(text: str) -> list[str]:
    """Split a body into paragraphs at blank lines, trimming each and dropping empty ones.

    Suggestion offsets index these paragraphs, so the split has to be the simple one the CMS stores:
    blank-line separated, whitespace trimmed at both ends, nothing else changed.
    """
    if not text:
        return []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [chunk.strip() for chunk in _BLANK_LINE_RE.split(text) if chunk.strip()]


def _fold(text: str) -> str:
    """Lower-case and strip accents, so that "Gascón" and "Gascon" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@functools.lru_cache(maxsize=65536)
def _bare(token: str) -> str:
    """A token without surrounding punctuation and without a possessive ending, folded."""
    token = token.strip(".,;:!?()[]{}\"“”‘’'«»—–-")
    if token.endswith(("'s", "’s")):
        token = token[:-2]
    return _fold(token)


def _is_capitalised(token: str) -> bool:
    token = token.lstrip("\"“”‘’'«»(")
    return bool(token) and token[0].isupper()


def _tokens_with_offsets(text: str) -> list[tuple[str, int]]:
    return [(match.group(), match.start()) for match in _TOKEN_RE.finditer(text)]


def _ends_clause(token: str) -> bool:
    return token.endswith((",", ".", ":", ";", "—", "–")) and _bare(token) not in _TITLE_ABBREVIATIONS


def _mask_quotes(paragraph: str, spans: Iterable[tuple[int, int]]) -> str:
    """Blank out quoted passages (offsets unchanged): names and verbs inside quotes are not prose."""
    pieces = []
    position = 0
    for start, end in sorted(spans):
        start = max(start, position)
        pieces.append(paragraph[position:start])
        pieces.append(" " * max(0, end - start))
        position = max(position, end)
    pieces.append(paragraph[position:])
    return "".join(pieces)


# --------------------------------------------------------------------------------------------------
# Paragraph furniture: headlines, captions, promos
# --------------------------------------------------------------------------------------------------

_CAPTION_CREDIT_RE = re.compile(
    r"\((?=[^()]{0,160}\b(?:Getty|AP|Photo|Photos|Photograph|Image|Images|Courtesy|Credit|Reuters|"
    r"AFP|EPA|Shutterstock|iStock|Pool|Handout|File)\b)[^()]{0,160}\)\s*$"
)
_CAPTION_PREFIX_RE = re.compile(r"^(?:FILE\s*[-–—]|PHOTO\s*:|Photo\s*:|IMAGE\s*:|Image\s*:|Caption\s*:)")
_TERMINAL_PUNCTUATION = ".!?…\"”’)»:'"


def _is_furniture(paragraph: str) -> bool:
    """True for text that is not article prose: ALL-CAPS headlines and promos, photo captions.

    Copy pasted from a web page keeps these lines, and they must yield neither quotes nor claims.
    """
    sample = paragraph[:400]
    upper = sum(map(str.isupper, sample))
    lower = sum(map(str.islower, sample))
    if upper + lower >= 8 and upper >= 4 * lower:
        return True
    if _CAPTION_CREDIT_RE.search(paragraph[-400:]) or _CAPTION_PREFIX_RE.match(paragraph):
        return True
    stripped = paragraph.rstrip()
    if not stripped or stripped[-1] in _TERMINAL_PUNCTUATION or _QUOTE_MARK_RE.search(stripped):
        return False
    # A short line without final punctuation is a subhead, a byline or a caption without a credit.
    return len(stripped.split()) <= 15


# --------------------------------------------------------------------------------------------------
# Sentences
# --------------------------------------------------------------------------------------------------

_BOUNDARY_RE = re.compile(r"[.!?…]+[\"”’')\]»]*(?=\s)")
_LAST_WORD_RE = re.compile(r"[^\s\"“”(]+$")
_INITIALISM_RE = re.compile(r"(?:\b[A-Za-z]\.){2,}$")


def _is_sentence_end(text: str, match: re.Match[str]) -> bool:
    """Decide whether punctuation followed by whitespace really ends a sentence.

    Claims are whole sentences, so "Dr. Elaine Marsh", "U.S. Circuit", "Jan. 5" and "George W. Bush"
    must stay in one piece, while "... stretched past 1 a.m. Many wore ..." is two sentences.
    """
    after = text[match.end() : match.end() + 60].lstrip()
    first = after.lstrip("\"“‘'([«")
    if not first:
        return True
    if first[0].islower():
        return False
    if match.group() != ".":
        return True
    word_match = _LAST_WORD_RE.search(text, max(0, match.start() - 40), match.start())
    word = word_match.group() if word_match else ""
    bare = word.lower().strip("'’")
    next_word_match = _WORD_RE.match(first)
    next_word = _bare(next_word_match.group()) if next_word_match else ""
    if bare in _NEVER_FINAL_ABBREVIATIONS:
        return False
    if bare in _MONTH_ABBREVIATIONS and first[0].isdigit():
        return False
    if len(word) == 1 and word.isupper():
        return False  # an initial, as in "George W. Bush"
    if _INITIALISM_RE.search(word + "."):
        if bare in ("a.m", "p.m"):
            return next_word not in _AM_PM_FOLLOWERS
        return next_word in _SENTENCE_STARTERS
    return True


def sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """Return the (start, end) offsets of the sentences of `paragraph`, trimmed of whitespace."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY_RE.finditer(paragraph):
        if _is_sentence_end(paragraph, match):
            spans.append((start, match.end()))
            start = match.end()
    spans.append((start, len(paragraph)))
    trimmed = []
    for begin, end in spans:
        while begin < end and paragraph[begin].isspace():
            begin += 1
        while end > begin and paragraph[end - 1].isspace():
            end -= 1
        if begin < end:
            trimmed.append((begin, end))
    return trimmed


# --------------------------------------------------------------------------------------------------
# Pairing quotation marks
# --------------------------------------------------------------------------------------------------

_BEFORE_OPENING = set("([{—–-/:;") | set(_OPENING_MARKS) | {"‘", "'"}
_AFTER_CLOSING = set(".,;:!?)]}—–-…") | set(_CLOSING_MARKS) | {"’", "'"}


def _mark_role(text: str, index: int) -> str:
    """Classify a quotation mark as "open", "close", "either" or "none" from its neighbours.

    Straight marks are ambiguous by nature and curly ones are often typed the wrong way round, so the
    characters on each side decide: a mark after a space and before a word opens a quote.
    """
    mark = text[index]
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    can_open = (before.isspace() or before in _BEFORE_OPENING) and not after.isspace()
    can_close = (after.isspace() or after in _AFTER_CLOSING) and not before.isspace()
    if mark in _OPENING_MARKS:
        return "close" if can_close and not can_open else "open"
    if mark in _CLOSING_MARKS:
        return "open" if can_open and not can_close else "close"
    if can_open != can_close:
        return "open" if can_open else "close"
    if before.isspace() and after.isspace():
        return "none"
    return "either"


# British style: single marks, with the apostrophe as the same character. A mark between two letters
# or digits is an apostrophe ("it’s"); so is one that opens an elision ("’90s", "’til", "rock ’n’ roll").
_SINGLE_MARKS = "‘’'"
_SINGLE_MARK_RE = re.compile(f"[{_SINGLE_MARKS}]")
_ANY_MARK_RE = re.compile(f"[{_QUOTE_MARKS}{_SINGLE_MARKS}]")
_BEFORE_SINGLE_OPENING = set("([{—–-/:;") | set(_OPENING_MARKS) | {'"'}
_AFTER_SINGLE_CLOSING = set(".,;:!?)]}—–-…") | set(_CLOSING_MARKS) | {'"'}
_ELISION_RE = re.compile(r"(?:em|n|til|tis|twas|cause|cos|bout|\d0s|\d\ds)\b", re.IGNORECASE)
# What says a text quotes in single marks: a mark opening a word after a space or at the start of a
# paragraph, and a mark closing right after punctuation (",’ said", ".’"). Apostrophes do neither.
_SINGLE_OPEN_RE = re.compile(r"(?:^|(?<=[\s(\[—–]))[‘'](?=[^\W_])", re.MULTILINE)
# Irish and British copy also close before the full stop: "would ‘respond in due course’."
_SINGLE_CLOSE_RE = re.compile(r"(?<=[.,!?])[’'](?=\s|$)|(?<=[^\W\d_])[’'](?=[.,;:](?:\s|$))", re.MULTILINE)
_TAG_WORDS = _SPEECH_VERBS | frozenset(_PRONOUNS)  # "...the workers' said Smith" closes
_DOUBLE_OPEN_RE = re.compile(r'(?:^|(?<=[\s(\[—–]))["“„«]', re.MULTILINE)


def _uses_single_quotes(paragraphs: Sequence[str]) -> bool:
    """Whether an article quotes in single marks (British style) rather than double ones.

    Only when single marks clearly dominate: they open words after a space (not an elision such as
    "’90s") and close right after punctuation (",’ said"), twice each and more often than double
    marks open passages; once each is enough in a text without a single double mark. A US article
    with a quote nested inside a quote never qualifies.
    """
    text = "\n".join(paragraphs)
    opening = sum(1 for match in _SINGLE_OPEN_RE.finditer(text) if not _ELISION_RE.match(text, match.end()))
    closing = len(_SINGLE_CLOSE_RE.findall(text))
    if not _QUOTE_MARK_RE.search(text):
        return opening >= 1 and closing >= 1
    return min(opening, closing) >= 2 and opening > len(_DOUBLE_OPEN_RE.findall(text))


def _single_mark_role(text: str, index: int) -> str:
    """Like `_mark_role` for single marks, which are also apostrophes.

    Returns "weak" for a closing mark that may be a plural possessive ("the tenants’ union"): it
    closes a quote only when no later mark can.
    """
    mark = text[index]
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return "none"  # "it’s", "don't", "O'Brien"
    can_open = (before.isspace() or before in _BEFORE_SINGLE_OPENING) and not after.isspace()
    can_close = (after.isspace() or after in _AFTER_SINGLE_CLOSING) and not before.isspace()
    if can_open and _ELISION_RE.match(text, index + 1):
        return "none"
    if can_open and not can_close and mark != "’":
        return "open"
    if can_close and not can_open and mark != "‘":
        following = text[index + 1 : index + 30].split()
        word = _bare(following[0]) if following and following[0][0].isalpha() else ""
        if before in "sS" and after.isspace() and word and word not in _TAG_WORDS:
            return "weak"  # "the tenants’ union", "their kids’ futures"
        return "close"
    if mark == "‘" and can_open:
        return "open"
    if mark == "’" and can_close:
        return "close"
    return "none"


@dataclass(frozen=True)
class _QuoteStyle:
    """The marks an article quotes with: double (US and most wire copy) or single (British)."""

    single: bool = False

    @property
    def mark_re(self) -> re.Pattern[str]:
        return _SINGLE_MARK_RE if self.single else _QUOTE_MARK_RE

    def role(self, text: str, index: int) -> str:
        return _single_mark_role(text, index) if self.single else _mark_role(text, index)

    def is_opening(self, text: str, index: int) -> bool:
        if not self.single:
            return text[index] in _QUOTE_MARKS and _mark_role(text, index) != "close"
        return text[index] in _SINGLE_MARKS and self.role(text, index) in ("open", "either")

    def next_opening(self, text: str, start: int, end: int) -> int | None:
        """The first mark in text[start:end] that opens a quote (apostrophes skipped)."""
        if not self.single:
            match = _QUOTE_MARK_RE.search(text, start, max(start, end))
            return None if match is None else match.start()
        for match in _ANY_MARK_RE.finditer(text, start, max(start, end)):
            if match.group() in _QUOTE_MARKS or self.role(text, match.start()) in ("open", "either"):
                return match.start()
        return None


_DOUBLE = _QuoteStyle()
_SINGLE = _QuoteStyle(single=True)


def _pair_marks(paragraph: str, style: _QuoteStyle = _DOUBLE) -> tuple[list[tuple[int, int]], int | None]:
    """Pair quotation marks; return the closed (open, close) pairs and a dangling opening mark.

    A mark that cannot be paired is skipped rather than guessed at. An opening mark still open at the
    end of the paragraph is returned separately: it may continue into the next paragraph. In single
    style, double marks nested inside a single-quoted passage stay part of it, and double-quoted
    passages outside them are paired too.
    """
    marks = [(m.start(), style.role(paragraph, m.start())) for m in style.mark_re.finditer(paragraph)]
    pairs: list[tuple[int, int]] = []
    open_at: int | None = None
    for position, (index, role) in enumerate(marks):
        if role == "none":
            continue
        if role == "weak":
            if open_at is None:
                continue
            later = (r for _, r in marks[position + 1 :] if r not in ("none", "weak"))
            if next(later, "open") in ("close", "either"):
                continue  # a later mark closes the quote: this one is a possessive
            role = "close"
        if open_at is None:
            if role in ("open", "either"):
                open_at = index
        elif role in ("close", "either"):
            pairs.append((open_at, index))
            open_at = None
        else:
            open_at = index  # two openings in a row: the first was never closed
    if style.single:
        spans = [(start, end + 1) for start, end in pairs]
        if open_at is not None:
            spans.append((open_at, len(paragraph)))
        outside, _ = _pair_marks(_mask_quotes(paragraph, spans))
        pairs = sorted(pairs + outside)
    return pairs, open_at


def _starts_with_opening_mark(paragraph: str, style: _QuoteStyle = _DOUBLE) -> bool:
    stripped = paragraph.lstrip()
    return bool(stripped) and style.is_opening(stripped, 0)


def _inner_span(paragraph: str, open_at: int, close_at: int) -> tuple[int, int]:
    """The quoted words between two marks, without spaces and the comma that leads to the tag."""
    start, end = open_at + 1, close_at
    while start < end and paragraph[start].isspace():
        start += 1
    while end > start and (paragraph[end - 1].isspace() or paragraph[end - 1] in ",;:—–"):
        end -= 1
    return start, end


# --------------------------------------------------------------------------------------------------
# Names and people
# --------------------------------------------------------------------------------------------------

_NAME_TOKEN = (
    r"(?:(?:Dr|Mr|Mrs|Ms|Mx|Prof|Gov|Sen|Rep|Gen|Lt|Col|Sgt|Capt|Cmdr|Adm|Maj|Cpl|Rev|Supt|Det|Atty|Hon|Fr)\."
    rf"|{_UP}\.|{_UP}[\w'’-]*)"
)
_PARTICLE = r"(?:de|da|del|della|der|den|di|du|dos|das|la|le|van|von|bin|ibn|al|el|ter|ten)"
_NAME_RUN_RE = re.compile(rf"{_NAME_TOKEN}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_NAME_TOKEN})*")
_ORG_OF_RE = re.compile(rf"{_UP}[\w'’-]*\s+of\s+(?:the\s+)?$")
# "Center for Border Integrity", "Council on Foreign Relations": the words after are the organisation's.
_ORG_FOR_RE = re.compile(rf"({_UP}[\w'’-]*)\s+(?:for|on)\s+(?:the\s+)?$")
_TITLE_CONNECTOR_RE = re.compile(
    rf"\s+(?:of|in|for|at|on)\s+(?:the\s+)?{_NAME_TOKEN}(?:[ \t]+{_NAME_TOKEN})*"
)
_ROLE_THEN_NAME_RE = re.compile(
    rf"\s+((?:[a-z][\w-]*\s+){{1,2}}){_NAME_TOKEN}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_NAME_TOKEN})*"
)
_ROLE_BEFORE_NAME_RE = re.compile(rf"(?:[a-z][\w-]*\s+){{1,3}}(?={_UP})")
_APPOSITIVE_RE = re.compile(r",\s+(?:a|an|the|who|whose|one|\d+)\b")
_APPOSITIVE_BREAK_RE = re.compile(r",|[.!?][\"”’']?\s+(?=[A-Z\"“‘])|[\"“”]")


@dataclass
class _Person:
    """What a capitalised phrase turned out to be once titles and function words are removed."""

    name: str
    is_person: bool
    had_title: bool
    gender: str = ""


def _strip_titles(tokens: list[str]) -> tuple[list[str], bool, str]:
    """Drop leading function words and job titles from a name's tokens.

    "Los Angeles District Attorney George Gascon" becomes "George Gascon": everything up to the last
    title word goes, but never the last token ("Tom King" keeps "King"). Returns the tokens left,
    whether a title was seen, and the gender implied by Mr/Mrs/Ms.
    """
    first = 0
    while first < len(tokens) and _bare(tokens[first]) in _NOT_NAME_START:
        first += 1
    tokens = tokens[first:]
    last_title = -1
    gender = ""
    for index, token in enumerate(tokens[:-1]):
        if _is_title_word(token):
            last_title = index
            gender = _GENDER_TITLES.get(_bare(token), gender)
    return tokens[last_title + 1 :], last_title >= 0, gender


def _is_title_word(token: str) -> bool:
    """A job title or honorific, singular or plural ("Councilors Jesse Ramos and ...")."""
    bare = _bare(token)
    return (
        bare in _TITLE_WORDS
        or bare in _TITLE_ABBREVIATIONS
        or (len(bare) > 3 and bare[:-1] in _TITLE_WORDS and bare[-1] == "s")
    )


def _analyse_name(phrase: str) -> _Person | None:
    """Decide whether a capitalised phrase names a person, and return its cleaned form."""
    tokens, had_title, gender = _strip_titles(phrase.split())
    for index, token in enumerate(tokens[1:-1], start=1):
        if _first_name_gender(token) and not _first_name_gender(tokens[0]):
            # "Public Health Director Jane Doe", "Charge Robert Wheeler": the name starts at the first name.
            tokens, had_title = tokens[index:], True
            break
    tokens = [token.rstrip(",;:") for token in tokens]
    if tokens and tokens[-1].endswith(("'s", "’s")):
        tokens[-1] = tokens[-1][:-2]
    bares = [_bare(token) for token in tokens]
    if not any(bares):
        return None
    is_acronym = any(len(t) >= 2 and t.isupper() and t.isalpha() for t in tokens)
    looks_personal = had_title or _first_name_gender(tokens[0]) != ""
    is_org = is_acronym or any(
        (b in _ORG_WORDS and not (looks_personal and b in _SURNAME_LIKE_ORG_WORDS))
        or (b.endswith("s") and b[:-1] in _TITLE_WORDS)  # "Deputy District Attorneys"
        for b in bares
    )
    is_place = any(b in _PLACE_NAMES for b in bares) or " ".join(bares) in _PLACE_PHRASES
    is_date = all(b in _DAY_AND_MONTH_WORDS for b in bares)
    initials_only = all(len(b) <= 1 for b in bares)
    is_person = not (is_org or is_date or initials_only or (is_place and not had_title))
    return _Person(" ".join(tokens), is_person, had_title, gender)


@functools.lru_cache(maxsize=4096)
def _name_tokens(name: str) -> tuple[str, ...]:
    """Comparable tokens of a name: folded, without titles, determiners, initials or suffixes."""
    tokens, _, _ = _strip_titles(name.split())
    result = []
    for token in tokens:
        bare = _bare(token)
        if not bare or bare in _DETERMINERS or bare in ("jr", "sr", "ii", "iii", "iv"):
            continue
        if len(bare) == 1:
            continue  # a middle initial says nothing about who it is
        result.append(bare)
    return tuple(result)


def _tokens_match(a: Sequence[str], b: Sequence[str]) -> bool:
    """Surname rule: "gascon" matches "george gascon"; "george w gascon" matches "george gascon"."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if not short:
        return False
    if tuple(short) == tuple(long):
        return True
    return short[-1] == long[-1] and all(token in long for token in short)


def _known_owner(tokens: Sequence[str], people: Sequence[KnownPerson]) -> int | None:
    """Index of the known person whose name or alias matches `tokens`, preferring exact matches."""
    fallback = None
    for index, person in enumerate(people):
        for candidate in (person.name, *person.aliases):
            candidate_tokens = _name_tokens(candidate)
            if candidate_tokens == tokens:
                return index
            if fallback is None and _tokens_match(tokens, candidate_tokens):
                fallback = index
    return fallback


def same_person(a: str, b: str, known_people: Iterable[KnownPerson] = ()) -> bool:
    """Whether two speaker strings name the same person.

    "Gascon", "George Gascon" and "Los Angeles District Attorney George Gascon" are one person: the
    press drops first names and titles after the first mention. Known people and their aliases
    settle what the surname rule cannot (nicknames, "the DA").
    """
    tokens_a, tokens_b = _name_tokens(a or ""), _name_tokens(b or "")
    if not tokens_a or not tokens_b:
        # Phrases made only of function words ("the researchers", "officials") match when equal.
        folded_a, folded_b = (" ".join(_bare(t) for t in x.split()) for x in (a or "", b or ""))
        return bool(folded_a.strip()) and folded_a == folded_b
    people = list(known_people)
    if people:
        owner_a, owner_b = _known_owner(tokens_a, people), _known_owner(tokens_b, people)
        if owner_a is not None and owner_b is not None:
            return owner_a == owner_b
    return _tokens_match(tokens_a, tokens_b)


# --------------------------------------------------------------------------------------------------
# Mentions: the people named in the article, for pronouns and full names
# --------------------------------------------------------------------------------------------------


@dataclass
class _Mention:
    """A person named outside quotation marks.

    `strong` means something says this is a person (a title, an appositive, a speech verb).
    `subject` marks the subject of a speech verb or of its sentence: a later "he said" almost always
    refers back to such a subject rather than to a name in passing.
    """

    paragraph: int
    offset: int
    name: str
    strong: bool
    subject: bool = False


def _verb_follows(text: str, end: int) -> bool:
    """True when a speech verb follows a name, directly or after an appositive ("X, a lawyer, said")."""
    rest = text[end : end + 300]
    for word in _TOKEN_RE.finditer(rest[:80]):
        bare = _bare(word.group())
        if bare in _SPEECH_VERBS and _is_speech_verb_at(rest, word):
            return True
        if bare not in _AUXILIARIES and not bare.endswith("ly"):
            break
    if not rest.startswith(","):
        return False
    # "X, a lawyer, said", "X, a lawyer, has also said", "X, policy director at ..., which ..., said":
    # the verb follows one of the commas that close the appositive.
    for mark in _APPOSITIVE_BREAK_RE.finditer(rest, 1, 250):
        if mark.group() != ",":
            break  # the sentence ends first
        for word in rest[mark.end() : mark.end() + 80].split()[:4]:
            bare = _bare(word)
            if bare in _SPEECH_VERBS:
                return True
            if bare not in _AUXILIARIES and not bare.endswith("ly"):
                break
    return False


def _collect_mentions(paragraph_index: int, masked: str) -> tuple[list[_Mention], dict[str, str]]:
    """The people named in a paragraph whose quotes are masked, and genders known from titles."""
    mentions = []
    genders = {}
    sentence_starts = {start for start, _ in sentence_spans(masked)}
    for match in _NAME_RUN_RE.finditer(masked):
        if _ORG_OF_RE.search(masked, max(0, match.start() - 40), match.start()):
            continue  # "Association of Deputy District Attorneys": part of an organisation's name
        org_for = _ORG_FOR_RE.search(masked, max(0, match.start() - 40), match.start())
        if org_for is not None and _bare(org_for.group(1)) in _ORG_WORDS:
            continue  # "the Center for Border Integrity"
        person = _analyse_name(match.group())
        if person is None or not person.is_person:
            continue
        speaks = _verb_follows(masked, match.end())
        appositive = _APPOSITIVE_RE.match(masked, match.end()) is not None
        strong = person.had_title or appositive or speaks
        offset = match.start() + max(0, match.group().find(person.name.split()[0]))
        subject = speaks or match.start() in sentence_starts
        mentions.append(_Mention(paragraph_index, offset, person.name, strong, subject))
        gender = person.gender or _role_gender(masked, match.start(), match.end())
        if gender:
            genders[person.name] = gender
    return mentions, genders


# Role words that say whether a person is a man or a woman, for "he" and "she".
_GENDERED_ROLES = {
    **dict.fromkeys(
        _words(
            """spokeswoman chairwoman congresswoman councilwoman assemblywoman alderwoman selectwoman
            businesswoman policewoman actress waitress widow mother grandmother wife daughter sister
            aunt niece girlfriend dame lady queen princess duchess baroness"""
        ),
        "f",
    ),
    **dict.fromkeys(
        _words(
            """spokesman chairman congressman councilman assemblyman alderman selectman businessman
            policeman actor widower father grandfather husband son brother uncle nephew boyfriend
            sir lord king prince duke baron"""
        ),
        "m",
    ),
}
_ROLE_BEFORE_RE = re.compile(r"([A-Za-z]+)[ \t]+$")
_ROLE_AFTER_RE = re.compile(r",\s+(?:a|an|the|his|her)\s+([^,;.\"“”]{0,60})")


def _role_gender(text: str, start: int, end: int) -> str:
    """Gender from a role word right before a name or in its appositive ("X, a spokeswoman for")."""
    before = _ROLE_BEFORE_RE.search(text, max(0, start - 30), start)
    if before is not None and before.group(1).lower() in _GENDERED_ROLES:
        return _GENDERED_ROLES[before.group(1).lower()]
    after = _ROLE_AFTER_RE.match(text, end)
    if after is not None:
        for word in after.group(1).split()[:4]:
            if word.lower() in _GENDERED_ROLES:
                return _GENDERED_ROLES[word.lower()]
    return ""


def _first_name_gender(name: str) -> str:
    first = _bare(name.split()[0]) if name.split() else ""
    if first in _FEMALE_NAMES:
        return "f"
    if first in _MALE_NAMES:
        return "m"
    return ""


def _promote_surnames(mentions: list[_Mention]) -> list[_Mention]:
    """Give one-word mentions ("Becker") the full name used elsewhere ("Tom Becker").

    A lone capitalised word is trusted as a person only when it is the surname of someone named in
    full, or when it speaks; this keeps "Nashville" or "Instagram" out of pronoun resolution.
    """
    by_surname: dict[str, list[_Mention]] = {}
    for mention in mentions:
        if len(mention.name.split()) > 1:
            by_surname.setdefault(_bare(mention.name.split()[-1]), []).append(mention)
    positions = {surname: [(m.paragraph, m.offset) for m in found] for surname, found in by_surname.items()}
    kept = []
    for mention in mentions:
        if len(mention.name.split()) == 1:
            surname = _bare(mention.name)
            candidates = by_surname.get(surname, [])
            if candidates:
                before = bisect.bisect_left(positions[surname], (mention.paragraph, mention.offset))
                mention.name = candidates[before - 1 if before > 0 else 0].name
                mention.strong = True
            elif not mention.strong:
                continue
        kept.append(mention)
    return kept


# --------------------------------------------------------------------------------------------------
# The article model shared by quotes and claims
# --------------------------------------------------------------------------------------------------


@dataclass
class _Speaker:
    """A raw attribution: the phrase, its kind, and where it sits (pronouns look backwards from it)."""

    phrase: str
    kind: str
    paragraph: int
    offset: int


@dataclass
class _Quote:
    paragraph: int
    start: int
    end: int
    open_at: int
    close_at: int | None  # None: the quote runs on into the next paragraph
    chain: int | None = None
    resolved: str = ""
    own_attribution: bool = False


@dataclass
class _Article:
    paragraphs: list[str]
    furniture: list[bool]
    sentences: list[list[tuple[int, int]]]
    sentence_starts: list[list[int]]
    marked_spans: list[list[tuple[int, int]]]  # quoted passages including their marks
    masked: list[str] = field(default_factory=list)
    quotes: list[_Quote] = field(default_factory=list)
    mentions_by_paragraph: dict[int, list[_Mention]] = field(default_factory=dict)
    mention_offsets: dict[int, list[int]] = field(default_factory=dict)
    # surname -> full name -> positions (paragraph, offset) in reading order
    names_by_surname: dict[str, dict[str, list[tuple[int, int]]]] = field(default_factory=dict)
    genders: dict[str, str] = field(default_factory=dict)
    style: _QuoteStyle = _DOUBLE
    short_names: dict[str, str] = field(default_factory=dict)  # cache of _expanded_short_name

    def sentence_at(self, paragraph: int, position: int) -> tuple[int, int]:
        """The sentence containing `position`, or the next one when it falls between two."""
        spans = self.sentences[paragraph]
        if not spans:
            return 0, len(self.paragraphs[paragraph])
        index = max(0, bisect.bisect_right(self.sentence_starts[paragraph], position) - 1)
        if position >= spans[index][1] and index + 1 < len(spans):
            index += 1
        return spans[index]


def _build_article(paragraphs: Sequence[str], with_mentions: bool = True) -> _Article:
    """Pair the quotation marks of every paragraph, link multi-paragraph quotes, index mentions.

    Claims need the quoted passages but not the people, so they skip the mention index.
    """
    texts = [p if isinstance(p, str) else "" for p in paragraphs]
    sentences = [sentence_spans(p) for p in texts]
    article = _Article(
        paragraphs=texts,
        furniture=[_is_furniture(p) for p in texts],
        sentences=sentences,
        sentence_starts=[[start for start, _ in spans] for spans in sentences],
        marked_spans=[[] for _ in texts],
        style=_SINGLE if _uses_single_quotes(texts) else _DOUBLE,
    )
    _find_quotes(article)
    mentions: list[_Mention] = []
    for index, paragraph in enumerate(texts):
        article.masked.append(_mask_quotes(paragraph, article.marked_spans[index]))
        if with_mentions and not article.furniture[index]:
            found, genders = _collect_mentions(index, article.masked[index])
            mentions.extend(found)
            article.genders.update(genders)
    for mention in _promote_surnames(mentions):
        gender = _first_name_gender(mention.name)
        if gender:
            article.genders.setdefault(mention.name, gender)
        article.mentions_by_paragraph.setdefault(mention.paragraph, []).append(mention)
        article.mention_offsets.setdefault(mention.paragraph, []).append(mention.offset)
        names = article.names_by_surname.setdefault(_bare(mention.name.split()[-1]), {})
        names.setdefault(mention.name, []).append((mention.paragraph, mention.offset))
    if with_mentions:
        _add_couples(article)
        _add_described_speakers(article)
    return article


def _insert_mention(article: _Article, mention: _Mention) -> None:
    """Add a mention to the paragraph index, keeping it in reading order."""
    offsets = article.mention_offsets.setdefault(mention.paragraph, [])
    position = bisect.bisect_left(offsets, mention.offset)
    offsets.insert(position, mention.offset)
    article.mentions_by_paragraph.setdefault(mention.paragraph, []).insert(position, mention)


# "Darnell and Yvette Guidry": two people who share the surname written once.
_COUPLE_RE = re.compile(rf"\b({_UP}[\w’'-]+)\s+and\s+({_UP}[\w’'-]+)\s+({_UP}[\w’'-]+)\b")


def _add_couples(article: _Article) -> None:
    """Give the first of "Darnell and Yvette Guidry" the surname, as a person of their own."""
    for index, masked in enumerate(article.masked):
        if article.furniture[index] or " and " not in masked:
            continue
        for match in _COUPLE_RE.finditer(masked):
            first, partner, surname = match.group(1), match.group(2), match.group(3)
            full = f"{partner} {surname}"
            names = article.names_by_surname.get(_bare(surname), {})
            if full not in names or _bare(first) in article.names_by_surname:
                continue  # "Smith and Jane Doe": Smith is someone's surname, not a first name
            if _bare(first) in _NOT_NAME_START or _is_title_word(first):
                continue
            person = _analyse_name(f"{first} {surname}")
            if person is None or not person.is_person:
                continue
            name = f"{first} {surname}"
            names.setdefault(name, []).append((index, match.start(1)))
            names[name].sort()
            _insert_mention(article, _Mention(index, match.start(1), name, strong=True))
            gender = _first_name_gender(name)
            if gender:
                article.genders.setdefault(name, gender)


_KIN_GENDERS = {
    **dict.fromkeys(_words("husband son brother father"), "m"),
    **dict.fromkeys(_words("wife daughter sister mother widow"), "f"),
    **dict.fromkeys(_words("partner spouse child"), ""),
}
# Subjects that name no one but refer to someone: "The spokeswoman said", "Her husband, a retired
# shrimper, said", "A spokesman for the Department of Transport said".
_DESCRIBED_SUBJECT_RE = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=[.!?][\"”’']\s))(?:(The)\s+([a-z]+)|(Her|His)\s+([a-z]+)|"
    rf"(?:An?|One)\s+(?:[a-z][\w-]*\s+){{0,2}}?([a-z]+)\s+(?:for|of|at|with|to|from)\s+(?:the\s+)?"
    rf"{_UP}[\w.’'&-]*(?:\s+(?:(?:and|of|for|the|on|in|&)\s+)*{_UP}[\w.’'&-]*)*)"
)


def _add_described_speakers(article: _Article) -> None:
    """Make speaking subjects without a name mentions, so that a later "he" or "she" finds them.

    "The spokeswoman said" is the person introduced with that role; "Her husband" is the man who
    shares her surname ("Darnell and Yvette Guidry"); "A spokesman for the Department of Transport"
    is that description.
    """
    for index, masked in enumerate(article.masked):
        if article.furniture[index]:
            continue
        for match in _DESCRIBED_SUBJECT_RE.finditer(masked):
            if not _verb_follows(masked, match.end()):
                continue
            name, gender = "", ""
            if match.group(1):
                role = match.group(2)
                if role not in _ROLE_NOUNS:
                    continue
                name = _resolve_role(article, role, index, match.start())
                gender = _GENDERED_ROLES.get(role, "")
            elif match.group(3):
                kin = match.group(4)
                if kin not in _KIN_GENDERS:
                    continue
                gender = _KIN_GENDERS[kin]
                name = _relative_of(article, match.group(3), gender, index, match.start())
            elif match.group(5) in _ROLE_NOUNS:
                name = match.group()[0].lower() + match.group()[1:]
                gender = _GENDERED_ROLES.get(match.group(5), "")
            if not name:
                continue
            _insert_mention(article, _Mention(index, match.start(), name, strong=True, subject=True))
            if gender:
                article.genders.setdefault(name, gender)


def _relative_of(article: _Article, possessive: str, gender: str, paragraph: int, offset: int) -> str:
    """The named relative "her husband" refers to: someone else with her surname, of his gender."""
    owner = _resolve_pronoun(article, "she" if possessive.lower() == "her" else "he", paragraph, offset)
    if not owner or len(owner.split()) < 2:
        return ""
    best, best_place = "", (-1, -1)
    for name, positions in article.names_by_surname.get(_bare(owner.split()[-1]), {}).items():
        known = article.genders.get(name, "") or _first_name_gender(name)
        if name == owner or (gender and known not in ("", gender)):
            continue
        place = max((p for p in positions if p < (paragraph, offset)), default=(-1, -1))
        if place > best_place:
            best, best_place = name, place
    return best


def _find_quotes(article: _Article) -> None:
    """Find the quoted passages, following quotes that run on over several paragraphs.

    News convention: a paragraph that ends inside a quote has no closing mark, and the next
    paragraph opens with a quotation mark to say the same speaker goes on.
    """
    texts = article.paragraphs
    pending_chain: int | None = None
    chain_count = 0
    for index, paragraph in enumerate(texts):
        if article.furniture[index]:
            pending_chain = None
            continue
        pairs, dangling = _pair_marks(paragraph, article.style)
        continues = pending_chain is not None and _starts_with_opening_mark(paragraph, article.style)
        for number, (open_at, close_at) in enumerate(pairs):
            article.marked_spans[index].append((open_at, close_at + 1))
            start, end = _inner_span(paragraph, open_at, close_at)
            if start >= end or not any(ch.isalnum() for ch in paragraph[start:end]):
                continue
            quote = _Quote(index, start, end, open_at, close_at)
            if number == 0 and continues and not paragraph[:open_at].strip():
                quote.chain = pending_chain
            article.quotes.append(quote)
        runs_on = continues and not pairs and dangling is not None and not paragraph[:dangling].strip()
        chain_id = pending_chain if runs_on else None
        next_paragraph = texts[index + 1] if index + 1 < len(texts) else ""
        pending_chain = None
        if dangling is None or not _starts_with_opening_mark(next_paragraph, article.style):
            continue  # an opening mark nobody closes is skipped, not guessed at
        article.marked_spans[index].append((dangling, len(paragraph)))
        start, end = _inner_span(paragraph, dangling, len(paragraph))
        if start < end and any(ch.isalnum() for ch in paragraph[start:end]):
            if chain_id is None:
                chain_count += 1
                chain_id = chain_count
            article.quotes.append(_Quote(index, start, end, dangling, None, chain=chain_id))
            pending_chain = chain_id


# --------------------------------------------------------------------------------------------------
# Reading attributions
# --------------------------------------------------------------------------------------------------

_ACCORDING_TO_RE = re.compile(r"\baccording\s+to\s+", re.IGNORECASE)
_CLAUSE_WORDS = _words("what it he she they we i you")
_STOP_AFTER_NOUN = _words(
    """who whose which that in at on for of from with by to and or but as when while after before
    during about said says told wrote added is was are were has had have"""
)
# Past participles without "-ed" that open a reduced relative clause: "an internal memo sent to ...".
_IRREGULAR_PARTICIPLES = _words(
    """sent seen written shown given taken known held kept made done drawn brought obtained leaked
    circulated dated signed shared"""
)


def _read_phrase_forward(text: str) -> _Phrase | None:
    """Read the speaker phrase that opens `text`: a name, a pronoun, or a phrase like "the webpage"."""
    leading = len(text) - len(text.lstrip(" ,;:—–-"))
    body = text[leading:]
    first = _TOKEN_RE.match(body)
    if first is None:
        return None
    first_bare = _bare(first.group())
    if first_bare in _PRONOUNS:
        return first.group().strip(",.;:"), "pronoun", leading
    role = _ROLE_BEFORE_NAME_RE.match(body)
    if role is not None and _is_title_word(role.group().split()[-1]):
        # "city spokesperson Ann Lee", "team owner Richard Vance": the role is not the name.
        named = _read_phrase_forward(body[role.end() :])
        if named is not None and named[1] == "person":
            return named[0], named[1], leading + role.end() + named[2]
    name = _NAME_RUN_RE.match(body)
    if name is not None and first_bare not in _DETERMINERS:
        end = name.end()
        while all(_is_title_word(token) for token in body[:end].split()):
            # "Special Agent in Charge Robert Wheeler", "Secretary of State Antony Blinken"
            more = _TITLE_CONNECTOR_RE.match(body, end)
            if more is None:
                break
            end = more.end()
        role = _ROLE_THEN_NAME_RE.match(body, end)
        if role is not None and _is_title_word(role.group(1).split()[-1]):
            end = role.end()  # "Board member Luis Ortega", "City Council member Ana Ruiz"
        phrase = body[:end]
        person = _analyse_name(phrase)
        if person is None or all(_bare(t) in _DAY_AND_MONTH_WORDS for t in phrase.split()):
            return None
        return phrase, "person" if person.is_person else "thing", leading
    if first_bare not in _DETERMINERS and not first.group().endswith(("'s", "’s")):
        return None
    words: list[str] = []
    for token, _ in _tokens_with_offsets(body[:200])[:6]:
        clean = token.rstrip(",.;:!?")
        bare = _bare(clean)
        if words and (
            bare in _STOP_AFTER_NOUN
            or bare in _IRREGULAR_PARTICIPLES
            or (bare.endswith(("ed", "ing")) and len(bare) > 4)
        ):
            break
        words.append(clean)
        if clean != token:
            break
    if len(words) < 2:
        return None
    return " ".join(words), "thing", leading


def _read_clause_subject(head: str) -> _Phrase | None:
    """The name, pronoun or noun phrase that opens a clause and is closed by a comma (appositive).

    A leading adverbial ("In a statement, ...") is skipped once.
    """
    skip = 0
    for _attempt in range(2):
        phrase = _read_phrase_forward(head[skip:])
        if phrase is not None:
            words, kind, offset = phrase
            if head[skip + offset + len(words) :].startswith(","):
                return words, kind, skip + offset
        opener = re.match(r"\s*[^,\"“”]{0,60}?,\s+", head[skip:])
        if opener is None or skip:
            return None
        skip = opener.end()
    return None


def _read_renamed_subject(tokens: list[tuple[str, int]]) -> _Phrase | None:
    """A name set off by commas just before the verb renames the subject.

    "Norland's vice president of product safety, Ian Brody, wrote": the speaker is Ian Brody.
    """
    index = len(tokens) - 1
    while index > 0 and _is_capitalised(tokens[index - 1][0]) and not _ends_clause(tokens[index - 1][0]):
        index -= 1
    if index == len(tokens) - 1 and not _is_capitalised(tokens[index][0]):
        return None
    if index == 0 or not tokens[index - 1][0].endswith(","):
        return None
    phrase = " ".join(token for token, _ in tokens[index:]).rstrip(",—")
    person = _analyse_name(phrase)
    if person is None or not person.is_person or len(person.name.split()) < 2:
        return None
    return phrase, "person", tokens[index][1]


def _read_subject_backward(head: str) -> _Phrase | None:
    """Read the subject that ends `head`, the text right before a speech verb.

    Handles "Team owner Richard Vance", "she", "the webpage", "Gascon's office", and an appositive
    closed by a comma ("Patrick Miller, whose sister ..., previously"), whose subject opens the clause.
    """
    tokens = _tokens_with_offsets(head)
    while tokens and not tokens[-1][0].endswith(","):
        bare = _bare(tokens[-1][0])
        if bare not in _AUXILIARIES and not bare.endswith("ly"):
            break
        tokens.pop()
    if not tokens:
        return None
    last, last_offset = tokens[-1]
    if last.endswith((",", "—")):
        return _read_renamed_subject(tokens) or _read_clause_subject(head) or _read_appositive_owner(head)
    if _bare(last) in _PRONOUNS:
        return last, "pronoun", last_offset
    if _bare(last) == "it":
        # "The report criticised what it called ...": "it" is the thing that opens the sentence.
        opener = _read_phrase_forward(head)
        if opener is not None and opener[1] == "thing" and opener[2] + len(opener[0]) <= last_offset:
            return opener
        return last, "pronoun", last_offset  # "It said": resolved to the organisation that spoke last
    if _is_capitalised(last):
        described = _DESCRIBED_SOURCE_END_RE.search(head, 0, last_offset + len(last))
        if described is not None and described.group(1) in _ROLE_NOUNS:
            return described.group().rstrip(",.;:"), "thing", described.start()
        index = len(tokens) - 1
        while index > 0:
            previous = tokens[index - 1][0]
            if _ends_clause(previous):
                break
            if not (_is_capitalised(previous) or _bare(previous) in _NAME_PARTICLES):
                break
            index -= 1
        phrase = " ".join(token for token, _ in tokens[index:])
        person = _analyse_name(phrase)
        if person is None:
            return None
        return phrase, "person" if person.is_person else "thing", tokens[index][1]
    for back in range(1, min(5, len(tokens)) + 1):
        token, offset = tokens[-back]
        if back > 1 and _ends_clause(token):
            return None
        bare = _bare(token)
        if back > 1 and (bare in _STOP_AFTER_NOUN or bare in _CLAUSE_WORDS):
            return None  # "the report criticised what it": a clause, not a noun phrase
        is_possessive = token.endswith(("'s", "’s"))
        if back > 1 and (bare in _DETERMINERS or is_possessive):
            start = back
            if is_possessive and back < len(tokens) and _bare(tokens[-back - 1][0]) in _DETERMINERS:
                start = back + 1  # "the study's authors"
            return " ".join(t for t, _ in tokens[-start:]), "thing", tokens[-start][1]
    return None


# "A spokesman for the Department of Transport" before a verb: an unnamed source, as written.
_DESCRIBED_SOURCE_END_RE = re.compile(
    r"(?:^|(?<=[\s(]))(?:[Aa]n?|[Oo]ne)\s+(?:[a-z][\w-]*\s+){0,2}?([a-z]+)\s+(?:for|of|at|with|to|from)\s+"
    rf"(?:the\s+)?{_UP}[\w.’'&-]*(?:\s+(?:(?:and|of|for|the|on|in|&)\s+)*{_UP}[\w.’'&-]*)*$"
)


def _read_appositive_owner(head: str) -> _Phrase | None:
    """The person an appositive describes, however the sentence opens.

    "In a letter to ... dated March 28, state Rep. Angela Brightwater, a Democrat whose district
    includes the plant, wrote": the speaker is the name right before the comma that opens the
    appositive (", a", ", the", ", who").
    """
    for appositive in reversed(list(_APPOSITIVE_RE.finditer(head, max(0, len(head) - 300)))):
        before = head[: appositive.start()]
        if not before.strip() or before.rstrip().endswith((",", "—")):
            continue
        subject = _read_subject_backward(before)
        if subject is not None and subject[1] == "person":
            return subject
    return None


def _is_title_prefix(text: str) -> bool:
    """Whether the words before a name are only a job description ("Team owner", "board chair")."""
    tokens = text.split()
    if not tokens:
        return True
    if len(tokens) > 4 or any(_ends_clause(token) or _bare(token) in _PREPOSITIONS for token in tokens):
        return False
    return _is_title_word(tokens[-1]) or all(_is_capitalised(token) for token in tokens)


def _first_speech_verb(text: str) -> re.Match[str] | None:
    for match in _WORD_RE.finditer(text):
        if _is_speech_verb_at(text, match):
            return match
    return None


def _speaker_after_quote(segment: str) -> _Phrase | None:
    """The attribution after a quote: `," Mayor Angela Ruiz said`, `," said Dr. Elaine Marsh`,
    `," Patrick Miller, whose sister ..., told Fox News` or `," according to Felicia Grant`."""
    leading = len(segment) - len(segment.lstrip(" ,;:—–-"))
    body = segment[leading:]
    according = _ACCORDING_TO_RE.match(body)
    if according:
        phrase = _read_phrase_forward(body[according.end() :])
        return None if phrase is None else (phrase[0], phrase[1], leading + according.end() + phrase[2])
    tokens = _tokens_with_offsets(body)
    index = 0
    while index < min(3, len(tokens)) and _bare(tokens[index][0]) in _AUXILIARIES:
        index += 1
    if index < len(tokens) and _bare(tokens[index][0]) in _SPEECH_VERBS:
        verb, verb_offset = tokens[index]
        if verb.endswith((",", ".", ";", ":")):
            return None
        phrase = _read_phrase_forward(body[verb_offset + len(verb) :])
        if phrase is None:
            return None
        return phrase[0], phrase[1], leading + verb_offset + len(verb) + phrase[2]
    verb_match = _first_speech_verb(body[:320])
    if verb_match is None:
        return None
    head = body[: verb_match.start()]
    backward = _read_subject_backward(head)
    if backward is not None and _is_title_prefix(head[: backward[2]]):
        return backward[0], backward[1], leading + backward[2]
    forward = _read_phrase_forward(head)
    if forward is None or forward[2] != 0:
        return None
    gap = head[len(forward[0]) :].strip()
    gap_words = gap.split()
    if gap and not gap.startswith(",") and not (gap_words and _bare(gap_words[0]) in _PREPOSITIONS):
        return None
    if any(_ends_clause(word) for word in gap_words[:-1]) and not gap.startswith(","):
        return None
    return forward[0], forward[1], leading


def _speaker_before_quote(segment: str) -> _Phrase | None:
    """The attribution before a quote in the same sentence: `Ruiz tweeted:`, `X said the law was`."""
    matches = list(_ACCORDING_TO_RE.finditer(segment))
    last_according = matches[-1] if matches else None
    if last_according is not None:
        phrase = _read_phrase_forward(segment[last_according.end() :])
        if phrase is not None:
            return phrase[0], phrase[1], last_according.end() + phrase[2]
    for verb in _WORD_RE.finditer(segment):
        if _is_speech_verb_at(segment, verb) or _reports_that(segment, verb):
            subject = _read_subject_backward(segment[: verb.start()])
            if subject is not None:
                return subject
    speaking = _SPEAKING_OPENER_RE.match(segment)
    if speaking is not None:
        phrase = _read_phrase_forward(segment[speaking.end() :])
        if phrase is not None and phrase[1] != "thing":
            return phrase[0], phrase[1], speaking.end() + phrase[2]  # "Speaking to supporters, X ..."
    if segment.rstrip().endswith(":"):
        phrase = (
            _read_clause_subject(segment.rstrip()[:-1] + ",")
            or _read_phrase_forward(segment)
            or _read_sentence_subject(segment)  # "Asked what he wanted, he did not hesitate: ..."
        )
        if phrase is not None and phrase[1] != "thing":
            return phrase  # "Smith had a message for critics: ..."
    as_put = None
    for as_put in _AS_PUT_IT_RE.finditer(segment):  # noqa: B007 - the last one is wanted
        pass
    if as_put is not None:
        phrase = _read_phrase_forward(as_put.group(1))
        if phrase is not None and phrase[1] != "thing":
            return phrase[0], phrase[1], as_put.start(1) + phrase[2]  # "as he puts it, "...""
    characterised = None
    for characterised in _CHARACTERISED_AS_RE.finditer(segment):  # noqa: B007 - the last one is wanted
        pass
    if characterised is not None:
        subject = _read_subject_backward(segment[: characterised.start()])
        if subject is not None:
            return subject  # 'a reviewer dismissed them as "handsome rugs."'
    participles = list(_PARTICIPLE_RE.finditer(segment))
    if participles:
        return _read_sentence_subject(segment[: participles[-1].start()])
    return None


# ", saying he had "betrayed ..."": the speaker is the subject of the sentence the participle ends.
_PARTICIPLE_RE = re.compile(
    r",\s+(?:saying|adding|noting|arguing|writing|insisting|warning|claiming|calling|describing|"
    r"telling|explaining|acknowledging|declaring)\b"
)
# "Speaking to about 300 supporters, Vasquez-Lind thanked ...": the subject is speaking.
_SPEAKING_OPENER_RE = re.compile(
    r"\s*(?:Speaking|Addressing|Testifying|Talking|Writing)\b[^\"“”‘’,.;:]{0,120},\s+"
)
_THAT_RE = re.compile(r"\s+that\b")


def _reports_that(text: str, verb: re.Match[str]) -> bool:
    """ "The report found that ...": a reporting verb that introduces what was found."""
    return _bare(verb.group()) in _REPORTING_VERBS and _THAT_RE.match(text, verb.end()) is not None


# 'a reviewer dismissed them as "handsome rugs"': the words are the reviewer's verdict.
_CHARACTERISED_AS_RE = re.compile(
    r"\b(?:dismissed|dismisses|derided|derides|hailed|hails|decried|decries|praised|praises|"
    r"criticized|criticised|denounced|mocked|ridiculed|lauded|slammed|blasted)\b"
    r"(?=[^.;:\"“”‘]{0,60}\bas\s*$)"
)
# "as he puts it", "as one resident put it": the words that follow are that person's.
_AS_PUT_IT_RE = re.compile(
    r"\b[Aa]s\s+((?:[\w’'.-]+\s+){0,3}?[\w’'.-]+)\s+(?:puts|put|has\s+put|likes\s+to\s+put)\s+it\b"
)
_OPENING_ADVERBIAL_RE = re.compile(r"\s*[^,\"“”‘]{0,60}?,\s+")


def _read_sentence_subject(head: str) -> _Phrase | None:
    """The subject that opens a sentence, after one leading adverbial ("Earlier, he had ...")."""
    phrase = _read_phrase_forward(head)
    if phrase is not None:
        return phrase
    opener = _OPENING_ADVERBIAL_RE.match(head)
    if opener is None:
        return None
    phrase = _read_phrase_forward(head[opener.end() :])
    return None if phrase is None else (phrase[0], phrase[1], opener.end() + phrase[2])


# --------------------------------------------------------------------------------------------------
# Resolving speakers
# --------------------------------------------------------------------------------------------------


def _fullest_name(article: _Article, name: str, paragraph: int, offset: int) -> str:
    """The fullest form of a name used in the article: "Gascon" becomes "George Gascon".

    For a surname alone the nearest earlier full name wins (two Ortegas in one story); otherwise the
    longest matching name does.
    """
    tokens = _name_tokens(name)
    if not tokens:
        return name
    best: tuple[tuple, str] | None = None
    for candidate, positions in article.names_by_surname.get(tokens[-1], {}).items():
        candidate_tokens = _name_tokens(candidate)
        if len(candidate_tokens) < len(tokens) or not _tokens_match(tokens, candidate_tokens):
            continue
        before = bisect.bisect_right(positions, (paragraph, offset))
        earlier = before > 0
        place = positions[before - 1] if earlier else (0, 0)
        if len(tokens) == 1:
            rank = (earlier, place, len(candidate_tokens))
        else:
            rank = (len(candidate_tokens), earlier, place)
        if best is None or rank > best[0]:
            best = (rank, candidate)
    return best[1] if best else name


def _resolve_pronoun(article: _Article, pronoun: str, paragraph: int, offset: int) -> str:
    """The most salient earlier person that fits the pronoun: subjects first, then the nearest.

    Paragraphs are searched backwards, nearest first; inside a paragraph the subject of a sentence
    or of a speech verb wins over a name mentioned in passing ("whose sister Michelle Avan").
    """
    gender = _PRONOUNS.get(_bare(pronoun), "")
    for strong_only in (True, False):
        for distance in range(0, 7 if strong_only else 2):
            mentions = article.mentions_by_paragraph.get(paragraph - distance, [])
            end = len(mentions)
            if distance == 0:
                end = bisect.bisect_left(article.mention_offsets.get(paragraph, []), offset)
            best, best_rank = None, (False, False)
            for mention in reversed(mentions[max(0, end - 200) : end]):
                if strong_only and not mention.strong:
                    continue
                known_gender = article.genders.get(mention.name, "")
                if gender and known_gender not in ("", gender):
                    continue
                # A subject first; among subjects, one known to be a "she" for "she" (a woman
                # named by a role word or a pronoun earlier) over a name of unknown gender.
                rank = (mention.subject, bool(gender) and known_gender == gender)
                if best is None or rank > best_rank:
                    best, best_rank = mention, rank
                if best_rank == (True, True) or (best_rank[0] and not gender):
                    break
            if best is not None:
                if gender:
                    article.genders.setdefault(best.name, gender)
                return best.name
    return ""


# "the researchers wrote": a plural noun phrase that speaks, for a later "they".
_PLURAL_SPEAKER_RE = re.compile(
    r"\b(?:the|these|those|its|their)\s+(?:[a-z][\w’'-]*\s+){0,2}?([a-z][\w-]*[^s\W]s)\s+"
    r"(?:(?:also|have|had|has|later)\s+)?(?:said|say|wrote|write|found|find|reported|report|concluded|"
    r"conclude|noted|note|argued|argue|estimated|estimate|called|call|warned|warn|cautioned)\b",
    re.IGNORECASE,
)


def _resolve_they(article: _Article, paragraph: int, offset: int) -> str:
    """A "they" after "the researchers wrote" (in this paragraph or the one before) is them."""
    for distance in (0, 1):
        index = paragraph - distance
        if index < 0:
            break
        text = article.masked[index][: offset if distance == 0 else None]
        found = None
        for found in _PLURAL_SPEAKER_RE.finditer(text):  # noqa: B007 - the last one is wanted
            pass
        if found is not None:
            phrase = found.group()[: found.end(1) - found.start()]
            return phrase[0].lower() + phrase[1:]
    return ""


# Singular role nouns that a story uses for a person it has named or described before: "the
# spokeswoman said" after "Kendra Ostrowski, a spokeswoman for the sheriff's office".
_ROLE_NOUNS = _words(
    """spokeswoman spokesman spokesperson aide adviser advisor lawyer attorney prosecutor judge
    sheriff mayor governor senator congressman congresswoman chairman chairwoman chair president
    treasurer official analyst economist researcher ceo executive director manager superintendent
    commissioner councillor councilor officer detective coach minister secretary ombudsman owner
    founder candidate representative strategist consultant"""
)
_ROLE_APPOSITIVE_RE = re.compile(r",\s+(?:a|an|the|its|their|his|her)\s+[^,;\"“”]{0,60}$")
_INDEFINITE_ROLE_RE = re.compile(r"(?:^|(?<=[\s(]))(?:a|an|A|An)\s+(?:[a-z][\w-]*\s+){0,2}$")
_ROLE_TAIL_RE = re.compile(r"(?:\s+(?:to|for|of|at|with|in)\s+(?:the\s+)?[\w’'-]+(?:\s+[A-Z][\w’'-]*)*)?")


def _resolve_role(article: _Article, role: str, paragraph: int, offset: int) -> str:
    """Who "the <role>" is: the person last introduced with that role, or how they were described.

    "Kendra Ostrowski, a spokeswoman for ..." or "spokeswoman Kendra Ostrowski" give the name; "A
    senior aide to Castillo, who ..." gives "a senior aide to Castillo". "" when nothing earlier fits.
    """
    role_re = re.compile(rf"\b{re.escape(role)}\b", re.IGNORECASE)
    for index in range(paragraph, max(-1, paragraph - 12), -1):
        text = article.masked[index]
        found = list(role_re.finditer(text, 0, offset if index == paragraph else len(text)))
        for match in reversed(found):
            head, tail = text[max(0, match.start() - 120) : match.start()], text[match.end() :]
            named = _NAME_RUN_RE.match(tail.lstrip(", ")) if tail[:1] in (" ", ",") else None
            if named is not None:
                person = _analyse_name(named.group())
                if person is not None and person.is_person and len(person.name.split()) > 1:
                    return person.name  # "spokeswoman Kendra Ostrowski", "attorney, Mark Feldstein"
            appositive = _ROLE_APPOSITIVE_RE.search(head)
            if appositive is not None:
                before = head[: appositive.start()]
                subject = _read_subject_backward(before) if before.strip() else None
                if subject is not None and subject[1] == "person":
                    person = _analyse_name(subject[0])
                    if person is not None:
                        return _fullest_name(article, person.name, index, match.start())
            indefinite = _INDEFINITE_ROLE_RE.search(head)
            if indefinite is not None:
                described = head[indefinite.start() :] + match.group()
                described += _ROLE_TAIL_RE.match(text, match.end()).group()
                return described[0].lower() + described[1:]
    return ""


def _organisation_name(article: _Article, name: str) -> str:
    """The full name a one-word organisation was introduced with: "Kestrel" is "Kestrel Semiconductor".

    Only when its first mention in the article is part of a longer capitalised name.
    """
    first_use = re.compile(rf"\b{re.escape(name)}\b")
    for text in article.masked:
        match = first_use.search(text)
        if match is None:
            continue
        run = _NAME_RUN_RE.match(text, match.start())
        tokens = run.group().split() if run is not None else []
        extra = []
        for token in tokens[1:4]:
            bare = _bare(token)
            if bare in _DAY_AND_MONTH_WORDS or bare in _NOT_NAME_START or _is_title_word(token):
                break
            extra.append(token.rstrip(",.;:’'"))
            if token.endswith(("'s", "’s")) or token != token.rstrip(",.;:"):
                break
        return " ".join([name, *extra]) if extra and not extra[-1].endswith(("'s", "’s")) else name
    return name


_UNNAMED_SOURCE_NOUNS = _words("people person sources source officials official")
_SOURCE_COUNTS = _words("a an one two three four several some")
_ORG_CONNECTORS = _words("and of for the on in &")
# A capitalised name with its connectors: "U.S. Citizenship and Immigration Services".
_ORG_RUN_RE = re.compile(rf"{_UP}[\w.’'&-]*(?:\s+(?:(?:and|of|for|the|on|in|&)\s+)*{_UP}[\w.’'&-]*)*")


def _initials(token: str) -> str:
    """The initials of one token: "U.S." gives "US", "Citizenship" gives "C"."""
    if "." in token.rstrip("."):
        return "".join(part[0] for part in token.split(".") if part).upper()
    return token[0].upper()


def _expanded_short_name(article: _Article, name: str) -> str:
    """The full name of an organisation cited by a short form.

    "Cal Fire" after "the California Department of Forestry and Fire Protection, or Cal Fire" (or
    "... (Cal Fire)"); an acronym such as "USCIS" after "U.S. Citizenship and Immigration Services",
    whose initials it spells. The short form stays when nothing earlier spells it out.
    """
    short = name[4:] if name.lower().startswith("the ") else name
    if not short[:1].isupper() or len(short) > 40:
        return name
    if name not in article.short_names:
        article.short_names[name] = _spelled_out_name(article, short) or name
    return article.short_names[name]


def _spelled_out_name(article: _Article, short: str) -> str:
    """The full name an alias or acronym stands for in the article, or ""."""
    alias_re = re.compile(rf"(?:,\s+or\s+|\s+\()(?:the\s+)?{re.escape(short)}\b")
    for text in article.masked:
        if short not in text:
            continue
        for alias in alias_re.finditer(text):
            tokens = text[max(0, alias.start() - 120) : alias.start()].split()
            index = len(tokens)
            while index > 0 and (
                _is_capitalised(tokens[index - 1]) or tokens[index - 1] in _ORG_CONNECTORS
            ):
                if index < len(tokens) and _ends_clause(tokens[index - 1]):
                    break
                index -= 1
            while index < len(tokens) and (
                tokens[index] in _ORG_CONNECTORS or _bare(tokens[index]) in _NOT_NAME_START
            ):
                index += 1
            if len(tokens) - index >= 2:
                return " ".join(tokens[index:]).rstrip(",")
    letters = short.replace(".", "")
    if not (2 <= len(letters) <= 7 and letters.isalpha() and letters.isupper()):
        return ""
    for text in article.masked:
        for run in _ORG_RUN_RE.finditer(text):
            tokens = run.group().split()
            for first in range(len(tokens)):
                if tokens[first] in _ORG_CONNECTORS:
                    continue
                spelled = ""
                for last in range(first, len(tokens)):
                    if tokens[last] not in _ORG_CONNECTORS:
                        spelled += _initials(tokens[last])
                    if not letters.startswith(spelled):
                        break
                    if spelled == letters and last > first:
                        return " ".join(tokens[first : last + 1]).rstrip(",.;:")
    return ""


# "according to people familiar with the matter": who a later "the people said" is.
_UNNAMED_SOURCE_RE = re.compile(
    r"\b((?:(?:a|an|one|two|three|four|several|some)\s+)?(people|person|sources?|officials?)\s+"
    r"(?:familiar\s+with|briefed\s+on|with\s+(?:direct\s+)?knowledge\s+of|close\s+to|"
    r"knowledgeable\s+about|involved\s+in|aware\s+of)\s+[^,.;:—]{1,60})",
    re.IGNORECASE,
)


def _resolve_unnamed_source(article: _Article, noun: str, paragraph: int, offset: int) -> str:
    """Who "the people" are after "according to people familiar with the matter": those people."""
    for index in range(paragraph, max(-1, paragraph - 12), -1):
        text = article.masked[index][: offset if index == paragraph else None]
        found = [m for m in _UNNAMED_SOURCE_RE.finditer(text) if _bare(m.group(2)) == noun]
        if found:
            words = found[-1].group(1).split()
            kept = words[:5] if _bare(words[0]) in _SOURCE_COUNTS else words[:4]
            for word in words[len(kept) :]:
                if _bare(word) in _STOP_AFTER_NOUN or _bare(word) in _SPEECH_VERBS:
                    break
                kept.append(word)
            phrase = " ".join(kept)
            return phrase[0].lower() + phrase[1:]
    return ""


def _resolve(article: _Article, speaker: _Speaker, known: Sequence[KnownPerson]) -> str:
    """Turn a raw attribution into the name the CMS shows: full name, known person, or the phrase."""
    if speaker.kind == "pronoun" and _bare(speaker.phrase) == "it":
        name = _resolve_it(article, speaker.paragraph, speaker.offset)
    elif speaker.kind == "pronoun":
        name = ""
        if _bare(speaker.phrase) == "they":
            name = _resolve_they(article, speaker.paragraph, speaker.offset)
        name = name or _resolve_pronoun(article, speaker.phrase, speaker.paragraph, speaker.offset)
    elif speaker.kind == "person":
        person = _analyse_name(speaker.phrase)
        name = person.name if person else speaker.phrase
        name = _fullest_name(article, name, speaker.paragraph, speaker.offset)
        if len(name.split()) == 1 and name[:1].isupper():
            name = _organisation_name(article, name)
        name = _expanded_short_name(article, name)
    else:
        words = speaker.phrase.split()
        if words and _bare(words[0]) in _DETERMINERS:
            words[0] = words[0].lower()
        name = " ".join(words).strip(",.;: ")
        if len(words) == 2 and words[0] == "the" and _bare(words[1]) in _ROLE_NOUNS:
            name = _resolve_role(article, _bare(words[1]), speaker.paragraph, speaker.offset) or name
        elif len(words) == 2 and words[0] == "the" and _bare(words[1]) in _UNNAMED_SOURCE_NOUNS:
            source = _resolve_unnamed_source(article, _bare(words[1]), speaker.paragraph, speaker.offset)
            name = source or name
        else:
            name = _expanded_short_name(article, name)
    return _known_name(name, known)


def _resolve_it(article: _Article, paragraph: int, offset: int) -> str:
    """Who "It said" is: the organisation or document that last spoke ("The council said ...")."""
    for index in range(paragraph, max(-1, paragraph - 3), -1):
        text = article.masked[index][: offset if index == paragraph else None]
        found = None
        for verb in _WORD_RE.finditer(text):
            if not _is_speech_verb_at(text, verb):
                continue
            window = max(0, verb.start() - 200)
            subject = _read_subject_backward(text[window : verb.start()])
            if subject is None or subject[1] != "thing":
                continue
            head = _bare(subject[0].split()[-1])
            if subject[0][:1].islower() and head.endswith("s") and not head.endswith("ss"):
                continue  # "the researchers": a "they", not an "it"
            found = _Speaker(subject[0], subject[1], index, window + subject[2])
        if found is not None:
            return _resolve(article, found, ())
    return ""


def _known_name(name: str, known: Sequence[KnownPerson]) -> str:
    if name and known:
        owner = _known_owner(_name_tokens(name), known)
        if owner is not None:
            return known[owner].name
    return name


def _attribution_segments(
    article: _Article, quote: _Quote, previous_close: int
) -> tuple[str, int, str, int]:
    """The text after and before a quote, inside its sentence, where its attribution can sit."""
    paragraph = article.paragraphs[quote.paragraph]
    after_text, after_start = "", len(paragraph)
    if quote.close_at is not None:
        after_start = quote.close_at + 1
        after_end = min(article.sentence_at(quote.paragraph, quote.close_at)[1], after_start + 400)
        if after_end <= after_start and paragraph[quote.close_at - 1 : quote.close_at] in ("?", "!"):
            # '"Why now?" Smith asked.' is split after the question mark; the tag is the next sentence.
            after_end = min(article.sentence_at(quote.paragraph, after_start)[1], after_start + 200)
        next_open = article.style.next_opening(paragraph, after_start, after_end)
        if next_open is not None:
            after_end = next_open
        after_text = paragraph[after_start:after_end]
    sentence_start = article.sentence_at(quote.paragraph, quote.open_at)[0]
    before_start = max(sentence_start, previous_close, quote.open_at - 400, 0)
    return after_text, after_start, paragraph[before_start : quote.open_at], before_start


def _own_attribution(article: _Article, quote: _Quote, previous_close: int) -> _Speaker | None:
    """The speaker named in the quote's own sentence, after the quote first, then before it."""
    after_text, after_start, before_text, before_start = _attribution_segments(
        article, quote, previous_close
    )
    found = _speaker_after_quote(after_text) if after_text.strip() else None
    base = after_start
    if found is None and before_text.strip():
        found = _speaker_before_quote(before_text)
        base = before_start
    if found is None:
        return None
    phrase, kind, offset = found
    return _Speaker(phrase, kind, quote.paragraph, base + offset)


def _context_speaker(article: _Article, paragraph: int, last_speaker: dict[int, str]) -> str:
    """Speaker for a quote paragraph with no attribution, taken from the paragraph before.

    News copy introduces a speaker and then quotes them ("Siddall ... told Fox News that ..."
    followed by a paragraph of quotation), or goes on quoting the previous paragraph's speaker.
    """
    previous = paragraph - 1
    while previous >= 0 and article.furniture[previous]:
        previous -= 1
    if previous < 0:
        return ""
    if last_speaker.get(previous):
        return last_speaker[previous]
    masked = article.masked[previous]
    for verb in _WORD_RE.finditer(masked):
        if _is_speech_verb_at(masked, verb):
            subject = _read_subject_backward(masked[max(0, verb.start() - 400) : verb.start()])
            if subject is not None and subject[1] != "thing":
                offset = max(0, verb.start() - 400) + subject[2]
                return _resolve(article, _Speaker(subject[0], subject[1], previous, offset), ())
    for mention in reversed(article.mentions_by_paragraph.get(previous, [])):
        if mention.strong:
            return mention.name
    return ""


def _opens_sentence(article: _Article, quote: _Quote) -> bool:
    sentence_start = article.sentence_at(quote.paragraph, quote.open_at)[0]
    return not article.paragraphs[quote.paragraph][sentence_start : quote.open_at].strip()


def _same_sentence(article: _Article, first: _Quote, second: _Quote) -> bool:
    return article.sentence_at(first.paragraph, first.open_at) == article.sentence_at(
        second.paragraph, second.open_at
    )


def _looks_like_title(text: str) -> bool:
    """Short Title Case quotes name works, slogans or programmes; they are not speech."""
    words = _WORD_RE.findall(text)
    long_words = [w for w in words if len(w) >= 4]
    return 0 < len(words) <= 6 and bool(long_words) and all(w[0].isupper() for w in long_words)


def _attribute_quotes(article: _Article, known: Sequence[KnownPerson]) -> list[_Quote]:
    """Give every quote a speaker and drop quoted phrases that are not speech (scare quotes, titles).

    Order of evidence: the quote's own sentence; the other paragraphs of a multi-paragraph quote;
    the quotes before (or after) it in the same paragraph; the paragraph before.
    """
    by_paragraph: dict[int, list[_Quote]] = {}
    for quote in article.quotes:
        by_paragraph.setdefault(quote.paragraph, []).append(quote)
    for quotes in by_paragraph.values():
        _attribute_from_own_sentences(article, quotes, known)
    chains: dict[int, str] = {}
    for quote in article.quotes:
        if quote.chain is not None and quote.resolved:
            chains.setdefault(quote.chain, quote.resolved)
    kept: list[_Quote] = []
    last_speaker: dict[int, str] = {}
    for paragraph in sorted(by_paragraph):
        kept.extend(_attribute_from_context(article, by_paragraph[paragraph], chains, last_speaker, known))
    for quote in kept:
        if quote.chain is not None and not quote.resolved:
            quote.resolved = chains.get(quote.chain, "")
    return kept


def _attribute_from_own_sentences(
    article: _Article, quotes: list[_Quote], known: Sequence[KnownPerson]
) -> None:
    """First pass: the speakers named in each quote's own sentence."""
    previous_close = 0
    for quote in quotes:
        speaker = _own_attribution(article, quote, previous_close)
        if speaker is not None:
            quote.resolved = _resolve(article, speaker, known)
            quote.own_attribution = bool(quote.resolved)
        if quote.close_at is not None:
            previous_close = quote.close_at + 1


def _attribute_from_context(
    article: _Article,
    quotes: list[_Quote],
    chains: dict[int, str],
    last_speaker: dict[int, str],
    known: Sequence[KnownPerson],
) -> list[_Quote]:
    """Second pass over one paragraph: borrow speakers for the quotes that have none, drop non-speech.

    `last_speaker` maps paragraphs already seen to the last speaker quoted in them.
    """
    later_speakers = [""] * len(quotes)
    following = ""
    for position in range(len(quotes) - 1, -1, -1):
        later_speakers[position] = following
        if quotes[position].own_attribution:
            following = quotes[position].resolved
    kept = []
    earlier = ""
    for position, quote in enumerate(quotes):
        if _is_label(article, quote):
            continue
        if not quote.resolved:
            borrowed = _borrowed_speaker(
                article, quotes, position, earlier or later_speakers[position], chains
            )
            if borrowed is None:
                continue
            if borrowed == "" and not (earlier or later_speakers[position]):
                borrowed = _known_name(_context_speaker(article, quote.paragraph, last_speaker), known)
            quote.resolved = borrowed
            if quote.chain is not None and quote.resolved:
                chains.setdefault(quote.chain, quote.resolved)
        earlier = quote.resolved or earlier
        kept.append(quote)
    if quotes:
        last_speaker[quotes[0].paragraph] = earlier
    return kept


def _is_short_reply(article: _Article, quote: _Quote, previous: _Quote | None) -> bool:
    """A quote that is a whole sentence of its own right after an attributed quote."""
    if previous is None or quote.close_at is None or not previous.own_attribution:
        return False
    paragraph = article.paragraphs[quote.paragraph]
    if not paragraph[quote.start : quote.end].rstrip().endswith((".", "!", "?", "…")):
        return False
    sentence = article.sentence_at(quote.paragraph, quote.open_at)
    return _opens_sentence(article, quote) and sentence[1] <= quote.close_at + 2


# "rates the stock "buy"", "a habit teenagers call "vamping"": one quoted word named, not said.
_NAMING_BEFORE_RE = re.compile(
    r"\b(?:rates?|rated|rating|call|calls|called|dubs?|dubbed|nicknamed|known\s+as|termed|"
    r"labell?ed|branded|named|so-called)\b[^.;:,]{0,30}$",
    re.IGNORECASE,
)


_SO_CALLED_RE = re.compile(r"\bso-called\s*$", re.IGNORECASE)


def _is_label(article: _Article, quote: _Quote) -> bool:
    """A quoted name or label, not speech, even when the sentence names a speaker.

    A single word after a naming verb (a rating, a nickname); a short capitalised name after one
    ("a student section that calls itself "the Boathouse""); anything after "so-called"; and a short
    Title Case phrase inside a sentence (a programme, a slogan, the words on a sign).
    """
    paragraph = article.paragraphs[quote.paragraph]
    words = _WORD_RE.findall(paragraph[quote.start : quote.end])
    window = max(0, quote.open_at - 60)
    if _SO_CALLED_RE.search(paragraph, window, quote.open_at):
        return True
    long_words = [word for word in words if len(word) >= 4]
    capitalised = bool(long_words) and all(word[0].isupper() for word in long_words)
    short_name = len(words) == 1 or (len(words) <= 3 and capitalised)
    if short_name and _NAMING_BEFORE_RE.search(paragraph, window, quote.open_at) is not None:
        return True
    if len(words) == 1:
        return False
    return len(words) <= 6 and len(long_words) >= 2 and capitalised and not _opens_sentence(article, quote)


def _borrowed_speaker(
    article: _Article, quotes: list[_Quote], position: int, neighbour: str, chains: dict[int, str]
) -> str | None:
    """The speaker a quote without its own attribution borrows, "" to look further, None to drop it.

    `neighbour` is the speaker of the nearest attributed quote in the same paragraph, if any.
    """
    quote = quotes[position]
    text = article.paragraphs[quote.paragraph][quote.start : quote.end]
    if quote.chain is not None and quote.chain in chains:
        return chains[quote.chain]
    previous = quotes[position - 1] if position else None
    if previous is not None and previous.resolved and _same_sentence(article, previous, quote):
        return previous.resolved  # '... wrote that it had "acted in good faith" and was "isolated"'
    if _is_short_reply(article, quote, previous) and previous is not None and previous.resolved:
        return previous.resolved  # '"I kept thinking I'd made a mistake," she said. "I hadn't."'
    if len(_WORD_RE.findall(text)) < 4 or _looks_like_title(text):
        return None  # scare quotes, slogans, titles
    if not _opens_sentence(article, quote):
        return None  # a quoted phrase inside someone else's sentence, with no speaker named
    return neighbour


def suggest_quotes(
    paragraphs: list[str], known_people: Iterable[KnownPerson] = ()
) -> list[QuoteSuggestion]:
    """Suggest the quotations of an article, one per quoted passage per paragraph, with speakers.

    A quote split by its attribution ("...," he said, "...") yields two suggestions with the same
    speaker; a quote running over several paragraphs yields one per paragraph. Unpaired quotation
    marks are skipped, never guessed at. The speaker is "" when nothing names one.
    """
    if not paragraphs:
        return []
    known = [person for person in known_people if isinstance(person, KnownPerson)]
    article = _build_article(list(paragraphs))
    quotes = sorted(_attribute_quotes(article, known), key=lambda q: (q.paragraph, q.start))
    return [
        QuoteSuggestion(
            text=article.paragraphs[q.paragraph][q.start : q.end],
            speaker=q.resolved,
            paragraph=q.paragraph,
            start=q.start,
            end=q.end,
        )
        for q in quotes
    ]


# --------------------------------------------------------------------------------------------------
# Claims
# --------------------------------------------------------------------------------------------------

_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
_DATE_RE = re.compile(
    rf"\b{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}(?:,?\s+\d{{4}})?\b"
    rf"|\b{_MONTHS}\s+\d{{4}}\b"
)
_TIME_RE = re.compile(
    r"\b\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b|o['’]clock\b)"
    # "a few million pounds", "in the billions": a vague size, not a figure anyone can check
    r"|\ba\s+few\s+(?:hundred|thousand|million|billion)\b|\bin\s+the\s+(?:millions|billions|trillions)\b",
    re.IGNORECASE,
)
_YEAR_RE = re.compile(
    r"(?<![\d$£€.,])(?:1[89]|20)\d{2}(?:s\b|-\d{2}\b|[–-](?:1[89]|20)\d{2}\b)?(?![\d%,.]\d|\s*%|\s*percent)"
)
_AGE_RE = re.compile(r"\b\d{1,3}-year-old\b|(?<=[A-Za-z]),\s+\d{1,3}(?=,)")
_IDENTIFIER_RE = re.compile(
    r"\b(?:[A-Za-z]+-\d+\w*|(?:Highway|Route|Interstate|Section|Article|Proposition|Prop\.|Title|Room|"
    r"Flight|Chapter|Amendment|Bill|No\.|Number|Phase|Level|Grade|Category|Ward|Precinct|Station|Unit|"
    r"Game|Week|Day|Episode|Season|Volume|Page|District|Apollo|Local)\s+\d+\w*|\d+(?:st|nd|rd|th)\b)"
)
_DURATION_RE = re.compile(
    r"(?<!\.)\b(?:\d{1,3}|(?i:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))\s+"
    r"(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|centuries|seasons?)\b"
    r"(?!\s+(?:a|per|each)\s)"
    r"|(?<![\w’'])[’'](?:\d0s|\d\d)\b"  # "since the ’90s", "the class of ’09": a decade or a year
)
_STRONG_NUMBER_RE = re.compile(
    r"[$£€¥]\s?\d[\d,]*(?:\.\d+)?(?:\s+(?:million|billion|trillion))?"
    r"|\d[\d,]*(?:\.\d+)?\s?(?:%|percent\b|per\s+cent\b|percentage\s+points?\b)"
    r"|\b(?:million|billion|trillion|millions|billions|trillions|thousands|hundreds|dozens)\b"
    r"|\b(?:one[- ]third|two[- ]thirds|a\s+third|a\s+quarter|three[- ]quarters)\b"
    r"|\b(?:one|two|three|four|five)\s+(?:in|out\s+of)\s+(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\b"
    # "missed five of his first six free throws", "three of the four seats": a count out of a total
    r"|\b(?:two|three|four|five|six|seven|eight|nine|ten)\s+of\s+(?:his|her|their|its|the)\s+(?:first\s+|last\s+)?"
    r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)\b",
    re.IGNORECASE,
)
_DIGITS_RE = re.compile(r"\d[\d,]*(?:\.\d+)?")
_QUANTIFIED_WORD_RE = re.compile(
    r"\b(?:at\s+least|more\s+than|fewer\s+than|less\s+than|about|nearly|roughly|almost|over|up\s+to|"
    r"some|approximately|an\s+estimated|only)\s+(?:two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a\s+dozen)\b",
    re.IGNORECASE,
)
# "the fourth appeals court decision this year": a count stated as a rank within a period.
_ORDINAL_COUNT_RE = re.compile(
    r"\b(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\b"
    r"[^.;]{0,60}?\b(?:this|last|that)\s+(?:year|month|week|season|decade)\b",
    re.IGNORECASE,
)
# Multipliers are quantities too: "twice as long" can be checked even inside a quote.
_MULTIPLIER_RE = re.compile(
    r"\b(?:twice|three\s+times|four\s+times|\d+(?:\.\d+)?\s+times)\s+as\b|\b(?:doubled|tripled|quadrupled|halved)\b"
    r"|\bdouble\s+the\b|\b\d+(?:\.\d+)?\s+times\s+(?:more|higher|lower|greater)\b",
    re.IGNORECASE,
)
# "the first fare increase since 2012", "for the first time in a decade": a checkable record.
_RECORD_RE = re.compile(
    r"\b(?:first|only|last)\b[^.;]{0,60}?\bsince\s+(?:the\s+)?\d{4}s?\b|\bfor\s+the\s+first\s+time\b"
    r"|\bfirst\b[^.;]{0,40}?\bin\s+(?:a|\d+|two|three|four|five|ten)\s+(?:years?|decades?)\b",
    re.IGNORECASE,
)
_STUDY_RE = re.compile(
    r"\b(?:study|studies|research|report|reports|survey|surveys|poll|polls|polling|analysis|analyses|"
    r"data|dataset|statistics|census|findings|tally|audit|meta-analysis|journal|advisory|assessment|"
    r"review\s+of|paper)\b",
    re.IGNORECASE,
)
# Words without which _COMPARISON_RE cannot match: checking them first is much cheaper than the regex.
_COMPARISON_TRIGGERS = _words(
    """higher lower greater larger smaller likely common frequent prevalent widespread expensive
    costly affordable popular dangerous deadly severe than as times double half doubled tripled
    quadrupled halved rose fell dropped climbed declined increased decreased grew shrank shrunk
    soared jumped plunged plummeted surged outpaced surpassed risen fallen from compared record
    highest lowest largest biggest smallest fastest slowest oldest youngest worst best most least
    leading"""
)
# "polling places", "polling station": where people vote, not a poll.
_POLLING_PLACE_RE = re.compile(r"\bpolling\s+(?:places?|stations?|booths?|sites?|locations?|day)\b", re.I)
_STUDY_AS_VERB_RE = re.compile(
    r"\b(?:who|to|they|we|i|you|and|will|would|must|should|can|could|may|might)\s+(?:study|report)\b",
    re.IGNORECASE,
)
_COMPARISON_RE = re.compile(
    r"\b(?:sharply|significantly|much|far|slightly|substantially|dramatically|steadily)\s+"
    r"(?:higher|lower|more|less|fewer|greater|larger|smaller)\b|"
    r"\b(?:more|less|fewer)\s+likely\b|\b(?:more|less)\s+(?:common|frequent|prevalent|widespread|expensive|costly|"
    r"affordable|popular|dangerous|deadly|severe)\b|(?<=\w)er\s+than\b|\b(?:more|less|fewer|worse)\s+than\b"
    r"|\b(?:twice|half|three\s+times|\d+\s+times)\s+as\b|(?<=\w)\s+times\s+(?:more|higher|lower|as)\b"
    r"|\bdouble\s+the\b|\b(?:more\s+than\s+|nearly\s+|about\s+|roughly\s+)?half\b"
    r"|\b(?:doubled|tripled|quadrupled|halved|rose|fell|dropped|climbed|declined|increased|decreased|"
    r"grew|shrank|shrunk|soared|jumped|plunged|plummeted|surged|outpaced|surpassed|risen|fallen)\b"
    r"|\b(?:up|down)\s+from\b|\bcompared\s+(?:with|to)\b|\bon\s+record\b|\brecord\s+(?:high|low)\b"
    r"|\bthe\s+(?:(?:two|three|four|five|ten|\d+)\s+)?(?:highest|lowest|largest|biggest|smallest|fastest|"
    r"slowest|oldest|youngest|worst|best|most|least|leading)\b|(?<=\w)-(?:oldest|largest|biggest|highest|lowest|fastest)\b",
    re.IGNORECASE,
)
_ATTRIBUTION_PHRASE_RE = re.compile(
    r"\baccording\s+to\b|\bcited\b|\bciting\b|\bcites\b|\b(?:came|come|coming)\s+out\s+(?:against|in\s+favou?r)\b"
    r"|\bspoke\s+out\b|\b(?:arguing|saying|noting|warning|claiming|insisting|contending|asserting|"
    r"acknowledging|adding)\s+that\b"
    r"|,\s+(?:saying|arguing|noting|warning|claiming|insisting|contending|adding)\s+(?:he|she|they|it|"
    r"we|the|his|her|their|its)\s+\w+",
    re.IGNORECASE,
)
_NON_CONTENT_AFTER_VERB = _words(
    """after before in on at during when while with as to from of by about afterward later then
    recently earlier last this yesterday today tonight monday tuesday wednesday thursday friday
    saturday sunday"""
)
_PAST_IRREGULAR = _words(
    """met took gave made won lost sent held began brought left rose fell ran paid sold bought built
    cut hit led put set shut spent struck went drew chose fought found kept knew laid lent meant
    sought sat shot spoke stood stole swore taught threw understood wore wound became came did"""
)
_OFFICIAL_ACTS = _words(
    """voted ruled ordered signed approved passed issued blocked upheld sued filed charged arrested
    announced released published funded awarded appointed fired resigned elected indicted convicted
    sentenced acquitted settled vetoed launched opened closed met commissioned brought enacted repealed
    overturned rejected adopted unveiled cast hired cancelled canceled banned removed declared
    struck dissented"""
)
_NOT_PAST_ED = _words("need needed based indeed seed speed red bed shed hundred embed feed")
_TIME_EXPRESSION_RE = re.compile(
    rf"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|\b{_MONTHS}(?=\s|,|$)"
    r"|\b(?:1[89]|20)\d{2}\b"
    r"|\b(?:last|earlier\s+this|this|late\s+last|early\s+last)\s+(?:week|month|year|spring|summer|fall|"
    r"autumn|winter|season|decade)\b|\byesterday\b|\bago\b",
)
# Case-sensitive on purpose: "Will County" is a place, "will" is the future.
_FUTURE_RE = re.compile(
    r"\b(?:will|shall|is\s+expected\s+to|are\s+expected\s+to|plans?\s+to|is\s+scheduled\s+to|"
    r"are\s+scheduled\s+to|next\s+(?:week|month|year|season))\b"
)
_NEGATED_PAST_RE = re.compile(r"\b(?:did\s+not|didn't|didn’t|never)\s+[a-z]+", re.IGNORECASE)


# One pass instead of six: dates, times, ages, identifiers, durations and years are not quantities.
_NOT_A_QUANTITY_RE = re.compile(
    "|".join(
        f"(?{'i' if pattern.flags & re.IGNORECASE else ''}:{pattern.pattern})"
        for pattern in (_DATE_RE, _TIME_RE, _AGE_RE, _IDENTIFIER_RE, _DURATION_RE, _YEAR_RE)
    )
)


def _blank(pattern: re.Pattern[str], text: str) -> str:
    return pattern.sub(lambda m: " " * len(m.group()), text)


_NUMBER_WORDS = _words(
    """million billion trillion millions billions trillions thousands hundreds dozens dozen third thirds
    quarter quarters second fourth fifth sixth seventh eighth ninth tenth one two three four five six
    seven eight nine ten eleven twelve fifteen twenty thirty forty fifty sixty seventy eighty ninety
    hundred"""
)
_DIGIT_RE = re.compile(r"\d")


def _number_signal(sentence: str) -> str:
    """The first quantity in a sentence; dates, years, times, ages and identifiers do not count."""
    if not _DIGIT_RE.search(sentence) and _NUMBER_WORDS.isdisjoint(_WORD_RE.findall(sentence.lower())):
        return ""
    cleaned = sentence
    cleaned = _blank(_NOT_A_QUANTITY_RE, cleaned)
    strong = _STRONG_NUMBER_RE.search(cleaned)
    if strong:
        return sentence[strong.start() : strong.end()].strip()
    for pattern in (_DIGITS_RE, _QUANTIFIED_WORD_RE, _ORDINAL_COUNT_RE):
        match = pattern.search(cleaned)
        if match:
            return sentence[match.start() : match.end()].strip()
    return ""


def _content_follows(verb: str, following: list[str]) -> bool:
    """Whether the words after a reporting verb are what was reported, not just "after the vote"."""
    while following and _bare(following[0]).endswith("ly"):
        following = following[1:]
    if not following:
        return False
    if verb in ("called", "calls") and _bare(following[0]) not in _DETERMINERS | {"it", "him", "them"}:
        return False  # "a group called Parents for Transparency", "police were called"
    if any(_bare(word) == "that" for word in following[:13]):
        return True
    if verb in ("told", "tells", "asked", "asks"):
        return False  # "told Fox News in January" names the outlet, not what was said
    first = _bare(following[0])
    if not first or first in _NON_CONTENT_AFTER_VERB or following[-1].endswith(":"):
        return False
    return len(following) >= 3


# Words after which a reporting verb is a noun or an infinitive: "neighboring states were",
# "declined to say whether", "the reports".
_BEFORE_NOUN = _DETERMINERS | _PREPOSITIONS | _words("to and or")
_AFTER_NOUN = _words("were are have had is was would will can could of and")


def _not_a_verb_here(tokens: list[str], index: int) -> bool:
    previous = _bare(tokens[index - 1])
    if previous == "to" or previous in _DETERMINERS:
        return True
    if not tokens[index].endswith("s") or tokens[index].endswith("ss"):
        return False
    following = _bare(tokens[index + 1]) if index + 1 < len(tokens) else ""
    return previous in _BEFORE_NOUN or previous.endswith(("ing", "ed")) or following in _AFTER_NOUN


_TAG_QUANTIFIERS = _words("both all several some many two three four")  # "..., both campaigns said."


def _trailing_tag(tokens: list[str], index: int) -> bool:
    """ "..., Cal Fire said." or "..., the people said.": a tag of a few words after what was said."""
    for back in range(2, 5):
        comma = index - back
        if comma < 4:
            return False
        if tokens[comma].endswith(","):
            subject = tokens[comma + 1 : index]
            first = _bare(subject[0])
            return (
                first in _DETERMINERS
                or first in _TAG_QUANTIFIERS
                or all(_is_capitalised(t) for t in subject)
            )
        if _ends_clause(tokens[comma]):
            return False
    return False


def _reported_speech(outside: str, sentence: str = "", style: _QuoteStyle = _DOUBLE) -> bool:
    """Whether the sentence, quotes removed, reports what someone said, found or argued.

    "Becker said the increase was too small" does; "Natarajan said." after a direct quote does not,
    nor do "Ruiz said after the vote." and "said Nora Lindqvist, an economist".
    """
    if _ATTRIBUTION_PHRASE_RE.search(outside):
        return True
    located = _tokens_with_offsets(outside)
    tokens = [token for token, _ in located]
    for index, token in enumerate(tokens):
        verb = _bare(token)
        if index == 0 or verb not in _REPORTING_VERBS:
            continue  # a verb opening the text is the tag of a quote ('..." said Smith')
        if _not_a_verb_here(tokens, index):
            continue
        if token.endswith((",", ".", ";", ":", "?", "!")):
            # "People who walk more may be healthier, she said, although ..." reports what precedes.
            if index >= 2 and len(tokens[: index - 1]) >= 4 and tokens[index - 2].endswith(","):
                return True
            if _trailing_tag(tokens, index):
                return True
            continue
        following = []
        for word in tokens[index + 1 : index + 16]:
            following.append(word)
            if word.endswith(":"):
                break
        if _content_follows(verb, following):
            return True
        after_verb = located[index][1] + len(token)
        mark = style.next_opening(sentence, after_verb, after_verb + 60)
        if mark is not None and verb not in ("told", "tells"):
            lead_in = sentence[after_verb:mark].rstrip()
            if lead_in and not lead_in.endswith((":", ",")):
                return True  # 'said Norland "sat on this for more than a year."' (not 'tweeted: "..."')
    return False


def _named_actor(outside: str) -> bool:
    for match in _NAME_RUN_RE.finditer(outside):
        tokens, _, _ = _strip_titles(match.group().split())
        bares = [_bare(t) for t in tokens]
        if bares and not all(b in _DAY_AND_MONTH_WORDS for b in bares):
            return True
    return False


def _event_signal(outside: str) -> bool:
    """A past action by a named actor, dated or official, stated as fact. Speaking is not an event."""
    if _FUTURE_RE.search(outside):
        return False
    words = [_bare(w) for w in _WORD_RE.findall(outside)]
    past = any(
        ((w.endswith("ed") and len(w) > 4 and w not in _NOT_PAST_ED) or w in _PAST_IRREGULAR)
        and w not in _SPEECH_VERBS
        for w in words
    )
    official = any(
        w in _OFFICIAL_ACTS and not (i + 1 < len(words) and words[i + 1] == "back")
        for i, w in enumerate(words)
    )
    official = official or _NEGATED_PAST_RE.search(outside) is not None
    if not (past or official) or not _named_actor(outside):
        return False
    return official or _TIME_EXPRESSION_RE.search(outside) is not None


# "Halloran did not respond to a request for comment.": a non-answer, not a checkable fact.
_NO_COMMENT_RE = re.compile(
    r"\b(?:did\s+not|didn['’]t|could\s+not|couldn['’]t)\s+(?:immediately\s+)?(?:respond|reply)\s+to\s+"
    r"(?:a\s+|an\s+|several\s+|repeated\s+|multiple\s+)?(?:requests?|messages?|emails?|calls?|inquir)"
    r"|\b(?:declined|refused)\s+to\s+comment\b|\bcould\s+not\s+be\s+(?:immediately\s+)?reached\b",
    re.IGNORECASE,
)
# "No one was injured.", "Three people were killed.": casualties are checkable.
_CASUALTY_RE = re.compile(
    r"\b(?:was|were|been)\s+(?:(?:seriously|critically|badly|fatally)\s+)?(?:injured|killed|hurt|wounded)\b",
    re.IGNORECASE,
)


def _is_quote_with_tag(sentence: str, outside: str, style: _QuoteStyle = _DOUBLE) -> bool:
    """A sentence that opens with a direct quote and whose other words are only its attribution.

    Its tag states no fact of its own: "said Dr. Elaine Marsh, the study's lead author" is not a
    claim that a study exists.
    """
    if not sentence:
        return False
    starts_in_quote = outside[:1].isspace()  # '... do. They filled out the forms," she said.'
    if sentence[0] not in _QUOTE_MARKS + (_SINGLE_MARKS if style.single else "") and not starts_in_quote:
        return False
    words = [_bare(w) for w in _WORD_RE.findall(outside)]
    return any(w in _SPEECH_VERBS for w in words[:8])


def _is_colon_lead_in(sentence: str, outside: str) -> bool:
    """A short clause that only introduces the quote ending the sentence.

    "Asked what he wanted, he did not hesitate: "..."" states nothing of its own; "The council voted
    to close it: "..."" still reports an official act.
    """
    lead_in = outside.rstrip()
    if not lead_in.endswith(":") or lead_in == sentence.rstrip():
        return False
    clause = lead_in[:-1].rsplit(",", 1)[-1].split()
    return len(clause) <= 6 and _OFFICIAL_ACTS.isdisjoint(_bare(word) for word in clause)


def _classify_sentence(
    sentence: str, outside: str, style: _QuoteStyle = _DOUBLE, numbers: str | None = None
) -> tuple[str, str] | None:
    """Kind and reason of a claim, or None. Numbers count inside quotes; everything else outside.

    `numbers` is the sentence with quoted titles and slogans blanked (signs that read "12 Hours Is
    Not a Shift"): a number in a slogan is not a statistic.
    """
    number = _number_signal(sentence if numbers is None else numbers)
    if number:
        return "statistic", f"states a number ({number})"
    multiplier = _MULTIPLIER_RE.search(sentence)
    if multiplier:
        return "comparison", f"makes a comparison ({multiplier.group()})"
    if _is_colon_lead_in(sentence, outside) or _NO_COMMENT_RE.search(outside):
        return None
    if _is_quote_with_tag(sentence, outside, style):
        # The tag and its appositive ("..., a retired nurse who voted for ...", "said Monday outside
        # the gutted town hall") state nothing of their own.
        return None
    record = _RECORD_RE.search(outside)
    if record:
        return "other", f"states a record or a first ({record.group()})"
    study = _STUDY_RE.findall(_blank(_POLLING_PLACE_RE, outside))
    if (
        study
        and not (_STUDY_AS_VERB_RE.search(outside) and len(study) == 1)
        and not _FUTURE_RE.search(outside)
    ):
        return "study", "cites a study, report or data"  # "is expected to issue its final report": a plan
    if _CASUALTY_RE.search(outside):
        return "other", "states injuries or deaths"
    words = {word.lower() for word in _WORD_RE.findall(outside)}
    may_compare = not words.isdisjoint(_COMPARISON_TRIGGERS) or any("-" in word for word in words)
    if may_compare and _COMPARISON_RE.search(outside):
        return "comparison", "makes a comparison"
    if _reported_speech(outside, sentence, style):
        return "attribution", "reports what someone said or found"
    if _event_signal(outside):
        return "event", "states an event as fact"
    return None


def _source_patterns(known_sources: Iterable[str]) -> list[tuple[str, re.Pattern[str]]]:
    patterns = []
    for name in known_sources:
        if isinstance(name, str) and name.strip():
            escaped = r"\s+".join(re.escape(part) for part in name.split())
            patterns.append((name, re.compile(rf"(?<!\w){escaped}(?!\w)", re.IGNORECASE)))
    return patterns


def _organisations_in(sentence: str, sources: Sequence[tuple[str, re.Pattern[str]]]) -> tuple[str, ...]:
    """Known sources named in the sentence, in reading order, so the CMS can propose citations."""
    found = sorted(
        (match.start(), name) for name, pattern in sources if (match := pattern.search(sentence))
    )
    return tuple(dict.fromkeys(name for _, name in found))


def _without_titles(paragraph: str, spans: Sequence[tuple[int, int]], start: int, end: int) -> str:
    """The sentence paragraph[start:end] with its quoted titles and slogans blanked."""
    titles = [
        (max(start, open_at), min(end, close_end))
        for open_at, close_end in spans
        if open_at < end and close_end > start and _looks_like_title(paragraph[open_at + 1 : close_end - 1])
    ]
    if not titles:
        return paragraph[start:end]
    return _mask_quotes(paragraph, titles)[start:end]


def suggest_claims(paragraphs: list[str], known_sources: Iterable[str] = ()) -> list[ClaimSuggestion]:
    """Suggest sentences that state checkable facts: numbers, studies, comparisons, attributions, events.

    A sentence that is only a direct quotation counts only when it contains a number. Headlines,
    captions and promos are skipped.
    """
    if not paragraphs:
        return []
    article = _build_article(list(paragraphs), with_mentions=False)
    sources = _source_patterns(known_sources)
    claims = []
    for index, paragraph in enumerate(article.paragraphs):
        if article.furniture[index]:
            continue
        for start, end in article.sentences[index]:
            sentence = paragraph[start:end]
            if len(_WORD_RE.findall(sentence)) < 4:
                continue
            numbers = _without_titles(paragraph, article.marked_spans[index], start, end)
            classified = _classify_sentence(
                sentence, article.masked[index][start:end], article.style, numbers
            )
            if classified is None:
                continue
            kind, reason = classified
            claims.append(
                ClaimSuggestion(
                    text=sentence,
                    paragraph=index,
                    kind=kind,
                    reason=reason,
                    start=start,
                    end=end,
                    organisations=_organisations_in(sentence, sources),
                )
            )
    return claims
