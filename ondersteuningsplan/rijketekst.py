"""Rich text of the plan: Markdown in, sanitised HTML out.

The stored text is Markdown written by staff; raw HTML in it is not trusted. Every render
goes through nh3 with a strict allow-list, so no script, style, iframe, event handler or
javascript: URL reaches a page or the PDF, whatever was typed or pasted.
"""

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

TOEGESTANE_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote",
    "h3", "h4", "h5", "table", "thead", "tbody", "tr", "th", "td", "a", "code", "hr",
}  # fmt: skip
TOEGESTANE_ATTRIBUTEN = {"a": {"href", "title"}, "th": {"scope"}, "td": set()}


def schoon(html: str) -> str:
    return nh3.clean(
        html,
        tags=TOEGESTANE_TAGS,
        attributes=TOEGESTANE_ATTRIBUTEN,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def naar_html(tekst: str) -> SafeString:
    """Markdown -> sanitised HTML. Headings are shifted down: a chapter is h2 on the page."""
    html = markdown.markdown(tekst or "", extensions=["tables", "sane_lists"], output_format="html")
    html = (
        html.replace("<h1>", "<h3>").replace("</h1>", "</h3>")
        .replace("<h2>", "<h3>").replace("</h2>", "</h3>")
    )  # fmt: skip
    return mark_safe(schoon(html))  # noqa: S308 - nh3 output is the allow-listed subset


def platte_tekst(tekst: str) -> str:
    """Text without markup, for diffs and for the completeness check's word search."""
    return nh3.clean(markdown.markdown(tekst or ""), tags=set()).strip()
