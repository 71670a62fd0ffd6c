"""The user's API tokens page: create (the secret is shown once) and revoke."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duban.core.errors import ApplicationError

from . import services
from .forms import TokenForm
from .models import ApiToken


@login_required
def token_list(request):
    form = TokenForm(request.POST or None)
    secret, status = None, 200
    if request.method == "POST":
        if form.is_valid():
            try:
                _token, secret = services.api_token_create(actor=request.user, name=form.cleaned_data["name"],
                                                           days=form.cleaned_data["days"])
            except ApplicationError as error:
                form.add_error(None, error.message)
                status = 400
            else:
                form = TokenForm()
        else:
            status = 400
    tokens = ApiToken.objects.filter(user=request.user).order_by("-created_at")
    return render(request, "api/token_list.html", {"form": form, "tokens": tokens, "secret": secret}, status=status)


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    try:
        services.api_token_revoke(actor=request.user, token=token)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Token “%(name)s” revoked") % {"name": token.name})
    return redirect("api_tokens:list")
