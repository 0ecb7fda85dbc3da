"""Fixtures of the verantwoording tests: the background worker (swv.taken) run in-process."""

import pytest
from django.core.management import call_command


@pytest.fixture
def worker(monkeypatch):
    """Run every queued background task once, as `manage.py db_worker` does. The worker
    closes stale connections between tasks, as a request does; in a test that would end
    the test's transaction, so that is switched off (as in tests/swv/test_taken.py)."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    return lambda: call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
