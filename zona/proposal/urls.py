from django.urls import path

from . import views

app_name = "proposal"
urlpatterns = [
    path("<int:pk>/", views.package_view, name="package"),
    path("<int:pk>/data-surat/", views.details_view, name="details"),
    path("<int:pk>/bangun/", views.build_view, name="build"),
]
