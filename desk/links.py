"""Where things are on the desk: the desk owns its URLs, and the domain (`articles`) never reverses them."""

from django.urls import reverse


def item_url(item) -> str:
    """Where `item` (a claim or quotation) is worked on the desk: a path."""
    return reverse("desk:item", kwargs={"kind": item._meta.model_name, "pk": item.pk})
