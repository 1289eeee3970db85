"""Staff permissions remembered between requests, as staff pages remember what they read
(`articles.remembering`).

Django's ModelBackend reads a user's permissions with two queries on every request that checks one,
which every admin and desk page does. They are remembered under the generation, which every committed
write to users, their groups and the permissions of either moves (desk migration 0001): a permission
granted or taken away counts from the next request, as before.
"""

from django.contrib.auth.backends import ModelBackend

from . import remembering


class RememberedPermissionsBackend(ModelBackend):
    """ModelBackend whose permissions of an active user are remembered under the generation."""

    def get_all_permissions(self, user_obj, obj=None):
        if obj is not None or not user_obj.is_active or user_obj.is_anonymous:
            return super().get_all_permissions(user_obj, obj)
        if not hasattr(user_obj, "_perm_cache"):
            read = ModelBackend.get_all_permissions
            user_obj._perm_cache = remembering.remembered(
                "permissions", lambda: read(self, user_obj), user_obj.pk
            )
        return user_obj._perm_cache
