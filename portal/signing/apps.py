from django.apps import AppConfig


class SigningConfig(AppConfig):
    name = "portal.signing"
    label = "signing"
    verbose_name = "Chữ ký số"

    def ready(self) -> None:
        from portal.signing import checks  # noqa: F401 - registers the system checks
