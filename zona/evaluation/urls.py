from django.urls import path

from . import views, views_requests

app_name = "evaluation"
urlpatterns = [
    path("<int:pk>/", views.board_view, name="board"),
    path("<int:pk>/jawab/<str:ref>/", views.answer_view, name="answer"),
    path("<int:pk>/ambil/", views.take_view, name="take"),
    path("<int:pk>/setujui/", views.approve_view, name="approve"),
    path("<int:pk>/rilis/", views.release_view, name="release"),
    path("<int:pk>/tim/", views.member_view, name="member"),
    path("<int:pk>/permintaan/", views_requests.requests_view, name="requests"),
    path("permintaan/<int:pk>/jawab/", views_requests.answer_view, name="request_answer"),
    path("permintaan/<int:pk>/putuskan/", views_requests.decide_view, name="request_decide"),
]
