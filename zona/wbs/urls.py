from django.urls import path

from . import views

app_name = "wbs"
urlpatterns = [
    path("", views.home, name="home"),
    path("kunci/buat/", views.key_new, name="key_new"),
    path("kunci/buka/", views.key_open, name="key_open"),
    path("kunci/tutup/", views.key_close, name="key_close"),
    path("kunci/kelola/", views.key_manage, name="key_manage"),
    path("<int:pk>/", views.report_view, name="report"),
    path("<int:pk>/langkah/", views.report_step, name="step"),
    path("<int:pk>/pesan/", views.report_message, name="message"),
    path("<int:pk>/identitas/", views.report_identity_request, name="identity_request"),
    path("<int:pk>/berkas/<int:file_pk>/", views.report_file, name="file"),
    path("<int:pk>/ekspor/", views.report_export, name="export"),
    path("<int:pk>/insiden/", views.report_incident, name="incident"),
    path("identitas/<int:pk>/putuskan/", views.identity_decision, name="identity_decide"),
]
