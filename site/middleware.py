from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation

from website.languages import negotiate


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's locale middleware, with our choice of language, redirecting only the bare root `/`.

    The address's prefix sets the language; without one, `website.languages.negotiate` picks it from
    `Accept-Language` (English for a browser that asks only for languages we do not offer). No
    language cookie is read. Django would also redirect an unknown path such as `/xx/news/` to
    `/fi/xx/news/` before it 404s; we answer such paths with the translated 404 page straight away.
    """

    def process_request(self, request):
        language = translation.get_language_from_path(request.path_info)
        translation.activate(language or negotiate(request.headers.get("Accept-Language", "")))
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info != "/":
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
            return response
        return super().process_response(request, response)

