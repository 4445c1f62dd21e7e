"""The suite runs in parallel pytest workers (``make test``: ``-n auto --dist loadgroup``).

Tests on the shared broker must stay in one group, or two real Celery workers in two pytest
workers would consume each other's tasks from the same Redis queue.
"""

from .conftest import GRUP_BROKER


def _grup(item):
    penanda = item.get_closest_marker("xdist_group")
    return penanda.args[0] if penanda else None


def test_every_broker_test_is_in_the_broker_group(request):
    memakai = [
        i
        for i in request.session.items
        if "celery_worker_nyata" in getattr(i, "fixturenames", ())
        or i.get_closest_marker("gangguan")
    ]
    tanpa = [i.nodeid for i in memakai if _grup(i) != GRUP_BROKER]
    assert not tanpa, tanpa


def test_other_tests_are_not_pinned(request):
    # Only the broker tests are grouped: a group swallowing other tests would make the suite
    # serial again.
    assert _grup(request.node) is None
