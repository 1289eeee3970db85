"""JSON fixtures that keep timestamps to the microsecond.

Django's JSON serializer writes datetimes to the millisecond (the ECMA-262 date format), so a newsroom
dumped with `dump_newsroom` and restored with `loaddata` came back with its timestamps moved by up to a
millisecond. This module is registered as the `json` format (settings.SERIALIZATION_MODULES): it writes
the full `isoformat()`, and reading is Django's own, which parses microseconds.
"""

import datetime

from django.core.serializers import json
from django.utils.timezone import is_aware

Deserializer = json.Deserializer


class Encoder(json.DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time) and not is_aware(o):
            return o.isoformat()
        return super().default(o)


class Serializer(json.Serializer):
    def serialize(self, queryset, **options):
        options.setdefault("cls", Encoder)
        return super().serialize(queryset, **options)
