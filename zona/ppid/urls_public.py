from django.urls import path

from zona.cases import views_public as cases

from . import views_public
from .models import KIND

app_name = "ppid_public"
urlpatterns = [
    path("<slug:slug>/ppid/", views_public.public_form, name="form"),
    path("<slug:slug>/ppid/lacak/", cases.public_track, {"kind": KIND}, name="track"),
    path("<slug:slug>/dip/", views_public.public_dip, name="dip"),
    path("<slug:slug>/dip/<int:pk>/", views_public.public_dip_file, name="dip_file"),
]
