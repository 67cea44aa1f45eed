"""The project's settings, read from the environment only (portal/env.py: strict; a malformed value stops start-up
naming the variable). base.py holds the framework's (database, auth, static, Celery, caches, e-mail, security,
API, logging); the domain's are split by what a reader looks for: exchange.py (identifier codes, the hub, edXML
packets), signing.py (digital signatures), domain.py (registers, deadlines, indicators, the emulation score)."""

from portal.settings.base import *  # noqa: F403
from portal.settings.domain import *  # noqa: F403
from portal.settings.exchange import *  # noqa: F403
from portal.settings.signing import *  # noqa: F403
