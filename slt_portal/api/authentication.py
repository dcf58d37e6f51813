"""API-key authentication for machine clients (``Authorization: Api-Key <key>``)."""

from __future__ import annotations

import re

from django.conf import settings
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

_KEY_FORMAT = re.compile(r"^slt_[0-9a-f]{8}_[A-Za-z0-9_-]{20,64}$")


class ApiKeyAuthentication(authentication.BaseAuthentication):
    """Authenticates a per-area API key; ``request.auth`` becomes the ApiKey."""

    keyword_prefixes = tuple(settings.API_KEY_HEADER_PREFIXES)

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode(
            "latin-1", errors="replace"
        )
        if not header:
            return None
        keyword, _sep, raw_key = header.partition(" ")
        if keyword not in self.keyword_prefixes:
            return None
        raw_key = raw_key.strip()
        if not _KEY_FORMAT.match(raw_key):
            raise exceptions.AuthenticationFailed(_("Malformed API key."))
        from municipalities import selectors, services

        api_key = selectors.api_key_get_by_raw_key(raw_key=raw_key)
        if api_key is None:
            raise exceptions.AuthenticationFailed(_("Unknown API key."))
        if not api_key.is_usable():
            raise exceptions.AuthenticationFailed(
                _("This API key is revoked or expired.")
            )
        if not api_key.area.is_active:
            raise exceptions.AuthenticationFailed(_("The key's area is not active."))
        services.api_key_touch(api_key=api_key)
        return api_key.service_user, api_key

    def authenticate_header(self, request) -> str:
        return 'Api-Key realm="api"'


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "slt_portal.api.authentication.ApiKeyAuthentication"
    name = "ApiKeyAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Api-Key slt_xxxxxxxx_…` (one area, one role).",
        }
