from django.urls import path

from . import views_public

app_name = "surveys_public"
urlpatterns = [
    path("survei/<str:token>/", views_public.answer, name="answer"),
    path("publik/<slug:slug>/survei/", views_public.unit_index, name="public_index"),
    path("publik/<slug:slug>/survei/<str:token>/", views_public.results, name="results"),
    path(
        "publik/<slug:slug>/survei/<str:token>/<str:kind>.pdf", views_public.results_pdf, name="results_pdf"
    ),
    path(
        "publik/<slug:slug>/survei/<str:token>/data.<str:fmt>", views_public.results_data, name="results_data"
    ),
    path("publik/<slug:slug>/standar-pelayanan/", views_public.standards_public, name="standards_public"),
    path(
        "publik/<slug:slug>/standar-pelayanan/<int:pk>/maklumat.pdf",
        views_public.maklumat_pdf,
        name="maklumat_pdf",
    ),
]
