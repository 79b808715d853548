"""The JSON Lines scanner used by the ``safety_scan`` command."""

import io
import json

import pytest

from alongside.safety.scan import ScanInputError, scan_stream
from alongside.safety.screening import screen_text


def _scan(text):
    out = io.StringIO()
    count = scan_stream(io.StringIO(text), out)
    return count, [json.loads(line) for line in out.getvalue().splitlines()]


def test_one_output_line_per_input_line_in_order():
    lines = [
        {"id": "a", "text": "Call me on 07700 900321 tomorrow."},
        {"id": 2, "text": "I wish I could just not wake up."},
        {"id": "c", "text": "Turmeric cures depression, stop your meds."},
    ]
    count, rows = _scan("".join(json.dumps(r) + "\n" for r in lines))
    assert count == 3
    assert [r["id"] for r in rows] == ["a", 2, "c"]
    assert rows[0]["pii"] == [{"kind": "phone", "start": 11, "end": 23}]
    assert rows[1]["crisis"] == "concern"
    assert rows[2]["health_claim"] is True


def test_output_has_exactly_the_documented_keys():
    _, rows = _scan('{"id": "x", "text": "hello"}\n')
    assert rows == [{"id": "x", "crisis": "none", "pii": [], "health_claim": False}]


def test_blank_lines_are_skipped():
    count, rows = _scan('\n{"id": 1, "text": "hi"}\n\n   \n{"id": 2, "text": "yo"}\n')
    assert count == 2
    assert [r["id"] for r in rows] == [1, 2]


def test_offsets_are_python_code_points_with_emoji():
    text = "🌧️🌧️ email me: ana.p@example.net"
    _, rows = _scan(json.dumps({"id": 1, "text": text}) + "\n")
    (span,) = rows[0]["pii"]
    assert text[span["start"] : span["end"]] == "ana.p@example.net"


@pytest.mark.parametrize(
    "line", ['{"id": 7}', '{"id": 7, "text": null}', '{"id": 7, "text": 12}']
)
def test_line_without_text_still_gets_a_result_with_an_error(line):
    count, rows = _scan(line + "\n")
    assert count == 1
    assert rows[0]["id"] == 7
    assert rows[0]["crisis"] == "none"
    assert "error" in rows[0]


@pytest.mark.parametrize("line", ["not json", '{"text": "no id"}', "[1, 2]"])
def test_unreadable_line_raises_with_line_number(line):
    out = io.StringIO()
    source = io.StringIO('{"id": 1, "text": "fine"}\n' + line + "\n")
    with pytest.raises(ScanInputError, match="line 2"):
        scan_stream(source, out)
    assert json.loads(out.getvalue().splitlines()[0])["id"] == 1


def test_screening_to_dict_matches_scan_fields():
    got = screen_text("My SSN is 666-12-3456.").to_dict()
    assert set(got) == {"crisis", "pii", "health_claim"}
    assert got["pii"] == [{"kind": "government_id", "start": 10, "end": 21}]
