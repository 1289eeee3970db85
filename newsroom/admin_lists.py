"""Staff lists that cost the same with a hundred rows or ten thousand: articles, claims, quotations,
sources, people, images, tags and suggestions.

Django renders each row's selection checkbox through the form renderer's templates, which made the
checkbox the dearest column of every list; here it is the same markup from one `format_html`. The
actions bar's form renders its widgets with Django's own Jinja2 widget templates, which cost a
fraction of the template language's. A page holds 50 rows, and the list counts its result once (the
paginator's count), not twice.
"""

from django.contrib import admin
from django.contrib.admin import helpers
from django.forms.renderers import Jinja2
from django.utils.html import format_html
from django.utils.translation import gettext as _


class ActionForm(helpers.ActionForm):
    default_renderer = Jinja2()  # one per process: it holds its Jinja2 environment


class ListAtScale(admin.ModelAdmin):
    list_per_page = 50
    show_full_result_count = False
    action_form = ActionForm

    # The column's heading (the select-all box) is written by Django's result list, by this name.
    def action_checkbox(self, obj):
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            format_html(_("Select this object for an action - {}"), str(obj)),
        )
