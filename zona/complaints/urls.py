from django.urls import path

from . import views

app_name = "complaints"
urlpatterns = [
    path("pengaduan/", views.staff_list, name="list"),
    path("pengaduan/<int:pk>/", views.staff_detail, name="detail"),
    path("pengaduan/<int:pk>/langkah/", views.staff_step, name="step"),
    path("pengaduan/<int:pk>/pesan/", views.staff_message, name="message"),
    path("pengaduan/<int:pk>/petugas/", views.staff_assign, name="assign"),
    path("pengaduan/unit/<slug:slug>/baru/", views.staff_new, name="new"),
    path("pengaduan/unit/<slug:slug>/statistik/", views.staff_statistics, name="statistics"),
    path("publik/<slug:slug>/pengaduan/", views.public_form, name="public_form"),
    path("publik/<slug:slug>/pengaduan/lacak/", views.public_track, name="public_track"),
    path("publik/<slug:slug>/pengaduan/statistik/", views.public_statistics, name="public_statistics"),
]
