"""Checks on uploaded files, by their bytes (not by the name or the browser's type)."""

import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BIJLAGE = 10 * 1024 * 1024

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def bestand_controleren(bestand) -> str:
    """The MIME type by the file's bytes (PDF or DOCX), or a Dutch ValidationError."""
    if bestand.size > MAX_BIJLAGE:
        raise ValidationError(_("Het bestand is groter dan 10 MB. Verklein het of splits het op."))
    bestand.seek(0)
    kop = bestand.read(8)
    bestand.seek(0)
    if kop.startswith(b"%PDF-"):
        return PDF
    if kop.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(bestand) as z:
                namen = z.namelist()
        except zipfile.BadZipFile:
            namen = []
        bestand.seek(0)
        if "[Content_Types].xml" in namen and any(n.startswith("word/") for n in namen):
            return DOCX
    raise ValidationError(_("Alleen PDF- of Word-bestanden (.docx) zijn toegestaan."))
