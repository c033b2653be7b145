from django.urls import path

from . import views_exports as views

app_name = "evidence_exports"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("<int:pk>/", views.status, name="status"),
    path("<int:pk>/unduh/", views.download, name="download"),
]
