import io
from pathlib import Path

import docx
import pytest
from django.utils import translation
from pypdf import PdfWriter

from duban.ingest import readers
from duban.ingest.readers import MAX_BYTES, DocumentError, read_document, read_pasted

REPORT = "今年，市中区将启动25条市政道路建设。"
CORRUPT_UTF8 = "一、总体情况\n今年完成投资。\n启动25条".encode() + b"\xff" + "道路建设。\n".encode() * 30


def refusal(source, filename: str = "") -> str:
    """The message of the DocumentError that reading ``source`` raises."""
    with pytest.raises(DocumentError) as caught:
        read_document(source, filename)
    return str(caught.value)


def blank_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_utf8_text_is_read_as_is(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(REPORT, encoding="utf-8")
    assert read_document(path) == REPORT


def test_utf8_bom_is_dropped():
    assert read_document(b"\xef\xbb\xbf" + REPORT.encode(), "r.txt") == REPORT


def test_gbk_text_is_detected():
    assert read_document(REPORT.encode("gbk"), "r.txt") == REPORT


def test_utf16_with_bom_is_read():
    assert read_document(b"\xff\xfe" + REPORT.encode("utf-16-le"), "r.txt") == REPORT


def test_docx_paragraphs_are_read(tmp_path):
    document = docx.Document()
    document.add_paragraph("一、2020年工作回顾")
    document.add_paragraph(REPORT)
    path = tmp_path / "r.docx"
    document.save(path)
    assert read_document(path) == "一、2020年工作回顾\n" + REPORT


def test_pdf_without_text_layer_is_refused_in_chinese_by_default():
    assert refusal(blank_pdf(), "scan.pdf") == \
        "scan.pdf：PDF 没有文字层（可能是扫描件）；请先做文字识别（OCR），或直接粘贴文本"


def test_pdf_without_text_layer_is_refused_in_english_under_override():
    with translation.override("en"):
        assert refusal(blank_pdf(), "scan.pdf") == \
            "scan.pdf: the PDF has no text layer (a scan?); run it through OCR first or paste the text"


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert refusal(path) == "empty.txt：文件为空"
    with translation.override("en"):
        assert refusal(path) == "empty.txt: the file is empty"


def test_whitespace_only_utf16_holds_no_text():
    assert refusal(b"\xff\xfe" + " \n".encode("utf-16-le") * 3, "blank.txt") == "blank.txt：文件中没有文字"


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(bytes(range(256)) * 40)
    assert refusal(path) == "photo.txt：看起来是二进制文件，不是文本、.docx 或 PDF"
    with translation.override("en"):
        assert refusal(path) == "photo.txt: looks like a binary file, not text, .docx or PDF"


def test_a_50_mb_file_is_refused_by_size_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    assert path.stat().st_size > MAX_BYTES

    def no_reading(self):
        raise AssertionError(f"{self.name} was read")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    assert refusal(path) == ("huge.txt：文件大小为 50.0 MB，超过报告上限 20 MB；请拆分文件，或检查是否选错了文件")
    with translation.override("en"):
        assert refusal(path) == ("huge.txt: the file is 50.0 MB, more than the 20 MB a report can be; split it or "
                                 "check that it is the right file")


def test_bytes_over_the_limit_are_refused_with_size_and_limit(monkeypatch):
    monkeypatch.setattr(readers, "MAX_BYTES", 1024 * 1024)
    assert refusal(b"x" * (3 * 1024 * 1024 // 2), "big.txt") == \
        "big.txt：文件大小为 1.5 MB，超过报告上限 1 MB；请拆分文件，或检查是否选错了文件"


def test_undecodable_bytes_are_refused_naming_the_byte_and_line(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Ãœber café naïve — déjà vu ".encode("cp1252") * 20 + b"\x81\x20")
    assert refusal(path) == ("latin.txt：无法识别文本编码（不是 UTF-8、GB18030/GBK 或 Big5）：第 1 行（字节位置 9）的字节 "
                             "E9 不是 UTF-8；请另存为 UTF-8 编码")


def test_one_corrupt_byte_in_utf8_is_located_by_line_and_offset():
    with translation.override("en"):
        assert refusal(CORRUPT_UTF8, "report.txt") == (
            "report.txt: cannot tell its text encoding (not UTF-8, GB18030/GBK or Big5): at byte 52 (line 3) "
            "the bytes FF are not UTF-8; save it as UTF-8")


def test_broken_utf16_is_located_instead_of_crashing():
    data = b"\xff\xfe" + "甲\n乙".encode("utf-16-le") + b"\x00\xd8"     # a lone high surrogate at the end
    assert refusal(data, "u16.txt") == \
        "u16.txt：看起来是 UTF-16 编码，但第 2 行（字节位置 8）的字节 00 D8 不是 UTF-16；请另存为 UTF-8 编码"
    with translation.override("en"):
        assert refusal(data, "u16.txt") == \
            "u16.txt: looks like UTF-16, but at byte 8 (line 2) the bytes 00 D8 are not UTF-16; save it as UTF-8"


def test_missing_file_is_refused(tmp_path):
    assert refusal(tmp_path / "nothere.txt") == "nothere.txt：文件不存在"
    with translation.override("en"):
        assert refusal(tmp_path / "nothere.txt") == "nothere.txt: no such file"


def test_folder_is_refused(tmp_path):
    (tmp_path / "reports").mkdir()
    assert refusal(tmp_path / "reports") == "reports：这是文件夹，不是文档"


def test_broken_docx_is_refused():
    assert refusal(b"PK\x03\x04 not really a zip", "bad.docx") == \
        "bad.docx：不是可读取的 .docx 文件（File is not a zip file）"
    with translation.override("en"):
        assert refusal(b"PK\x03\x04 not really a zip", "bad.docx") == \
            "bad.docx: not a readable .docx file (File is not a zip file)"


def test_pasted_text_must_not_be_blank():
    assert read_pasted(REPORT) == REPORT
    with pytest.raises(DocumentError) as caught:
        read_pasted("  \n")
    assert str(caught.value) == "粘贴的文本：内容为空"
    with translation.override("en"), pytest.raises(DocumentError) as caught:
        read_pasted("  \n")
    assert str(caught.value) == "pasted text: it is empty"


def test_pasted_text_over_the_limit_gives_size_and_limit(monkeypatch):
    monkeypatch.setattr(readers, "MAX_BYTES", 1024 * 1024)
    with translation.override("en"), pytest.raises(DocumentError) as caught:
        read_pasted("甲" * 700_000)                                        # 3 bytes each: 2.0 MB
    assert str(caught.value) == "pasted text: it is 2.0 MB, more than the 1 MB a report can be"
