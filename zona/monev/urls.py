from django.urls import path

from . import views

app_name = "monev"
urlpatterns = [
    path("rencana/<int:plan_pk>/", views.plan_monev, name="plan"),
    path("rencana/<int:plan_pk>/siklus/", views.cycle_open_view, name="cycle_open"),
    path("rencana/<int:plan_pk>/rapat/baru/", views.meeting_new, name="meeting_new"),
    path("rencana/<int:plan_pk>/temuan/", views.finding_create_view, name="finding_create"),
    path("siklus/<int:pk>/", views.cycle_detail, name="cycle"),
    path("siklus/<int:pk>/langkah/<int:step_pk>/", views.step_report_view, name="step_report"),
    path("siklus/<int:pk>/tutup/", views.cycle_close_view, name="cycle_close"),
    path("siklus/<int:pk>/ekspor/<str:fmt>/", views.export_start, name="export_start"),
    path("rapat/<int:pk>/", views.meeting_detail, name="meeting"),
    path("rapat/<int:pk>/dokumen/", views.meeting_document_view, name="meeting_document"),
    path("temuan/<int:pk>/", views.finding_detail, name="finding"),
    path("temuan/<int:pk>/tutup/", views.finding_close_view, name="finding_close"),
    path("dasbor/<slug:unit_slug>/", views.dashboard, name="dashboard"),
    path("tim/<slug:unit_slug>/", views.teams, name="teams"),
    path("tim/anggota/<int:pk>/hapus/", views.team_member_remove_view, name="team_member_remove"),
    path("tim/<int:pk>/anggota/", views.team_member_add_view, name="team_member_add"),
    path("tim/anggota/<int:pk>/perubahan/", views.agent_change_view, name="agent_change"),
    path(
        "tim/perubahan/<int:pk>/integrasi/", views.agent_change_integrate_view, name="agent_change_integrate"
    ),
]
