from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "directives.exchange"
    label = "exchange"
    verbose_name = "Liên thông văn bản"

    def ready(self) -> None:
        from directives.exchange import receivers  # noqa: F401 — connects the send hooks and the status answers
