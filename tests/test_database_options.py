"""PostgreSQL prepares the statements the app repeats, unless PG_PREPARED_STATEMENTS=off."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.db.models import Value

from articles.models import Section

ROOT = Path(__file__).resolve().parent.parent
PRINT_OPTIONS = (
    "import json, django; django.setup(); from django.conf import settings; "
    "print(json.dumps(settings.DATABASES['default']['OPTIONS']))"
)


def database_options(**env) -> dict:
    inherited = {k: v for k, v in os.environ.items() if k != "PG_PREPARED_STATEMENTS"}
    environment = {**inherited, "DJANGO_SETTINGS_MODULE": "newsroom.settings", **env}
    result = subprocess.run(  # noqa: S603 (our own interpreter, fixed code)
        [sys.executable, "-c", PRINT_OPTIONS], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_postgresql_binds_on_the_server_and_prepares_repeated_statements_by_default():
    options = database_options(DATABASE_URL="postgres://u:p@127.0.0.1:5432/newsroom")
    assert options["server_side_binding"] is True
    assert options["prepare_threshold"] == 2


def test_prepared_statements_can_be_turned_off_for_old_poolers():
    options = database_options(
        DATABASE_URL="postgres://u:p@127.0.0.1:5432/newsroom", PG_PREPARED_STATEMENTS="off"
    )
    assert options["prepare_threshold"] is None


@pytest.mark.django_db
def test_a_query_run_twice_is_prepared_on_the_server():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (make test starts one when its server binaries are installed)")
    for _ in range(3):
        list(Section.objects.filter(slug="prepared-statement-probe"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        statements = [row[0] for row in cursor.fetchall()]
    assert any("prepared-statement-probe" not in s and '"articles_section"' in s for s in statements)


def _prepared(marker: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return any(marker in row[0] for row in cursor.fetchall())


def _run_five_times(marker: str) -> None:
    for _ in range(5):  # a statement of its own: the marker names a column
        list(Section.objects.annotate(**{marker: Value(1)}))


@pytest.mark.django_db
def test_a_block_planned_for_its_values_sends_its_statements_unprepared(on_postgres):
    from newsroom.plans import planned_for_the_values

    with planned_for_the_values("default"):
        _run_five_times("inside_the_block")
    _run_five_times("after_the_block")
    assert (_prepared("inside_the_block"), _prepared("after_the_block")) == (False, True)


@pytest.mark.django_db
def test_a_block_planned_for_its_values_prepares_again_after_an_error(on_postgres):
    from newsroom.plans import planned_for_the_values

    with pytest.raises(ZeroDivisionError), planned_for_the_values("default"):
        1 / 0  # noqa: B018
    _run_five_times("after_an_error")
    assert _prepared("after_an_error")
