"""Deciding a pending item (a removal, a suggestion) once: two people deciding at once do not both win."""

from django.core.exceptions import ValidationError


def locked_pending(item, pending):
    """`item` read again under a row lock, if its status is still `pending`; otherwise a clear refusal."""
    current = type(item).objects.select_for_update().get(pk=item.pk)
    if current.status != pending:
        raise ValidationError(
            "This %(item)s was already %(status)s.",
            code="already_decided",
            params={"item": current._meta.verbose_name, "status": current.get_status_display().lower()},
        )
    return current
