import io

import docx
import pytest
from pypdf import PdfWriter

from duban.ingest.readers import MAX_BYTES, DocumentError, read_document, read_pasted

REPORT = "今年，市中区将启动25条市政道路建设。"


def test_utf8_text_is_read_as_is(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(REPORT, encoding="utf-8")
    assert read_document(path) == REPORT


def test_utf8_bom_is_dropped():
    assert read_document(b"\xef\xbb\xbf" + REPORT.encode(), "r.txt") == REPORT


def test_gbk_text_is_detected():
    assert read_document(REPORT.encode("gbk"), "r.txt") == REPORT


def test_docx_paragraphs_are_read(tmp_path):
    document = docx.Document()
    document.add_paragraph("一、2020年工作回顾")
    document.add_paragraph(REPORT)
    path = tmp_path / "r.docx"
    document.save(path)
    assert read_document(path) == "一、2020年工作回顾\n" + REPORT


def test_pdf_without_text_layer_is_refused_with_a_clear_message():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(DocumentError, match=r"scan\.pdf: the PDF has no text layer"):
        read_document(buffer.getvalue(), "scan.pdf")


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(DocumentError, match="empty.txt: the file is empty"):
        read_document(path)


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(DocumentError, match="photo.txt: looks like a binary file"):
        read_document(path)


def test_a_50_mb_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    assert path.stat().st_size > MAX_BYTES
    with pytest.raises(DocumentError, match=r"huge.txt: the file is 50.0 MB, more than the 20 MB"):
        read_document(path)


def test_undecodable_bytes_are_refused_with_the_encoding_named(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Ãœber café naïve — déjà vu ".encode("cp1252") * 20 + b"\x81\x20")
    with pytest.raises(DocumentError, match="latin.txt: cannot tell its text encoding"):
        read_document(path)


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(DocumentError, match="nothere.txt: no such file"):
        read_document(tmp_path / "nothere.txt")


def test_broken_docx_is_refused():
    with pytest.raises(DocumentError, match="bad.docx: not a readable .docx"):
        read_document(b"PK\x03\x04 not really a zip", "bad.docx")


def test_pasted_text_must_not_be_blank():
    assert read_pasted(REPORT) == REPORT
    with pytest.raises(DocumentError, match="pasted text: it is empty"):
        read_pasted("  \n")
