"""Rich text of the plan: Markdown in, sanitised HTML out.

The stored text is Markdown written by staff; raw HTML in it is not trusted. Every render
goes through nh3 with a strict allow-list, so no script, style, iframe, event handler or
javascript: URL reaches a page or the PDF, whatever was typed or pasted.
"""

import re

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

TOEGESTANE_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote",
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "a", "code", "hr",
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


def naar_html(tekst: str, kopniveau: int = 3) -> SafeString:
    """Markdown -> sanitised HTML. Headings in the text start at `kopniveau` (the chapter's
    own heading sits one level higher), so the page's heading order stays intact."""
    html = markdown.markdown(tekst or "", extensions=["tables", "sane_lists"], output_format="html")
    niveaus = [int(n) for n in _KOP.findall(html)]
    if niveaus:
        verschuiving = kopniveau - min(niveaus)
        html = _KOP_TAG.sub(lambda m: f"<{m[1]}h{min(6, int(m[2]) + verschuiving)}>", html)
    return mark_safe(schoon(html))  # noqa: S308 - nh3 output is the allow-listed subset


_KOP = re.compile(r"<h([1-6])>")
_KOP_TAG = re.compile(r"<(/?)h([1-6])>")


def platte_tekst(tekst: str) -> str:
    """Text without markup, for diffs and for the completeness check's word search."""
    return nh3.clean(markdown.markdown(tekst or ""), tags=set()).strip()
