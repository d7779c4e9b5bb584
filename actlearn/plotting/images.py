"""Pictures over the input: a classifier's regions, each hidden unit's output as a tile, digit images."""

import matplotlib
import numpy as np

from actlearn.plotting.style import OKABE_ITO, PALETTE, figure_and_axes, new_figure, styled


def class_colors(k):
    """Return k RGB colours, one per class, from the palette."""
    return np.array([matplotlib.colors.to_rgb(c) for c in PALETTE[:k]])


def boundary_image(model, extent, k, resolution=150):
    """Return an RGB image of the model's class probabilities over extent, paled so points stand out."""
    x0, x1, y0, y1 = extent
    gx, gy = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
    proba = model.predict_proba(np.column_stack([gx.ravel(), gy.ravel()]))
    rgb = proba @ class_colors(k)
    return (0.45 * rgb + 0.55).reshape(resolution, resolution, 3)


def data_extent(X, margin=0.3):
    """Return (x0, x1, y0, y1) that holds every point of X with a margin."""
    low, high = X.min(axis=0) - margin, X.max(axis=0) + margin
    return (low[0], high[0], low[1], high[1])


def draw_decision_boundary(ax, model, X, y, resolution=150):
    """Draw the model's class regions on ax with the points over them; return (image, points) to update."""
    k = int(max(y.max() + 1, model.predict_proba(X[:1]).shape[1]))
    extent = data_extent(X)
    image = ax.imshow(
        boundary_image(model, extent, k, resolution), origin="lower", extent=extent, aspect="auto"
    )
    points = ax.scatter(X[:, 0], X[:, 1], c=class_colors(k)[y], s=14, edgecolors="black", linewidths=0.4)
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    ax.grid(False)
    return image, points


@styled
def plot_decision_boundary(model, X, y, *, ax=None, title=None, resolution=150, legend=False):
    """Return a figure of a trained classifier's regions on 2-D data, with the points over them.

    Parameters
    ----------
    model : anything with predict_proba(X) -> (n, k), like actlearn.network.MLP.
    X, y : the points (n, 2) and their labels (n,).
    ax : Axes to draw on; a new figure if None.
    title : the axes title; default the accuracy on X.
    legend : if True, a legend names each class's colour.
    """
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"X must have shape (n, 2) for a 2-D picture; got {X.shape}")
    fig, ax = figure_and_axes(ax, width=5, height=4.6)
    _, points = draw_decision_boundary(ax, model, X, y, resolution)
    if legend:
        for k, colour in enumerate(class_colors(int(y.max()) + 1)):
            ax.scatter([], [], color=colour, s=14, edgecolors="black", linewidths=0.4, label=f"class {k}")
        ax.legend(loc="upper right", fontsize="small", frameon=True, framealpha=0.9)
    accuracy = np.mean(model.predict(X) == y)
    ax.set_title(title if title is not None else f"accuracy {accuracy:.1%}")
    return fig


# A dead unit's tile: its output is flat over the plane, so there is nothing to colour.
DEAD_GREY = (0.8, 0.8, 0.8, 1.0)
TILE_GAP = 4  # pixels of white between tiles


