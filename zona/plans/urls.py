from django.urls import path

from . import views, views_import

app_name = "plans"
urlpatterns = [
    path("", views.home, name="home"),
    path("tugas-saya/", views.my_tasks, name="my_tasks"),
    path("impor/", views_import.import_upload, name="import"),
    path("impor/pindaian/", views_import.import_scan, name="import_scan"),
    path("impor/pratinjau/", views_import.import_preview, name="import_preview"),
    path("impor/kolom/", views_import.import_mapping, name="import_mapping"),
    path("impor/kolom/pratinjau/", views_import.import_mapping_preview, name="import_mapping_preview"),
    path("impor/simpan/", views_import.import_confirm, name="import_confirm"),
    path("impor/templat.xlsx", views_import.import_template, name="import_template"),
    path("rencana/<int:pk>/", views.plan_detail, name="detail"),
    path("rencana/<int:pk>/status/", views.plan_status_view, name="status"),
    path("rencana/<int:pk>/ekspor/<str:fmt>/", views.plan_export, name="export"),
    path("indikator/<int:pk>/", views.indicator_detail, name="indicator"),
    path("indikator/<int:pk>/bukti/", views.indicator_add_evidence, name="indicator_evidence"),
    path("langkah/<int:pk>/status/", views.step_toggle, name="step_toggle"),
    path("langkah/<int:pk>/pic/", views.step_assign_view, name="step_assign"),
]
