"""WSGI entry point (gunicorn newsroom.wsgi)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

application = get_wsgi_application()

# What is loaded by now (Django, the apps, the models) lives as long as the process. Moving it out of the
# cyclic garbage collector's sight spares every full collection a walk over it, on every page.
gc.collect()
gc.freeze()
