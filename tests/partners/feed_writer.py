"""One API replica writing changes, run in a process of its own by tests/partners/test_feed_replicas.py.

    python -m tests.partners.feed_writer USER_ID COUNT SEED

Creates COUNT items through the items service, each in a transaction that stays open a random moment after its feed
entry is written (as a request under ATOMIC_REQUESTS does while it renders), so that another replica's later
position can commit first. Prints [{"item", "committed_at"}] as JSON.
"""

import json
import random
import sys
import time

import django


def main(user_id, count, seed):
    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from catalog.choices import TLP, MediaKind
    from catalog.services.items import create_item

    user = get_user_model().objects.get(pk=user_id)
    pause = random.Random(seed)
    written = []
    for number in range(int(count)):
        with transaction.atomic():
            item = create_item(user=user, kind=MediaKind.VIDEO, title=f"{seed} {number}", tlp=TLP.CLEAR)
            time.sleep(pause.uniform(0, 0.15))
        written.append({"item": item.pk, "committed_at": time.time()})
    print(json.dumps(written))


if __name__ == "__main__":
    main(*sys.argv[1:])
