"""P3 models, one module per area (supervisi, audit, register, mutu, rtm).

Each area module is imported here so Django finds its models.
"""

from .register import *  # noqa: F403
