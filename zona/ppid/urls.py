from django.urls import path

from zona.cases import views as cases

from . import views
from .models import KIND

app_name = "ppid"
urlpatterns = [
    path("ppid/", cases.case_list, {"kind": KIND}, name="list"),
    path("ppid/<int:pk>/", views.staff_detail, name="detail"),
    path("ppid/<int:pk>/pesan/", cases.case_message_view, {"kind": KIND}, name="message"),
    path("ppid/<int:pk>/petugas/", cases.case_assign_view, {"kind": KIND}, name="assign"),
    path("ppid/<int:pk>/perpanjang/", views.staff_extend, name="extend"),
    path("ppid/<int:pk>/putuskan/", views.staff_decide, name="decide"),
    path("ppid/<int:pk>/serahkan/", views.staff_deliver, name="deliver"),
    path("ppid/<int:pk>/keberatan/", views.staff_objection, name="objection_new"),
    path("ppid/<int:pk>/pemberitahuan.pdf", views.staff_notice, name="notice"),
    path("ppid/keberatan/<int:pk>/tanggapan/", views.staff_answer, name="answer"),
    path("ppid/keberatan/<int:pk>/tanggapan-diterima/", views.staff_answer_received, name="answer_received"),
    path("ppid/keberatan/<int:pk>/sengketa/", views.staff_dispute, name="dispute_new"),
    path("ppid/sengketa/<int:pk>/", views.staff_dispute_update, name="dispute_update"),
    path("ppid/unit/<slug:slug>/baru/", views.staff_new, name="new"),
    path("ppid/unit/<slug:slug>/register/", views.registers, name="registers"),
    path("ppid/unit/<slug:slug>/laporan/<int:year>/", views.report_text, name="report_text"),
    path("ppid/unit/<slug:slug>/laporan/<int:year>.<str:fmt>", views.report_file, name="report"),
    path("ppid/unit/<slug:slug>/dip/", views.dip_manage, name="dip"),
    path("publik/<slug:slug>/ppid/", views.public_form, name="public_form"),
    path("publik/<slug:slug>/ppid/lacak/", cases.public_track, {"kind": KIND}, name="public_track"),
    path("publik/<slug:slug>/dip/", views.public_dip, name="public_dip"),
    path("publik/<slug:slug>/dip/<int:pk>/", views.public_dip_file, name="public_dip_file"),
]
