"""Checks of uploaded files by what they would become once decoded, made before anything is stored or read.

- images: the pixel count from the header (a 15000×15000 PNG of a few KB decodes to 900 MB);
- Office files (.docx, .xlsx — zip containers): the number of entries and their declared unpacked size from
  the zip directory, without inflating anything, then an inflate bounded by that total as a second guard.
"""

import zipfile

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from .errors import ApplicationError
from .params import safe_filename

__all__ = ["check_image_pixels", "check_zip_container", "safe_filename", "max_pixels"]


def max_pixels() -> int:
    return int(getattr(settings, "DUBAN_IMAGE_MAX_PIXELS", 60_000_000))


def max_unpacked_bytes() -> int:
    return int(getattr(settings, "DUBAN_OFFICE_MAX_UNPACKED_BYTES", 100 * 1024 * 1024))


def max_entries() -> int:
    return int(getattr(settings, "DUBAN_OFFICE_MAX_ENTRIES", 2000))


def check_image_pixels(upload, name: str) -> None:
    """Refuse an image whose width × height passes the limit; reads only the header."""
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            width, height = image.size
    except Image.DecompressionBombError:
        raise ApplicationError(_("Image too large: %(name)s has more than %(limit)s million pixels") % {
            "name": name, "limit": max_pixels() // 1_000_000}) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return  # not an image at all: the content check says so
    finally:
        upload.seek(0)
    if width * height > max_pixels():
        raise ApplicationError(_("Image too large: %(name)s is %(width)s × %(height)s pixels (at most %(limit)s million pixels)") % {
            "name": name, "width": width, "height": height, "limit": max_pixels() // 1_000_000})


def check_zip_container(upload, name: str) -> None:
    """Refuse a zip-based Office file with too many entries or too large once unpacked, without unpacking it."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip at all: the reader or the content check refuses it with its own words
    finally:
        upload.seek(0)
    if len(infos) > max_entries():
        raise ApplicationError(_("Office file refused: %(name)s holds %(count)s parts (at most %(limit)s)") % {
            "name": name, "count": len(infos), "limit": max_entries()})
    unpacked = sum(info.file_size for info in infos)
    if unpacked > max_unpacked_bytes():
        raise ApplicationError(_("Office file refused: %(name)s unpacks to %(size)s MB (at most %(limit)s MB)") % {
            "name": name, "size": unpacked // (1024 * 1024), "limit": max_unpacked_bytes() // (1024 * 1024)})
