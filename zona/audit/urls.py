from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("riwayat/<str:label>/<int:pk>/", views.history, name="history"),
    path("<slug:unit_slug>/", views.unit_log, name="unit_log"),
    path("<slug:unit_slug>/jejak/", views.unit_trail, name="trail"),
    path("<slug:unit_slug>/jejak.xlsx", views.unit_trail, {"fmt": "xlsx"}, name="trail_xlsx"),
]
