from django.urls import path

from . import views

app_name = "road"
urlpatterns = [
    path("lke/<int:pk>/", views.forecast_page, name="forecast"),
    path("<slug:slug>/kalender/", views.calendar_page, name="calendar"),
    path("<slug:slug>/kalender/simpan/", views.calendar_save, name="calendar_save"),
    path("<slug:slug>/kalender/tonggak/", views.milestone_save, name="milestone_save"),
    path("<slug:slug>/unit/", views.national_page, name="national"),
    path("<slug:slug>/unit/ekspor.xlsx", views.national_export, name="national_export"),
]
