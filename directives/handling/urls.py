from directives.handling.views import figures, incoming, instruction, tasks

app_name = "handling"

urlpatterns = [*incoming.urlpatterns, *instruction.urlpatterns, *tasks.urlpatterns, *figures.urlpatterns]
