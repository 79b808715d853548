"""Personal-information spans on hand-written sentences, by kind."""

import itertools

import pytest

from alongside.safety.pii import KINDS, find_pii

POSITIVES = [
    # email: personal, work, plus-addressing, obfuscated forms
    (
        "Drop me a line at tomasz.nowak@example.com any time.",
        "email",
        "tomasz.nowak@example.com",
    ),
    (
        "Work email is priya+support-group@example.org",
        "email",
        "priya+support-group@example.org",
    ),
    (
        "write to bex underscore 88 at example dot net",
        "email",
        "bex underscore 88 at example dot net",
    ),
    (
        "email kate (dot) moran (at) example (dot) com please",
        "email",
        "kate (dot) moran (at) example (dot) com",
    ),
    (
        "Contact: olu.adeyemi [at] example [dot] co [dot] uk",
        "email",
        "olu.adeyemi [at] example [dot] co [dot] uk",
    ),
    # phone: national, international, brackets, dots, local, spelled out
    ("Text me on 07700 900123 after six.", "phone", "07700 900123"),
    ("My number is +44 (0)20 7946 0321.", "phone", "+44 (0)20 7946 0321"),
    ("ring 0161 496 0777 and ask for me", "phone", "0161 496 0777"),
    ("Cell: 415.555.0142", "phone", "415.555.0142"),
    ("call me at 1-604-555-0177 in the evening", "phone", "1-604-555-0177"),
    ("My mobile is +61 491 570 156 if you're in Brisbane", "phone", "+61 491 570 156"),
    ("Meine Nummer: 0049 30 23125 678", "phone", "0049 30 23125 678"),
    ("home phone is 555-0199, ask for Bea", "phone", "555-0199"),
    (
        "my mobile is oh seven seven double oh nine double oh four five six",
        "phone",
        "oh seven seven double oh nine double oh four five six",
    ),
    # street address: UK, US, Canada, Australia, NZ, French
    (
        "I'm at Flat 3, 27 Rowan Crescent, Leeds LS6 2QT now.",
        "street_address",
        "Flat 3, 27 Rowan Crescent, Leeds LS6 2QT",
    ),
    (
        "Send it to 1502 W Maple Ave, Apt 4B, Madison, WI 53703",
        "street_address",
        "1502 W Maple Ave, Apt 4B, Madison, WI 53703",
    ),
    (
        "We moved to 88 Kingfisher Lane, Guelph, ON N1H 3K2 last spring.",
        "street_address",
        "88 Kingfisher Lane, Guelph, ON N1H 3K2",
    ),
    (
        "My place is 12/7 Banksia Street, Toowong QLD 4066.",
        "street_address",
        "12/7 Banksia Street, Toowong QLD 4066",
    ),
    (
        "Post it to 45 Kowhai Road, Hamilton 3204 please.",
        "street_address",
        "45 Kowhai Road, Hamilton 3204",
    ),
    (
        "Mon adresse : 18 rue des Tilleuls, 69003 Lyon",
        "street_address",
        "18 rue des Tilleuls, 69003 Lyon",
    ),
    (
        "my PO Box 4471, Dunedin 9054 still works",
        "street_address",
        "PO Box 4471, Dunedin 9054",
    ),
    # full names, including common-word first names and accents
    (
        "My support worker Grace Abernathy has been brilliant.",
        "full_name",
        "Grace Abernathy",
    ),
    (
        "Huge thanks to Siobhán Ní Bhriain for the lift.",
        "full_name",
        "Siobhán Ní Bhriain",
    ),
    ("Please welcome Joaquín Herrera to the group.", "full_name", "Joaquín Herrera"),
    ("Dr Amara Okafor was lovely at my review.", "full_name", "Amara Okafor"),
    ("Mum's carer, Hazel McIntyre, is leaving.", "full_name", "Hazel McIntyre"),
    (
        "Sign the card for Mark J. Whitfield before Friday.",
        "full_name",
        "Mark J. Whitfield",
    ),
    # date of birth
    ("DOB 07.11.1988, in case the form asks again.", "date_of_birth", "07.11.1988"),
    ("My daughter was born on 14 March 2016.", "date_of_birth", "14 March 2016"),
    ("born 2/9/79 and still going", "date_of_birth", "2/9/79"),
    ("Date of birth: September 22nd, 1990", "date_of_birth", "September 22nd, 1990"),
    # government ids
    ("My SSN is 987-65-4321, is that needed?", "government_id", "987-65-4321"),
    ("NI no: QQ 12 34 56 C", "government_id", "QQ 12 34 56 C"),
    ("NHS number 999 123 4560 for the referral", "government_id", "999 123 4560"),
    ("my SIN is 046 454 287", "government_id", "046 454 287"),
    ("TFN 123 456 780 on the form", "government_id", "123 456 780"),
    ("Passport number: L898902C3, expires next year", "government_id", "L898902C3"),
    (
        "Aadhaar 2345 6789 0124 was requested by the clinic",
        "government_id",
        "2345 6789 0124",
    ),
    # credit cards in several groupings
    (
        "The card was 4111 1111 1111 1111, expiry 09/27.",
        "credit_card",
        "4111 1111 1111 1111",
    ),
    ("try 5555-5555-5555-4444", "credit_card", "5555-5555-5555-4444"),
    ("amex 3782 822463 10005 got charged twice", "credit_card", "3782 822463 10005"),
    # social profiles
    (
        "find me at https://www.instagram.com/rosie_paints_again/",
        "url_social_profile",
        "https://www.instagram.com/rosie_paints_again/",
    ),
    (
        "linkedin.com/in/dev-okoro-7b2 if you want to connect",
        "url_social_profile",
        "linkedin.com/in/dev-okoro-7b2",
    ),
    ("I'm @gentle.miles on instagram", "url_social_profile", "@gentle.miles"),
    ("DM me on reddit, u/quiet_kettle_22", "url_social_profile", "u/quiet_kettle_22"),
    (
        "I'm @tallulah@mastodon.example on the fediverse",
        "url_social_profile",
        "@tallulah@mastodon.example",
    ),
    (
        "my tiktok is https://www.tiktok.com/@bendy.bea",
        "url_social_profile",
        "https://www.tiktok.com/@bendy.bea",
    ),
    # ip addresses
    ("Logged in from 203.0.113.77 apparently.", "ip_address", "203.0.113.77"),
    (
        "The alert mentioned 2001:db8::8a2e:370:7334.",
        "ip_address",
        "2001:db8::8a2e:370:7334",
    ),
]

