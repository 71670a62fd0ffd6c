"""Evidence files: accepted types checked by content, size limit, and the taking time of photos (EXIF)."""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from duban.core.errors import ApplicationError
from duban.core.uploads import check_image_pixels, check_zip_container, safe_filename

from .models import EvidenceKind

SHANGHAI = ZoneInfo("Asia/Shanghai")
EXIF_IFD = 0x8769
DATETIME_ORIGINAL = 36867
OFFSET_TIME_ORIGINAL = 36881

#: extension → (kind, check of the first bytes)
ACCEPTED = {
    "jpg": EvidenceKind.IMAGE, "jpeg": EvidenceKind.IMAGE, "png": EvidenceKind.IMAGE, "gif": EvidenceKind.IMAGE,
    "webp": EvidenceKind.IMAGE, "pdf": EvidenceKind.PDF, "docx": EvidenceKind.DOCUMENT, "doc": EvidenceKind.DOCUMENT,
    "xlsx": EvidenceKind.SHEET, "xls": EvidenceKind.SHEET,
}
ZIP_MAGIC, OLE_MAGIC, PDF_MAGIC = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"%PDF-"


@dataclass(frozen=True)
class CheckedFile:
    kind: str
    size: int
    sha256: str
    taken_at: datetime | None


def max_bytes() -> int:
    return int(getattr(settings, "DUBAN_EVIDENCE_MAX_BYTES", 20 * 1024 * 1024))


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def check_upload(upload) -> CheckedFile:
    """Refuse a file of the wrong type, too large, or too large once decoded; read an image's taking time.

    The upload's name is shortened safely first (folders and control characters dropped, at most 100
    characters with the extension kept). Raises ApplicationError.
    """
    upload.name = safe_filename(upload.name or "")
    name = upload.name
    kind = ACCEPTED.get(_extension(name))
    if kind is None:
        raise ApplicationError(_("File type not accepted: %(name)s (images, PDF, Word and Excel are)") % {"name": name})
    if upload.size > max_bytes():
        raise ApplicationError(_("File too large: %(name)s (%(size)s KB, at most %(limit)s KB)") % {
            "name": name, "size": upload.size // 1024, "limit": max_bytes() // 1024})
    head = _read_head(upload)
    if kind == EvidenceKind.IMAGE:
        check_image_pixels(upload, name)          # before Pillow decodes anything
    elif head.startswith(ZIP_MAGIC):
        check_zip_container(upload, name)         # .docx/.xlsx: entries and unpacked size, nothing inflated
    _check_content(name, kind, head, upload)
    return CheckedFile(kind, upload.size, _sha256(upload), _taken_at(upload) if kind == EvidenceKind.IMAGE else None)


def _read_head(upload) -> bytes:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    return head


def _check_content(name: str, kind: str, head: bytes, upload) -> None:
    ext = _extension(name)
    ok = {
        EvidenceKind.PDF: head.startswith(PDF_MAGIC),
        EvidenceKind.DOCUMENT: head.startswith(ZIP_MAGIC) if ext == "docx" else head.startswith(OLE_MAGIC),
        EvidenceKind.SHEET: head.startswith(ZIP_MAGIC) if ext == "xlsx" else head.startswith(OLE_MAGIC),
    }.get(kind)
    if kind == EvidenceKind.IMAGE:
        ok = _is_image(upload)
    if not ok:
        raise ApplicationError(_("The file's content does not match its type: %(name)s") % {"name": name})


def _is_image(upload) -> bool:
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image.verify()
        return True
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return False
    finally:
        upload.seek(0)


def _sha256(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(65536), b""):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def _taken_at(upload) -> datetime | None:
    """EXIF DateTimeOriginal (with OffsetTimeOriginal when given, else Asia/Shanghai); None without it."""
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            exif = image.getexif().get_ifd(EXIF_IFD)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None
    finally:
        upload.seek(0)
    return parse_exif_datetime(exif.get(DATETIME_ORIGINAL), exif.get(OFFSET_TIME_ORIGINAL))


def parse_exif_datetime(value, offset=None) -> datetime | None:
    if not value:
        return None
    try:
        naive = datetime.strptime(str(value).strip("\x00 "), "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    tz = _offset_tz(offset) or SHANGHAI
    return naive.replace(tzinfo=tz)


def _offset_tz(offset) -> timezone | None:
    text = str(offset or "").strip("\x00 ")
    if len(text) != 6 or text[0] not in "+-" or text[3] != ":":
        return None
    try:
        hours, minutes = int(text[1:3]), int(text[4:6])
    except ValueError:
        return None
    sign = 1 if text[0] == "+" else -1
    return timezone(sign * timedelta(hours=hours, minutes=minutes))
