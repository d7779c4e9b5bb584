"""One house style for every figure of the course, and the figures themselves, one module a job.

- style: the palette, the style, the Figure that shows itself in a notebook, limits and PNG bytes;
- curves: an activation and its derivative, several compared, the gap between two;
- cheatsheet: every activation on one page, and the printable page with the decision guide;
- training: gradient descent on one parameter, losses, races, gradient flow through depth, layer
  statistics, cost per element;
- probabilities: softmax's bars and its Jacobian;
- images: a classifier's regions, each hidden unit's tile, digit images.

Every name is re-exported here, so a notebook writes `plotting.plot_activation("relu")`.
Every function returns the matplotlib Figure it drew (the Axes' Figure when given `ax=`) and never
calls plt.show(): a notebook shows a returned Figure once, and a test reads what was drawn.
Figures are made without pyplot, so they never pile up in pyplot's list of open figures; the
`Figure` class shows itself as a PNG in a notebook even before pyplot is imported.

The style lives in `STYLE` and is applied only inside each function (`use_style()`), so importing
this package leaves matplotlib's global settings alone.
"""

from actlearn.plotting.cheatsheet import (
    CHEATSHEET_PAGES,
    PAPERS,
    PRINT_SIZES,
    cheatsheet_names,
    plot_cheatsheet,
    plot_printable_cheatsheet,
)
from actlearn.plotting.curves import (
    curve,
    curve_label,
    mathtext,
    plot_activation,
    plot_comparison,
    plot_gap,
    shade_output_range,
    two_class,
)
from actlearn.plotting.images import (
    DEAD_GREY,
    TILE_GAP,
    boundary_image,
    class_colors,
    data_extent,
    draw_decision_boundary,
    draw_unit_tiles,
    plot_decision_boundary,
    plot_digits,
    plot_unit_tiles,
    tile_layout,
    unit_mosaic,
    unit_tiles_title,
    update_unit_tiles,
)
from actlearn.plotting.probabilities import (
    naive_softmax,
    plot_jacobian,
    plot_softmax,
    softmax_bars,
    update_softmax_bars,
)
from actlearn.plotting.style import (
    DEFAULT_X,
    OKABE_ITO,
    PALETTE,
    STYLE,
    X_LABEL,
    Figure,
    canvas_png,
    figure_and_axes,
    fit_y,
    min_log_span,
    new_figure,
    png_bytes,
    styled,
    use_style,
)
from actlearn.plotting.training import (
    plot_block_race,
    plot_cost,
    plot_dead_fraction,
    plot_descent,
    plot_gradient_flow,
    plot_histograms,
    plot_layer_moments,
    plot_losses,
    plot_race_spread,
    plot_signal,
    plot_slopes,
    plot_std_per_layer,
    plot_update_ratios,
)

__all__ = [
    "CHEATSHEET_PAGES",
    "DEAD_GREY",
    "DEFAULT_X",
    "Figure",
    "OKABE_ITO",
    "PALETTE",
    "PAPERS",
    "PRINT_SIZES",
    "STYLE",
    "TILE_GAP",
    "X_LABEL",
    "boundary_image",
    "canvas_png",
    "cheatsheet_names",
    "class_colors",
    "curve",
    "curve_label",
    "data_extent",
    "draw_decision_boundary",
    "draw_unit_tiles",
    "figure_and_axes",
    "fit_y",
    "mathtext",
    "min_log_span",
    "naive_softmax",
    "new_figure",
    "plot_activation",
    "plot_block_race",
    "plot_cheatsheet",
    "plot_comparison",
    "plot_cost",
    "plot_dead_fraction",
    "plot_decision_boundary",
    "plot_descent",
    "plot_digits",
    "plot_gap",
    "plot_gradient_flow",
    "plot_histograms",
    "plot_jacobian",
    "plot_layer_moments",
    "plot_losses",
    "plot_printable_cheatsheet",
    "plot_race_spread",
    "plot_signal",
    "plot_slopes",
    "plot_softmax",
    "plot_std_per_layer",
    "plot_unit_tiles",
    "plot_update_ratios",
    "png_bytes",
    "shade_output_range",
    "softmax_bars",
    "styled",
    "tile_layout",
    "two_class",
    "unit_mosaic",
    "unit_tiles_title",
    "update_softmax_bars",
    "update_unit_tiles",
    "use_style",
]
