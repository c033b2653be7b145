from django.urls import path

from . import views, views_path

app_name = "road"
urlpatterns = [
    path("lke/<int:pk>/", views.forecast_page, name="forecast"),
    path("lke/<int:pk>/gerbang/", views_path.gates_view, name="gates"),
    path("lke/<int:pk>/gerbang/rencana/", views_path.plan_view, name="plan"),
    path("lke/<int:pk>/gerbang/upaya/", views_path.effort_view, name="effort"),
    path("lke/<int:pk>/simulasi/", views_path.sandbox_view, name="sandbox"),
    path("lke/<int:pk>/simulasi/jawab/", views_path.sandbox_answer_view, name="sandbox_answer"),
    path("lke/<int:pk>/simulasi/ulang/", views_path.sandbox_reset_view, name="sandbox_reset"),
    path("<slug:slug>/kalender/", views.calendar_page, name="calendar"),
    path("<slug:slug>/kalender/simpan/", views.calendar_save, name="calendar_save"),
    path("<slug:slug>/kalender/tonggak/", views.milestone_save, name="milestone_save"),
    path("<slug:slug>/unit/", views.national_page, name="national"),
    path("<slug:slug>/unit/hitung-ulang/", views.national_recompute, name="national_recompute"),
    path("<slug:slug>/unit/ekspor.xlsx", views.national_export, name="national_export"),
]
