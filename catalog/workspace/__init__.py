"""The analysts' workspace at /desk/: a review queue, item dossiers and report drafts, server-rendered with htmx.

Everything scraped or typed in is shown as text (autoescaped, `dir="auto"`), never as HTML; JavaScript comes from
static files only (the Content-Security-Policy forbids inline script). Graphic frames are served blurred, and the
unblurred ones only through a reveal that is logged (provenance.SensitiveMediaAccess).
"""
