from django.urls import path

from . import views_cycles, views_dashboard, views_findings, views_meetings, views_reports, views_teams

app_name = "monev"
urlpatterns = [
    path("rencana/<int:plan_pk>/", views_cycles.plan_monev, name="plan"),
    path("rencana/<int:plan_pk>/siklus/", views_cycles.cycle_open_view, name="cycle_open"),
    path("rencana/<int:plan_pk>/rapat/baru/", views_meetings.meeting_new, name="meeting_new"),
    path("rencana/<int:plan_pk>/temuan/", views_findings.finding_create_view, name="finding_create"),
    path("siklus/<int:pk>/", views_cycles.cycle_detail, name="cycle"),
    path("siklus/<int:pk>/langkah/<int:step_pk>/", views_reports.step_report_view, name="step_report"),
    path("siklus/<int:pk>/tutup/", views_cycles.cycle_close_view, name="cycle_close"),
    path("siklus/<int:pk>/ekspor/<str:fmt>/", views_cycles.export_start, name="export_start"),
    path("rapat/<int:pk>/", views_meetings.meeting_detail, name="meeting"),
    path("rapat/<int:pk>/dokumen/", views_meetings.meeting_document_view, name="meeting_document"),
    path("temuan/<int:pk>/", views_findings.finding_detail, name="finding"),
    path("temuan/<int:pk>/tutup/", views_findings.finding_close_view, name="finding_close"),
    path("dasbor/<slug:unit_slug>/", views_dashboard.dashboard, name="dashboard"),
    path("tim/<slug:unit_slug>/", views_teams.teams, name="teams"),
    path("tim/anggota/<int:pk>/hapus/", views_teams.team_member_remove_view, name="team_member_remove"),
    path("tim/<int:pk>/anggota/", views_teams.team_member_add_view, name="team_member_add"),
    path("tim/anggota/<int:pk>/perubahan/", views_teams.agent_change_view, name="agent_change"),
    path(
        "tim/perubahan/<int:pk>/integrasi/",
        views_teams.agent_change_integrate_view,
        name="agent_change_integrate",
    ),
]
