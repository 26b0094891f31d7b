"""The sightings chart of a dossier: one lane per channel, time across, takedowns marked. Drawn as inline SVG by the
template from the numbers computed here, so no chart library (and no script) is needed."""

import datetime as dt
from dataclasses import dataclass, field

WIDTH = 760
LABEL_WIDTH = 190
RIGHT_MARGIN = 24
TOP = 34
LANE_HEIGHT = 30
BOTTOM = 30
# Tick steps to choose from, smallest first; the first that gives at most MAX_TICKS ticks is used.
STEPS = [
    (dt.timedelta(hours=1), "%d %b %H:%M"), (dt.timedelta(hours=3), "%d %b %H:%M"),
    (dt.timedelta(hours=6), "%d %b %H:%M"), (dt.timedelta(hours=12), "%d %b %H:%M"),
    (dt.timedelta(days=1), "%d %b"), (dt.timedelta(days=2), "%d %b"), (dt.timedelta(days=7), "%d %b"),
    (dt.timedelta(days=14), "%d %b"), (dt.timedelta(days=30), "%b %Y"), (dt.timedelta(days=91), "%b %Y"),
    (dt.timedelta(days=365), "%Y"), (dt.timedelta(days=365 * 5), "%Y"),
]
MAX_TICKS = 6


@dataclass
class Mark:
    x: float
    y: float
    sighting: object
    when: dt.datetime
    is_variant: bool
    takedown_x: float | None = None

    @property
    def takedown_path(self):
        """A small × where the sighting was taken down."""
        if self.takedown_x is None:
            return ""
        x, y, r = self.takedown_x, self.y, 5
        return f"M{x - r} {y - r}L{x + r} {y + r}M{x - r} {y + r}L{x + r} {y - r}"


@dataclass
class Lane:
    y: float
    label: str
    channel: object

    @property
    def label_y(self):
        return self.y + 4


@dataclass
class Chart:
    width: int = WIDTH
    height: int = TOP + BOTTOM
    plot_left: int = LABEL_WIDTH
    plot_right: int = WIDTH - RIGHT_MARGIN
    lanes: list = field(default_factory=list)
    marks: list = field(default_factory=list)
    ticks: list = field(default_factory=list)  # (x, label)
    release_x: float | None = None
    undated: list = field(default_factory=list)
    sightings: list = field(default_factory=list)

    @property
    def axis_y(self):
        return self.height - BOTTOM

    @property
    def label_x(self):
        return self.plot_left - 10

    @property
    def tick_top(self):
        return TOP - 14

    @property
    def tick_label_y(self):
        return self.axis_y + 18

    @property
    def release_label_y(self):
        return TOP - 20

    @property
    def has_marks(self):
        return bool(self.marks)


def _when(sighting):
    return sighting.posted_at or sighting.observed_at


def build_chart(item):
    """The chart of `item.propagation_timeline()`: the item's sightings and its confirmed variants'."""
    sightings = list(item.propagation_timeline())
    chart = Chart(sightings=sightings)
    dated = [s for s in sightings if _when(s)]
    chart.undated = [s for s in sightings if not _when(s)]
    if not dated:
        return chart
    moments = [_when(s) for s in dated] + [s.taken_down_at for s in dated if s.taken_down_at]
    if item.claimed_release_at:
        moments.append(item.claimed_release_at)
    start, end = min(moments), max(moments)
    if end - start < dt.timedelta(hours=2):
        start, end = start - dt.timedelta(hours=1), end + dt.timedelta(hours=1)
    pad = (end - start) * 0.04
    start, end = start - pad, end + pad
    span = (end - start).total_seconds()

    def x_of(moment):
        return round(chart.plot_left + (moment - start).total_seconds() / span * (chart.plot_right - chart.plot_left), 1)

    lanes = {}
    for sighting in dated:
        if sighting.channel_id not in lanes:
            lanes[sighting.channel_id] = Lane(TOP + len(lanes) * LANE_HEIGHT, str(sighting.channel), sighting.channel)
    chart.lanes = list(lanes.values())
    chart.height = TOP + len(lanes) * LANE_HEIGHT + BOTTOM
    for sighting in dated:
        lane = lanes[sighting.channel_id]
        chart.marks.append(Mark(
            x=x_of(_when(sighting)), y=lane.y, sighting=sighting, when=_when(sighting),
            is_variant=sighting.media_item_id != item.pk,
            takedown_x=x_of(sighting.taken_down_at) if sighting.taken_down_at else None,
        ))
    if item.claimed_release_at:
        chart.release_x = x_of(item.claimed_release_at)
    chart.ticks = _ticks(start, end, x_of)
    return chart


def _ticks(start, end, x_of):
    for step, label_format in STEPS:
        if (end - start) / step <= MAX_TICKS:
            break
    first = _floor(start, step)
    ticks, moment = [], first
    while moment <= end:
        if moment >= start:
            ticks.append((x_of(moment), moment.strftime(label_format)))
        moment = _advance(moment, step)
    return ticks


def _floor(moment, step):
    if step < dt.timedelta(days=1):
        hours = int(step.total_seconds() // 3600)
        return moment.replace(minute=0, second=0, microsecond=0, hour=moment.hour - moment.hour % hours)
    if step < dt.timedelta(days=30):
        return moment.replace(hour=0, minute=0, second=0, microsecond=0)
    if step < dt.timedelta(days=365):
        return moment.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    return moment.replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)


def _advance(moment, step):
    if step < dt.timedelta(days=30):
        return moment + step
    months = {30: 1, 91: 3}.get(step.days)
    if months:
        month = moment.month - 1 + months
        return moment.replace(year=moment.year + month // 12, month=month % 12 + 1)
    return moment.replace(year=moment.year + step.days // 365)
