from django.urls import path

from . import views

app_name = "sops"
urlpatterns = [
    path("<slug:slug>/", views.register_page, name="register"),
    path("<slug:slug>/<int:pk>/", views.detail, name="detail"),
    path("<slug:slug>/<int:pk>/reviu/", views.review_new, name="review_new"),
    path("<slug:slug>/<int:pk>/revisi/", views.revision_new, name="revision_new"),
]
