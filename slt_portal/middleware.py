"""Language choice: bokmål unless the user chose otherwise.

Django's LocaleMiddleware follows the browser's Accept-Language, which would show an
English UI to most Norwegian public-sector PCs (set up in English). Here the order is:
the language cookie (the switcher in the header), the user's profile language, then
bokmål. API clients may still ask with Accept-Language.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

SUPPORTED = {code for code, _name in settings.LANGUAGES}


class LanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = self._language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie", "Accept-Language"))
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response

    def _language(self, request: HttpRequest) -> str:
        cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if cookie in SUPPORTED:
            return cookie
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language in SUPPORTED:
            return user.language
        if request.path.startswith("/api/"):
            accepted = translation.get_language_from_request(request)
            if accepted in SUPPORTED:
                return accepted
        return settings.LANGUAGE_CODE
