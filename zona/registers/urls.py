from django.urls import path

from . import views

app_name = "registers"
urlpatterns = [
    path("", views.units, name="units"),
    path("<slug:slug>/", views.hub, name="hub"),
    path("<slug:slug>/jumlah-pegawai/", views.headcount, name="headcount"),
    path("<slug:slug>/unit-bawahan/", views.units_below, name="rollup"),
    path("<slug:slug>/<slug:kind>/", views.register_page, name="register"),
    path("<slug:slug>/<slug:kind>/baru/", views.entry_new, name="entry_new"),
    path("<slug:slug>/<slug:kind>/impor/", views.import_file, name="import"),
    path("<slug:slug>/<slug:kind>/lampirkan/", views.attach, name="attach"),
    path("<slug:slug>/<slug:kind>/nihil/<int:year>/", views.nil, name="nil"),
    path("<slug:slug>/<slug:kind>/rekap.<str:fmt>", views.export, name="export"),
    path("<slug:slug>/<slug:kind>/<int:pk>/", views.entry_edit, name="entry"),
]
