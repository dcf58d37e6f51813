"""API rate limit per user or API key: a fixed-window counter in Redis.

DRF's ``UserRateThrottle`` keeps every request's timestamp of the window in one
cache entry, reads and rewrites it on each request (two round trips, and a list as
long as the rate, 100 000 an hour by default), and loses counts when two requests
race. One ``INCR`` per request on a key per window is atomic and costs the same
however busy the caller is. The allowance resets at the top of each window.
"""

from __future__ import annotations

from rest_framework.throttling import SimpleRateThrottle

from slt_portal.cache import redis_client, redis_key


class UserRateThrottle(SimpleRateThrottle):
    """``DEFAULT_THROTTLE_RATES["user"]`` requests per window and principal."""

    scope = "user"

    def get_cache_key(self, request, view) -> str:
        user = request.user
        ident = user.pk if user and user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}

    def allow_request(self, request, view) -> bool:
        if self.rate is None:
            return True
        self.now = self.timer()
        window = int(self.now // self.duration)
        self.window_ends = (window + 1) * self.duration
        key = redis_key(f"{self.get_cache_key(request, view)}:{window}")
        pipe = redis_client(write=True).pipeline(transaction=False)
        pipe.incr(key)
        pipe.expire(key, self.duration)  # the key names its window; no NX (Redis 6)
        count, _ = pipe.execute()
        return count <= self.num_requests

    def wait(self) -> float:
        return max(0.0, self.window_ends - self.now)
