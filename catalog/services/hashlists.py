"""The hash list a partner's Hasher-Matcher-Actioner subscribes to, in the shape of Tech Against Terrorism's hash
list (served by catalog.api.hashlist; threatexchange's TATHashListAPI reads it).

What is listed
    The hashes (SHA-256, MD5 and, for images, PDQ) of the stored files of the items a partner may see
    (catalog.policies.access) whose authenticity verdict a second analyst approved (published, not "not assessed").
    Each hash is a ListedHash row, whose key is the list entry's stable ``id``.

How it changes
    The list is read as the change feed (catalog.api.feed.read_feed, through access.feed_entries) restricted to
    items and item files: each change the partner could read names stored files, and the page answers each of
    those files' hashes as they stand now for that partner: listed, or ``deleted`` when no item it may see and
    approved holds the file any more (the item was deleted, its file detached, its marking raised above the
    partner's clearance or its verdict not published). Files never listed to anyone are never named as deleted.

Credentials
    A partner logs in with a HashListCredential (username and password, hashed), not its API key; the token it gets
    is signed, lasts HASH_LIST_TOKEN_SECONDS and is refused as soon as the credential is revoked or the partner
    deactivated.
"""

import secrets

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core import signing
from django.db import transaction
from django.utils import timezone

from catalog.choices import MediaAuthenticity
from catalog.models import HashListCredential, ItemFile, ListedHash, ListedItemFile, MediaItem
from catalog.policies import access, audit
from provenance.choices import HashAlgorithm
from provenance.models import FrameHash, MediaFile

TOKEN_SALT = "catalog.hash_list.token"
DEFAULT_TOKEN_SECONDS = 3600
# A password hash to check against when the username is unknown, so both answers take as long.
_UNKNOWN_USER_HASH = make_password(None)


# Credentials


def issue_credential(partner, username=""):
    """A new hash-list login for `partner`: (credential, password). Only the password's hash is kept: show it once."""
    if not partner.is_active:
        raise ValueError(f"{partner} is not active; activate it before issuing a credential.")
    username = username or f"hma-{secrets.token_hex(6)}"
    if HashListCredential.objects.filter(username=username).exists():
        raise ValueError(f"The username {username!r} is taken.")
    password = secrets.token_urlsafe(32)
    credential = HashListCredential.objects.create(
        partner=partner, username=username, password_hash=make_password(password)
    )
    return credential, password


def revoke_credential(credential):
    HashListCredential.objects.filter(pk=credential.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())


def token_for(username, password):
    """A bearer token for a usable credential with this username and password, else None."""
    credential = HashListCredential.objects.select_related("partner").filter(username=username).first()
    if not check_password(password, credential.password_hash if credential else _UNKNOWN_USER_HASH):
        return None
    if credential is None or not credential.is_usable:
        return None
    HashListCredential.objects.filter(pk=credential.pk).update(last_used_at=timezone.now())
    return signing.dumps({"credential": credential.pk}, salt=TOKEN_SALT)


def credential_of(token):
    """The usable credential a token was given to, else None (expired, forged, revoked, partner deactivated)."""
    max_age = getattr(settings, "HASH_LIST_TOKEN_SECONDS", DEFAULT_TOKEN_SECONDS)
    try:
        payload = signing.loads(token, salt=TOKEN_SALT, max_age=max_age)
    except signing.BadSignature:  # SignatureExpired included
        return None
    pk = payload.get("credential") if isinstance(payload, dict) else None
    credential = HashListCredential.objects.select_related("partner").filter(pk=pk).first() if pk else None
    return credential if credential is not None and credential.is_usable else None


# The list


def remember_item_file(item_file):
    """Keep which file an item file links, for after it is deleted (catalog.signals calls this on every save)."""
    ListedItemFile.objects.get_or_create(item_file_id=item_file.pk, defaults={"media_file_id": item_file.media_file_id})


def approved_items(caller):
    """The items whose hashes `caller` is listed: those it may see whose verdict a second analyst approved."""
    items = MediaItem.objects.exclude(published_authenticity=MediaAuthenticity.NOT_ASSESSED)
    return access.visible(caller, items)


