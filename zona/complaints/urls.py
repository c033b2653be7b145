from django.urls import path

from zona.cases import views as cases

from . import views
from .models import KIND

app_name = "complaints"
urlpatterns = [
    path("pengaduan/", cases.case_list, {"kind": KIND}, name="list"),
    path("pengaduan/<int:pk>/", views.staff_detail, name="detail"),
    path("pengaduan/<int:pk>/langkah/", views.staff_step, name="step"),
    path("pengaduan/<int:pk>/lapor/", views.staff_lapor, name="lapor"),
    path("pengaduan/<int:pk>/pesan/", cases.case_message_view, {"kind": KIND}, name="message"),
    path("pengaduan/<int:pk>/petugas/", cases.case_assign_view, {"kind": KIND}, name="assign"),
    path("pengaduan/unit/<slug:slug>/baru/", views.staff_new, name="new"),
    path("pengaduan/unit/<slug:slug>/statistik/", views.staff_statistics, name="statistics"),
    path("pengaduan/unit/<slug:slug>/register/", views.staff_register, name="register"),
    path("publik/<slug:slug>/pengaduan/", views.public_form, name="public_form"),
    path("publik/<slug:slug>/pengaduan/lacak/", cases.public_track, {"kind": KIND}, name="public_track"),
    path("publik/<slug:slug>/pengaduan/statistik/", views.public_statistics, name="public_statistics"),
]
