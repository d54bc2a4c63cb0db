"""Plotting helpers of the book (3.1, 3.5, 3.11), made reproducible."""

import matplotlib
import numpy as np
from matplotlib import pyplot as plt

__all__ = ["semilogy", "set_figsize", "show_fashion_mnist", "use_svg_display"]

#: Fixed salt for the ids in SVG output, so repeated runs give equal bytes.
SVG_HASHSALT = "d2l-course"
#: What the notebook's inline backend passes to ``print_figure``.
PRINT_FIGURE_KWARGS = {"bbox_inches": "tight", "metadata": {"Date": None}}


def _ipython_shell():
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    return get_ipython()


def use_svg_display():
    """Show figures as SVG in Jupyter, the same bytes every run (3.1)."""
    # A fixed svg.hashsalt and, inside IPython, no date in the inline
    # backend's SVG, so saved outputs do not change between runs (nbval).
    matplotlib.rcParams["svg.hashsalt"] = SVG_HASHSALT
    shell = _ipython_shell()
    if shell is None or not hasattr(shell, "display_formatter"):
        return
    from matplotlib_inline.backend_inline import set_matplotlib_formats
    from matplotlib_inline.config import InlineBackend

    # The inline backend re-applies its config when it is activated, so
    # store the settings there too, not only in the current formatters.
    config = InlineBackend.instance(parent=shell)
    config.print_figure_kwargs = dict(PRINT_FIGURE_KWARGS)
    config.figure_formats = {"svg"}
    set_matplotlib_formats("svg", **PRINT_FIGURE_KWARGS)


def set_figsize(figsize=(3.5, 2.5)):
    """Use SVG and set the default figure size (book 3.1)."""
    use_svg_display()
    plt.rcParams["figure.figsize"] = figsize


def semilogy(x_vals, y_vals, x_label, y_label, x2_vals=None, y2_vals=None,
             legend=None, figsize=(3.5, 2.5)):
    """Plot on a log y scale, maybe a dotted 2nd curve (book 3.11)."""
    # Returns the Figure: write ``_ = semilogy(...)`` to show it once.
    set_figsize(figsize)
    fig = plt.figure()
    ax = fig.add_subplot()
    ax.set_xlabel(x_label)
    ax.set_ylabel(y_label)
    ax.semilogy(x_vals, y_vals)
    if x2_vals is not None and y2_vals is not None:
        ax.semilogy(x2_vals, y2_vals, linestyle=":")
        if legend is not None:
            ax.legend(legend)
    return fig


def _as_numpy(images):
    if hasattr(images, "asnumpy"):
        return images.asnumpy()
    return np.asarray(images)


def show_fashion_mnist(images, labels):
    """Draw images in one row with their labels as titles (book 3.5)."""
    # images: NDArray or numpy, (n, 28, 28), (n, 1, 28, 28) or
    # (n, 28, 28, 1). Returns the Figure.
    use_svg_display()
    images = _as_numpy(images)
    labels = list(labels)
    fig, axes = plt.subplots(1, len(images), figsize=(12, 12),
                             squeeze=False)
    for ax, img, lbl in zip(axes[0], images, labels):
        img = np.squeeze(img)
        if img.ndim != 2:
            raise ValueError(
                f"each image should be 2-D after squeezing, got {img.shape}")
        ax.imshow(img)
        ax.set_title(lbl)
        ax.axes.get_xaxis().set_visible(False)
        ax.axes.get_yaxis().set_visible(False)
    return fig
