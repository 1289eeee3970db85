"""The newsroom's roles as Django groups, and the model permissions each one carries.

Applied by a data migration (and re-applied by later ones when a role changes), so every environment has
the same groups without anyone clicking them together in the admin.
"""

ROLES = {
    "Editor": {
        "articles": {
            "article": ["add", "change", "delete", "view", "publish", "correct", "edit_any", "signoff"],
            "claim": ["add", "change", "delete", "view"],
            "quotation": ["add", "change", "delete", "view"],
            "citation": ["add", "change", "delete", "view"],
            "articlerevision": ["view"],
            "correction": ["add", "change", "view"],
            "section": ["add", "change", "delete", "view"],
            "tag": ["add", "change", "delete", "view"],
            "suggestion": ["change", "view"],
            "image": ["add", "change", "delete", "view"],
        },
        "sources": {
            "source": ["add", "change", "delete", "view"],
            "person": ["add", "change", "delete", "view"],
        },
    },
    "Reporter": {
        "articles": {
            "article": ["add", "change", "view"],
            "claim": ["add", "change", "delete", "view"],
            "quotation": ["add", "change", "delete", "view"],
            "citation": ["add", "change", "delete", "view"],
            "articlerevision": ["view"],
            "section": ["view"],
            "tag": ["add", "view"],
            "suggestion": ["change", "view"],
            "image": ["add", "change", "view"],
        },
        "sources": {"source": ["add", "view"], "person": ["add", "view"]},
    },
    "Fact-checker": {
        "articles": {
            "article": ["view", "signoff"],
            "claim": ["change", "view"],
            "quotation": ["change", "view"],
            "citation": ["add", "change", "delete", "view"],
            "articlerevision": ["view"],
            "image": ["view"],
        },
        "sources": {
            "source": ["add", "change", "view"],
            "person": ["add", "change", "view"],
        },
    },
}


def codename(action: str, model: str) -> str:
    return f"{action}_{model}"


def sync_roles(apps) -> None:
    """Create the role groups and set exactly the permissions listed above (idempotent).

    `apps` is a migration's historical registry, or `django.apps.apps` (see ensure_roles).
    """
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations ran; a migration needs them now.
    for app_config in apps.get_app_configs():
        original = getattr(app_config, "models_module", None)
        app_config.models_module = original or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = original

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, apps_models in ROLES.items():
        group, _ = Group.objects.get_or_create(name=role)
        names = {
            (app_label, codename(action, model))
            for app_label, models in apps_models.items()
            for model, actions in models.items()
            for action in actions
        }
        # An early migration runs before later models (and their permissions) exist; the migration
        # that adds them syncs the roles again.
        available = Permission.objects.filter(
            content_type__app_label__in={app for app, _ in names},
            codename__in={name for _, name in names},
        ).select_related("content_type")
        group.permissions.set([p for p in available if (p.content_type.app_label, p.codename) in names])


def ensure_roles() -> None:
    """Recreate the groups if they are missing (a flushed database, a hand-deleted group)."""
    from django.apps import apps
    from django.contrib.auth.models import Group

    if Group.objects.filter(name__in=ROLES).count() != len(ROLES):
        sync_roles(apps)
