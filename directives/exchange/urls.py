from django.urls import path

from directives.exchange import views

app_name = "exchange"

urlpatterns = [
    path("lien-thong/van-ban-den/<int:entry_id>/tep/", views.entry_file, name="entry_file"),
    path("lien-thong/goi-tin/", views.packets, name="packets"),
]
