from django.urls import path

from . import views, views_lke

app_name = "gratification"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("cek/", views.check, name="check"),
    path("lapor/", views.report_new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/langkah/", views.step, name="step"),
    path("<int:pk>/lengkapi/", views.complete, name="complete"),
    path("upg/<slug:slug>/", views.unit_page, name="unit"),
    path("upg/<slug:slug>/rekap/", views.recap_new, name="recap"),
    path("upg/<slug:slug>/lke/", views_lke.lke_records, name="lke_records"),
]
