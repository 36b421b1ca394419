"""Drives Shequ's Open311 GeoReport v2 endpoint with an existing client
library from PyPI (georeport), unchanged, in JSON and XML, plus the plain
HTTP calls that library does not make (it has no POST)."""
import os

import pytest
import requests
from georeport import GeoReport

BASE = os.environ["SHEQU_URL"]
ROOT = BASE + "/open311/v2"
API_KEY = os.environ["SHEQU_API_KEY"]
ID_NUMBER = os.environ["SHEQU_RESIDENT_ID"]
OTHER_STREET_KEY = os.environ["SHEQU_OTHER_API_KEY"]
RESIDENT_KEY = os.environ["SHEQU_RESIDENT_API_KEY"]


@pytest.fixture(params=["json", "xml"])
def client(request):
    return GeoReport(ROOT, jurisdiction="zhuhai", output_format=request.param)


def post(fmt="json", encoding="form", **fields):
    data = {"service_code": "RS-002", "jurisdiction_id": "", "attribute[id_number]": ID_NUMBER,
            "description": "open311 test", **fields}
    url = f"{ROOT}/requests.{fmt}"
    if encoding == "multipart":
        return requests.post(url, files={k: (None, v) for k, v in data.items()})
    return requests.post(url, data=data)


def test_service_list_is_the_catalogue(client):
    services = client.get_service_list()
    codes = {s["service_code"] for s in services}
    assert len(services) >= 30
    assert {"GA-001", "MZ-001-1", "RS-002"} <= codes
    assert "MZ-000" not in codes  # headings are not services one can request


def test_service_list_marks_public_interest(client):
    services = {s["service_code"]: s for s in client.get_service_list()}
    assert str(services["TY-001"]["public_interest"]).lower() == "true"
    assert str(services["CG-004"]["public_interest"]).lower() == "true"
    assert str(services["MZ-001-1"]["public_interest"]).lower() == "false"


def test_service_definition_asks_for_the_resident_id(client):
    definition = client.get_service_definition("GA-001")
    assert definition["service_code"] == "GA-001"
    attrs = definition["attributes"]["attribute"] if client.output_format == "xml" else definition["attributes"]
    first = attrs[0]
    assert first["code"] == "id_number"
    # Staff keys name the resident; a resident's own key needs no number.
    assert str(first["required"]).lower() == "false"


@pytest.mark.parametrize("encoding", ["form", "multipart"])
def test_post_then_follow_with_the_library(client, encoding):
    # A report about public facilities: anyone may follow it, as the library does, without a key.
    res = post(client.output_format, encoding, api_key=API_KEY, service_code="CG-004")
    assert res.status_code == 200, res.text
    if client.output_format == "json":
        created = res.json()[0]["service_request_id"]
    else:
        import xmltodict
        created = xmltodict.parse(res.content)["service_requests"]["request"]["service_request_id"]
    one = client.get_service_request(created)
    assert one["service_request_id"] == created
    assert one["status"] == "open"
    listed = client.get_service_requests(service_request_id=created)
    listed = listed if isinstance(listed, list) else [listed]
    assert [r["service_request_id"] for r in listed] == [created]
    # Anonymous readers follow the request but never see what the applicant wrote.
    assert not one.get("description")


def test_api_key_in_the_query_string_and_filters():
    res = requests.post(f"{ROOT}/requests.json?api_key={API_KEY}",
                        data={"service_code": "RS-004", "attribute[id_number]": ID_NUMBER})
    assert res.status_code == 200, res.text
    created = res.json()[0]["service_request_id"]
    mine = requests.get(f"{ROOT}/requests.json", params={"service_code": "RS-004", "status": "open", "api_key": API_KEY}).json()
    assert created in [r["service_request_id"] for r in mine]
    assert all(r["service_code"] == "RS-004" for r in mine)
    closed = requests.get(f"{ROOT}/requests.json", params={"service_code": "RS-004", "status": "closed", "api_key": API_KEY}).json()
    assert created not in [r["service_request_id"] for r in closed]
    assert all(r["status"] == "closed" for r in closed)
    # A personal request's number is confirmed only to a key that reaches it, never to anyone asking.
    assert requests.get(f"{ROOT}/tokens/{created}.json").status_code == 404
    token = requests.get(f"{ROOT}/tokens/{created}.json", params={"api_key": API_KEY}).json()
    assert token[0]["service_request_id"] == created


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_errors_follow_the_spec(fmt):
    no_key = post(fmt)
    assert no_key.status_code == 403
    other = post(fmt, api_key=OTHER_STREET_KEY)
    assert other.status_code == 403
    unknown = requests.get(f"{ROOT}/services/NOPE.{fmt}")
    assert unknown.status_code == 404
    bad_status = requests.get(f"{ROOT}/requests.{fmt}", params={"status": "maybe"})
    assert bad_status.status_code == 400
    bad_jurisdiction = requests.get(f"{ROOT}/services.{fmt}", params={"jurisdiction_id": "beijing"})
    assert bad_jurisdiction.status_code == 404
    if fmt == "json":
        body = no_key.json()
        assert body[0]["code"] == 403 and body[0]["description"]
    else:
        assert b"<errors><error><code>403</code>" in no_key.content


def test_open311_requests_are_ordinary_applications():
    res = post("json", api_key=API_KEY)
    created = res.json()[0]["service_request_id"]
    shown = requests.get(f"{BASE}/api/v1/applications/{created}", headers={"Authorization": f"Bearer {API_KEY}"})
    assert shown.status_code == 200
    assert shown.json()["channel"] == "open311"
    assert shown.json()["state"] == "submitted"


def test_personal_requests_are_not_published():
    res = post("json", api_key=API_KEY, service_code="MZ-001-1")
    assert res.status_code == 200, res.text
    created = res.json()[0]["service_request_id"]
    assert requests.get(f"{ROOT}/requests/{created}.json").status_code == 404
    assert requests.get(f"{ROOT}/requests/{created}.xml").status_code == 404
    anonymous = requests.get(f"{ROOT}/requests.json").json()
    assert created not in [r["service_request_id"] for r in anonymous]
    assert all(r["service_code"] in {"TY-001", "CG-003", "CG-004"} for r in anonymous)
    in_scope = requests.get(f"{ROOT}/requests/{created}.json", params={"api_key": API_KEY})
    assert in_scope.status_code == 200
    assert requests.get(f"{ROOT}/requests/{created}.json", params={"api_key": OTHER_STREET_KEY}).status_code == 404


def test_a_residents_own_key_applies_without_the_id_number():
    res = requests.post(f"{ROOT}/requests.json", data={"api_key": RESIDENT_KEY, "service_code": "CG-003",
                                                       "description": "垃圾未清运"})
    assert res.status_code == 200, res.text
    created = res.json()[0]["service_request_id"]
    mine = requests.get(f"{ROOT}/requests/{created}.json", params={"api_key": RESIDENT_KEY}).json()
    assert mine[0]["description"] == "垃圾未清运"
