"""Admin lists that remember a page under the generation (`articles.remembering`).

Django's result list formats every cell of every row through its generic machinery, which made the
rows most of a list page's time. A page's rows and its rendered table are remembered for the same
query, language and time zone until the next committed write to what they show; the count, the
filters, the actions and the rest of the page are Django's, as before.
"""

from django.contrib.admin.templatetags.admin_list import result_list
from django.contrib.admin.views.main import ChangeList
from django.template.loader import select_template
from django.utils import timezone, translation

from . import remembering


class RememberedChangeList(ChangeList):
    """For a model whose list shows only what the generation's triggers watch."""

    def get_results(self, request):
        self.generation = remembering.current_generation()
        self.page_key = remembering.digest(
            self.model._meta.label,
            sorted(request.GET.lists()),
            translation.get_language(),
            timezone.get_current_timezone_name(),
        )
        super().get_results(request)
        rows = self.result_list
        self.result_list = remembering.remembered(
            "list-rows", lambda: list(rows), self.page_key, generation=self.generation
        )

    def remembered_table(self):
        """The page's table, as Django's `{% result_list %}` renders it. The columns are part of the key:
        the selection boxes are shown only to those with an action to take."""
        return remembering.remembered(
            "list-table", self._table, self.page_key, *self.list_display, generation=self.generation
        )

    def _table(self):
        app, model = self.opts.app_label, self.opts.model_name
        template = select_template(
            [
                f"admin/{app}/{model}/change_list_results.html",
                f"admin/{app}/change_list_results.html",
                "admin/change_list_results.html",
            ]
        )
        return template.render(result_list(self))
