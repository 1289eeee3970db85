"""Read replicas: reader pages read from `DATABASE_REPLICA_URL` when set; all else uses the primary.

Which requests may read from a replica is decided per view, not per URL prefix: a view marked
`replica_reads = True` (every reader page, by `reader.caching.reader_cache`) is a public page that
browsers and CDNs already reuse for a minute, so it tolerates a replica's lag of a second or so. The
`ReplicaReadsMiddleware` (newsroom/middleware.py) sets a context flag for the duration of such a view on a
GET or HEAD, and this router sends that flag's reads to the `replica` alias. Without the flag, reads go to
the primary: the admin, the fact-check desk, previews, logins and anything an editor must see the
instant after saving it never read from a replica.

Even under the flag:
- every write goes to the primary (also for an object that was read from the replica);
- a read inside a transaction on the primary stays there (it may need to see that transaction's writes);
- sessions and login throttling are read from the primary (a login that just happened must count).

Without a `replica` alias (the default) the router answers None and Django uses `default` as usual.
"""

import contextvars

from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
# Apps whose reads never go to a replica, whatever the view.
PRIMARY_ONLY_APPS = frozenset({"sessions", "axes", "admin"})

_replica_reads = contextvars.ContextVar("newsroom_replica_reads", default=False)


def start_replica_reads() -> contextvars.Token:
    """Let this request's reads use the replica; pass the token to `stop_replica_reads`."""
    return _replica_reads.set(True)


def stop_replica_reads(token: contextvars.Token) -> None:
    _replica_reads.reset(token)


def has_replica() -> bool:
    return REPLICA in connections.settings


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if not (_replica_reads.get() and has_replica()):
            return None
        if model._meta.app_label in PRIMARY_ONLY_APPS:
            return DEFAULT_DB_ALIAS
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS if has_replica() else None

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same rows: an object read from the replica may relate to one from default.
        if {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA}:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return False if db == REPLICA else None
