"""`{% load desk_pages %}`: `{% desk_card card %}` puts a claim's or quotation's card in a desk page,
`{% desk_cards cards rows %}` a queue page's cards and `{% desk_sign_offs articles %}` the articles
waiting for sign-off.

The card is a Jinja2 template (`desk/jinja2/desk/_card.html`), the pages around it the template
language's: a queue page holds twenty cards, and the template language spent most of the page's time on
them. Both autoescape; the card is rendered with what the page's context holds for it.
"""

from django import template
from django.template import engines
from django.template.backends.utils import csrf_input
from django.utils import timezone
from django.utils.safestring import mark_safe

from articles import remembering

from .. import queue
from ..cards import CARD_FORMAT

register = template.Library()

CARD = "desk/_card.html"
# Where a remembered card's CSRF fields go: each response gets its own token. Text read from PostgreSQL
# (the only database where anything is remembered) never holds a NUL.
CSRF_HOLE = "\x00csrf\x00"


def _shared(context):
    """What every card of one page shares, made once per page: the template, the CSRF field every
    card's forms carry (one token per response, as the template language's {% csrf_token %} gives),
    and the signed-in user's id (`user` is a lazy object, dear to read attributes through)."""
    shared = context.render_context
    if CARD not in shared:
        user = context.get("user")
        me = user.pk if user is not None and user.is_authenticated else None
        shared[CARD] = (engines["jinja2"].get_template(CARD), csrf_input(context.request), me)
    return shared[CARD]


def _render(context, card, *, csrf, single=False) -> str:
    found, _, me = _shared(context)
    return found.render(
        {
            "card": card,
            "single": single,
            "me": me,
            "next_url": context.get("next_url", ""),
            "find": context.get("find", ""),
            "picks": context.get("picks", ()),
            "csrf_input": csrf,
        }
    )


@register.simple_tag(takes_context=True)
def desk_card(context, card, single=False):
    html = _render(context, card, csrf=_shared(context)[1], single=single)
    return mark_safe(html)  # noqa: S308 - Jinja2 escaped everything the card prints


@register.simple_tag(takes_context=True)
def desk_cards(context, cards, rows):
    """The queue page's cards (those of `rows`, the page's (kind, id) rows), remembered under the
    generation the page read (`generation`) for this viewer (their own assignments) and this page (where
    each form comes back to). `cards` is read only when they are not."""
    generation = context.get("generation")
    if generation is None:
        return mark_safe("".join(desk_card(context, card) for card in cards))  # noqa: S308 - as above
    _, csrf, me = _shared(context)
    html = queue.remembered(
        "cards-html",
        lambda: "".join(_render(context, card, csrf=CSRF_HOLE) for card in cards),
        CARD_FORMAT,
        timezone.localdate(),
        remembering.digest([(row[0], row[1]) for row in rows], me, context.get("next_url", "")),
        generation=generation,
    )
    return mark_safe(html.replace(CSRF_HOLE, csrf))  # noqa: S308 - as above


SIGN_OFFS = "desk/_sign_offs.html"


def _sign_offs(articles, csrf) -> str:
    return engines["jinja2"].get_template(SIGN_OFFS).render({"articles": articles, "csrf_input": csrf})


@register.simple_tag(takes_context=True)
def desk_sign_offs(context, articles):
    """The articles waiting for sign-off (`queue.awaiting_sign_off`), remembered under the page's
    generation: the same for everyone who may sign off but for the CSRF field."""
    csrf = _shared(context)[1]
    generation = context.get("generation")
    if generation is None:
        return mark_safe(_sign_offs(articles, csrf))  # noqa: S308 - Jinja2 escaped everything it prints
    html = queue.remembered(
        "sign-offs-html", lambda: _sign_offs(articles, CSRF_HOLE), generation=generation
    )
    return mark_safe(html.replace(CSRF_HOLE, csrf))  # noqa: S308 - as above
