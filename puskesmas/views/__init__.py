"""Pages of the core app, one module per group; URL patterns are in ``puskesmas/urls.py``."""
