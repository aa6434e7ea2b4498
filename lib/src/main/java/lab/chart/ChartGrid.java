package lab.chart;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Several XChart charts laid out row by row in one image, with an optional title on top and an optional side chart
 * (e.g. a shared colour bar) on the right. XChart draws every chart; this composition is the one piece written by
 * hand, because XChart has no subplot grid: each chart is painted into its own cell of one {@link BufferedImage}.
 */
public final class ChartGrid {

    private static final int TITLE_HEIGHT = 36;

    private final List<Chart<?, ?>> charts;
    private final int columns;
    private final int cellWidth;
    private final int cellHeight;
    private final String title;
    private final Chart<?, ?> side;
    private final int sideWidth;

    private ChartGrid(Builder b) {
        charts = List.copyOf(b.charts);
        columns = b.columns;
        cellWidth = b.cellWidth;
        cellHeight = b.cellHeight;
        title = b.title;
        side = b.side;
        sideWidth = b.side == null ? 0 : b.sideWidth;
    }

    /** Returns a builder; columns and at least one chart are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the charts in the grid, row by row. */
    public List<Chart<?, ?>> charts() {
        return charts;
    }

    /** Returns the number of columns. */
    public int columns() {
        return columns;
    }

    /** Returns the number of rows, charts / columns rounded up. */
    public int rows() {
        return (charts.size() + columns - 1) / columns;
    }

    /** Returns the image width in pixels: columns x cell width, plus the side chart's width. */
    public int width() {
        return columns * cellWidth + sideWidth;
    }

    /** Returns the image height in pixels: rows x cell height, plus the title band if there is a title. */
    public int height() {
        return rows() * cellHeight + titleHeight();
    }

    /** Returns the side chart, or null. */
    public Chart<?, ?> side() {
        return side;
    }

    /** Returns a new image with every chart painted into its cell, [height, width] pixels, white background. */
    public BufferedImage toImage() {
        BufferedImage image = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width(), height());
            if (title != null) {
                g.setColor(Color.BLACK);
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
                FontMetrics m = g.getFontMetrics();
                g.drawString(title, (width() - m.stringWidth(title)) / 2, (TITLE_HEIGHT + m.getAscent()) / 2 - 2);
            }
            for (int i = 0; i < charts.size(); i++) {
                paint(g, charts.get(i), (i % columns) * cellWidth, titleHeight() + (i / columns) * cellHeight,
                        cellWidth, cellHeight);
            }
            if (side != null) {
                paint(g, side, columns * cellWidth, titleHeight(), sideWidth, rows() * cellHeight);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private int titleHeight() {
        return title == null ? 0 : TITLE_HEIGHT;
    }

    private static void paint(Graphics2D g, Chart<?, ?> chart, int x, int y, int w, int h) {
        Graphics2D cell = (Graphics2D) g.create(x, y, w, h);
        try {
            chart.paint(cell, w, h);
        } finally {
            cell.dispose();
        }
    }

    /** Builds a grid; {@code setColumns} and at least one {@code add} are required. */
    public static final class Builder {

        private final List<Chart<?, ?>> charts = new ArrayList<>();
        private int columns;
        private int cellWidth = 200;
        private int cellHeight = 200;
        private String title;
        private Chart<?, ?> side;
        private int sideWidth = 110;

        Builder() {}

        /** Sets the number of columns (>= 1). */
        public Builder setColumns(int columns) {
            this.columns = columns;
            return this;
        }

        /** Adds a chart to the next cell. */
        public Builder add(Chart<?, ?> chart) {
            charts.add(Objects.requireNonNull(chart, "chart"));
            return this;
        }

        /** Adds charts to the next cells, in order. */
        public Builder addAll(List<? extends Chart<?, ?>> more) {
            more.forEach(this::add);
            return this;
        }

        /** Sets each cell's size in pixels; default 200 x 200. */
        public Builder optCellSize(int width, int height) {
            cellWidth = width;
            cellHeight = height;
            return this;
        }

        /** Sets a title drawn above the grid. */
        public Builder optTitle(String title) {
            this.title = title;
            return this;
        }

        /** Sets a chart drawn to the right of the grid over its full height, e.g. a shared colour bar. */
        public Builder optSide(Chart<?, ?> side, int width) {
            this.side = side;
            this.sideWidth = width;
            return this;
        }

        /**
         * Returns the grid.
         *
         * @throws IllegalArgumentException naming the missing or bad setting
         */
        public ChartGrid build() {
            if (columns < 1) {
                throw new IllegalArgumentException("columns must be set to >= 1, got " + columns);
            }
            if (charts.isEmpty()) {
                throw new IllegalArgumentException("no charts added");
            }
            if (cellWidth < 1 || cellHeight < 1) {
                throw new IllegalArgumentException("cell size must be positive, got " + cellWidth + "x" + cellHeight);
            }
            if (side != null && sideWidth < 1) {
                throw new IllegalArgumentException("side width must be >= 1, got " + sideWidth);
            }
            return new ChartGrid(this);
        }
    }
}
