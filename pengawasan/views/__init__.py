"""P3 views, one module per area."""

from .index import IndexView

__all__ = ["IndexView"]
