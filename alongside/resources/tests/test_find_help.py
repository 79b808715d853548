"""Find professional help: a page per country, for everyone, without JavaScript."""

import json
import re
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from alongside.core.places import countries
from alongside.resources.models import ProfessionalHelp
from alongside.resources.professional_help import (
    DATA_FILE,
    load_professional_help,
)

URGENT = "I've written my goodbye letters and I'm going to end my life tonight."
KINDS_IN_ORDER = [
    "Doctor",
    "Therapist or counsellor",
    "Helpline",
    "Peer organisation",
]


@pytest.fixture(autouse=True)
def directory(db, crisis_directory):
    """The shipped directory: transactional tests flush what migrations loaded."""
    if not ProfessionalHelp.objects.exists():
        load_professional_help()


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _headings(page):
    return re.findall(r"<h2 [^>]*>([^<]+)</h2>", page)


def test_a_country_page_lists_each_kind_in_order_for_anonymous_visitors():
    page = _page(Client(), "/help/professional/gb/")
    assert "<h1>Find professional help in Britain (UK)</h1>" in page
    assert _headings(page) == KINDS_IN_ORDER
    doctor = page.index("Your GP")
    therapist = page.index("NHS Talking Therapies")
    helpline = page.index("Samaritans")
    peer = page.index("Side by Side")
    assert doctor < therapist < helpline < peer


def test_the_country_code_may_be_written_in_either_case():
    assert "in United States" in _page(Client(), "/help/professional/US/")
    assert "in United States" in _page(Client(), "/help/professional/us/")


@pytest.mark.parametrize("code", ["zz", "gbr", "g1"])
def test_an_unknown_country_is_not_found(code):
    assert Client().get(f"/help/professional/{code}/").status_code == 404


def test_each_entry_says_how_to_reach_them_with_a_call_link_and_its_website():
    page = _page(Client(), "/help/professional/gb/")
    assert 'href="tel:116123">Call Samaritans on 116 123</a>' in page
    assert 'href="tel:111">Call NHS 111 on 111</a>' in page
    assert 'href="https://www.samaritans.org/"' in page
    assert "Samaritans on samaritans.org</a>" in page
    assert "last checked 27 November 2026" in page
    assert "Free, 24 hours a day, every day." in page
    # No phone, no call link.
    talking = page.split("<h3>NHS Talking Therapies</h3>")[1].split("</li>")[0]
    assert "tel:" not in talking


def test_the_page_points_anyone_in_crisis_to_get_help_now():
    page = _page(Client(), "/help/professional/us/")
    top = page.split("<h2")[0]
    assert 'href="/help/">Get help now</a>' in top


def test_the_page_never_speaks_of_how_it_is_edited():
    page = _page(Client(), "/help/professional/gb/")
    assert "admin" not in page.lower()


def test_the_start_page_shows_a_chooser_to_anonymous_visitors():
    page = _page(Client(), "/help/professional/")
    assert "<h1>Find professional help</h1>" in page
    assert "Choose your country" in page
    assert '<select name="country" id="id_country">' in page
    assert _headings(page) == []


