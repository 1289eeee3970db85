"""The demo newsroom: a real article about the Los Angeles District Attorney's research page.

Loaded by `manage.py load_demo` and safe to run again: everything is found or created by a natural key,
and an article that already exists (perhaps edited or published since) is left as it is. Two claims are
left without a source on purpose, so a newcomer sees the publish gate refuse and can fix it.
"""

import datetime
from functools import partial
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from sources.models import Person, Source

from . import anchoring, richtext, saving, sourcing
from .body import normalize_body
from .models import Article, Claim, Quotation
from .rendering import esc
from .roles import ensure_roles

SEED = Path(__file__).parent / "demo_data" / "gascon-research.txt"
SLUG = "gascon-research"
TITLE = "LA District Attorney George Gascon's office says its policies are backed by research"
STANDFIRST = (
    "As a recall campaign gathers pace, the DA's office points to studies behind its reforms; "
    "victims' relatives and some of his own prosecutors are not convinced."
)

# Page furniture scraped along with the story (a related headline, photo captions, an app promotion):
# not part of the article an editor would publish.
FURNITURE = (
    "LOS ANGELES DEPUTY DAS SLAM",
    "Recall George Gascon sign",
    "CLICK HERE TO GET THE FOX NEWS APP",
)

USERS = {
    # username: (group, password) — development passwords, printed by `make run`.
    "editor": ("Editor", "editor-demo-2026"),
    "reporter": ("Reporter", "reporter-demo-2026"),
    "factchecker": ("Fact-checker", "factchecker-demo-2026"),
}

PEOPLE = {
    "gascon": {
        "name": "George Gascon",
        "aliases": "Gascon\nGeorge Gascón\nLos Angeles District Attorney George Gascon",
        "role": "Los Angeles County District Attorney",
        "organisation": "Los Angeles County District Attorney's Office",
    },
    "da_office": {
        "name": "Los Angeles County District Attorney's Office",
        "aliases": "the DA's office\nGascon's office",
        "role": "",
        "organisation": "Los Angeles County District Attorney's Office",
    },
    "miller": {
        "name": "Patrick Miller",
        "aliases": "Miller",
        "role": "brother of Michelle Avan",
        "organisation": "",
    },
    "siddall": {
        "name": "Eric Siddall",
        "aliases": "Siddall",
        "role": "deputy district attorney; vice president",
        "organisation": "Association of Deputy District Attorneys of Los Angeles County",
    },
}

SOURCES = {
    "research_page": {
        "title": "Research supporting the District Attorney's policies",
        "kind": Source.Kind.WEB_PAGE,
        "publisher": "Los Angeles County District Attorney's Office",
        "url": "https://da.lacounty.gov/",
    },
    "directives": {
        "title": "Special directives issued on taking office, December 2020",
        "kind": Source.Kind.STATEMENT,
        "publisher": "Los Angeles County District Attorney's Office",
        "url": "https://da.lacounty.gov/",
        "published_on": datetime.date(2020, 12, 7),
    },
    "tweet": {
        "title": "George Gascon's post linking to the office's research page",
        "kind": Source.Kind.SOCIAL_POST,
        "publisher": "George Gascon",
    },
    "letter": {
        "title": "George Gascon's letter on sentencing enhancements",
        "kind": Source.Kind.STATEMENT,
        "publisher": "Los Angeles County District Attorney's Office",
        "published_on": datetime.date(2020, 12, 15),
    },
    "splc": {
        "title": "Research on prosecuting children as adults",
        "kind": Source.Kind.REPORT,
        "publisher": "Southern Poverty Law Center",
        "url": "https://www.splcenter.org/",
    },
    "aclu": {
        "title": "Research on sentencing enhancements and racial disparities",
        "kind": Source.Kind.REPORT,
        "publisher": "ACLU of Southern California",
        "url": "https://www.aclusocal.org/",
    },
    "miller_interview": {
        "title": "Patrick Miller, interviewed by Fox News",
        "kind": Source.Kind.INTERVIEW,
        "publisher": "Fox News",
    },
    "siddall_interview": {
        "title": "Eric Siddall, interviewed by Fox News",
        "kind": Source.Kind.INTERVIEW,
        "publisher": "Fox News",
    },
}

# (words, kind, sources): None as sources leaves the claim unsourced for the demo.
CLAIMS = [
    (
        "its progressive policies that have come under fire and have since become the catalyst "
        "for a do-over recall attempt are based on science and research data",
        Claim.Kind.ATTRIBUTION,
        ["research_page"],
    ),
    (
        "Gascon tweeted a link Wednesday to research posted on the Los Angeles County's "
        "District Attorney's website",
        Claim.Kind.EVENT,
        ["tweet"],
    ),
    (
        "Upon taking office in December 2020, Gascon issued a number of directives that included "
        "barring prosecutors from seeking the death penalty",
        Claim.Kind.EVENT,
        ["directives"],
    ),
    (
        "defendants who are not prosecuted for such crimes are less likely to find themselves in "
        "the legal system within two years",
        Claim.Kind.STUDY,
        ["research_page"],
    ),
    (
        "several Los Angeles County cities have taken over the prosecution of misdemeanors "
        "within their borders",
        Claim.Kind.EVENT,
        None,
    ),
    (
        "alternatives to cash bail like supervised release programs don't have negative impacts "
        "on public safety and increase rates at which defendants return to court",
        Claim.Kind.STUDY,
        ["research_page"],
    ),
    (
        "defendants of color often have bail set in higher amounts than White defendants",
        Claim.Kind.STATISTIC,
        ["research_page"],
    ),
    (
        "children prosecuted as adults are more likely to re-offend than those held in the "
        "juvenile justice system",
        Claim.Kind.STUDY,
        ["splc"],
    ),
    (
        "Gascon has said such policies have exacerbated over-incarceration and have not proved "
        "to reduce crime",
        Claim.Kind.ATTRIBUTION,
        ["letter"],
    ),
    (
        "California Three Strikes Law and enhancements have exacerbated racial disparities",
        Claim.Kind.ATTRIBUTION,
        ["aclu"],
    ),
    (
        "Gascon's office did not file special circumstances charges against the suspect",
        Claim.Kind.EVENT,
        None,
    ),
]

