"""P3 models, one module per area (supervisi, audit, register, mutu, rtm).

Each area module is imported here so Django finds its models.
"""

from .audit import *  # noqa: F403
from .register import *  # noqa: F403
from .rtm import *  # noqa: F403
from .supervisi import *  # noqa: F403
