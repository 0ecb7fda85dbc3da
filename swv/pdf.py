"""One helper renders a template to PDF (WeasyPrint), after open-forms' utils/pdf.py.

WeasyPrint is imported lazily (it needs Pango; pages that make no PDF never load it).
The URL fetcher serves only our own static files and data: URLs: a document can never
fetch a remote URL or a local file outside static/. Output is tagged (PDF/UA-1) for
screen readers, with the document language set to Dutch.
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify

BASE_URL = "https://swv-portaal.invalid/"


class GeblokkeerdeBron(Exception):
    pass


def _statisch_bestand(pad: str) -> Path | None:
    relatief = pad.removeprefix(settings.STATIC_URL).lstrip("/")
    if ".." in Path(relatief).parts:
        return None
    gevonden = finders.find(relatief)
    if gevonden:
        return Path(gevonden)
    kandidaat = Path(settings.STATIC_ROOT) / relatief
    return kandidaat if kandidaat.is_file() else None


def url_fetcher(url: str, *args, **kwargs):
    from weasyprint.urls import URLFetcherResponse, default_url_fetcher

    if url.startswith("data:"):
        return default_url_fetcher(url, *args, **kwargs)
    deel = urlparse(url)
    if f"{deel.scheme}://{deel.netloc}/" == BASE_URL and deel.path.startswith(settings.STATIC_URL):
        bestand = _statisch_bestand(unquote(deel.path))
        if bestand is not None:
            soort = mimetypes.guess_type(bestand.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                url, body=bestand.read_bytes(), headers={"Content-Type": soort}
            )
    raise GeblokkeerdeBron(f"PDF mag deze bron niet laden: {url}")


def html_naar_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=BASE_URL, url_fetcher=url_fetcher).write_pdf(
        pdf_variant="pdf/ua-1", uncompressed_pdf=False
    )


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a Django template (extending `pdf/basis.html`) to PDF bytes."""
    return html_naar_pdf(render_to_string(template_name, context))


def pdf_response(pdf: bytes, naam: str, *, inline: bool = True) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    soort = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{soort}; filename="{slugify(naam) or "document"}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
