from django.urls import path

from portal.signing import views

app_name = "signing"

urlpatterns = [
    path("<slug:crl_name>.crl", views.crl, name="crl"),
]
