from django.urls import path

from zona.cases import views as cases

from . import views
from .models import KIND

app_name = "complaints"
urlpatterns = [
    path("", cases.case_list, {"kind": KIND}, name="list"),
    path("<int:pk>/", views.staff_detail, name="detail"),
    path("<int:pk>/langkah/", views.staff_step, name="step"),
    path("<int:pk>/lapor/", views.staff_lapor, name="lapor"),
    path("<int:pk>/pesan/", cases.case_message_view, {"kind": KIND}, name="message"),
    path("<int:pk>/petugas/", cases.case_assign_view, {"kind": KIND}, name="assign"),
    path("<int:pk>/insiden/", cases.case_incident_view, {"kind": KIND}, name="incident"),
    path("unit/<slug:slug>/baru/", views.staff_new, name="new"),
    path("unit/<slug:slug>/statistik/", views.staff_statistics, name="statistics"),
    path("unit/<slug:slug>/register/", views.staff_register, name="register"),
]
