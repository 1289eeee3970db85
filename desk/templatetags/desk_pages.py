"""`{% load desk_pages %}`: `{% desk_card card %}` puts a claim's or quotation's card in a desk page.

The card is a Jinja2 template (`desk/jinja2/desk/_card.html`), the pages around it the template
language's: a queue page holds twenty cards, and the template language spent most of the page's time on
them. Both autoescape; the card is rendered with what the page's context holds for it.
"""

from django import template
from django.template import engines
from django.template.backends.utils import csrf_input
from django.utils.safestring import mark_safe

register = template.Library()

CARD = "desk/_card.html"


@register.simple_tag(takes_context=True)
def desk_card(context, card, single=False):
    shared = context.render_context  # what every card of one page shares, made once per page
    if CARD not in shared:
        # The template; the CSRF field every card's forms carry (one token per response, as the
        # template language's {% csrf_token %} gives); the signed-in user's id (`user` is a lazy object,
        # dear to read attributes through).
        user = context.get("user")
        me = user.pk if user is not None and user.is_authenticated else None
        shared[CARD] = (engines["jinja2"].get_template(CARD), csrf_input(context.request), me)
    found, csrf, me = shared[CARD]
    html = found.render(
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
    return mark_safe(html)  # noqa: S308 - Jinja2 escaped everything the card prints
