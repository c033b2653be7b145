from django.urls import path

from . import views

app_name = "evidence"
urlpatterns = [
    path("versi/<int:pk>/unduh/", views.download, name="download"),
    path("versi/<int:pk>/pratinjau/", views.preview, name="preview"),
    path("<int:pk>/unduh/", views.download_current, name="download_current"),
    path("<int:pk>/tinjau/", views.review, name="review"),
    path("<int:pk>/versi-baru/", views.new_version, name="new_version"),
    path("<int:pk>/masa-berlaku/", views.dates, name="dates"),
]
