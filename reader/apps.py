from django.apps import AppConfig


class ReaderConfig(AppConfig):
    name = "reader"
    verbose_name = "Reader site"

    def ready(self):
        from django.db.backends.signals import connection_created

        from newsroom.text import register_fold

        from . import invalidation

        invalidation.connect()
        connection_created.connect(register_fold, dispatch_uid="reader-sqlite-fold")
