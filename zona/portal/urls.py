from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.unit_list, name="list"),
    path("<slug:slug>/", views.unit_home, name="unit"),
    path("<slug:slug>/pengaturan/", views.unit_settings, name="settings"),
    path("<slug:slug>/rencana-kerja/<int:year>/", views.unit_plan, name="plan"),
]
