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


# More formats and contexts: the exact (kind, value) list expected.
VARIED = [
    (
        "If you need a lift, my mobile is 0412 555 019 (Sydney).",
        [("phone", "0412 555 019")],
    ),
    ("Ring me: +353 87 555 0142", [("phone", "+353 87 555 0142")]),
    ("Text 07700-900-432 if you get lost on the way.", [("phone", "07700-900-432")]),
    ("home number (02) 5550 1234", [("phone", "(02) 5550 1234")]),
    ("ph 021 555 0199, that's my cell in Auckland", [("phone", "021 555 0199")]),
    ("I'm on +1 (416) 555-0134 most evenings.", [("phone", "+1 (416) 555-0134")]),
    (
        "my number is seven seven zero zero nine double zero one two three",
        [("phone", "seven seven zero zero nine double zero one two three")],
    ),
    (
        "Write to me at Apt 12, 350 Fifth Avenue, New York, NY 10118.",
        [("street_address", "Apt 12, 350 Fifth Avenue, New York, NY 10118")],
    ),
    (
        "She lives at 7 Kauri Place, Takapuna, Auckland 0622",
        [("street_address", "7 Kauri Place, Takapuna, Auckland 0622")],
    ),
    (
        "Parcel to Unit 4, 19 Ocean Parade, Coogee NSW 2034 please",
        [("street_address", "Unit 4, 19 Ocean Parade, Coogee NSW 2034")],
    ),
    (
        "My address is 221 Rue Sainte-Catherine, Montréal, QC H2X 1K4",
        [("street_address", "221 Rue Sainte-Catherine, Montréal, QC H2X 1K4")],
    ),
    (
        "Our flat is 2/15 Harbour View Road, Wellington 6011.",
        [("street_address", "2/15 Harbour View Road, Wellington 6011")],
    ),
    (
        "Send cards to 33 Birchwood Drive, Solihull, B91 3QT x",
        [("street_address", "33 Birchwood Drive, Solihull, B91 3QT")],
    ),
    (
        "My sponsor is Deirdre O'Connell and she's amazing.",
        [("full_name", "Deirdre O'Connell")],
    ),
    (
        "Shout out to Tomás García for organising the picnic!",
        [("full_name", "Tomás García")],
    ),
    (
        "Dad's name was Robert James Whitaker, he'd have loved this group.",
        [("full_name", "Robert James Whitaker")],
    ),
    (
        "My psychiatrist, Dr Nkechi Obi-Adams, was brilliant.",
        [("full_name", "Nkechi Obi-Adams")],
    ),
    (
        "Hi all, Mei-Ling Chua here, new to the carers group.",
        [("full_name", "Mei-Ling Chua")],
    ),
    (
        "My son Oliver was born 03/05/2012 and diagnosed at 4.",
        [("date_of_birth", "03/05/2012")],
    ),
    ("DOB: 1985-11-30", [("date_of_birth", "1985-11-30")]),
    (
        "Her birthday is 12th of August 1961, she'd be 64.",
        [("date_of_birth", "12th of August 1961")],
    ),
    ("born on the 4th July 1990", [("date_of_birth", "4th July 1990")]),
    ("my ssn 078-05-1120 was on the letter", [("government_id", "078-05-1120")]),
    ("National Insurance number AB123456C", [("government_id", "AB123456C")]),
    ("Can you check my NHS number: 943 476 5919?", [("government_id", "943 476 5919")]),
    ("My passport no is 533380006", [("government_id", "533380006")]),
    ("card: 4012 8888 8888 1881 exp 12/26", [("credit_card", "4012 8888 8888 1881")]),
    ("6011111111111117 is the one they charged", [("credit_card", "6011111111111117")]),
    (
        "my youtube is youtube.com/@calmcornerkate",
        [("url_social_profile", "youtube.com/@calmcornerkate")],
    ),
    ("add me on snap: lils_garden22", [("url_social_profile", "lils_garden22")]),
    ("my twitter is @achy_joints_ali", [("url_social_profile", "@achy_joints_ali")]),
    (
        "facebook.com/jenny.mcallister.5 is my page",
        [("url_social_profile", "facebook.com/jenny.mcallister.5")],
    ),
    (
        "connected from 2001:db8:85a3::8a2e:370:7334 apparently",
        [("ip_address", "2001:db8:85a3::8a2e:370:7334")],
    ),
    (
        "The server log showed 192.0.2.146 hitting my account.",
        [("ip_address", "192.0.2.146")],
    ),
    (
        "reach me on priya dot shah at example dot co dot uk",
        [("email", "priya dot shah at example dot co dot uk")],
    ),
    ("email me: sam.o'neill@example.org", [("email", "sam.o'neill@example.org")]),
    ("Call NHS 111 or the Samaritans on 116 123.", []),
    ("Lifeline is 13 11 14 in Australia.", []),
    ("The clinic's number is 0161 496 0500, ask for reception.", []),
    ("Take 2 tablets 4 times a day, max 8 in 24 hours.", []),
    ("My HbA1c was 48 mmol/mol in 2023.", []),
    ("I was born in 1979 and diagnosed in 2009.", []),
    ("He died on 14/02/2019.", []),
    ("Appointment booked for 03/11/2025 at 10:30.", []),
    ("Meet at the Starbucks on High Street at 2pm.", []),
    ("My ward is 22B, bed 4.", []),
    ("Card ending 4242, so not the one I lost.", []),
    ("Order number 1234-5678-9012 still hasn't arrived.", []),
    ("Summer is hard with MS, the heat wipes me out.", []),
    ("Grace Street Surgery has great nurses.", []),
    ("Our facebook group is facebook.com/groups/spoonies-uk", []),
    ("Watch youtube.com/watch?v=abc123 for the stretches.", []),
    ("Use the code WELCOME10 at checkout.", []),
    ("See you all at @riverstone's picnic!", []),
    ("Dr Patel said my iron is low.", []),
    ("Jack Russell terriers are so stubborn.", []),
    ("I'm reading Jane Eyre again.", []),
    ("Version 1.2.3.4 broke the app.", []),
    ("Email info@mindfulhands.example.org for the timetable.", []),
    ("Paddington Station was rammed this morning.", []),
    (
        "Her mobile's 07700 900 123 if you want to ask her directly.",
        [("phone", "07700 900 123")],
    ),
    ("Tel: +61 2 5550 1234 (home)", [("phone", "+61 2 5550 1234")]),
    ("call 604-555-0155 after 6", [("phone", "604-555-0155")]),
    ("my cell is 212.555.0187", [("phone", "212.555.0187")]),
    ("Festnetz: 030 12345678", [("phone", "030 12345678")]),
    ("Mobile 06 12 34 56 78 if you're in Lyon", [("phone", "06 12 34 56 78")]),
    (
        "Her email is d.okafor+carers@example.com",
        [("email", "d.okafor+carers@example.com")],
    ),
    ("contact: tom[at]example.net", [("email", "tom[at]example.net")]),
    ("My work email is a.kowalski@nhs.example", [("email", "a.kowalski@nhs.example")]),
    (
        "I live at 14B Glebe Road, Armagh BT61 7AA",
        [("street_address", "14B Glebe Road, Armagh BT61 7AA")],
    ),
    (
        "Deliver to 1600 Pennsylvania Ave NW, Washington, DC 20500",
        [("street_address", "1600 Pennsylvania Ave NW, Washington, DC 20500")],
    ),
    ("My DOB is 29.02.1988", [("date_of_birth", "29.02.1988")]),
    ("born 7/4/62 in Cork", [("date_of_birth", "7/4/62")]),
    ("He was born on March 9, 2001.", [("date_of_birth", "March 9, 2001")]),
    ("SIN: 130 692 544", [("government_id", "130 692 544")]),
    ("tax file number 123 456 782", [("government_id", "123 456 782")]),
    ("SSN 123-45-6789", [("government_id", "123-45-6789")]),
    ("My NI is QQ123456C", [("government_id", "QQ123456C")]),
    ("4242 4242 4242 4242 is on the card", [("credit_card", "4242 4242 4242 4242")]),
    ("Amex 378282246310005", [("credit_card", "378282246310005")]),
    ("Insta: @bramble.and.bone", [("url_social_profile", "@bramble.and.bone")]),
    (
        "https://www.linkedin.com/in/sara-mendes-pt",
        [("url_social_profile", "https://www.linkedin.com/in/sara-mendes-pt")],
    ),
    (
        "find me on reddit, u/sleepy_spoonie",
        [("url_social_profile", "u/sleepy_spoonie")],
    ),
    (
        "tiktok.com/@nightshift.nurse.uk",
        [("url_social_profile", "tiktok.com/@nightshift.nurse.uk")],
    ),
    ("x.com/marcusreads is me", [("url_social_profile", "x.com/marcusreads")]),
    ("IP was 203.0.113.9", [("ip_address", "203.0.113.9")]),
    (
        "Thanks so much to Bronwyn Hale for the casserole!",
        [("full_name", "Bronwyn Hale")],
    ),
    ("my ex, Callum Fitzgerald, keeps texting", [("full_name", "Callum Fitzgerald")]),
    (
        "Our old neighbour Hiroshi Tanaka sent flowers.",
        [("full_name", "Hiroshi Tanaka")],
    ),
    ("Mam's name was Bridget Ní Chonaill.", [("full_name", "Bridget Ní Chonaill")]),
    ("text SHOUT to 85258", []),
    ("Call 0800 123 4567 for the free advice line.", []),
    ("The hospital switchboard is 020 7946 0000.", []),
    ("Meeting ID: 812 3456 7890 Passcode: 4321", []),
    ("I had 3 coffees and 2 teas today.", []),
    ("My BP was 120/80 this morning.", []),
    ("Mum turns 70 on 5 May!", []),
    ("I've been sober since 14/06/2019.", []),
    ("Diagnosed 12.03.2015 with MS.", []),
    ("Ward 3, Bed 12 if you're visiting Dad.", []),
    ("Visit mind.org.uk for info.", []),
    ("Follow @MindCharity on twitter for updates", []),
    ("#endoawareness month!", []),
    ("Kings Cross is a nightmare at rush hour.", []),
    ("We love Mrs Brown's Boys in our house.", []),
    ("Rose and Ivy came round for tea.", []),
    ("It's 10.30 on Tuesday at the hall.", []),
    ("Firmware 3.10.2.4 fixed it.", []),
    (
        "Envoyez-le au 1234, rue Sainte-Catherine Ouest, Montréal (Québec) H3G 1P1 svp",
        [
            (
                "street_address",
                "1234, rue Sainte-Catherine Ouest, Montréal (Québec) H3G 1P1",
            )
        ],
    ),
    (
        "I am in Flat 2/1, 45 Byres Road, Glasgow G11 5RG now",
        [("street_address", "Flat 2/1, 45 Byres Road, Glasgow G11 5RG")],
    ),
    (
        "Mum lives at 12 Kauri St, Ponsonby, Auckland 1011.",
        [("street_address", "12 Kauri St, Ponsonby, Auckland 1011")],
    ),
    ("D.O.B. 12 Jan 1990", [("date_of_birth", "12 Jan 1990")]),
    ("His DOB: 03-Apr-1977", [("date_of_birth", "03-Apr-1977")]),
    ("My son (DOB 11/09/2010) has ADHD", [("date_of_birth", "11/09/2010")]),
    (
        "my details: Tomasz Wiśniewski, tomasz.w@example.com, +48 600 555 012",
        [
            ("full_name", "Tomasz Wiśniewski"),
            ("email", "tomasz.w@example.com"),
            ("phone", "+48 600 555 012"),
        ],
    ),
    (
        "Find me on Mastodon: @rowan@social.example",
        [("url_social_profile", "@rowan@social.example")],
    ),
    ("linkedin.com/company/mind-charity", []),
    ("Call me at 020 7946 0958 ext 12", [("phone", "020 7946 0958")]),
    (
        "Nguyen Van Minh, my uncle, is visiting",
        [("full_name", "Nguyen Van Minh")],
    ),
    ("Wang Fang drove me home", [("full_name", "Wang Fang")]),
    (
        "Contact: Tallulah Hughes, tallulah.h@example.com",
        [("full_name", "Tallulah Hughes"), ("email", "tallulah.h@example.com")],
    ),
    (
        "Ask for Ottilie Barnes - 07700 900 561",
        [("full_name", "Ottilie Barnes"), ("phone", "07700 900 561")],
    ),
    ("d.o.b. 1979.04.12 on the letter", [("date_of_birth", "1979.04.12")]),
    ("Meeting ID 851 4420 1193, passcode 7731", []),
]


