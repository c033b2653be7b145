from django.urls import path

from . import views

app_name = "performance"
urlpatterns = [
    path("<slug:slug>/", views.current, name="current"),
    path("<slug:slug>/<int:year>/", views.agreement_page, name="agreement"),
    path("<slug:slug>/<int:year>/simpan/", views.agreement_save, name="agreement_save"),
    path("<slug:slug>/<int:year>/rumus/", views.formulas_save, name="formulas_save"),
    path("<slug:slug>/<int:year>/salin/", views.copy_previous, name="copy_previous"),
    path("<slug:slug>/<int:year>/sasaran/", views.target_new, name="target_new"),
    path("<slug:slug>/<int:year>/sasaran/<int:pk>/iku/", views.indicator_new, name="indicator_new"),
    path("<slug:slug>/<int:year>/iku/<int:pk>/realisasi/", views.realise, name="realise"),
    path("<slug:slug>/<int:year>/capaian.<str:fmt>", views.export, name="export"),
]
