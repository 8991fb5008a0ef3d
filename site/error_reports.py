"""Error reports (the e-mails to ADMINS) that say what broke without saying who was visiting.

Django's SafeExceptionReporterFilter hides settings and cookies whose names look secret, POST values
named by `sensitive_post_parameters()` and local variables named by `sensitive_variables()`. It
still shows every request header, every cookie and the query string: a visitor's address, user
agent, referring page and search words. Here:

- META keeps only the names in SAFE_META (the method, path, host, protocol, content type); every
  other value is hidden, which also covers headers a proxy adds under names we cannot foresee and
  gunicorn's socket object, whose repr names the client's address;
- every cookie value and every GET value is hidden, and the URL (also in the repr of a request among
  a frame's local variables) is shown without its query string;
- a view marked `sensitive_post_parameters()` (all of them) also has every value of a POST-like
  dict among its frames' local variables hidden, where Django hides only named ones.

Views that receive referral text or receipt codes mark their POST data and their local variables as
sensitive themselves (referral_form/views.py, admin_views.py, submissions.py, crypto.py and the rest).
"""

from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

# Request META entries that describe the request, not the person sending it.
SAFE_META = frozenset({
    "REQUEST_METHOD", "PATH_INFO", "SCRIPT_NAME", "SERVER_NAME", "SERVER_PORT", "SERVER_PROTOCOL",
    "CONTENT_TYPE", "CONTENT_LENGTH", "HTTP_HOST", "HTTP_X_FORWARDED_PROTO", "wsgi.url_scheme",
})


class VisitorPrivacyFilter(SafeExceptionReporterFilter):
    def get_safe_request_meta(self, request):
        if not hasattr(request, "META"):
            return {}
        return {
            name: value if name in SAFE_META else self.cleansed_substitute
            for name, value in request.META.items()
        }

    def get_safe_cookies(self, request):
        return {name: self.cleansed_substitute for name in getattr(request, "COOKIES", {})}

    def get_cleansed_multivaluedict(self, request, multivaluedict):
        if self.is_active(request) and getattr(request, "sensitive_post_parameters", None) == "__ALL__":
            return {name: self.cleansed_substitute for name in multivaluedict}
        return super().get_cleansed_multivaluedict(request, multivaluedict)


class VisitorPrivacyReporter(ExceptionReporter):
    """Django's reporter, with the query string's values left out of the e-mail."""

    def get_traceback_data(self):
        data = super().get_traceback_data()
        if self.request is None:
            return data
        data["request_GET_items"] = [(name, self.filter.cleansed_substitute) for name in self.request.GET]
        data["request_insecure_uri"] = data["request_insecure_uri"].partition("?")[0]
        full_path, path = self.request.get_full_path(), self.request.path
        if full_path != path:
            for frame in data["frames"]:
                frame["vars"] = [(name, value.replace(full_path, path)) for name, value in frame.get("vars", [])]
        return data
