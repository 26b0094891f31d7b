"""Alias and name-variant rows."""


def replace_names(owner, related_name, names):
    """Make an owner's alias rows exactly `names`, keeping rows that stay."""
    manager = getattr(owner, related_name)
    wanted = list(dict.fromkeys(name.strip() for name in names if name.strip()))
    manager.exclude(name__in=wanted).delete()
    held = set(manager.values_list("name", flat=True))
    for name in wanted:
        if name not in held:
            manager.create(name=name)
