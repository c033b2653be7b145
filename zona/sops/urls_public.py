from django.urls import path

from . import views

app_name = "sops_public"
urlpatterns = [
    path("<slug:slug>/sop/", views.public_list, name="list"),
    path("<slug:slug>/sop/<int:pk>/berkas/", views.public_file, name="file"),
]
