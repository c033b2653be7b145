from django.urls import path

from zona.cases import views_public as cases

from . import views_public
from .models import KIND

app_name = "complaints_public"
urlpatterns = [
    path("<slug:slug>/pengaduan/", views_public.public_form, name="form"),
    path("<slug:slug>/pengaduan/lacak/", cases.public_track, {"kind": KIND}, name="track"),
    path("<slug:slug>/pengaduan/statistik/", views_public.public_statistics, name="statistics"),
]
