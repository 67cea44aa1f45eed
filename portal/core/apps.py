from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "portal.core"
    label = "core"
    verbose_name = "Lõi"

    def ready(self) -> None:
        from portal.core import (
            checks,  # noqa: F401  (registers the system checks)
            lockout,  # noqa: F401  (the login-lockout audit receiver)
        )
