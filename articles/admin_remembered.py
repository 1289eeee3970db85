"""Admin lists that remember a page under the generation (`articles.remembering`).

Django's result list formats every cell of every row through its generic machinery, which made the
rows most of a list page's time. A page's rows and its rendered table are remembered for the same
query, language and time zone until the next committed write to what they show, and so are the count
and the filters' HTML (`{% remembered %}`, articles/templatetags/remembered.py), whose links carry the
query; the actions and the rest of the page are Django's, as before.
"""

from collections.abc import Sequence
from functools import cached_property, partial

from django.contrib.admin.templatetags.admin_list import result_list
from django.contrib.admin.views.main import PAGE_VAR, ChangeList
from django.core.paginator import Paginator
from django.template.loader import select_template
from django.utils import timezone, translation

from . import remembering


class RememberedCountPaginator(Paginator):
    """Counts a list's rows once per generation for the same query, as `RememberedChangeList` names it
    on the queryset (`counted_as`): a count reads every row it counts."""

    @cached_property
    def count(self) -> int:
        key, generation = getattr(self.object_list, "counted_as", ("", None))
        count = partial(Paginator.count.func, self)
        return remembering.remembered("list-count", count, key, generation=generation)


class RememberedList:
    """ModelAdmin mixin: the list remembers its pages (`RememberedChangeList`) and counts."""

    change_list_template = "admin/remembered_change_list.html"
    paginator = RememberedCountPaginator

    def get_changelist(self, request, **kwargs):
        return RememberedChangeList


class RememberedRows(Sequence):
    """A page's rows, read (`read()`) only when first looked at; how many there are is known apart."""

    def __init__(self, read, count: int):
        self._read, self._count = read, count

    @cached_property
    def _rows(self) -> list:
        return self._read()

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):
        return self._rows[index]


class RememberedChangeList(ChangeList):
    """For a model whose list shows only what the generation's triggers watch."""

    def get_results(self, request):
        # Editable rows are forms, with this request's input and errors: nothing of them is remembered.
        self.generation = None if self.list_editable else remembering.current_generation()
        query = sorted(request.GET.lists())
        label = self.model._meta.label
        self.page_key = remembering.digest(
            label, query, translation.get_language(), timezone.get_current_timezone_name()
        )
        # The count is the same on every page of the list.
        filters = [(name, values) for name, values in query if name != PAGE_VAR]
        self.queryset.counted_as = (remembering.digest(label, filters), self.generation)
        super().get_results(request)
        if self.generation is not None:
            rows = self.result_list
            remembered = partial(remembering.remembered, generation=self.generation)

            def read():
                return remembered("list-rows", lambda: list(rows), self.page_key)

            # The page shows how many rows it has; only a table not remembered reads them.
            count = remembered("list-length", lambda: len(read()), self.page_key)
            self.result_list = RememberedRows(read, count)

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
