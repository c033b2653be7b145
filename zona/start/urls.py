from django.urls import path

from . import views

app_name = "start"
urlpatterns = [
    path("", views.home, name="home"),
    path("verifikasi/", views.verify, name="verify"),
    path("terlambat/", views.overdue, name="overdue"),
    path("tanpa-pic/", views.unassigned, name="unassigned"),
    path("ditolak/", views.rejected, name="rejected"),
]