@pytest.mark.parametrize(("text", "expected"), VARIED)
def test_varied_texts_give_exactly_the_expected_spans(text, expected):
    assert _values(text) == expected


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Thanks to Ana María van der Berg for the cake.", "Ana María van der Berg"),
        ("I met Jean-Luc de la Croix at the clinic.", "Jean-Luc de la Croix"),
        ("My carer Nguyen Thi Lan is lovely.", "Nguyen Thi Lan"),
        ("Contact Fatima Al-Hassan about the rota.", "Fatima Al-Hassan"),
        ("Tell Lucy Brown I said hi", "Lucy Brown"),
        ("RIP Kevin Mitchell, gone too soon.", "Kevin Mitchell"),
        ("My name is Aroha Ngata and I live in Rotorua.", "Aroha Ngata"),
    ],
)
def test_names_with_particles_family_first_and_openers(text, name):
    assert ("full_name", name) in _values(text)


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("Perth friends, home phone is (08) 6110 4478", "phone", "(08) 6110 4478"),
        (
            "Geboren 12.03.1981 in Hamburg, falls es hilft",
            "date_of_birth",
            "12.03.1981",
        ),
        ("Née 4 June 1966, if the form asks", "date_of_birth", "4 June 1966"),
        (
            "Send it to 12 Mill Bank, Otley LS21 3AB",
            "street_address",
            "12 Mill Bank, Otley LS21 3AB",
        ),
    ],
)
def test_broader_pii_shapes(text, kind, value):
    spans = [(s.kind, text[s.start : s.end]) for s in find_pii(text)]
    assert (kind, value) in spans
