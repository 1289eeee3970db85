"""Where things are on the desk: the desk owns its URLs, and the domain (`articles`) never reverses them."""

from django.urls import reverse


def item_url(item) -> str:
    """Where `item` (a claim or quotation) is worked on the desk: a path."""
    return reverse("desk:item", kwargs={"kind": item._meta.model_name, "pk": item.pk})


class Routes:
    """`routes(name, *args)`: the URL `reverse(name, args=args)` gives, for a page that writes many.

    A queue page writes a hundred and more links, a few per card (its page, its article's admin page, its
    actions), and `reverse` walks the URL resolver for each. Here each route is reversed once per page,
    with stand-in numbers for its integer arguments, and a URL is that one with the numbers put in: the
    same string, because an integer argument is written as its digits (the `int` converter). Arguments
    that are not integers (an item's kind) are reversed as they are, once per value. Where a stand-in
    does not come back exactly once in the URL, `reverse` is asked every time.
    """

    STAND_IN = 7_314_159_265  # + the argument's position: digits no route of this site writes itself

    def __init__(self):
        self._formats = {}

    def __call__(self, name: str, *args) -> str:
        shape = (name, *(None if _number(arg) else arg for arg in args))
        found = self._formats.get(shape)
        if found is None:
            found = self._formats[shape] = self._format(name, args)
        if found is False:
            return reverse(name, args=args)
        return found.format(*(arg for arg in args if _number(arg)))

    def _format(self, name: str, args) -> str | bool:
        given = [str(self.STAND_IN + at) if _number(arg) else arg for at, arg in enumerate(args)]
        url = reverse(name, args=given).replace("{", "{{").replace("}", "}}")
        stand_ins = [str(self.STAND_IN + at) for at, arg in enumerate(args) if _number(arg)]
        for index, stand_in in enumerate(stand_ins):
            if url.count(stand_in) != 1:
                return False
            url = url.replace(stand_in, f"{{{index}}}")
        return url


def _number(arg) -> bool:
    return isinstance(arg, int) and not isinstance(arg, bool)
