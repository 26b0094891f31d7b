"""The desk's views, one module per screen. Every action is a POST form (CSRF) that works without JavaScript (it
redirects back) and, sent by htmx (HX-Request), answers with just the part of the page that changed."""
