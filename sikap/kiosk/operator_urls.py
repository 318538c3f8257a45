from django.urls import path

from sikap.kiosk import views_operator

app_name = "kiosk_operator"

urlpatterns = [
    path("", views_operator.kiosk_list, name="list"),
    path("daftar/<int:link_pk>/", views_operator.kiosk_register, name="register"),
    path("<int:pk>/", views_operator.kiosk_detail, name="detail"),
    path("<int:pk>/impor/", views_operator.kiosk_import, name="import"),
    path("<int:pk>/<str:what>/", views_operator.kiosk_change, name="change"),
]
