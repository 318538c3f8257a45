from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("sikap.api.urls")),
    path("akun/", include("sikap.accounts.urls")),
    path("", include("sikap.workspace.urls")),
    path("", include("sikap.organisation.urls")),
    path("", include("sikap.instruments.urls")),
    path("instrumen/", include("sikap.instruments.builder_urls")),
    path("s/", include("sikap.responses.public_urls")),
    path("undangan/", include("sikap.internal.public_urls")),
    path("kiosk/", include("sikap.kiosk.urls")),
    path("operator/kios/", include("sikap.kiosk.operator_urls")),
    path("operator/", include("sikap.responses.operator_urls")),
    path("indeks/", include("sikap.indices.urls")),
    path("dasbor/", include("sikap.dashboards.urls")),
    path("laporan/", include("sikap.reports.urls")),
    path("tindak-lanjut/", include("sikap.followup.urls")),
    path("hasil/", include("sikap.publication.urls")),
    path("pekppp/hasil/", include("sikap.pekppp.result_urls")),
    path("survei-internal/hasil/", include("sikap.dashboards.internal_urls")),
    path("survei-internal/", include("sikap.internal.urls")),
    path("pekppp/", include("sikap.pekppp.urls")),
]