def tile_layout(grids, columns):
    """Return (columns, rows, the first row of each layer): a row of tiles a layer, wrapped at columns."""
    widths = [len(values) for values in grids.values]
    columns = max(1, min(columns, max(widths)))
    rows, first_rows = 0, []
    for width in widths:
        first_rows.append(rows)
        rows += -(-width // columns)
    return columns, rows, first_rows


def _tile_corner(grids, first_rows, columns, layer, unit):
    """Return the pixel (x, y) of the top-left corner of a unit's tile in the mosaic."""
    step = len(grids.xs) + TILE_GAP
    return (unit % columns) * step, (first_rows[layer] + unit // columns) * step


def unit_mosaic(grids, columns=16):
    """Return an RGBA image of every unit's tile (viridis, each its own scale; dead ones grey), gaps white."""
    columns, rows, first_rows = tile_layout(grids, columns)
    size = len(grids.xs)
    step = size + TILE_GAP
    mosaic = np.ones((rows * step - TILE_GAP, columns * step - TILE_GAP, 4))
    cmap = matplotlib.colormaps["viridis"]
    for layer, (values, dead) in enumerate(zip(grids.values, grids.dead, strict=True)):
        for unit, (tile, is_dead) in enumerate(zip(values, dead, strict=True)):
            x, y = _tile_corner(grids, first_rows, columns, layer, unit)
            low, high = tile.min(), tile.max()
            scaled = (tile - low) / (high - low) if high > low else np.zeros_like(tile)
            # the tile's row 0 is the bottom of the plane; an image's row 0 is its top
            mosaic[y : y + size, x : x + size] = DEAD_GREY if is_dead else cmap(scaled[::-1])
    return mosaic


def draw_unit_tiles(ax, grids, X=None, y=None, *, columns=16):
    """Draw every hidden unit's tile on ax, a row a layer; return the artists update_unit_tiles changes.

    One image holds every tile (one axes for a hundred units draws in a blink); X, y (optional) are
    drawn over every tile, coloured by class.
    """
    columns, rows, first_rows = tile_layout(grids, columns)
    size = len(grids.xs)
    image = ax.imshow(unit_mosaic(grids, columns), interpolation="nearest")
    labels = []
    corners = [
        (layer, unit, *_tile_corner(grids, first_rows, columns, layer, unit))
        for layer, values in enumerate(grids.values)
        for unit in range(len(values))
    ]
    for layer, unit, x, y_top in corners:
        text = ax.text(
            x + size / 2 - 0.5, y_top + size / 2 - 0.5, "dead", ha="center", va="center", fontsize=9
        )
        labels.append((layer, unit, text))
    if X is not None:
        x0, x1, y0, y1 = grids.extent
        X = np.asarray(X, dtype=float)
        px = (X[:, 0] - x0) / (x1 - x0) * size - 0.5  # from the plane to a tile's pixels
        py = (y1 - X[:, 1]) / (y1 - y0) * size - 0.5
        offsets = np.concatenate([np.column_stack([px + x, py + y_top]) for _, _, x, y_top in corners])
        colors = class_colors(int(np.max(y)) + 1)[np.asarray(y)] if y is not None else [(0, 0, 0)]
        ax.scatter(offsets[:, 0], offsets[:, 1], c=np.tile(colors, (len(corners), 1)), s=1, lw=0, alpha=0.6)
    step = size + TILE_GAP
    ticks = [first * step + size / 2 for first in first_rows]
    ax.set_yticks(ticks, [f"layer {i + 1}\n{name}" for i, name in enumerate(grids.activations)])
    ax.set_xticks([])
    ax.tick_params(length=0)
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    tiles = (image, labels, columns)
    update_unit_tiles(tiles, grids)
    return tiles


def update_unit_tiles(tiles, grids):
    """Set the artists of draw_unit_tiles to new grids of the same network shape; return the dead count."""
    image, labels, columns = tiles
    image.set_data(unit_mosaic(grids, columns))
    for layer, unit, text in labels:
        text.set_visible(bool(grids.dead[layer][unit]))
    return int(sum(int(np.sum(dead)) for dead in grids.dead))


def unit_tiles_title(grids, dead):
    """Return the title of a unit-tiles figure: how many units, how many dead, how to read the colours."""
    units = sum(len(values) for values in grids.values)
    return (
        f"each hidden unit's output over the input plane: {units} units, {dead} dead\n"
        "dark: lowest output, yellow: highest (per tile); grey: dead"
    )


@styled
def plot_unit_tiles(model, X, y=None, *, columns=16, resolution=40, tile=1.2, grids=None):
    """Return a figure of every hidden unit's output over the input plane: one tile a unit, a row a layer.

    A dead unit (ReLU-like, pre-activation <= 0 on every data point or everywhere on the plane) is a
    grey tile marked "dead".

    Parameters
    ----------
    model : a 2-input network, like an actlearn.network.MLP trained on a 2-D data set.
    X, y : the points (n, 2), which set the plane shown, and their labels (None: no points drawn).
    columns : tiles in a row; a wider layer wraps onto more rows.
    resolution : grid points along each side of a tile.
    tile : the size of one tile, in inches (shrunk so the figure is at most 12 inches wide).
    grids : experiments.unit_grids(model, X) if already computed.
    """
    from actlearn.experiments import unit_grids  # experiments sits below plotting: no import cycle

    if grids is None:
        grids = unit_grids(model, X, resolution=resolution)
    if not grids.values:
        raise ValueError("the model has no hidden layer: there is no unit to draw")
    columns, rows, _ = tile_layout(grids, columns)
    size = min(tile, 11 / columns)
    fig, ax = new_figure(width=max(size * columns + 1.2, 6.4), height=size * rows + 1.0)
    tiles = draw_unit_tiles(ax, grids, X, y, columns=columns)
    ax.set_title(unit_tiles_title(grids, update_unit_tiles(tiles, grids)), fontsize=11)
    return fig


@styled
def plot_digits(X, y, *, predicted=None, columns=10, title=None):
    """Return a figure of 8x8 digit images, each titled with its label (and the prediction, if given).

    Parameters
    ----------
    X : (n, 64) pixel values in [0, 1], like actlearn.datasets.digits() gives.
    y : (n,) the digit each image shows.
    predicted : (n,) what a network said; each title then reads "3 said 8", in red where wrong.
    columns : images in a row.
    title : the figure's title.
    """
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    if X.ndim != 2 or X.shape[1] != 64 or len(X) != len(y) or len(X) == 0:
        raise ValueError(
            f"X must be (n, 64) images, n >= 1, with one label each in y; got X {X.shape}, y {y.shape}"
        )
    columns = min(columns, len(X))
    rows = -(-len(X) // columns)
    gap, label = 2, 4  # pixels between images, and above each for its title
    step_x, step_y = 8 + gap, 8 + gap + label
    # One image holds every digit: one axes draws many times faster than one axes a digit.
    mosaic = np.full((rows * step_y, columns * step_x - gap), np.nan)
    fig, ax = new_figure(width=0.9 * columns + 0.3, height=1.1 * rows + (0.5 if title else 0.1))
    for i, image in enumerate(X):
        top, left = (i // columns) * step_y + label, (i % columns) * step_x
        mosaic[top : top + 8, left : left + 8] = image.reshape(8, 8)
        if predicted is None:
            text, color = f"{y[i]}", OKABE_ITO["black"]
        else:
            wrong = predicted[i] != y[i]
            text = f"{y[i]} said {predicted[i]}"
            color = OKABE_ITO["vermillion"] if wrong else OKABE_ITO["black"]
        ax.text(left + 3.5, top - 1, text, ha="center", va="bottom", fontsize=9, color=color)
    cmap = matplotlib.colormaps["gray_r"].with_extremes(bad="white")
    ax.imshow(mosaic, cmap=cmap, vmin=0, vmax=1, interpolation="nearest")
    ax.set_axis_off()
    if title:
        ax.set_title(title, fontsize=12)
    return fig
