from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [path("lampiran/<int:pk>/", views.attachment_download, name="attachment")]
