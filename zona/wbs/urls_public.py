from django.urls import path

from . import views_public

app_name = "wbs_public"
urlpatterns = [
    path("lacak/", views_public.track, name="track"),
    path("<slug:slug>/", views_public.intake, name="intake"),
]
