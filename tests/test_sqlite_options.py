"""On SQLite, readers keep reading while one writer writes, and writers queue rather than fail."""

import json
import os
import subprocess
import sys
from pathlib import Path

from newsroom.settings import sqlite_options

ROOT = Path(__file__).resolve().parent.parent
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
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'probe.sqlite3'}",
    }
    result = subprocess.run(  # noqa: S603 (our own interpreter, fixed code)
        [sys.executable, "-c", PROBE], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout)
    assert probe["options"]["transaction_mode"] == "IMMEDIATE"
    assert probe["journal_mode"] == "wal"
    assert probe["synchronous"] == 1  # NORMAL
    assert probe["transaction_mode"] == "IMMEDIATE"
