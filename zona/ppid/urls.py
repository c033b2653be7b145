from django.urls import path

from zona.cases import views as cases

from . import views
from .models import KIND

app_name = "ppid"
urlpatterns = [
    path("", cases.case_list, {"kind": KIND}, name="list"),
    path("<int:pk>/", views.staff_detail, name="detail"),
    path("<int:pk>/pesan/", cases.case_message_view, {"kind": KIND}, name="message"),
    path("<int:pk>/petugas/", cases.case_assign_view, {"kind": KIND}, name="assign"),
    path("<int:pk>/perpanjang/", views.staff_extend, name="extend"),
    path("<int:pk>/putuskan/", views.staff_decide, name="decide"),
    path("<int:pk>/serahkan/", views.staff_deliver, name="deliver"),
    path("<int:pk>/keberatan/", views.staff_objection, name="objection_new"),
    path("<int:pk>/pemberitahuan.pdf", views.staff_notice, name="notice"),
    path("keberatan/<int:pk>/tanggapan/", views.staff_answer, name="answer"),
    path("keberatan/<int:pk>/tanggapan-diterima/", views.staff_answer_received, name="answer_received"),
    path("keberatan/<int:pk>/sengketa/", views.staff_dispute, name="dispute_new"),
    path("sengketa/<int:pk>/", views.staff_dispute_update, name="dispute_update"),
    path("unit/<slug:slug>/baru/", views.staff_new, name="new"),
    path("unit/<slug:slug>/register/", views.registers, name="registers"),
    path("unit/<slug:slug>/laporan/<int:year>/", views.report_text, name="report_text"),
    path("unit/<slug:slug>/laporan/<int:year>.<str:fmt>", views.report_file, name="report"),
    path("unit/<slug:slug>/dip/", views.dip_manage, name="dip"),
]
