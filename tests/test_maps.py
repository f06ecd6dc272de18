"""The /brief map's layout, measured on the drawn figure: on every seed place's map no two
labels overlap, none sits on the furniture (note, scale bar, inset), the subject is in the
middle third, districts are folded into their city and neighbouring countries are named.

Layouts are drawn without basemap's boundary files (``boundaries=False``: the same
projection, frame and labels, in a fraction of the time); one full PNG is rendered too."""

from __future__ import annotations

import itertools

import matplotlib.pyplot as plt
import pytest

from bot.engine.places.maps import (
    COUNTRY_GID,
    LABEL_GID,
    MapPoint,
    country_anchors,
    distance_km,
    draw_map,
    plan_map,
    render_map,
)


@pytest.fixture(scope="module")
def seed_briefings(seed_engine):
    index = seed_engine.places
    return {p.name: index.brief(p.name, sentences=1) for p in index.places().places}


def _layout(briefing):
    drawing = draw_map(briefing, boundaries=False)
    renderer = drawing.figure.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in drawing.labels]
    return drawing, boxes


def test_no_label_overlaps_and_subject_centred_on_every_seed_map(seed_briefings) -> None:
    assert len(seed_briefings) >= 15
    for name, briefing in seed_briefings.items():
        drawing, boxes = _layout(briefing)
        try:
            renderer = drawing.figure.canvas.get_renderer()
            area = drawing.ax.get_window_extent(renderer)
            assert {t.get_gid() for t in drawing.labels} <= {LABEL_GID, COUNTRY_GID}
            assert any(t.get_gid() == LABEL_GID for t in drawing.labels), name  # subject named
            for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
                assert not box_a.overlaps(box_b), f"{name}: labels {a!r} and {b!r} overlap"
            others = [t for t in drawing.ax.texts if t not in drawing.labels and t.get_text()]
            for text, box in boxes:
                assert area.x0 <= box.x0 and box.x1 <= area.x1, f"{name}: {text!r} outside"
                for other in others:  # the folded-places note, the scale bar's numbers
                    assert not box.overlaps(other.get_window_extent(renderer)), \
                        f"{name}: {text!r} on {other.get_text()!r}"
            x, y = drawing.subject_xy
            assert area.x0 + area.width / 3 <= x <= area.x0 + 2 * area.width / 3, name
            assert area.y0 + area.height / 3 <= y <= area.y0 + 2 * area.height / 3, name
        finally:
            plt.close(drawing.figure)


def test_mosul_map_folds_districts_names_countries_and_sizes_markers(seed_briefings) -> None:
    briefing = seed_briefings["Mosul"]
    plan = plan_map(briefing)
    drawn = {p.name for p in plan.points}
    folded = {p.name for p in plan.folded.get("Mosul", [])}
    # the districts and the mosque no longer pile up on Mosul: they are listed in a note
    assert {"West Mosul", "Old City of Mosul", "al-Nuri Mosque"} <= folded
    assert not folded & drawn and {"Mosul", "Tal Afar"} <= drawn
    drawing, boxes = _layout(briefing)
    try:
        texts = {t for t, _ in boxes}
        assert {"Mosul", "Tal Afar", "Raqqa"} <= texts
        countries = {t.get_text() for t in drawing.labels if t.get_gid() == COUNTRY_GID}
        assert {"SYRIA", "TURKEY", "IRAQ"} <= countries
        notes = [t.get_text() for t in drawing.ax.texts if t.get_text().startswith("In and")]
        assert notes and "West Mosul (3)" in notes[0]
        sizes = {line.get_label(): line.get_markersize() for line in drawing.ax.lines
                 if line.get_marker() in ("*", "o")}
        assert max(sizes.values()) == next(line.get_markersize() for line in drawing.ax.lines
                                           if line.get_marker() == "*")
        assert len(drawing.figure.axes) == 2  # the main map and the locator inset
    finally:
        plt.close(drawing.figure)


def test_folding_and_frame_on_a_synthetic_cluster() -> None:
    """Places 3 km apart fold into the most mentioned; a far town keeps its own label."""
    from bot.engine.places.briefing import Briefing, PlaceInfo, RelatedPlace

    briefing = Briefing(
        PlaceInfo("k", "Alpha", "Iraq", 36.0, 43.0, "city", "Iraq"), 20,
        related=[RelatedPlace("Alpha Old Town", 5, "child", "district", 36.01, 43.02),
                 RelatedPlace("Bravo", 4, "co-mentioned", "city", 35.0, 41.0)])
    plan = plan_map(briefing)
    assert [p.name for p in plan.points] == ["Alpha", "Bravo"]
    assert [p.name for p in plan.folded["Alpha"]] == ["Alpha Old Town"]
    lat0, lat1, lon0, lon1 = plan.frame
    assert lon0 < 41.0 < 43.0 < lon1 and abs((lon0 + lon1) / 2 - 43.0) < 1e-9
    assert lat0 < 35.0 < lat1
    assert distance_km(36.0, 43.0, 36.01, 43.02) < 3
    assert isinstance(plan.points[0], MapPoint) and plan.points[0].subject


def test_country_names_are_anchored_inside_their_country() -> None:
    anchors = {name: (lat, lon) for name, lat, lon, _ in country_anchors((30, 40, 38, 50))}
    lat, lon = anchors["Iraq"]
    assert 29 < lat < 38 and 38.8 < lon < 48.6  # inside Iraq's bounding box


def test_full_render_is_a_png(seed_briefings) -> None:
    png = render_map(seed_briefings["Mosul"])
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000
