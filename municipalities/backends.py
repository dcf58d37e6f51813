"""Authentication backend: Django's ModelBackend, reading the signed-in user (and
their roles and areas) from the cache instead of the database on every request."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend

from municipalities import selectors


class CachedModelBackend(ModelBackend):
    """Logs in with e-mail and password as ModelBackend; ``get_user`` (called for
    every request with a session) is served by ``selectors.signed_in_user``."""

    def get_user(self, user_id):
        user = selectors.signed_in_user(user_id=int(user_id))
        return user if user is not None and self.user_can_authenticate(user) else None
