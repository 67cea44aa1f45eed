from django.apps import AppConfig


class DashboardConfig(AppConfig):
    """The dashboards are part of reporting (their rows are reporting's and directives'); this config only wires
    the cache's invalidation (reporting/dashboard/receivers.py) in every process that writes: web, worker, beat."""

    name = "reporting.dashboard"
    label = "dashboard"
    verbose_name = "Tổng hợp"

    def ready(self) -> None:
        # AppConfig.ready: the receivers import the services' signals and the models, loaded first.
        from reporting.dashboard import receivers

        receivers.connect()
