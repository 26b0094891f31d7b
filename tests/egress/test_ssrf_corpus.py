"""Every SSRF payload is refused with a clear reason by the rule and by each face that fetches (capture download,
liveness probe, webhook delivery), and no listener on this machine sees a connection."""

import pytest

from catalog import services
from catalog.choices import TLP, VerificationKind, WebhookEvent
from catalog.models import LivenessCheck
from catalog.services import webhooks
from provenance import egress
from provenance.choices import JobStatus
from tests.egress.payloads import PAYLOADS, ids
from tests.factories import MediaItemFactory, SightingFactory
from tests.webhooks.conftest import subscribe

pytestmark = pytest.mark.django_db

corpus = pytest.mark.parametrize(("template", "reason"), PAYLOADS, ids=ids())
# Sightings without a URL are not probed: the empty payload has nothing to say about liveness.
probed_corpus = pytest.mark.parametrize(
    ("template", "reason"), [payload for payload in PAYLOADS if payload[0]],
    ids=[name for name, payload in zip(ids(), PAYLOADS) if payload[0]],
)


def unresolvable(host, port, **kwargs):
    raise AssertionError(f"the rule resolved {host!r}: it should have refused the URL before any lookup")


def resolve_locally(host, port, **kwargs):
    """Only "localhost" is a name in the corpus; anything else must be refused before it is looked up."""
    if host != "localhost":
        unresolvable(host, port)
    return [(2, 1, 6, "", ("127.0.0.1", port))]


@corpus
def test_the_rule_refuses_each_payload_naming_why(template, reason, tripwire):
    url = template.format(port=tripwire.port)

    with pytest.raises(egress.EgressRefused) as refused:
        egress.check(url, resolve=resolve_locally)

    assert reason in str(refused.value)


def test_a_nul_byte_that_truncates_the_host_in_c_parsers_is_refused():
    with pytest.raises(egress.EgressRefused, match="contains a backslash, whitespace or a control character"):
        egress.check("http://127.0.0.1\x00.example.org/", resolve=unresolvable)


@corpus
def test_a_capture_of_each_payload_fails_for_good_without_connecting(template, reason, tripwire, connections):
    job = services.request_url_capture(MediaItemFactory(), template.format(port=tripwire.port))

    services.run_url_capture(job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert reason in job.error
    assert job.item_file is None
    assert connections == []
    assert tripwire.accepted == []


@probed_corpus
def test_a_liveness_probe_of_each_payload_records_the_refusal_without_connecting(
    template, reason, tripwire, connections
):
    sighting = SightingFactory(url=template.format(port=tripwire.port))

    run = services.request_verification(VerificationKind.LIVENESS, sighting.media_item)
    services.run_verification(run.pk)

    check = LivenessCheck.objects.get(sighting=sighting)
    assert (check.is_up, check.http_status) == (False, None)
    assert reason in check.error
    sighting.refresh_from_db()
    assert sighting.taken_down_at is None, "a refused probe says nothing about the post"
    assert connections == []
    assert tripwire.accepted == []


@corpus
def test_a_webhook_to_each_payload_fails_for_good_without_connecting(template, reason, tripwire, connections):
    subscribe(template.format(port=tripwire.port))
    item = MediaItemFactory(tlp=TLP.CLEAR)
    [delivery] = webhooks.notify(
        WebhookEvent.ITEM_PUBLISHED, lambda visibility: webhooks.item_payload(item, visibility),
        webhooks.event_id(WebhookEvent.ITEM_PUBLISHED, "media_item", item.pk),
    )

    webhooks.deliver(delivery.pk)

    delivery.refresh_from_db()
    assert (delivery.status, delivery.response_status) == (JobStatus.FAILED, None)
    assert reason in delivery.error
    assert connections == []
    assert tripwire.accepted == []
