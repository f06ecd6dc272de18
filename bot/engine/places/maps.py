"""Offline PNG maps: matplotlib (Agg) + basemap's shipped boundaries; no tiles, no network.

Rendering takes about a second, so callers run it off the event loop; PlaceIndex caches
the bytes per place. Labels are placed greedily: each label tries eight offsets around
its point and takes the first whose box overlaps no earlier label (largest places first).
"""

from __future__ import annotations

import io
import logging
import threading

from bot.engine.places.briefing import Briefing

log = logging.getLogger(__name__)

POINT_KINDS = frozenset({"city", "district", "neighbourhood", "landmark", "river"})
MAX_POINTS = 9
MAX_DISTANCE_DEG = 12.0  # co-mentioned places farther than this would zoom the map out
MIN_SPAN_DEG = 2.0
_OFFSETS = [(6, 6), (6, -12), (-6, 6), (-6, -12), (0, 10), (0, -16), (10, 0), (-10, 0)]
# basemap's shapefile readers share module state; one render at a time.
_RENDER_LOCK = threading.Lock()


def _points(briefing: Briefing) -> list[tuple[str, float, float, bool]]:
    place = briefing.place
    pts = [(place.name, place.lat, place.lon, True)] if place.kind in POINT_KINDS else []
    for rel in briefing.related:
        if rel.kind not in POINT_KINDS or len(pts) >= MAX_POINTS:
            continue
        if place.kind in POINT_KINDS and (abs(rel.lat - place.lat) > MAX_DISTANCE_DEG
                                          or abs(rel.lon - place.lon) > MAX_DISTANCE_DEG):
            continue
        pts.append((rel.name, rel.lat, rel.lon, False))
    return pts


def _bounds(briefing: Briefing, pts: list[tuple[str, float, float, bool]]
            ) -> tuple[float, float, float, float]:
    if briefing.extent is not None:
        lat0, lat1, lon0, lon1 = briefing.extent
    elif pts:
        lats = [p[1] for p in pts]
        lons = [p[2] for p in pts]
        lat0, lat1, lon0, lon1 = min(lats), max(lats), min(lons), max(lons)
    else:  # a continent or a region without points: a window around its centre
        lat0 = lat1 = briefing.place.lat
        lon0 = lon1 = briefing.place.lon
        lat0, lat1, lon0, lon1 = lat0 - 20, lat1 + 20, lon0 - 30, lon1 + 30
    pad_lat = max((lat1 - lat0) * 0.2, (MIN_SPAN_DEG - (lat1 - lat0)) / 2, 0.5)
    pad_lon = max((lon1 - lon0) * 0.2, (MIN_SPAN_DEG - (lon1 - lon0)) / 2, 0.5)
    return (max(lat0 - pad_lat, -80.0), min(lat1 + pad_lat, 84.0),
            max(lon0 - pad_lon, -180.0), min(lon1 + pad_lon, 180.0))


def render_map(briefing: Briefing, *, width_in: float = 7.0, dpi: int = 100) -> bytes:
    """The place and its related places on country borders, coastlines and rivers (PNG)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from mpl_toolkits.basemap import Basemap

    pts = _points(briefing)
    lat0, lat1, lon0, lon1 = _bounds(briefing, pts)
    span = max(lat1 - lat0, lon1 - lon0)
    resolution = "i" if span < 15 else "l"
    height_in = max(3.5, min(7.0, width_in * (lat1 - lat0) / max(lon1 - lon0, 1e-6)))
    with _RENDER_LOCK:
        fig = plt.figure(figsize=(width_in, height_in), dpi=dpi)
        try:
            ax = fig.add_axes((0.01, 0.01, 0.98, 0.92))
            m = Basemap(projection="merc", llcrnrlat=lat0, urcrnrlat=lat1, llcrnrlon=lon0,
                        urcrnrlon=lon1, resolution=resolution, ax=ax)
            m.drawmapboundary(fill_color="#dbe9f6")
            m.fillcontinents(color="#f4f1ea", lake_color="#dbe9f6")
            m.drawcoastlines(linewidth=0.5, color="#667")
            m.drawcountries(linewidth=0.8, color="#556")
            m.drawrivers(linewidth=0.5, color="#5b8fc7")
            ax.set_title(f"{briefing.place.name}"
                         + (f", {briefing.place.country}" if briefing.place.country
                            and briefing.place.country != briefing.place.name else ""),
                         fontsize=11)
            fig.canvas.draw()
            renderer = fig.canvas.get_renderer()
            placed = []
            for name, lat, lon, main in pts:
                x, y = m(lon, lat)
                ax.plot(x, y, marker="*" if main else "o", markersize=11 if main else 5,
                        color="#c0392b" if main else "#2c3e50", zorder=5)
                for dx, dy in _OFFSETS:
                    label = ax.annotate(name, (x, y), xytext=(dx, dy),
                                        textcoords="offset points", zorder=6,
                                        fontsize=10 if main else 8,
                                        fontweight="bold" if main else "normal",
                                        ha="left" if dx >= 0 else "right",
                                        bbox={"boxstyle": "round,pad=0.15", "fc": "white",
                                              "ec": "none", "alpha": 0.7})
                    box = label.get_window_extent(renderer)
                    if not any(box.overlaps(b) for b in placed):
                        placed.append(box)
                        break
                    label.remove()
                else:
                    log.debug("map label %s dropped: no free position", name)
            buf = io.BytesIO()
            fig.savefig(buf, format="png", dpi=dpi)
        finally:
            plt.close(fig)
    return buf.getvalue()
