"""Local run (``make run``): SQLite, console e-mail, filesystem Celery broker.

The app shows itself as its users see it: Indonesian error pages, no Django debug pages
(a 404 out of scope would otherwise list every URL, in English). ``DEBUG=1`` turns the
debug pages on when a developer asks for them.
"""

from .base import *  # noqa: F403
from .env import env_bool

DEBUG = env_bool("DEBUG", False)

# Static files straight from the app folders through WhiteNoise, with or without DEBUG: no
# collectstatic step, and an edited file is picked up on the next request.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