# (words, speaker, how obtained, sources)
QUOTATIONS = [
    (
        "Across the nation, jurisdictions are moving away from a tough-on-crime approach because "
        "it destroys budgets, is plagued with inequities and has not made us safer",
        "da_office",
        Quotation.Obtained.WEB_PAGE,
        ["research_page"],
    ),
    (
        "Enhancements are also the primary driver of a system of mass incarceration that "
        "needlessly siphons billions into jails and prisons, and away from our communities and "
        "the investments victims of crime want us to make",
        "gascon",
        Quotation.Obtained.LETTER,
        ["letter"],
    ),
    (
        "I recognize there are some victims that want this office to seek the maximum sentence "
        "permissible in their case, but punishment must be in the community’s best interest, "
        "proportional, and it must serve a rehabilitative or restorative purpose",
        "gascon",
        Quotation.Obtained.LETTER,
        ["letter"],
    ),
    (
        "I don't believe his policies are for the people he was voted to serve",
        "miller",
        Quotation.Obtained.INTERVIEW,
        ["miller_interview"],
    ),
    (
        "We expect justice when something happens. He puts you in a position to make justice "
        "seem as not the norm.",
        "miller",
        Quotation.Obtained.INTERVIEW,
        ["miller_interview"],
    ),
    (
        "It would be like someone said ‘You have a (Apple) MacBook, but I want you to use an "
        "abacus to solve this mathematical problem,’",
        "siddall",
        Quotation.Obtained.INTERVIEW,
        ["siddall_interview"],
    ),
    (
        "The district attorney is not always on the side of victims of crime.",
        "siddall",
        Quotation.Obtained.INTERVIEW,
        ["siddall_interview"],
    ),
]


def demo_body() -> str:
    body = normalize_body(SEED.read_text(encoding="utf-8"))
    kept = [p for p in body.split("\n\n") if not p.startswith(FURNITURE)]
    return "\n\n".join(kept)


# Words of the story linked to what they name, as an editor would link them.
LINKS = {
    "research posted on the Los Angeles County's District Attorney's website": SOURCES["research_page"][
        "url"
    ],
    "Southern Poverty Law Center": SOURCES["splc"]["url"],
    "Southern California chapter of the American Civil Liberties Union": SOURCES["aclu"]["url"],
}


def demo_body_html() -> str:
    """The demo story as structured body: its paragraphs, with `LINKS` where their words first appear."""
    html = richtext.from_plain_text(demo_body())
    for words, url in LINKS.items():
        html = html.replace(esc(words), f'<a href="{esc(url)}">{esc(words)}</a>', 1)
    return html


def _users() -> dict[str, str]:
    ensure_roles()
    User = get_user_model()
    created = {}
    for username, (group_name, password) in USERS.items():
        user, new = User.objects.get_or_create(
            username=username,
            defaults={
                "is_staff": True,
                "first_name": group_name,
                "email": f"{username}@example.org",
            },
        )
        if new:
            user.set_password(password)
            user.save()
        user.groups.add(Group.objects.get(name=group_name))
        created[username] = password
    return created


@transaction.atomic
def load_demo(*, with_users: bool) -> dict:
    """Create (or find) the demo newsroom. Returns the demo article and the demo logins."""
    logins = _users() if with_users else {}
    people = {
        key: Person.objects.get_or_create(name=data["name"], defaults=data)[0]
        for key, data in PEOPLE.items()
    }
    sources = {
        key: Source.objects.get_or_create(title=data["title"], defaults=data)[0]
        for key, data in SOURCES.items()
    }
    article = Article.objects.filter(slug=SLUG).first()
    if article is None:
        article = Article(slug=SLUG, title=TITLE, standfirst=STANDFIRST, body_html=demo_body_html())
        mark = partial(_mark_demo, article, people, sources, with_users=with_users)
        saving.save_article(article, user=None, related=mark, reason="Loaded the demo")
    return {"article": article, "logins": logins}


def _mark_demo(article: Article, people: dict, sources: dict, *, with_users: bool) -> None:
    if with_users:
        article.authors.add(get_user_model().objects.get(username="reporter"))
    for words, kind, cited in CLAIMS:
        claim = Claim(article=article, kind=kind)
        anchoring.apply(claim, anchoring.require(article.body, words))
        claim.save()
        sourcing.cite(claim, [sources[key] for key in cited or []])
    for words, speaker, obtained, cited in QUOTATIONS:
        quotation = Quotation(article=article, speaker=people[speaker], obtained=obtained)
        anchoring.apply(quotation, anchoring.require(article.body, words))
        quotation.save()
        sourcing.cite(quotation, [sources[key] for key in cited])
