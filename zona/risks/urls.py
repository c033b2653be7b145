from django.urls import path

from . import views

app_name = "risks"
urlpatterns = [
    path("<slug:slug>/", views.current, name="current"),
    path("<slug:slug>/matriks/", views.matrix_page, name="matrix"),
    path("<slug:slug>/<int:year>/", views.register_page, name="register"),
    path("<slug:slug>/<int:year>/buka/", views.register_new, name="register_new"),
    path("<slug:slug>/<int:year>/risiko/baru/", views.risk_edit, name="risk_new"),
    path("<slug:slug>/<int:year>/risiko/<int:pk>/", views.risk_edit, name="risk"),
    path("<slug:slug>/<int:year>/risiko/<int:pk>/rtp/", views.action_new, name="action_new"),
    path("<slug:slug>/<int:year>/impor/", views.import_file, name="import"),
    path("<slug:slug>/<int:year>/unit-bawahan/", views.units_below, name="rollup"),
    path("<slug:slug>/<int:year>/daftar-risiko.<str:fmt>", views.export, name="export"),
    path("rtp/<int:pk>/realisasi/<int:cycle_pk>/", views.realise, name="realise"),
]
