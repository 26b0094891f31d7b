import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


@pytest.fixture
def assert_list_queries_constant(analyst_client):
    """Fetch a list at two page sizes: the number of SQL queries must be the same (no query per row)."""

    def check(url):
        counts = {}
        for limit in (2, 10):
            with CaptureQueriesContext(connection) as queries:
                response = analyst_client.get(url, {"limit": limit})
            assert response.status_code == 200, response.data
            assert len(response.data["results"]) == limit
            counts[limit] = len(queries)
        assert counts[2] == counts[10], f"queries grew with page size: {counts}"

    return check
