from django.urls import path

from . import views

app_name = "ppid"
urlpatterns = [
    path("ppid/", views.staff_list, name="list"),
    path("ppid/<int:pk>/", views.staff_detail, name="detail"),
    path("ppid/<int:pk>/perpanjang/", views.staff_extend, name="extend"),
    path("ppid/<int:pk>/putuskan/", views.staff_decide, name="decide"),
    path("ppid/<int:pk>/pemberitahuan.pdf", views.staff_notice, name="notice"),
    path("ppid/keberatan/<int:pk>/tanggapan/", views.staff_answer, name="answer"),
    path("ppid/unit/<slug:slug>/register/", views.registers, name="registers"),
    path("ppid/unit/<slug:slug>/laporan/<int:year>.<str:fmt>", views.report_file, name="report"),
    path("ppid/unit/<slug:slug>/dip/", views.dip_manage, name="dip"),
    path("publik/<slug:slug>/ppid/", views.public_form, name="public_form"),
    path("publik/<slug:slug>/ppid/lacak/", views.public_track, name="public_track"),
    path("publik/<slug:slug>/dip/", views.public_dip, name="public_dip"),
    path("publik/<slug:slug>/dip/<int:pk>/", views.public_dip_file, name="public_dip_file"),
]
