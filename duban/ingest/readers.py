"""Read a report into text: plain text (UTF-8, GB18030/GBK, Big5, UTF-16), .docx, PDF with a text layer.

Every refusal raises ``DocumentError`` with a message that names the file, what is wrong and, when known,
where (the byte and line of text that is not in the file's encoding); nothing is downloaded and nothing
partial is returned. Messages are translated: Chinese by default, English under ``translation.override("en")``.
"""

import io
import zipfile
from pathlib import Path

from django.utils.translation import gettext as _

from duban.core.errors import ApplicationError
from duban.core.uploads import check_zip_container

MAX_BYTES = 20 * 1024 * 1024          # a long report is ~0.5 MB; 20 MB is generous
_MB = 1024 * 1024
_TEXT_ENCODINGS = ("utf-8", "gb18030")
_ACCEPTED_GUESSES = {"utf_8", "gb18030", "gbk", "gb2312", "big5", "big5hkscs", "utf_16", "utf_16_le",
                     "utf_16_be", "hz"}
_CONTROL_SHARE = 0.01


class DocumentError(Exception):
    """The document cannot be read; the message says which file and why."""


def read_document(source: str | Path | bytes, filename: str = "") -> str:
    """The text of a document given as a path, or as bytes with its file name."""
    data, name = _load(source, filename)
    if not data.strip():
        raise DocumentError(_("%(name)s: the file is empty") % {"name": name})
    if data.startswith(b"%PDF"):
        return _read_pdf(data, name)
    if data.startswith(b"PK") and name.lower().endswith(".docx") or _is_docx(data):
        return _read_docx(data, name)
    return _read_plain(data, name)


def read_pasted(text: str) -> str:
    """Pasted text is already a string; refuse only what cannot be a report."""
    if not text.strip():
        raise DocumentError(_("pasted text: it is empty"))
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        raise DocumentError(_("pasted text: it is %(size)s MB, more than the %(limit)s MB a report can be")
                            % {"size": _megabytes(size), "limit": MAX_BYTES // _MB})
    return text


def _load(source: str | Path | bytes, filename: str) -> tuple[bytes, str]:
    if isinstance(source, bytes):
        name = filename or _("document")
        _check_size(len(source), name)
        return source, name
    path = Path(source)
    name = filename or path.name
    try:
        _check_size(path.stat().st_size, name)      # before reading: a huge file is never loaded
        return path.read_bytes(), name
    except FileNotFoundError as exc:
        raise DocumentError(_("%(name)s: no such file") % {"name": name}) from exc
    except IsADirectoryError as exc:
        raise DocumentError(_("%(name)s: is a folder, not a document") % {"name": name}) from exc
    except OSError as exc:
        raise DocumentError(_("%(name)s: cannot be read (%(reason)s)")
                            % {"name": name, "reason": exc.strerror}) from exc


def _check_size(size: int, name: str) -> None:
    if size > MAX_BYTES:
        raise DocumentError(
            _("%(name)s: the file is %(size)s MB, more than the %(limit)s MB a report can be; split it or "
              "check that it is the right file") % {"name": name, "size": _megabytes(size), "limit": MAX_BYTES // _MB}
        )


def _megabytes(size: int) -> str:
    return f"{size / _MB:.1f}"


def _is_docx(data: bytes) -> bool:
    if not data.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _read_plain(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _checked_text(_decode(data, "utf-16", "UTF-16", name), name)
    if b"\x00" in data[:8192]:
        raise DocumentError(_("%(name)s: looks like a binary file, not text, .docx or PDF") % {"name": name})
    first_error = None
    for encoding in _TEXT_ENCODINGS:
        try:
            return _checked_text(data.decode(encoding).removeprefix("\ufeff"), name)
        except UnicodeDecodeError as exc:
            first_error = first_error or exc
    return _checked_text(_guess_decode(data, name, first_error), name)


def _guess_decode(data: bytes, name: str, utf8_error: UnicodeDecodeError) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding not in _ACCEPTED_GUESSES:
        raise DocumentError(
            _("%(name)s: cannot tell its text encoding (not UTF-8, GB18030/GBK or Big5): at byte %(offset)s "
              "(line %(line)s) the bytes %(bytes)s are not UTF-8; save it as UTF-8")
            % _where(data, "utf-8", utf8_error, name)
        )
    return _decode(data, best.encoding, best.encoding.upper().replace("_", "-"), name)


def _decode(data: bytes, encoding: str, label: str, name: str) -> str:
    """``data`` decoded, or a refusal naming the byte and line that are not in ``encoding``."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DocumentError(
            _("%(name)s: looks like %(encoding)s, but at byte %(offset)s (line %(line)s) the bytes %(bytes)s are "
              "not %(encoding)s; save it as UTF-8") % {**_where(data, encoding, exc, name), "encoding": label}
        ) from exc


def _where(data: bytes, encoding: str, exc: UnicodeDecodeError, name: str) -> dict:
    """Where decoding failed: 0-based byte offset, 1-based line, and the offending bytes in hex."""
    line = data[:exc.start].decode(encoding, errors="replace").count("\n") + 1
    return {"name": name, "offset": exc.start, "line": line, "bytes": data[exc.start:exc.end].hex(" ").upper()}


def _checked_text(text: str, name: str) -> str:
    if not text.strip():
        raise DocumentError(_("%(name)s: the file holds no text") % {"name": name})
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > _CONTROL_SHARE * min(len(text), 20000):
        raise DocumentError(_("%(name)s: looks like a binary file, not text, .docx or PDF") % {"name": name})
    return text


def _read_docx(data: bytes, name: str) -> str:
    try:
        # Entry count and unpacked size from the zip directory first: a zip bomb is refused without inflating it.
        check_zip_container(io.BytesIO(data), name)
    except ApplicationError as exc:
        raise DocumentError(exc.message) from exc
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several unrelated types for broken files
        raise DocumentError(_("%(name)s: not a readable .docx file (%(reason)s)")
                            % {"name": name, "reason": exc}) from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    return _checked_text("\n".join(lines), name)


def _read_pdf(data: bytes, name: str) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError) as exc:
        raise DocumentError(_("%(name)s: not a readable PDF (%(reason)s)") % {"name": name, "reason": exc}) from exc
    text = "\n".join(pages)
    if not text.strip():
        raise DocumentError(
            _("%(name)s: the PDF has no text layer (a scan?); run it through OCR first or paste the text")
            % {"name": name}
        )
    return text
