from django.urls import path

from sikap.instruments import views

urlpatterns = [
    path("kampanye/", views.campaign_list, name="campaign_list"),
    path("kampanye/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("tautan/<int:pk>/qr.svg", views.link_qr_svg, name="link_qr_svg"),
    path("tautan/<int:pk>/qr.png", views.link_qr_png, name="link_qr_png"),
    path("tautan/<int:pk>/poster.pdf", views.link_poster, name="link_poster"),
]
