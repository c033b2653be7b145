from django.urls import path

from . import views

app_name = "integrity"
urlpatterns = [
    path("", views.hub, name="hub"),
    path("<slug:slug>/<str:topic>/", views.topic_page, name="topic"),
    path("<slug:slug>/<str:topic>/sosialisasi/", views.socialisation_add, name="socialisation_add"),
    path("<slug:slug>/<str:topic>/evaluasi/", views.evaluation_add, name="evaluation_add"),
    path("tindak-lanjut/<int:pk>/selesai/", views.follow_up_done_view, name="follow_up_done"),
]
