"""The WACZ index keys: SURT, the form replay tools sort and look up CDX lines by."""

import pytest

from provenance.wacz import surt


@pytest.mark.parametrize(("url", "key"), [
    ("https://www.Newsweek.com/isis-video?b=2&a=1", "com,newsweek)/isis-video?a=1&b=2"),
    ("http://t.me:80/amaqagency/1234", "me,t)/amaqagency/1234"),
    ("https://cdn.example:8443/x.jpg", "example,cdn:8443)/x.jpg"),
    ("http://127.0.0.1:8000/index.html", "127.0.0.1:8000)/index.html"),
    ("https://www.example/", "example,www)/"),  # a two-label name keeps its "www"
    ("https://news.example", "example,news)/"),
])
def test_a_url_is_keyed_host_reversed_with_sorted_arguments(url, key):
    assert surt(url) == key
