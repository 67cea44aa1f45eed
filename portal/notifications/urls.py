from django.urls import path

from portal.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:notification_id>/mo/", views.open_notification, name="open"),
    path("doc-tat-ca/", views.mark_all_read, name="mark_all_read"),
]
