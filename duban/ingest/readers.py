"""Read a report into text: plain text (UTF-8, GB18030/GBK, Big5, UTF-16), .docx, PDF with a text layer.

Every refusal raises ``DocumentError`` with a message that names the file and what is wrong; nothing is
downloaded and nothing partial is returned.
"""

import io
import zipfile
from pathlib import Path

MAX_BYTES = 20 * 1024 * 1024          # a long report is ~0.5 MB; 20 MB is generous
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
        raise DocumentError(f"{name}: the file is empty")
    if data.startswith(b"%PDF"):
        return _read_pdf(data, name)
    if data.startswith(b"PK") and name.lower().endswith(".docx") or _is_docx(data):
        return _read_docx(data, name)
    return _read_plain(data, name)


def read_pasted(text: str) -> str:
    """Pasted text is already a string; refuse only what cannot be a report."""
    if not text.strip():
        raise DocumentError("pasted text: it is empty")
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise DocumentError(f"pasted text: it is larger than {MAX_BYTES // (1024 * 1024)} MB")
    return text


def _load(source: str | Path | bytes, filename: str) -> tuple[bytes, str]:
    if isinstance(source, bytes):
        name = filename or "document"
        _check_size(len(source), name)
        return source, name
    path = Path(source)
    name = filename or path.name
    try:
        _check_size(path.stat().st_size, name)
        return path.read_bytes(), name
    except FileNotFoundError as exc:
        raise DocumentError(f"{name}: no such file") from exc
    except IsADirectoryError as exc:
        raise DocumentError(f"{name}: is a folder, not a document") from exc
    except OSError as exc:
        raise DocumentError(f"{name}: cannot be read ({exc.strerror})") from exc


def _check_size(size: int, name: str) -> None:
    if size > MAX_BYTES:
        raise DocumentError(
            f"{name}: the file is {size / 1024 / 1024:.1f} MB, more than the {MAX_BYTES // (1024 * 1024)} MB "
            "a report can be; split it or check that it is the right file"
        )


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
        return _checked_text(data.decode("utf-16"), name)
    if b"\x00" in data[:8192]:
        raise DocumentError(f"{name}: looks like a binary file, not text, .docx or PDF")
    for encoding in _TEXT_ENCODINGS:
        try:
            return _checked_text(data.decode(encoding).removeprefix("\ufeff"), name)
        except UnicodeDecodeError:
            continue
    return _checked_text(_guess_decode(data, name), name)


def _guess_decode(data: bytes, name: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding not in _ACCEPTED_GUESSES:
        raise DocumentError(
            f"{name}: cannot tell its text encoding (not UTF-8, GB18030/GBK or Big5); save it as UTF-8"
        )
    return data.decode(best.encoding, errors="strict")


def _checked_text(text: str, name: str) -> str:
    if not text.strip():
        raise DocumentError(f"{name}: the file holds no text")
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > _CONTROL_SHARE * min(len(text), 20000):
        raise DocumentError(f"{name}: looks like a binary file, not text, .docx or PDF")
    return text


def _read_docx(data: bytes, name: str) -> str:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several unrelated types for broken files
        raise DocumentError(f"{name}: not a readable .docx file ({exc})") from exc
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
        raise DocumentError(f"{name}: not a readable PDF ({exc})") from exc
    text = "\n".join(pages)
    if not text.strip():
        raise DocumentError(
            f"{name}: the PDF has no text layer (a scan?); run it through OCR first or paste the text"
        )
    return text
