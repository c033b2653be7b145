from django.urls import path

from . import views

app_name = "twofactor"
urlpatterns = [
    path("", views.twofactor_verify, name="verify"),
    path("daftar/", views.twofactor_enrol, name="enrol"),
    path("kelola/", views.twofactor_manage, name="manage"),
    path("kode-cadangan/", views.twofactor_codes_renew, name="codes_renew"),
    path("matikan/", views.twofactor_disable, name="disable"),
]
