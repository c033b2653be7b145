from django.urls import path

from . import views, views_public

app_name = "surveys"
urlpatterns = [
    # the public
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
    # the unit
    path("layanan/", views.hub, name="hub"),
    path("layanan/<slug:slug>/survei/", views.unit_page, name="unit"),
    path("layanan/<slug:slug>/layanan-baru/", views.service_new, name="service_new"),
    path("layanan/<slug:slug>/survei-baru/", views.survey_new, name="survey_new"),
    path("layanan/<slug:slug>/kuesioner/", views.definitions, name="definitions"),
    path("layanan/<slug:slug>/standar/", views.standards, name="standards"),
    path("layanan/<slug:slug>/standar/<int:service_pk>/baru/", views.standard_new, name="standard_new"),
    path("layanan/<slug:slug>/standar/versi/<int:pk>/", views.standard_state, name="standard_state"),
    path("survei-kelola/<int:pk>/", views.detail, name="detail"),
    path("survei-kelola/<int:pk>/kertas/", views.paper_entry, name="paper"),
    path("survei-kelola/<int:pk>/unggah/", views.upload, name="upload"),
    path("survei-kelola/<int:pk>/jawaban/<int:response_pk>/", views.mark, name="mark"),
    path("survei-kelola/<int:pk>/kode/", views.tickets, name="tickets"),
    path("survei-kelola/<int:pk>/qr.pdf", views.qr_poster, name="qr"),
    path("survei-kelola/<int:pk>/status/", views.state, name="state"),
    path("survei-kelola/<int:pk>/tindak-lanjut/", views.follow_up, name="follow_up"),
]
