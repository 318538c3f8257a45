import pytest

pytestmark = pytest.mark.django_db

PATHS = [
    "/api/v1/periods",
    "/api/v1/units",
    "/api/v1/units/{code}",
    "/api/v1/indices",
    "/api/v1/indices/league",
]


def test_the_openapi_schema_lists_every_endpoint_as_get_only_behind_a_bearer_token(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.") and schema["info"]["title"] == "Sikap API"
    assert sorted(schema["paths"]) == sorted(PATHS)
    for path in PATHS:
        assert list(schema["paths"][path]) == ["get"]
        operation = schema["paths"][path]["get"]
        assert operation["security"] == [{"TokenAuth": []}]
        assert "401" in operation["responses"]
    assert schema["components"]["securitySchemes"]["TokenAuth"] == {"type": "http", "scheme": "bearer"}


def test_the_schema_documents_the_index_object_of_the_command(client):
    schema = client.get("/api/v1/openapi.json").json()
    index = schema["components"]["schemas"]["IndexOut"]
    assert set(index["properties"]) == {
        "unit",
        "period",
        "instrument",
        "respondents",
        "elements",
        "index",
        "score",
        "grade",
        "ci95",
        "target",
        "attained",
        # Issue 10: the one status word, and how many units of a roll-up met their own target.
        "status",
        "units_met",
        "units_total",
        # Only in the objects of internal instruments (ILK, integrity), as the command prints them.
        "suppressed",
        "k",
        "left_out",
        "profile",
        "method",
        "headcount",
        "parts",
        "weakest",
        "covered_headcount",
        "coverage",
        "pooled",
        "plain_mean",
        "strata",
        "flagged",
        "invited",
    }
    params = {p["name"] for p in schema["paths"]["/api/v1/indices"]["get"]["parameters"]}
    assert params == {"unit", "period", "instrument", "subtree", "with_suspect"}
