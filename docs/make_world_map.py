"""Rebuild src/policybrief/data/world.json, the locator map's boundaries and label points (maintainers only).

The package ships the result; nothing here runs when a brief is made. Inputs, from the npm registry:

    mkdir /tmp/wa && cd /tmp/wa && npm pack world-atlas@2.0.2 i18n-iso-countries@7.14.0
    for f in *.tgz; do mkdir "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"; done
    python docs/make_world_map.py /tmp/wa src/policybrief/data/states.yaml src/policybrief/data/world.json

world-atlas holds Natural Earth's countries (public domain) as TopoJSON keyed by ISO 3166 numeric code;
i18n-iso-countries maps those to the alpha-3 codes the gazetteer uses. Kept: the 1:110m countries without
Antarctica (about 100 kB), arcs pruned to those used. Added: for every gazetteer state, from 1:50m (which
also has the small states 1:110m leaves out), the point of its largest polygon farthest from its edges (where
its name goes) and that polygon's area in square degrees times cos(latitude) (to tell whether it is visible).
"""

import json
import math
import re
import sys
from pathlib import Path

# States without an ISO numeric code, by their Natural Earth name, with the gazetteer's code.
UNCODED = {"Kosovo": "KSV", "Somaliland": "SOL"}
# Natural Earth's 1:50m countries have no Tuvalu: Funafuti, too small to have an area.
TUVALU = [179.2, -8.52, 0.0]


def main(packages: Path, states_yaml: Path, out: Path) -> None:
    atlas = packages / "world-atlas-2.0.2" / "package"
    codes = json.loads((packages / "i18n-iso-countries-7.14.0" / "package" / "codes.json").read_text())
    alpha3 = {numeric: a3 for _, a3, numeric, _ in codes}
    wanted = set(re.findall(r"^\s+code: (\w+)", states_yaml.read_text(encoding="utf-8"), re.M))

    def code_of(geometry):
        return alpha3.get(geometry.get("id")) or UNCODED.get(geometry["properties"]["name"])

    fine = json.loads((atlas / "countries-50m.json").read_text())
    arcs = decode_arcs(fine)
    largest = {}
    for geometry in fine["objects"]["countries"]["geometries"]:
        code = code_of(geometry)
        # Some codes cover more than one geometry (Australia's also names Ashmore and Cartier Islands).
        for polygon in polygons(arcs, geometry) if code in wanted else []:
            if code not in largest or area(polygon[0]) > area(largest[code][0]):
                largest[code] = polygon
    points = {code: label_point(p) + [round(area(p[0]), 1)] for code, p in largest.items()}
    points.setdefault("TUV", TUVALU)
    missing = wanted - set(points)
    assert not missing, f"no place for {sorted(missing)}"

    coarse = json.loads((atlas / "countries-110m.json").read_text())
    kept = []
    for geometry in coarse["objects"]["countries"]["geometries"]:
        if geometry["properties"]["name"] == "Antarctica":
            continue
        slim = {"type": geometry["type"], "arcs": geometry["arcs"]}
        if code_of(geometry):
            slim["id"] = code_of(geometry)
        kept.append(slim)
    used = sorted({i if i >= 0 else ~i for g in kept for i in flatten(g["arcs"])})
    renumber = {old: new for new, old in enumerate(used)}
    for g in kept:
        g["arcs"] = remap(g["arcs"], lambda i: renumber[i] if i >= 0 else ~renumber[~i])
    topology = {
        "type": "Topology",
        "transform": coarse["transform"],
        "arcs": [coarse["arcs"][i] for i in used],
        "objects": {"countries": {"type": "GeometryCollection", "geometries": kept}},
    }
    source = (
        "Natural Earth (public domain) via world-atlas 2.0.2 (ISC): 1:110m countries without Antarctica, "
        "ids set to the gazetteer's codes. points: per gazetteer state, from 1:50m, the point of its largest "
        "polygon farthest from the edges and that polygon's area in square degrees times cos(latitude). "
        "Made by docs/make_world_map.py."
    )
    out.write_text(json.dumps({"source": source, "topology": topology, "points": dict(sorted(points.items()))},
                              separators=(",", ":")))


def decode_arcs(topology):
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        line = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            line.append((x * sx + tx, y * sy + ty))
        decoded.append(line)
    return decoded


def ring(arcs, indexes):
    points = []
    for i in indexes:
        line = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(line if not points else line[1:])
    return points


def polygons(arcs, geometry):
    rings = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
    return [[unwrapped(ring(arcs, r)) for r in polygon] for polygon in rings]


def unwrapped(points):
    """A ring across the 180th meridian (Fiji's) with its western longitudes carried past 180, so that it
    is one shape rather than a band round the world; label_point brings its result back."""
    if max(x for x, _ in points) - min(x for x, _ in points) <= 180:
        return points
    return [(x + 360 if x < 0 else x, y) for x, y in points]


def area(points):
    lat = sum(p[1] for p in points) / len(points)
    twice = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True))
    return abs(twice) / 2 * math.cos(math.radians(lat))


def inside(point, points):
    x, y = point
    result = False
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            result = not result
    return result


def distance(point, a, b):
    k = math.cos(math.radians(point[1]))
    px, py, ax, ay, bx, by = point[0] * k, point[1], a[0] * k, a[1], b[0] * k, b[1]
    dx, dy = bx - ax, by - ay
    t = 0 if dx == dy == 0 else max(0, min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def label_point(polygon, steps=40):
    """On a grid over the polygon, the point inside it farthest from every edge."""
    outer = polygon[0]
    xs, ys = [p[0] for p in outer], [p[1] for p in outer]
    best, best_distance = None, -1.0
    for i in range(steps + 1):
        for j in range(steps + 1):
            point = (min(xs) + (max(xs) - min(xs)) * i / steps, min(ys) + (max(ys) - min(ys)) * j / steps)
            if not inside(point, outer) or any(inside(point, hole) for hole in polygon[1:]):
                continue
            d = min(distance(point, a, b) for r in polygon for a, b in zip(r, r[1:] + r[:1], strict=True))
            if d > best_distance:
                best, best_distance = point, d
    best = best or (sum(xs) / len(xs), sum(ys) / len(ys))
    return [round((best[0] + 180) % 360 - 180, 2), round(best[1], 2)]


def flatten(nested):
    for item in nested:
        if isinstance(item, list):
            yield from flatten(item)
        else:
            yield item


def remap(nested, f):
    return [remap(item, f) if isinstance(item, list) else f(item) for item in nested]


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
