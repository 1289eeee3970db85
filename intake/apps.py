from django.apps import AppConfig


class IntakeConfig(AppConfig):
    """Articles arriving: importing files, suggesting their quotations and claims, deciding suggestions.

    Depends on `articles`, never the reverse. The Suggestion model stays in `articles` because the
    publish gate reads it; this app registers its admin and extends the article admin (admin.py).
    """

    name = "intake"
    verbose_name = "Intake"
