"""The parcels of the sample county and the grid units they fall into.

Parcels are interior cells of a Voronoi diagram of jittered grid seeds: every cell is
built from circumcentres shared with its neighbours, so the parcels form an exact
coverage as long as no cell is clipped. One affine stretch of all coordinates turns the
cells into field strips without breaking that, because identical coordinates map to
identical coordinates.
"""

import math

import numpy as np
import shapely
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components, dijkstra
from scipy.spatial import cKDTree

MEAN_PARCEL_AREA = 3000.0  # m²
DROP_SHARE = 0.12  # grid seeds left out, so that some neighbours merge into larger parcels
JITTER = 0.42  # seed jitter as a share of the grid spacing
STRETCH = 1.6  # field strips: cells get STRETCH² times longer than wide
LLOYD_ROUNDS = 4


def parcel_coverage(parcels, rng, origin):
    """Parcel polygons (absolute CRS coordinates) and one interior point per parcel (local metres).

    The county outline is a wobbly, rotated ellipse of about ``parcels × MEAN_PARCEL_AREA``.
    Seeds are jittered on a grid in an unstretched frame; the Voronoi diagram is built there
    and then mapped by ``forward`` into the county.
    """
    harmonics = np.arange(2, 6)
    amplitude = rng.uniform(0.03, 0.08, harmonics.size)
    phase = rng.uniform(0, 2 * np.pi, harmonics.size)
    elongation = rng.uniform(1.1, 1.35)
    outline_angle = rng.uniform(0, np.pi)
    radius = math.sqrt(parcels * MEAN_PARCEL_AREA / (np.pi * (1 + 0.5 * np.sum(amplitude**2))))

    def outline_ratio(points):
        """Distance from the centre relative to the outline's radius in that direction (< 1 inside)."""
        c, s = math.cos(outline_angle), math.sin(outline_angle)
        u = (c * points[:, 0] + s * points[:, 1]) / elongation
        v = (c * points[:, 1] - s * points[:, 0]) * elongation
        theta = np.arctan2(v, u)
        wobble = 1 + np.sum(amplitude * np.cos(np.outer(theta, harmonics) + phase), axis=1)
        return np.hypot(u, v) / (radius * wobble)

    field_angle = rng.uniform(0, np.pi)
    c, s = math.cos(field_angle), math.sin(field_angle)
    forward = np.array([[c, -s], [s, c]]) @ np.diag([STRETCH, 1 / STRETCH])
    spacing = math.sqrt(MEAN_PARCEL_AREA * (1 - DROP_SHARE))
    # A few rows of seeds outside the outline keep the cells of the inside seeds bounded.
    margin = 6 * spacing * STRETCH * elongation
    half = radius * (1 + amplitude.sum()) * elongation + margin
    corners = np.array([[-1, -1], [1, -1], [1, 1], [-1, 1]]) * half @ np.linalg.inv(forward).T
    low, high = corners.min(axis=0), corners.max(axis=0)
    gx, gy = np.meshgrid(np.arange(low[0], high[0], spacing), np.arange(low[1], high[1], spacing))
    sites = np.column_stack([gx.ravel(), gy.ravel()])
    sites += rng.uniform(-JITTER, JITTER, sites.shape) * spacing
    sites = sites[rng.random(len(sites)) >= DROP_SHARE]

    def stretch(xy, offset=(0.0, 0.0)):
        # Element-wise arithmetic rather than a matrix product: BLAS kernels may round rows
        # differently depending on their position, which would unmatch shared vertices.
        x = (forward[0, 0] * xy[:, 0] + forward[0, 1] * xy[:, 1]) + offset[0]
        y = (forward[1, 0] * xy[:, 0] + forward[1, 1] * xy[:, 1]) + offset[1]
        return np.column_stack([x, y])

    ratio = outline_ratio(stretch(sites))
    sites = sites[ratio < 1 + margin / radius]
    inside = ratio[ratio < 1 + margin / radius] < 1
    diagram = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(sites), ordered=True))
    # Cells reaching the diagram's envelope were clipped by GEOS: they are outside seeds anyway.
    bounds = shapely.bounds(diagram)
    envelope = shapely.total_bounds(diagram)
    clipped = (bounds[:, :2] <= envelope[:2]).any(axis=1) | (bounds[:, 2:] >= envelope[2:]).any(axis=1)
    keep = inside & ~clipped
    cells = shapely.transform(diagram[keep], lambda xy: stretch(xy, origin))
    return cells, stretch(sites[keep])


