"""Issued documents, one way (swv.models.Document).

A service that issues a document calls `bewaren(pdf, bestandsnaam)` inside its
transaction and links the returned `Document` from its record with `veld(...)` (a
one-to-one key: loading the record never loads the bytes); a view serves it with
`als_response`. Anonymising a record calls `wissen`: the document's content is gone, the
fact that one was issued stays.
"""

import hashlib

from django.db import models

from .models import Document
from .pdf import pdf_response

__all__ = ["bewaren", "koppelen", "als_response", "wissen", "veld"]


def bewaren(pdf: bytes, bestandsnaam: str) -> Document:
    inhoud = bytes(pdf)
    return Document.objects.create(
        bestandsnaam=bestandsnaam, inhoud=inhoud, sha256=hashlib.sha256(inhoud).hexdigest()
    )


def als_response(document: Document, naam: str = "", *, inline: bool = True):
    """The document as it was sent, named `naam` (default: its own file name)."""
    return pdf_response(
        bytes(document.inhoud), naam or document.bestandsnaam.removesuffix(".pdf"), inline=inline
    )


def wissen(*document_ids: int | None) -> None:
    """Anonymisation: the documents' content is removed; the rows and links stay. Takes
    the ids (`besch.pdf_id`), so the bytes are not loaded to be erased."""
    Document.objects.filter(pk__in=[i for i in document_ids if i is not None]).update(
        inhoud=b"", sha256=""
    )


def veld(verbose_name) -> models.OneToOneField:
    """The key from a record to the document it issued (empty until it is issued)."""
    return models.OneToOneField(
        Document,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=verbose_name,
    )


def koppelen(obj: models.Model, veld: str, document: Document | None) -> None:
    """Link `document` (or nothing) from `obj.<veld>` in the database and on `obj`; the
    document it replaces is deleted (a returned report's old version, for instance)."""
    model = type(obj)
    oud = model.objects.filter(pk=obj.pk).values_list(f"{veld}_id", flat=True).get()
    model.objects.filter(pk=obj.pk).update(**{veld: document})
    setattr(obj, veld, document)
    if oud is not None and oud != getattr(document, "pk", None):
        Document.objects.filter(pk=oud).delete()
