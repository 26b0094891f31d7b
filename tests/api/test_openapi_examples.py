"""Every JSON body in the OpenAPI schema (request bodies and 2xx answers) carries an example, and every example is
valid against its own schema, so the docs show what a client really sends and receives.

Only bodies that are not JSON go without: bytes (pictures, files: a binary string) and answers with no body at all
(DELETE, 204). The schema is generated in-process, as /api/v1/schema/ serves it.
"""

import datetime as dt
from urllib.parse import urlsplit

import pytest
from drf_spectacular.generators import SchemaGenerator
from jsonschema import Draft202012Validator, FormatChecker


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def operations(schema):
    for path, operations_of_path in schema["paths"].items():
        for method, operation in operations_of_path.items():
            yield f"{method.upper()} {path}", operation


def is_json(media_type):
    essence = media_type.split(";")[0].strip()
    return essence == "application/json" or essence.endswith("+json")


def bodies(operation, statuses=("2",)):
    """(where, media type, content) of the request body and of the answers whose status starts with `statuses`."""
    for media_type, content in operation.get("requestBody", {}).get("content", {}).items():
        yield "request", media_type, content
    for status, response in operation["responses"].items():
        if status.startswith(statuses):
            for media_type, content in response.get("content", {}).items():
                yield status, media_type, content


def examples_in(schema):
    """(where, schema, value) of every example: of parameters, request bodies and answers of any status."""
    for name, operation in operations(schema):
        for parameter in operation.get("parameters", []):
            for key, example in parameter.get("examples", {}).items():
                yield f"{name} ?{parameter['name']} {key}", parameter["schema"], example["value"]
        for where, media_type, content in bodies(operation, statuses=tuple("12345")):
            for key, example in content.get("examples", {}).items():
                yield f"{name} {where} {media_type} {key}", content["schema"], example["value"]


def json_schema(node):
    """An OpenAPI 3.0 schema as JSON Schema: `nullable` means "or null"; an object that lists its properties takes
    no others, so a read-only field in a request example (or a misspelt one anywhere) is an error."""
    if isinstance(node, list):
        return [json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: json_schema(value) for key, value in node.items()}
    if "properties" in node:
        node.setdefault("additionalProperties", False)
    if node.pop("nullable", False):
        node = {"anyOf": [node, {"type": "null"}]}
    return node


# jsonschema checks these two formats only with optional packages, which are not installed.
FORMATS = FormatChecker()


@FORMATS.checks("date-time", raises=ValueError)
def is_date_time(value):
    # RFC 3339: a date, a time and an offset.
    return not isinstance(value, str) or (value[10:11] in ("T", "t") and dt.datetime.fromisoformat(value).tzinfo)


@FORMATS.checks("uri")
def is_absolute_url(value):
    # The API's URI fields are URLs; an empty string is not one (blank URLs are a separate alternative).
    return not isinstance(value, str) or bool(urlsplit(value).scheme and urlsplit(value).netloc)


def test_every_operation_with_a_json_body_has_an_example(schema):
    json_bodies = [
        (f"{name} {where} {media_type}", content)
        for name, operation in operations(schema)
        for where, media_type, content in bodies(operation)
        if is_json(media_type)
    ]

    assert json_bodies
    assert [where for where, content in json_bodies if not content.get("examples")] == []


def test_operations_without_a_json_body_send_and_answer_bytes_or_nothing(schema):
    # These need no example: pictures and files (a binary string), DELETE and other answers without a body.
    not_bytes = [
        f"{name} {where} {media_type}"
        for name, operation in operations(schema)
        if not any(is_json(media_type) for _, media_type, _ in bodies(operation))
        for where, media_type, content in bodies(operation)
        if content.get("schema", {}).get("format") != "binary"
    ]

    assert not_bytes == []


def test_every_example_is_valid_against_its_schema(schema):
    components = json_schema(schema["components"])
    found, invalid = 0, []

    for where, value_schema, value in examples_in(schema):
        # The components travel with each schema, so its "#/components/..." references resolve.
        validator = Draft202012Validator({**json_schema(value_schema), "components": components}, format_checker=FORMATS)
        invalid += [f"{where} at {error.json_path}: {error.message}" for error in validator.iter_errors(value)]
        found += 1

    assert found
    assert invalid == [], "\n".join(invalid)
