from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's locale middleware, redirecting only the bare root `/` to the visitor's language.

    Django would also redirect an unknown path such as `/xx/news/` to `/fi/xx/news/` before it
    404s; we answer such paths with the translated 404 page straight away.
    """

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info != "/":
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
            return response
        return super().process_response(request, response)
