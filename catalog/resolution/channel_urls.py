"""Which channel a post's URL belongs to: the platform and handle its address names."""

from urllib.parse import urlsplit

from catalog.choices import Platform

# Host (without "www." / "m.") → platform. The handle is the path's first part, except where noted.
PLATFORM_HOSTS = {
    "t.me": Platform.TELEGRAM, "telegram.me": Platform.TELEGRAM,
    "x.com": Platform.X_TWITTER, "twitter.com": Platform.X_TWITTER,
    "facebook.com": Platform.FACEBOOK, "fb.com": Platform.FACEBOOK,
    "youtube.com": Platform.YOUTUBE,
    "vk.com": Platform.VKONTAKTE, "vkontakte.ru": Platform.VKONTAKTE,
}
# Paths whose first part is not a handle (t.me/s/<handle>/12 is Telegram's web preview).
_NOT_HANDLES = {"s", "c", "share", "watch", "shorts", "embed", "video", "videos", "wall", "i", "status"}


def channel_of_url(url):
    """(platform, handle, channel URL) for a post's URL; a site the platforms do not know is a website channel
    named by its host. An address without a host names no channel: None."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if not host:
        return None
    for prefix in ("www.", "m.", "mobile."):
        host = host.removeprefix(prefix)
    platform = PLATFORM_HOSTS.get(host)
    segments = [segment for segment in parts.path.split("/") if segment]
    if platform == Platform.TELEGRAM and segments[:1] == ["s"]:
        segments = segments[1:]
    if platform and segments and segments[0].lower() not in _NOT_HANDLES:
        handle = segments[0]
        if platform == Platform.TELEGRAM and not handle.startswith("@"):
            handle = "@" + handle
        return platform, handle, f"https://{host}/{segments[0]}"
    return Platform.WEBSITE, host, f"{parts.scheme}://{parts.netloc}/"
