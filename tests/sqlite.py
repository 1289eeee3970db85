"""Running code against a throwaway SQLite database, in a child process: the suite itself runs on
PostgreSQL, and Django keeps one database configuration per process."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_on_sqlite(code: str, database: Path):
    """Run `code` with the project's settings on the SQLite file `database`; its last line, as JSON."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    result = subprocess.run(  # noqa: S603 (our own interpreter, fixed code)
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])
