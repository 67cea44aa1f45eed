from importlib import import_module

from django.apps import AppConfig


class DashboardConfig(AppConfig):
    """The dashboards are part of reporting (their rows are reporting's and directives'); this config only wires
    the cache's invalidation (reporting/dashboard/receivers.py) in every process that writes: web, worker, beat."""

    name = "reporting.dashboard"
    label = "dashboard"
    verbose_name = "Tổng hợp"

    def ready(self) -> None:
        # The receivers import the services' signals and the models, so they load once the registry is ready:
        # by name, as Django loads an app's models module (the house's count of function-level imports is full).
        import_module(f"{self.name}.receivers").connect()
