"""What a web page embeds: the images, video, audio, stylesheets, scripts and og: media it loads with itself.

Used by the web archiver (provenance.archive) to fetch a page's resources one level deep: links (`<a href>`) and
frames are not followed, since that would be crawling. Parsed with the standard library's HTML parser, which
reads broken markup the way browsers do well enough for this and adds no dependency.
"""

from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

# <meta property|name=...> whose content is a media URL a page shares (Open Graph, Twitter cards).
MEDIA_META = {
    "og:image", "og:image:url", "og:image:secure_url", "og:video", "og:video:url", "og:video:secure_url",
    "og:audio", "og:audio:url", "og:audio:secure_url", "twitter:image", "twitter:player:stream",
}
# (tag, attribute) pairs whose value is one URL the page loads.
SOURCE_ATTRIBUTES = {
    ("img", "src"), ("video", "src"), ("video", "poster"), ("audio", "src"), ("source", "src"),
    ("script", "src"), ("input", "src"),
}
SRCSET_TAGS = {"img", "source"}


class _EmbedParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []  # raw attribute values, in document order
        self.base = None
        self.title_parts, self._in_title, self._title_done = [], False, False

    def handle_starttag(self, tag, attrs):
        attributes = {}
        for name, value in attrs:
            attributes.setdefault(name, value or "")
        if tag == "base" and self.base is None and attributes.get("href"):
            self.base = attributes["href"]
        for name, value in attributes.items():
            if (tag, name) in SOURCE_ATTRIBUTES and value.strip():
                self.found.append(value)
        if tag in SRCSET_TAGS and attributes.get("srcset"):
            self.found.extend(srcset_urls(attributes["srcset"]))
        if tag == "link" and "stylesheet" in attributes.get("rel", "").lower().split() and attributes.get("href"):
            self.found.append(attributes["href"])
        if tag == "meta":
            key = (attributes.get("property") or attributes.get("name") or "").strip().lower()
            if key in MEDIA_META and attributes.get("content", "").strip():
                self.found.append(attributes["content"])
        if tag == "title" and not self._title_done:
            self._in_title = True

    def handle_endtag(self, tag):
        if tag == "title" and self._in_title:
            self._in_title, self._title_done = False, True

    def handle_data(self, data):
        if self._in_title:
            self.title_parts.append(data)


def srcset_urls(srcset):
    """The URLs of a srcset's candidates ("a.jpg 1x, b.jpg 2x"), read as the HTML standard says: a URL may contain
    commas (image CDNs put them in paths), and only a comma after it ends a candidate."""
    urls, position, length = [], 0, len(srcset)
    while position < length:
        while position < length and (srcset[position].isspace() or srcset[position] == ","):
            position += 1
        start = position
        while position < length and not srcset[position].isspace():
            position += 1
        url = srcset[start:position]
        if url.endswith(","):
            url = url.rstrip(",")
        else:  # skip the descriptors up to the comma that ends this candidate (commas in parentheses do not)
            depth = 0
            while position < length and not (srcset[position] == "," and depth == 0):
                depth += {"(": 1, ")": -1}.get(srcset[position], 0)
                position += 1
        if url:
            urls.append(url)
    return urls


def page_embeds(html, page_url):
    """(title, URLs) of a page: its <title> text and the http(s) URLs it embeds, absolute, without fragments,
    each once, in document order, the page itself left out."""
    parser = _EmbedParser()
    parser.feed(html)
    parser.close()
    base = urljoin(page_url, parser.base.strip()) if parser.base else page_url
    page = urldefrag(page_url).url
    urls = []
    for value in parser.found:
        try:
            url = urldefrag(urljoin(base, value.strip())).url
            scheme = urlsplit(url).scheme.lower()
        except ValueError:  # e.g. an unclosed IPv6 bracket: nothing a browser could load either
            continue
        if scheme in ("http", "https") and url != page and url not in urls:
            urls.append(url)
    title = " ".join("".join(parser.title_parts).split())
    return title, urls
