"""The shared evidence checks apply each feature's rules; rules for a type without a signature fail early."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from sikap.lib import evidence

PDF_ONLY = evidence.Rules(
    kinds=frozenset({"pdf"}),
    wrong_type="hanya PDF: %(name)s",
    size="logo",
)


def test_a_feature_rules_decide_type_and_size_and_the_content_must_match(settings):
    settings.SIKAP_MAX_UPLOAD_MB = {"import": 20, "evidence": 10, "logo": 100 / 1024 / 1024}
    evidence.validate(SimpleUploadedFile("surat.pdf", b"%PDF-1.7"), PDF_ONLY)
    with pytest.raises(ValidationError, match=r"hanya PDF: foto\.png"):
        evidence.validate(SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\n"), PDF_ONLY)
    with pytest.raises(ValidationError, match=r"besar\.pdf terlalu besar \(0 MB\); paling besar 0 MB"):
        evidence.validate(SimpleUploadedFile("besar.pdf", b"%PDF-" + b"0" * 100), PDF_ONLY)
    with pytest.raises(ValidationError, match="tidak sesuai dengan jenisnya"):
        evidence.validate(SimpleUploadedFile("palsu.pdf", b"<html>"), PDF_ONLY)


def test_rules_for_a_type_without_a_signature_are_refused():
    with pytest.raises(ValueError, match="exe"):
        evidence.Rules(kinds=frozenset({"exe"}), wrong_type="")


def test_files_are_stored_per_feature_and_year():
    assert evidence.upload_to("pekppp") == "pekppp/%Y/"
