from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = "Báo cáo"

    def ready(self) -> None:
        # AppConfig.ready: the receivers import the services, which need the models loaded first.
        from reporting import receivers

        receivers.connect()
