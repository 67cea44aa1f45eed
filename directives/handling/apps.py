from django.apps import AppConfig


class HandlingConfig(AppConfig):
    name = "directives.handling"
    label = "handling"
    verbose_name = "Văn bản đến và nhiệm vụ"

    def ready(self) -> None:
        from directives.handling import receivers  # noqa: F401 — connects the receivers (signals from below)
