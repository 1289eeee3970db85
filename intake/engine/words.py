"""Word lists and character classes: data, read and extended without touching the rules."""

from __future__ import annotations

import re

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


# Speech verbs that also state a count: "added 14 points", "adds two rebounds" is a statistic, not
# speech. Such a verb followed by a number (or a counted "a career-high", "a pair") is not speaking.
_COUNTING_SPEECH_VERBS = _words("add adds added")
_ADDED_NUMBER_RE = re.compile(
    r"\s+(?:a\s+career-high\s+|a\s+season-high\s+|another\s+)?(?:\d|(?:one|two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve|a\s+pair|a\s+dozen)\b)",
    re.IGNORECASE,
)


# Common first names. They only help to find where a name starts after a title ("Public Health
# Director Jane Doe") and to tell a person from an organisation; they never give a gender, which is
# read from the document itself (see `genders`).
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
    democrat republican independent analyst economist strategist td mp mep mla msp administrator
    acting interim under undersecretary envoy surgeon solicitor premier commandant"""
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


# Wire-style abbreviations of U.S. states ("Calif.", "Kan."), as they appear before a title or a
# party label ("D-Calif.").
_STATE_ABBREVIATIONS = _words(
    """ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont neb nev
    n.h n.j n.m n.y n.c n.d okla ore pa r.i s.c s.d tenn vt va wash w.va wis wyo"""
)


_MONTH_ABBREVIATIONS = _words("jan feb mar apr jun jul aug sep sept oct nov dec")


_AM_PM_FOLLOWERS = _words(
    "monday tuesday wednesday thursday friday saturday sunday et pt ct mt est pst edt pdt gmt"
)


# Singular role nouns that a story uses for a person it has named or described before: "the
# spokeswoman said" after "Kendra Ostrowski, a spokeswoman for the sheriff's office".
_ROLE_NOUNS = _words(
    """spokeswoman spokesman spokesperson aide adviser advisor lawyer attorney prosecutor judge
    sheriff mayor governor senator congressman congresswoman chairman chairwoman chair president
    treasurer official analyst economist researcher ceo executive director manager superintendent
    commissioner councillor councilor officer detective coach minister secretary ombudsman owner
    founder candidate representative strategist consultant"""
)
