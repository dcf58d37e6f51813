"""Domain errors and the API's error format.

Services raise :class:`ApplicationError`; views turn it into a form error and the API
into HTTP 400 with field messages. Every API error has the same JSON shape::

    {"status": 400, "code": "invalid", "detail": "…", "errors": {"field": ["…"]}}
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.forms import Form
from django.http import Http404
from django.utils.translation import gettext as _
from django_scopes import ScopeError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler


class ApplicationError(Exception):
    """A business rule refused the action; ``field`` names the input at fault."""

    def __init__(
        self, message: str, *, field: str | None = None, code: str = "invalid"
    ):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code

    @property
    def errors(self) -> dict[str, list[str]]:
        return {self.field or "non_field_errors": [self.message]}


def add_error_to_form(
    form: Form, error: ApplicationError | DjangoValidationError
) -> None:
    """Show a service's refusal on the form, beside the field it concerns."""
    if isinstance(error, ApplicationError):
        field = error.field if error.field in form.fields else None
        form.add_error(field, error.message)
        return
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def _body(code: str, detail: Any, http_status: int, errors: dict | None = None) -> dict:
    body = {"status": http_status, "code": code, "detail": detail}
    if errors:
        body["errors"] = errors
    return body


def _field_errors(detail: Any) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        return {
            key: [str(m) for m in (value if isinstance(value, list) else [value])]
            for key, value in detail.items()
        }
    if isinstance(detail, list):
        return {"non_field_errors": [str(m) for m in detail]}
    return {"non_field_errors": [str(detail)]}


def api_exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF exception handler giving every error the project's JSON shape."""
    if isinstance(exc, ApplicationError):
        return Response(
            _body(exc.code, exc.message, 400, exc.errors),
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, DjangoValidationError):
        errors = (
            {k: list(v) for k, v in exc.message_dict.items()}
            if hasattr(exc, "error_dict")
            else {"non_field_errors": list(exc.messages)}
        )
        return Response(_body("invalid", _("Invalid input."), 400, errors), status=400)
    if isinstance(exc, ScopeError):
        # A query outside the caller's areas: treat as not found, never leak.
        exc = Http404()
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Not found."))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)

    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = _body(
            "invalid",
            _("Invalid input."),
            response.status_code,
            _field_errors(exc.detail),
        )
    else:
        detail = (
            response.data.get("detail", "") if isinstance(response.data, dict) else ""
        )
        code = getattr(exc, "default_code", "error")
        if isinstance(exc, exceptions.APIException):
            codes = exc.get_codes()
            code = codes if isinstance(codes, str) else code
        response.data = _body(code, str(detail), response.status_code)
    return response