def test_the_start_page_shows_a_members_own_country_without_naming_it_in_the_address(
    member_client,
):
    response = member_client.get("/help/professional/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Find professional help in Britain (UK)</h1>" in page
    assert _headings(page) == KINDS_IN_ORDER
    assert '<option value="GB" selected>' in page


def test_choosing_a_country_goes_to_its_page(member_client):
    response = Client().get("/help/professional/", {"country": "ie"})
    assert response.status_code == 302
    assert response["Location"] == "/help/professional/ie/"
    # A member may look at another country than their own.
    response = member_client.get("/help/professional/", {"country": "NZ"})
    assert response["Location"] == "/help/professional/nz/"


def test_an_unknown_choice_keeps_the_chooser_and_says_so_kindly():
    page = _page(Client(), "/help/professional/?country=Narnia")
    assert "We couldn't find a country called “Narnia”." in page
    assert '<select name="country" id="id_country">' in page


def test_a_country_without_a_list_gets_a_kind_message_and_international_options():
    page = _page(Client(), "/help/professional/fr/")
    assert "<h1>Find professional help in France</h1>" in page
    assert "a list for France yet" in page
    assert "A doctor or health centre near you is a good place to start." in page
    assert "Find A Helpline on findahelpline.com" in page
    assert "Befrienders Worldwide" in page
    assert '<option value="FR" selected>' in page


def test_an_entry_changed_in_the_directory_shows_at_once():
    ProfessionalHelp.objects.filter(country="GB", name="Samaritans").update(
        how_to_reach="Talk to someone any time, day or night."
    )
    assert "Talk to someone any time, day or night." in _page(
        Client(), "/help/professional/gb/"
    )


def test_a_country_page_costs_one_query(django_assert_num_queries):
    client = Client()
    with django_assert_num_queries(1):
        client.get("/help/professional/gb/")
    with django_assert_num_queries(2):  # none for France, then the international
        client.get("/help/professional/fr/")


def test_reading_the_pages_writes_nothing(member_client):
    writes = []

    def record(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            writes.append(sql)
        return execute(sql, params, many, context)

    member_client.get("/")  # the session is written once, before counting
    with connection.execute_wrapper(record):
        for url in (
            "/help/professional/",
            "/help/professional/gb/",
            "/help/professional/fr/",
            "/help/professional/?country=au",
        ):
            member_client.get(url)
            Client().get(url)
    assert writes == []


# Links from elsewhere ---------------------------------------------------------


def test_the_crisis_panel_offers_professional_help_in_the_writers_country(
    member_client, thread
):
    response = member_client.post(
        reverse("threads:reply", args=[thread.pk]), {"body": URGENT}
    )
    page = member_client.get(response["Location"]).content.decode()
    panel = page.split('class="care-panel crisis-panel"')[1].split("</section>")[0]
    assert "Looking for a doctor or therapist?" in panel
    assert (
        '<a href="/help/professional/?country=GB">'
        "Find professional help in Britain (UK)</a>" in panel
    )
    followed = member_client.get("/help/professional/?country=GB", follow=True)
    assert followed.redirect_chain == [("/help/professional/gb/", 302)]


def test_get_help_now_links_to_professional_help():
    page = _page(Client(), "/help/?country=IE")
    assert (
        '<a href="/help/professional/?country=IE">'
        "Find professional help in Ireland</a>" in page
    )
    page = _page(Client(), "/help/")
    assert '<a href="/help/professional/">Find professional help</a>' in page


def test_a_group_page_links_to_professional_help(group, member_client):
    for client in (Client(), member_client):
        page = _page(client, group.get_absolute_url())
        about = page.split('id="about-heading"')[1].split("</section>")[0]
        assert '<a href="/help/professional/">Find professional help</a>' in about


# The data file ------------------------------------------------------------------


def _shipped_entries():
    data = json.loads(DATA_FILE.read_text("utf-8"))
    for code, entries in data["countries"].items():
        for entry in entries:
            yield code, entry
    for entry in data["international"]:
        yield "", entry


def test_every_shipped_entry_has_a_known_kind_a_real_country_and_an_https_link():
    data = json.loads(DATA_FILE.read_text("utf-8"))
    assert {"GB", "US", "IE", "CA", "AU", "NZ"} <= set(data["countries"])
    problems = []
    for code, entry in _shipped_entries():
        where = f"{code or 'international'}: {entry.get('name')}"
        if code and code not in countries():
            problems.append(f"{where}: unknown country")
        if entry.get("kind") not in ProfessionalHelp.Kind.values:
            problems.append(f"{where}: unknown kind {entry.get('kind')!r}")
        url = urlsplit(entry.get("url", ""))
        if url.scheme != "https" or not url.hostname:
            problems.append(f"{where}: not an https link")
        if not entry.get("how_to_reach", "").strip() or not entry["name"].strip():
            problems.append(f"{where}: says nothing about how to reach them")
        if entry.get("phone") and not re.fullmatch(r"[0-9 -]+", entry["phone"]):
            problems.append(f"{where}: phone {entry['phone']!r}")
        unknown = set(entry) - {"kind", "name", "how_to_reach", "phone", "url"}
        if unknown:
            problems.append(f"{where}: unknown fields {sorted(unknown)}")
    assert not problems, problems


def test_every_shipped_country_has_a_doctor_a_therapist_and_a_helpline():
    data = json.loads(DATA_FILE.read_text("utf-8"))
    for code, entries in data["countries"].items():
        kinds = {entry["kind"] for entry in entries}
        assert {"doctor", "therapist", "helpline"} <= kinds, code


def test_loading_replaces_every_entry_with_the_file(tmp_path):
    ProfessionalHelp.objects.create(
        country="GB",
        kind="helpline",
        name="An old line",
        how_to_reach="Gone now.",
        last_checked="2020-01-01",
    )
    shipped = sum(1 for _entry in _shipped_entries())
    assert load_professional_help() == shipped
    assert ProfessionalHelp.objects.count() == shipped
    assert not ProfessionalHelp.objects.filter(name="An old line").exists()

    small = tmp_path / "help.json"
    small.write_text(
        json.dumps(
            {
                "checked": "2026-01-05",
                "countries": {
                    "PT": [
                        {
                            "kind": "peer",
                            "name": "A peer group",
                            "how_to_reach": "Meets on Tuesdays.",
                            "url": "https://example.org/",
                        },
                        {
                            "kind": "peer",
                            "name": "Another peer group",
                            "how_to_reach": "Meets on Fridays.",
                            "url": "https://example.net/",
                        },
                    ]
                },
                "international": [],
            }
        ),
        "utf-8",
    )
    assert load_professional_help(small) == 2
    rows = list(ProfessionalHelp.objects.values_list("country", "name", "position"))
    assert rows == [("PT", "A peer group", 0), ("PT", "Another peer group", 1)]
    page = _page(Client(), "/help/professional/pt/")
    assert "last checked 5 January 2026" in page
    assert page.index("A peer group") < page.index("Another peer group")


def test_a_broken_file_changes_nothing(tmp_path):
    before = ProfessionalHelp.objects.count()
    broken = tmp_path / "help.json"
    broken.write_text(
        json.dumps(
            {
                "checked": "2026-01-05",
                "countries": {"PT": [{"kind": "peer", "name": "No link"}]},
                "international": [],
            }
        ),
        "utf-8",
    )
    with pytest.raises(KeyError):
        load_professional_help(broken)
    assert ProfessionalHelp.objects.count() == before
