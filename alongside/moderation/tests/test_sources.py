"""The source links of context notes: https to a named website, nothing else."""

import pytest

from alongside.core.errors import ActionRefused
from alongside.moderation.sources import check_source, check_sources


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://www.nhs.uk/conditions/fibromyalgia/", "nhs.uk"),
        ("  https://Cochrane.org/evidence?q=pain#top  ", "cochrane.org"),
        ("https://pubmed.ncbi.nlm.nih.gov/12345/", "pubmed.ncbi.nlm.nih.gov"),
        ("HTTPS://who.int", "who.int"),
        ("https://example.org:8443/page", "example.org"),
    ],
)
def test_an_https_link_to_a_named_website_is_kept_with_its_domain(url, domain):
    assert check_source(url) == {"url": url.strip(), "domain": domain}


@pytest.mark.parametrize(
    "url",
    [
        "http://www.nhs.uk/conditions/",
        "javascript:alert(1)",
        "javascript://www.nhs.uk/%0Aalert(1)",
        "data:text/html,<script>alert(1)</script>",
        "ftp://files.example.org/paper.pdf",
        "www.nhs.uk/conditions/",
        "https://",
        "https:///path-only",
        "https://localhost/admin/",
        "https://127.0.0.1/",
        "https://[::1]/",
        "https://10.0.0.7/internal",
        "https://127.1/",
        "https://0x7f.1/",
        "https://intranet/",
        "https://www.nhs.uk@evil.example/",
        "https://user:secret@www.nhs.uk/",
        "https://www.nhs.uk/a page",
        "https://www.nhs.uk/\nSet-Cookie: x",
        "https://www.nhs.uk:notaport/",
        "https://www.nhs.uk/" + "a" * 2000,
    ],
)
def test_anything_else_is_refused_in_plain_words(url):
    with pytest.raises(ActionRefused) as refused:
        check_source(url)
    assert refused.value.message
    assert "invalid" not in refused.value.message.lower()


def test_empty_fields_are_skipped_but_one_source_is_needed():
    assert check_sources(["", "https://www.nhs.uk/", "  "]) == [
        {"url": "https://www.nhs.uk/", "domain": "nhs.uk"}
    ]
    with pytest.raises(ActionRefused, match="at least one source"):
        check_sources(["", "  "])


def test_at_most_three_sources():
    with pytest.raises(ActionRefused, match="at most 3"):
        check_sources([f"https://example{n}.org/" for n in range(4)])