NEGATIVES = [
    "Email referrals@example.org to get on the list.",
    "Send feedback to no-reply@example.com, it bounces.",
    "@moonbeam thanks so much for the tip!",
    "Call 999 if it's an emergency, or 111 for advice.",
    "Samaritans are on 116 123, any time.",
    "Ward 7 switchboard is 0161 496 0000, ask for the nurses' station.",
    "Zoom meeting ID 845 2931 7744, passcode 2231.",
    "I take 50mg in the morning and 100mg at night.",
    "My blood sugar was 7.8 this morning.",
    "Meeting at 19:30 on Thursday, room 4.",
    "It cost £1,249.99 in the end.",
    "Prescription number 0012345678 is on the bag.",
    "Born in 1984, diagnosed in 2019.",
    "Mum died on 03/04/2020 and I still miss her.",
    "Sober birthday is 02/02/2022!",
    "My appointment is on 12 May 2025.",
    "I live near Station Road in Didsbury.",
    "The clinic is at 44 Harbour Street, Whitby YO21 1DD.",
    "Flat 9 is the one with the ramp.",
    "Room 12, bed 3 on the stroke ward.",
    "Visa ending 4242, masked as **** **** **** 4242.",
    "Sarah says hi.",
    "Grace and Hope came to the meeting.",
    "Rose is blooming in the garden.",
    "To be honest, Will Power is a pub quiz team name.",
    "We watched Harry Potter again.",
    "Version 10.0.19045.3693 of Windows is installed.",
    "The app is on version 4.2.0.1 now.",
    "Check out instagram.com/p/Cx12abc for the video.",
    "Mind is on facebook.com/mindcharity",
    "#spoonielife is my favourite hashtag",
    "The code is SAVE20 for the shop.",
    "My hospital number is RX1234567.",
    "I wear a size 8 and my shoe size is 5.",
    "New York was amazing last spring.",
    "Long Covid clinics are rare.",
]


def _values(text):
    return [(s.kind, text[s.start : s.end]) for s in find_pii(text)]


@pytest.mark.parametrize(("text", "kind", "value"), POSITIVES)
def test_personal_values_are_found_with_exact_span(text, kind, value):
    assert (kind, value) in _values(text)


@pytest.mark.parametrize("text", NEGATIVES)
def test_organisation_and_non_personal_values_are_not_labelled(text):
    assert _values(text) == []


def test_spans_are_sorted_and_disjoint_in_a_mixed_record():
    text = (
        "Referral: Lena Vasquez, DOB 1990-05-17, 22 Orchard Close, Bath BA2 4QP, "
        "mobile 07700 900555, lena.v@example.com"
    )
    spans = find_pii(text)
    kinds = [s.kind for s in spans]
    assert kinds == [
        "full_name",
        "date_of_birth",
        "street_address",
        "phone",
        "email",
    ]
    for a, b in itertools.pairwise(spans):
        assert a.end <= b.start
    assert all(s.kind in KINDS for s in spans)


def test_name_inside_profile_url_is_only_labelled_once():
    text = "facebook.com/maria.gonzalez.7 is me"
    assert _values(text) == [("url_social_profile", "facebook.com/maria.gonzalez.7")]


def test_offsets_are_code_points_after_emoji():
    text = "💙💙 call me 07700 900111"
    (span,) = find_pii(text)
    assert text[span.start : span.end] == "07700 900111"
