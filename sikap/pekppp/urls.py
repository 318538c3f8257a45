"""The PEKPPP working pages under /pekppp/: cycles and lokus, F-01, F-02, validation, recommendations."""

from django.urls import path

from sikap.pekppp import views, views_admin, views_f01, views_f02

app_name = "pekppp"

urlpatterns = [
    path("", views.index, name="index"),
    path("siklus/baru/", views_admin.cycle_create, name="cycle_create"),
    path("siklus/<int:pk>/", views_admin.cycle, name="cycle"),
    path("lokus/<int:pk>/", views.lokus, name="lokus"),
    path("lokus/<int:pk>/evaluator/", views_admin.assign, name="assign"),
    path("lokus/<int:pk>/f01/", views_f01.self_assessment, name="f01"),
    path("lokus/<int:pk>/f01/versi/<int:number>/", views_f01.version, name="f01_version"),
    path("lokus/<int:pk>/f01/bukti/<int:indicator>/", views_f01.upload_evidence, name="evidence_upload"),
    path("bukti/<int:pk>/", views_f01.download_evidence, name="evidence"),
    path("bukti/<int:pk>/hapus/", views_f01.delete_evidence, name="evidence_delete"),
    path("klarifikasi/<int:pk>/jawab/", views_f01.answer_clarification, name="clarification_answer"),
    path("lokus/<int:pk>/f02/<str:aspect>/", views_f02.evaluation, name="f02"),
    path("lokus/<int:pk>/f02/<str:aspect>/nilai/<int:indicator>/", views_f02.set_level, name="set_level"),
    path("lokus/<int:pk>/f02/<str:aspect>/klarifikasi/<int:indicator>/", views_f02.ask, name="ask"),
    path("lokus/<int:pk>/f02/<str:aspect>/final/", views_f02.finalise, name="finalise"),
    path("lokus/<int:pk>/validasi/", views_f02.validation, name="validation"),
    path("lokus/<int:pk>/rekomendasi/", views_f02.recommendations, name="recommendations"),
]
