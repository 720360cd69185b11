"""ntm settings, read from the environment.

NTM_ENV=development (the default) runs on SQLite with demo-friendly defaults so that a new machine needs
no setup; NTM_ENV=production demands a secret key and turns on secure cookies and HSTS. PostgreSQL is used
whenever DATABASE_URL is set (production and CI).
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from ntm.env import env_bool, env_choice, env_int, env_list, env_str, stored_secret

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("NTM_VAR_DIR", str(BASE_DIR / "var")))

ENVIRONMENT = env_choice("NTM_ENV", "development", {"development", "production"})
PRODUCTION = ENVIRONMENT == "production"
DEBUG = env_bool("NTM_DEBUG", not PRODUCTION)

# Production takes its key from the environment; a local run (make run, make dev, the tests) makes one the first
# time and keeps it in the var directory, so sessions survive a restart and no key is written in the source.
SECRET_KEY = env_str("NTM_SECRET_KEY", "") or ("" if PRODUCTION else stored_secret(VAR_DIR / "secret_key"))
if not SECRET_KEY:
    raise ImproperlyConfigured("NTM_SECRET_KEY must be set when NTM_ENV=production")

ALLOWED_HOSTS = env_list("NTM_ALLOWED_HOSTS", [] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("NTM_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "ntm",
    "geo",
    "accounts",
    "programme",
    "inbox",
    "criteria",
    "assessment",
    "directives",
    "finance",
    "recognition",
    "targets",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "ntm.security_headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.PasswordChangeRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ntm.urls"
ADMIN_URL_PREFIX = "/quan-tri-he-thong/"  # ntm/urls.py mounts Django's admin here
WSGI_APPLICATION = "ntm.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.current_membership",
                "inbox.context_processors.inbox_count",
            ],
        },
    },
]

# SQLite is the zero-setup default for a single office machine and the demo; PostgreSQL whenever
# DATABASE_URL is set (production, CI), where ICU collations sort Vietnamese names correctly.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'ntm.sqlite3'}",
        conn_max_age=env_int("NTM_DB_CONN_MAX_AGE", 60 if PRODUCTION else 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several writers at once (gunicorn's workers): a transaction takes the write lock when it begins (IMMEDIATE),
    # and waits for it up to 20 s, instead of failing half-way with "database is locked".
    DATABASES["default"]["OPTIONS"] = {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                                       "transaction_mode": "IMMEDIATE", "timeout": 20}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "accounts.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},  # its message in Vietnamese
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # must come first: refuses locked-out logins
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Login throttling (django-axes, accounts/throttle.py): failures within 15 minutes lock, each kind on its own count —
# one user name from one address at 5, one user name from any addresses at 10, one address over any names at 20.
# The client's address is read behind NTM_TRUSTED_PROXIES reverse proxies (0: the connection's own address).
NTM_LOGIN_LOCKOUTS = [
    (["username", "ip_address"], env_int("NTM_LOGIN_FAILURE_LIMIT", 5)),
    (["username"], env_int("NTM_LOGIN_USERNAME_LIMIT", 10)),
    (["ip_address"], env_int("NTM_LOGIN_ADDRESS_LIMIT", 20)),
]
NTM_TRUSTED_PROXIES = env_int("NTM_TRUSTED_PROXIES", 0)
if min(limit for _, limit in NTM_LOGIN_LOCKOUTS) < 1 or NTM_TRUSTED_PROXIES < 0:
    raise ImproperlyConfigured("NTM_LOGIN_*_LIMIT must be at least 1 and NTM_TRUSTED_PROXIES at least 0")
AXES_LOCKOUT_PARAMETERS = [parameters for parameters, _ in NTM_LOGIN_LOCKOUTS]
AXES_FAILURE_LIMIT = NTM_LOGIN_LOCKOUTS[0][1]
AXES_HANDLER = "accounts.throttle.LockoutHandler"
AXES_CLIENT_IP_CALLABLE = "accounts.throttle.client_ip"
AXES_COOLOFF_TIME = 0.25  # hours
AXES_RESET_ON_SUCCESS = True  # the user's own failures from that address only (LockoutHandler.reset_user_attempts)
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLED = env_bool("NTM_LOGIN_THROTTLING", True)
# Password reset by e-mail: at most so many requests an hour from one address, mails an hour to one e-mail address;
# the link is valid for a day.
NTM_RESET_MAILS_PER_ADDRESS = env_int("NTM_RESET_MAILS_PER_ADDRESS", 5)
NTM_RESET_MAILS_PER_EMAIL = env_int("NTM_RESET_MAILS_PER_EMAIL", 3)
if min(NTM_RESET_MAILS_PER_ADDRESS, NTM_RESET_MAILS_PER_EMAIL) < 1:
    raise ImproperlyConfigured("NTM_RESET_MAILS_PER_ADDRESS and NTM_RESET_MAILS_PER_EMAIL must be at least 1")
PASSWORD_RESET_TIMEOUT = 24 * 60 * 60

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Our own formats: 20/11/2017 and 3.260,6 — Django's bundled "vi" formats spell dates out in words.
FORMAT_MODULE_PATH = ["ntm.formats"]
# Dates are typed as 20/11/2017 whatever the browser's language (ntm/dates.py: one text input, one reader); ISO too.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
# Django does not group digits by itself: a number a person reads is written by the vn_* filters (ntm/formatting.py:
# "3.260,6", "3.310 ngày"), and every other number (an id, a year, a version in an input or a URL) stays plain.
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
NODE_MODULES = BASE_DIR / "node_modules"
# Front-end libraries come from npm (package-lock.json) and are served by the app itself: no CDN.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", NODE_MODULES / "bootstrap-icons" / "font"),
    ("vendor/echarts", NODE_MODULES / "echarts" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("NTM_MANIFEST_STATIC", PRODUCTION)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

MEDIA_ROOT = VAR_DIR / "media"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

EMAIL_BACKEND = env_str("NTM_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("NTM_FROM_EMAIL", "ntm@localhost")

# Production hardening: cookies only over HTTPS, HSTS, no sniffing.
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("NTM_SSL_REDIRECT", PRODUCTION)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if PRODUCTION else None
SECURE_HSTS_SECONDS = env_int("NTM_HSTS_SECONDS", 31_536_000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_AGE = 8 * 60 * 60  # one working day

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("NTM_LOG_LEVEL", "WARNING")},
}
