from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [path("<slug:unit_slug>/", views.unit_log, name="unit_log")]
