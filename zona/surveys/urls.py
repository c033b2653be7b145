from django.urls import path

from . import views

app_name = "surveys"
urlpatterns = [
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
