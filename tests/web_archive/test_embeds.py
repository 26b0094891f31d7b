"""What a page embeds, read with the standard library's parser: one level deep, http(s) only, each URL once."""

from hypothesis import given
from hypothesis import strategies as st

from provenance.embeds import page_embeds, srcset_urls

PAGE_URL = "https://news.example/2017/10/release.html"


def test_it_finds_pictures_media_stylesheets_scripts_and_shared_media_in_document_order():
    html = """<html><head><title> Two  men
      named </title>
    <meta property="og:image" content="https://cdn.example/og.jpg">
    <meta name="twitter:image" content="/tw.jpg">
    <meta property="og:video:secure_url" content="https://cdn.example/clip.mp4">
    <link rel="Stylesheet preload" href="/site.css"><link rel="canonical" href="/canonical">
    <script src="app.js"></script></head>
    <body><img src="a.jpg"><picture><source srcset="b.webp 1x, c.webp 2x"><img src="a.jpg" srcset="d.jpg 480w"></picture>
    <video src="v.mp4" poster="p.jpg"><source src="v.webm"></video><audio src="/s.mp3"></audio></body></html>"""

    title, urls = page_embeds(html, PAGE_URL)

    assert title == "Two men named"
    base = "https://news.example/2017/10/"
    assert urls == [
        "https://cdn.example/og.jpg", "https://news.example/tw.jpg", "https://cdn.example/clip.mp4",
        "https://news.example/site.css", base + "app.js", base + "a.jpg", base + "b.webp", base + "c.webp",
        base + "d.jpg", base + "v.mp4", base + "p.jpg", base + "v.webm", "https://news.example/s.mp3",
    ]


def test_links_frames_and_non_http_urls_are_not_embeds():
    html = """<a href="/next.html">next</a><iframe src="/frame.html"></iframe><link rel="canonical" href="/c">
    <img src="data:image/png;base64,AAAA"><img src="javascript:alert(1)"><img src="ftp://files.example/x.jpg">
    <img src="http://[::1"><img src="   "><img src="#top">"""

    assert page_embeds(html, PAGE_URL) == ("", [])


def test_a_base_element_sets_where_relative_urls_point_and_fragments_are_dropped():
    html = '<base href="https://cdn.example/assets/"><img src="x.jpg#part"><img src="x.jpg"><img src="/y.jpg">'

    assert page_embeds(html, PAGE_URL)[1] == ["https://cdn.example/assets/x.jpg", "https://cdn.example/y.jpg"]


def test_srcset_urls_may_hold_commas_as_image_cdns_write_them():
    srcset = "https://cdn.example/w_100,h_100/a.jpg 1x,https://cdn.example/w_200,h_200/a.jpg 2x, b.jpg"

    assert srcset_urls(srcset) == [
        "https://cdn.example/w_100,h_100/a.jpg", "https://cdn.example/w_200,h_200/a.jpg", "b.jpg",
    ]


_url = st.text(st.characters(codec="ascii", categories=["L", "N"], include_characters="/._-,:?=&"), min_size=1).filter(
    lambda url: not url.startswith(",") and not url.endswith(",")
)
_descriptor = st.one_of(st.just(""), st.integers(1, 4000).map(lambda n: f" {n}w"), st.sampled_from([" 1x", " 1.5x"]))


# A comma ends a URL only when whitespace follows it ("a,b" is one URL), so these separators all have some.
@given(st.lists(st.tuples(_url, _descriptor), min_size=1, max_size=6), st.sampled_from([", ", " ,\n ", ",\t"]))
def test_every_candidate_url_of_any_srcset_is_read_back(candidates, separator):
    srcset = separator.join(url + descriptor for url, descriptor in candidates)

    assert srcset_urls(srcset) == [url for url, _ in candidates]
