from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from sikap.accounts import views, views_2fa
from sikap.accounts.forms import ChangePasswordForm, ResetPasswordForm

urlpatterns = [
    path("masuk/", views_2fa.LoginView.as_view(), name="login"),
    path("masuk/kode/", views_2fa.login_code, name="login_code"),
    path("dua-langkah/", views_2fa.two_factor, name="two_factor"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("", views.account, name="account"),
    path("aktivitas-masuk/", views.login_activity, name="login_activity"),
    path(
        "kata-sandi/",
        auth_views.PasswordChangeView.as_view(form_class=ChangePasswordForm),
        name="password_change",
    ),
    path("kata-sandi/selesai/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("lupa-kata-sandi/", views.PasswordResetView.as_view(), name="password_reset"),
    path("lupa-kata-sandi/terkirim/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "atur-ulang/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            form_class=ResetPasswordForm, success_url=reverse_lazy("password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path(
        "atur-ulang/selesai/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