def files_changed(changes):
    """{media file pk: time of its latest change} of the stored files the feed rows `changes` name.

    Each row is {"record_type", "id", "change", "changed_at", "record"} as catalog.api.feed.read_feed gives it, with
    the record itself (or None for a withdrawal). Rows of other records than items and item files name no file."""
    item_files, items = {}, {}
    for row in changes:
        if row["record_type"] == "item_file":
            item_files[row["id"]] = row["changed_at"]
        elif row["record_type"] == "media_item":
            items[row["id"]] = row["changed_at"]
    changed = {}

    def touch(media_file_id, at):
        changed[media_file_id] = max(at, changed.get(media_file_id, at))

    for link in ListedItemFile.objects.filter(item_file_id__in=item_files).values("item_file_id", "media_file_id"):
        touch(link["media_file_id"], item_files[link["item_file_id"]])
    for link in ItemFile.objects.filter(media_item__in=items).values("media_item_id", "media_file_id"):
        touch(link["media_file_id"], items[link["media_item_id"]])
    return changed


def list_entries(caller, changed):
    """The list entries of the files in `changed` ({media file pk: changed at}) as they stand now for `caller`,
    ordered by change; each disclosed file goes to the audit."""
    holding = ItemFile.objects.filter(media_file__in=changed, media_item__in=approved_items(caller))
    ideology = {}
    for link in holding.select_related("media_item__producer__hash_list_ideology").order_by("media_item"):
        producer = link.media_item.producer
        mapped = getattr(producer, "hash_list_ideology", None) if producer is not None else None
        ideology.setdefault(link.media_file_id, mapped.ideology if mapped else None)
    listed = set(ideology)
    hashes = _listed_hashes(listed) + list(
        ListedHash.objects.filter(media_file__in=set(changed) - listed).select_related("media_file")
    )
    files = {row.media_file_id: row.media_file for row in hashes}
    audit.disclosed(caller, *access.visible(caller, MediaFile.objects.filter(pk__in=listed & set(files))))
    audit.disclosed(caller, *(files[pk] for pk in sorted(set(files) - listed)))
    hashes.sort(key=lambda row: (changed[row.media_file_id], row.pk))
    return [
        {
            "hash_digest": row.hash_digest,
            "algorithm": row.algorithm,
            "ideology": ideology.get(row.media_file_id),
            "file_type": file_type(row.media_file),
            "deleted": row.media_file_id not in listed,
            "updated_on": changed[row.media_file_id].timestamp(),
            "created_on": row.created_at.isoformat(),
            "id": row.pk,
        }
        for row in hashes
    ]


def _listed_hashes(file_ids):
    """The ListedHash rows of these files' hashes, written the first time a file is listed."""
    wanted = []
    for media_file in MediaFile.objects.filter(pk__in=file_ids):
        wanted.append((media_file, ListedHash.Algorithm.SHA256, media_file.sha256))
        if media_file.md5:
            wanted.append((media_file, ListedHash.Algorithm.MD5, media_file.md5))
    # PDQ of images only: a video's frame hashes are vPDQ, which a PDQ list does not carry.
    images = FrameHash.objects.filter(media_file__in=file_ids, algorithm=HashAlgorithm.PDQ, variant="full")
    files = {media_file.pk: media_file for media_file, _, _ in wanted}
    wanted += [(files[frame.media_file_id], ListedHash.Algorithm.PDQ, frame.hash) for frame in images]
    with transaction.atomic():
        ListedHash.objects.bulk_create(
            [ListedHash(media_file=f, algorithm=a, hash_digest=h) for f, a, h in wanted], ignore_conflicts=True
        )
    return list(ListedHash.objects.filter(media_file__in=file_ids).select_related("media_file"))


def file_type(media_file):
    """The file's extension as the list names types ("mp4", "jpg"): from its sniffed type, else its name."""
    subtype = media_file.mime_type.partition("/")[2]
    by_type = {"jpeg": "jpg", "quicktime": "mov", "x-m4v": "m4v", "x-matroska": "mkv"}
    if subtype:
        return by_type.get(subtype, subtype)
    return media_file.original_filename.rpartition(".")[2].lower() if "." in media_file.original_filename else ""
