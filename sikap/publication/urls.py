"""Published results under /hasil/ (wired in config/urls.py).

kelola/ is the operators' page, persetujuan/ the leaders' queue of proposals and their decisions.
"""

from django.urls import path

from sikap.publication import views

app_name = "publication"
SVG, PNG = {"fmt": "svg"}, {"fmt": "png"}

urlpatterns = [
    path("", views.index, name="index"),
    path("kelola/<slug:code>/", views.manage, name="manage"),
    path("kelola/<slug:code>/<int:period_id>/ajukan/", views.propose, name="propose"),
    path("kelola/<slug:code>/<int:period_id>/terbitkan/", views.publish, name="publish"),
    path("kelola/<slug:code>/<int:period_id>/tarik/", views.unpublish, name="unpublish"),
    path("kelola/<slug:code>/<int:period_id>/infografis.svg", views.preview, SVG, name="preview_svg"),
    path("kelola/<slug:code>/<int:period_id>/infografis.png", views.preview, PNG, name="preview_png"),
    path("persetujuan/", views.queue, name="queue"),
    path("persetujuan/<int:pk>/", views.decide, name="decide"),
    path("persetujuan/<int:pk>/setujui/", views.approve, name="approve"),
    path("persetujuan/<int:pk>/kembalikan/", views.send_back, name="return"),
    path("<slug:code>/", views.unit_results, name="unit"),
    path("<slug:code>/<int:period_id>/infografis.svg", views.infographic, SVG, name="svg"),
    path("<slug:code>/<int:period_id>/infografis.png", views.infographic, PNG, name="png"),
]
