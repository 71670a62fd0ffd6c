from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from duban.web import views as web_views
from duban.api.urls import api_urls

admin.site.site_header = _("duban 督办 administration")
admin.site.site_title = _("duban 督办")
admin.site.index_title = _("Data administration")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(template_name="web/login.html"), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", web_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(template_name="web/password_change_done.html"),
         name="password_change_done"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("ingest/", include("duban.ingest.urls")),
    path("tracking/", include("duban.tracking.urls")),
    path("dispatch/", include("duban.dispatch.urls")),
    path("projects/", include("duban.projects.urls")),
    path("bulletins/", include("duban.bulletins.urls")),
    path("ledgers/", include("duban.ledgers.urls")),
    path("public/", include("duban.public.urls")),
    path("api/", include("duban.api.urls")),
    path("api/", api_urls),
    path("jobs/", include("duban.core.urls")),
    path("", include("duban.web.urls")),
]
# Evidence files are never served from MEDIA_ROOT directly: /tracking/evidence/<id>/ checks who asks.

# A bad query or form value (BadRequest) is shown to the user with what was wrong.
handler400 = "duban.web.views.bad_request"