def connected(cells, seeds):
    """Keep the largest set of edge-connected parcels; also return the parcel pairs sharing an edge.

    Neighbours share identical vertices, so an edge of one parcel is found in its neighbour
    by exact comparison of the endpoint coordinates.
    """
    coords, owner = shapely.get_coordinates(shapely.get_exterior_ring(cells), return_index=True)
    same_ring = owner[1:] == owner[:-1]
    start, end, owner = coords[:-1][same_ring], coords[1:][same_ring], owner[:-1][same_ring]
    flip = (start[:, 0] > end[:, 0]) | ((start[:, 0] == end[:, 0]) & (start[:, 1] > end[:, 1]))
    key = np.where(flip[:, None], np.hstack([end, start]), np.hstack([start, end]))
    order = np.lexsort(key.T[::-1])
    key, owner = key[order], owner[order]
    twin = (key[1:] == key[:-1]).all(axis=1)
    edges = np.column_stack([owner[:-1][twin], owner[1:][twin]])
    n = len(cells)
    graph = csr_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(n, n))
    labels = connected_components(graph, directed=False)[1]
    keep = labels == np.argmax(np.bincount(labels))
    new_index = np.cumsum(keep) - 1
    edges = new_index[edges[keep[edges].all(axis=1)]]
    return cells[keep], seeds[keep], edges


def partition(points, edges, parent, counts, rng):
    """Split each parent's points into ``counts[parent]`` connected, non-empty regions.

    Seeds are placed by a few Lloyd rounds on nearest-seed regions (shifting each parent's
    points far apart along x lets one KD-tree serve all parents at once). Regions are then
    grown from the seeds along shared parcel edges that stay inside the parent: every point
    goes to the seed with the shortest path, which keeps each region in one piece, unlike
    plain nearest-seed regions on an irregular coverage. Seeds are points themselves, so every
    region holds at least its seed. Returns the region index of every point; regions are
    numbered parent by parent, north to south within a parent.
    """
    span = np.ptp(points, axis=0).max() + 1.0
    shifted = points.copy()
    shifted[:, 0] += parent * (3.0 * span)
    order = np.lexsort((rng.random(len(points)), parent))
    sorted_parent = parent[order]
    first = np.searchsorted(sorted_parent, np.arange(len(counts)))
    rank = np.arange(len(points)) - first[sorted_parent]
    seeds = order[rank < counts[sorted_parent]]
    if len(seeds) != counts.sum():
        raise ValueError("too few parcels to give every grid cell its own parcels")
    points_tree = cKDTree(shifted)
    for _ in range(LLOYD_ROUNDS):
        region = cKDTree(shifted[seeds]).query(shifted)[1]
        size = np.bincount(region, minlength=len(seeds))
        centre = np.column_stack([np.bincount(region, w, minlength=len(seeds)) for w in shifted.T]) / size[:, None]
        moved = points_tree.query(centre)[1]
        if len(np.unique(moved)) < len(moved):  # two seeds on one point would leave a region empty
            break
        seeds = moved
    seeds = seeds[np.lexsort((points[seeds, 0], -points[seeds, 1], parent[seeds]))]
    inner = edges[parent[edges[:, 0]] == parent[edges[:, 1]]]
    length = np.hypot(*(points[inner[:, 0]] - points[inner[:, 1]]).T)
    graph = csr_matrix((length, (inner[:, 0], inner[:, 1])), shape=(len(points), len(points)))
    _, _, source = dijkstra(graph, directed=False, indices=seeds, return_predecessors=True, min_only=True)
    if (source < 0).any():
        raise RuntimeError("a parent region is not connected")
    region_of_seed = np.empty(len(points), dtype=int)
    region_of_seed[seeds] = np.arange(len(seeds))
    return region_of_seed[source]
