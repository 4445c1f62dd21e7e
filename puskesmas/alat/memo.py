"""Reads shared by the parts of one page: the same fact read once per GET request.

A home page asks the deadline registry twice (the work inbox and the deadline card) and
every deadline kind asks who holds a role at the Puskesmas; each part stays independent
(a provider does not know what the page around it has read) and asks through ``ingat``,
which answers a repeated question from memory for the rest of the request.

The memory exists only while a GET or HEAD request is served (``MemoPermintaanMiddleware``):
a GET never writes, so nothing it read can change under it. Elsewhere (a POST, a Celery
task, a shell, a test calling a selector) ``ingat`` simply computes, every time. Keys are
tuples naming the read and its arguments; values must not be mutated by their users.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import TypeVar

T = TypeVar("T")

_MEMO: ContextVar[dict | None] = ContextVar("memo_permintaan", default=None)


def ingat(kunci: Hashable, hitung: Callable[[], T]) -> T:
    """``hitung()``, or its result from earlier in this GET request under ``kunci``."""
    memo = _MEMO.get()
    if memo is None:
        return hitung()
    if kunci not in memo:
        memo[kunci] = hitung()
    return memo[kunci]


class MemoPermintaanMiddleware:
    """Opens the memory of ``ingat`` for the duration of each GET/HEAD request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        token = _MEMO.set({})
        try:
            return self.get_response(request)
        finally:
            _MEMO.reset(token)
