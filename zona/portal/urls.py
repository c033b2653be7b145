from django.urls import path

from . import views, views_stats

app_name = "portal"
urlpatterns = [
    path("", views.unit_list, name="list"),
    path("statistik/", views_stats.national_statistics, name="statistics_national"),
    path("statistik.csv", views_stats.national_statistics_csv, name="statistics_national_csv"),
    path("statistik.json", views_stats.national_statistics_json, name="statistics_national_json"),
    path("<slug:slug>/", views.unit_home, name="unit"),
    path("<slug:slug>/pengaturan/", views.unit_settings, name="settings"),
    path("<slug:slug>/rencana-kerja/<int:year>/", views.unit_plan, name="plan"),
    path("<slug:slug>/statistik/", views_stats.unit_statistics, name="statistics"),
    path("<slug:slug>/statistik.csv", views_stats.unit_statistics_csv, name="statistics_csv"),
    path("<slug:slug>/statistik.json", views_stats.unit_statistics_json, name="statistics_json"),
]
