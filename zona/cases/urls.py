from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [path("kasus/lampiran/<int:pk>/", views.attachment_download, name="attachment")]
