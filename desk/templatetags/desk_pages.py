"""`{% load desk_pages %}`: the desk's pages write many cards and many links.

- `{% desk_card card %}` puts a claim's or quotation's card in the page. The card is a Jinja2 template
  (`desk/jinja2/desk/_card.html`), the pages around it the template language's: a queue page holds
  twenty cards, and the template language spent most of the page's time on them. Both autoescape; the
  card is rendered with what the page's context holds for it.
"""

from django import template
from django.template import engines
from django.template.backends.utils import csrf_input
from django.utils.safestring import mark_safe

register = template.Library()

CARD = "desk/_card.html"


def _page(context) -> dict:
    """What a page's cards and links share: made once per page (template rendering)."""
    page = context.render_context
    if "desk" not in page:
        page["desk"] = {}
    return page["desk"]


@register.simple_tag(takes_context=True)
def desk_card(context, card, single=False):
    page = _page(context)
    if CARD not in page:
        # The template, and the CSRF field every card's forms carry (one token per response, as the
        # template language's {% csrf_token %} gives).
        # The signed-in user's id, read once: `user` is a lazy object, dear to read attributes through.
        user = context.get("user")
        me = user.pk if user is not None and user.is_authenticated else None
        page[CARD] = (engines["jinja2"].get_template(CARD), csrf_input(context.request), me)
    found, csrf, me = page[CARD]
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
