from django.urls import path

from . import views

app_name = "peers"
urlpatterns = [
    path("<slug:slug>/", views.place_page, name="place"),
    path("<slug:slug>/peringatan/", views.warnings_page, name="warnings"),
    path("<slug:slug>/peringatan/ekspor/", views.warnings_export, name="warnings_export"),
]
