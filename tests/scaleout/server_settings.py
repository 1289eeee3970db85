"""Settings for app servers started by the scale-out and fault tests: the project's, as in production.

One difference: static files are served from the apps without `collectstatic`'s manifest, which tests
do not build (the manifest storage would refuse every page that links a stylesheet).
"""

from newsroom.settings import *  # noqa: F403
from newsroom.settings import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
