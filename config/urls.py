from django.contrib import admin
from django.urls import include, path

from zona.api.api import api
from zona.lib.admin_ids import bound_admin_ids
from zona.lib.nexturl import site_next_only

# Every admin page holds the ids typed or forged in it to their columns' ranges (before its URLs
# are made: they keep the admin's views as they are then).
bound_admin_ids(admin.site)

urlpatterns = [
    # The admin's own sign-in and sign-out read `next` too: held to this site's paths first.
    path("admin/login/", site_next_only(admin.site.login)),
    path("admin/logout/", site_next_only(admin.site.logout)),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("akun/token-api/", include("zona.api.urls_tokens")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("akun/", include("zona.accounts.urls")),
    path("akun/2fa/", include("zona.twofactor.urls")),
    path("audit/", include("zona.audit.urls")),
    path("notifikasi/", include("zona.notifications.urls")),
    path("bukti/", include("zona.evidence.urls")),
    path("ekspor/", include("zona.evidence.urls_exports")),
    path("kasus/", include("zona.cases.urls")),
    path("pengaduan/", include("zona.complaints.urls")),
    path("publik/", include("zona.complaints.urls_public")),
    path("ppid/", include("zona.ppid.urls")),
    path("publik/", include("zona.ppid.urls_public")),
    path("integritas/", include("zona.integrity.urls")),
    path("wbs/", include("zona.wbs.urls_public")),
    path("wbs-kelola/", include("zona.wbs.urls")),
    path("gratifikasi/", include("zona.gratification.urls")),
    path("benturan-kepentingan/", include("zona.coi.urls")),
    path("", include("zona.surveys.urls_public")),
    path("", include("zona.surveys.urls")),
    path("risiko/", include("zona.risks.urls")),
    path("rekap/", include("zona.registers.urls")),
    path("sop/", include("zona.sops.urls")),
    path("kinerja/", include("zona.performance.urls")),
    path("beranda/", include("zona.start.urls")),
    path("publik/", include("zona.sops.urls_public")),
    path("publik/", include("zona.portal.urls")),
    path("monev/", include("zona.monev.urls")),
    path("lke/", include("zona.lke.urls")),
    path("evaluasi/", include("zona.evaluation.urls")),
    path("usulan/", include("zona.proposal.urls")),
    path("jalan-wbk/", include("zona.road.urls")),
    path("siklus/", include("zona.cycle.urls")),
    path("pantauan/", include("zona.peers.urls")),
    path("", include("zona.plans.urls")),
]
