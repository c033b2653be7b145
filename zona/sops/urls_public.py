from django.urls import path

from . import views_public

app_name = "sops_public"
urlpatterns = [
    path("<slug:slug>/sop/", views_public.public_list, name="list"),
    path("<slug:slug>/sop/<int:pk>/berkas/", views_public.public_file, name="file"),
]
