"""Times as staff read them everywhere (admin, desk): in the site's time zone, with its abbreviation.

Templates write the same with `|date:"j M Y H:i T"` (the template language converts to local time itself).
"""

from django.utils import dateformat, timezone

STAFF_FORMAT = "j M Y H:i T"


def local_time(moment) -> str:
    return dateformat.format(timezone.localtime(moment), STAFF_FORMAT)
