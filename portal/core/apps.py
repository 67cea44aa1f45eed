from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "portal.core"
    label = "core"
    verbose_name = "Lõi"

    def ready(self) -> None:
        # AppConfig.ready: the system checks and the lockout receiver register on import, once the apps are loaded.
        from portal.core import (
            checks,  # noqa: F401  (registers the system checks)
            lockout,  # noqa: F401  (the login-lockout audit receiver)
        )
