from django.urls import path

from . import views, views_review, views_sheet

app_name = "lke"
urlpatterns = [
    path("", views.assessment_list, name="list"),
    path("<int:pk>/", views.assessment_detail, name="detail"),
    path("rekap/<slug:unit_slug>/<int:year>/", views.rollup_view, name="rollup"),
    path("<int:pk>/bagian/<str:ref>/", views.section_view, name="section"),
    path("<int:pk>/jawab/<str:ref>/", views.answer_view, name="answer"),
    path("<int:pk>/kirim/", views_review.submit_view, name="submit"),
    path("<int:pk>/konfirmasi/", views_review.confirm_view, name="confirm"),
    path("<int:pk>/setujui/", views_review.agree_view, name="agree"),
    path("<int:pk>/cari-bukti/", views_review.evidence_search_view, name="evidence_search"),
    path("<int:pk>/kembalikan/", views.return_view, name="return"),
    path("<int:pk>/final/", views.finalize_view, name="finalize"),
    path("<int:pk>/tautan/", views.links_suggest_view, name="links_suggest"),
    path("<int:pk>/sk-wbk/", views.wbk_decree_view, name="wbk_decree"),
    path("<int:pk>/pilihan/", views.options_view, name="options"),
    path("<int:pk>/impor-lembar/", views_sheet.sheet_upload, name="sheet"),
    path("<int:pk>/impor-lembar/simpan/", views_sheet.sheet_confirm, name="sheet_confirm"),
    path("tautan/<int:pk>/", views.link_confirm_view, name="link_confirm"),
    path("<int:pk>/ekspor.xlsx", views.export_xlsx, name="export_xlsx"),
    path("<int:pk>/bukti.zip", views.evidence_pack, name="evidence_pack"),
]
