"""`{% load remembered %}`: `{% remembered cl "part" %}…{% endremembered %}` renders its content once per
generation for the admin list page `cl` (`articles.admin_remembered.RememberedChangeList`) and then
gives what it rendered, as the list's table is remembered. Where the list remembers nothing (SQLite,
a transaction, editable rows) the content is rendered each time."""

from functools import partial

from django import template

from articles import remembering

register = template.Library()


class RememberedNode(template.Node):
    def __init__(self, changelist, part, nodelist):
        self.changelist, self.part, self.nodelist = changelist, part, nodelist

    def render(self, context):
        cl, part = self.changelist.resolve(context), self.part.resolve(context)
        generation = getattr(cl, "generation", None)
        if generation is None:
            return self.nodelist.render(context)
        render = partial(self.nodelist.render, context)
        return remembering.remembered(f"list-{part}", render, cl.page_key, generation=generation)


@register.tag
def remembered(parser, token):
    try:
        _, changelist, part = token.split_contents()
    except ValueError:
        raise template.TemplateSyntaxError('{% remembered cl "part" %} takes a list and a name') from None
    nodelist = parser.parse(("endremembered",))
    parser.delete_first_token()
    return RememberedNode(parser.compile_filter(changelist), parser.compile_filter(part), nodelist)
