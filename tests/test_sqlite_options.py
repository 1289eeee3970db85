"""On SQLite, readers keep reading while one writer writes, and writers queue rather than fail."""

from newsroom.settings import sqlite_options
from tests.sqlite import run_on_sqlite

PROBE = (
    "import json, django; django.setup(); "
    "from django.conf import settings; from django.db import connection; "
    "cursor = connection.cursor(); "
    "print(json.dumps({'options': settings.DATABASES['default']['OPTIONS'], "
    "'journal_mode': cursor.execute('PRAGMA journal_mode').fetchone()[0], "
    "'synchronous': cursor.execute('PRAGMA synchronous').fetchone()[0], "
    "'transaction_mode': connection.transaction_mode}))"
)


def test_sqlite_gets_wal_immediate_transactions_and_a_lock_timeout():
    options = sqlite_options({"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"})["OPTIONS"]
    assert options == {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }


def test_options_given_in_the_database_settings_are_kept():
    database = {"ENGINE": "django.db.backends.sqlite3", "OPTIONS": {"timeout": 5}}
    assert sqlite_options(database)["OPTIONS"]["timeout"] == 5


def test_a_sqlite_connection_uses_them(tmp_path):
    probe = run_on_sqlite(PROBE, tmp_path / "probe.sqlite3")
    assert probe["options"]["transaction_mode"] == "IMMEDIATE"
    assert probe["journal_mode"] == "wal"
    assert probe["synchronous"] == 1  # NORMAL
    assert probe["transaction_mode"] == "IMMEDIATE"
