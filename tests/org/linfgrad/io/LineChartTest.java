package org.linfgrad.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class LineChartTest {
    @TempDir
    Path dir;

    @Test
    void ticksAreRoundSteps() {
        assertThat(Ticks.of(0, 1).values()).containsExactly(0.0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0);
        assertThat(Ticks.of(1, 60).values()).containsExactly(10.0, 20.0, 30.0, 40.0, 50.0, 60.0);
        Ticks radius = Ticks.of(0, 0.2);
        assertThat(radius.step()).isEqualTo(0.05);
        assertThat(radius.values().stream().map(radius::label)).containsExactly("0.00", "0.05", "0.10", "0.15", "0.20");
        for (double span : new double[] {0.003, 0.7, 1, 3.3, 17, 59, 420, 12345}) {
            double step = Ticks.step(span);
            double mantissa = step / Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
            assertThat(mantissa).as("step %s for span %s", step, span).isIn(1.0, 2.0, 5.0);
            assertThat(span / step).isBetween(2.0, 7.0);
        }
        assertThat(Ticks.widen(0.37, 2.91)).containsExactly(0.0, 3.0);
        assertThat(Ticks.of(0.37, 2.91).values()).containsExactly(0.5, 1.0, 1.5, 2.0, 2.5);
    }

    @Test
    void writesAPngAndAnSvgWithLabelsMarkersBandsAndALegendOutsideThePlot() throws Exception {
        double[] xs = {0, 0.025, 0.05, 0.075, 0.1, 0.125, 0.15, 0.175, 0.2};
        LineChart.Panel radius = LineChart.Panel.of("certified accuracy by radius", "radius eps", "certified accuracy",
                xs, List.of(new LineChart.Series("certified", new double[] {0.9, 0.85, 0.8, 0.75, 0.7, 0.5, 0.3, 0.2, 0.1})),
                0, 1).withMarker(new LineChart.Marker(0.1, "eps = 0.100"));
        LineChart.Panel loss = LineChart.Panel.of("training loss", "epoch", "loss", new double[] {1, 2, 3, 4},
                List.of(new LineChart.Series("loss", new double[] {2.9, 1.2, 0.8, 0.37}),
                        new LineChart.Series("a second curve with a long name", new double[] {1, 1, 1, 1})), Double.NaN,
                Double.NaN).withBands("p", List.of(new LineChart.Band(0.5, 2.5, "8"), new LineChart.Band(2.5, 4.5, "inf")));
        Path png = dir.resolve("chart.png");
        LineChart.write(png, List.of(radius, loss));

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(2 * 480 * PngCanvas.SCALE);
        assertThat(image.getHeight()).isEqualTo(380 * PngCanvas.SCALE);
        Element svg = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(LineChart.svgBeside(png).toFile()).getDocumentElement();
        assertThat(LineChart.svgBeside(png)).hasFileName("chart.svg");
        List<String> texts = texts(svg);
        assertThat(texts).contains("radius eps", "certified accuracy", "epoch", "loss", "eps = 0.100", "p", "8", "inf",
                "0.00", "0.05", "0.10", "0.15", "0.20", "0.0", "0.5", "1.0", "1.5", "2.0", "2.5", "3.0");
        double plotBottom = 380 - 96;
        NodeList nodes = svg.getElementsByTagName("text");
        for (int k = 0; k < nodes.getLength(); k++) {
            Element text = (Element) nodes.item(k);
            if (List.of("certified", "loss", "a second curve with a long name").contains(text.getTextContent())
                    && !text.hasAttribute("transform")) {
                assertThat(Double.parseDouble(text.getAttribute("y"))).as(text.getTextContent())
                        .isGreaterThan(plotBottom + 40).isLessThan(380);
            }
        }
        assertThat(svg.getElementsByTagName("line").getLength()).isGreaterThan(20);
        assertThat(svg.getElementsByTagName("polyline").getLength()).isEqualTo(3);
        assertThat(Files.readString(LineChart.svgBeside(png))).contains("stroke-dasharray");
    }

    @Test
    void aLogAxisTicksAtPowersOfTen() throws Exception {
        Path png = dir.resolve("sweep.png");
        LineChart.write(png, List.of(LineChart.Panel.of("sweep", "fraction kept", "accuracy",
                new double[] {1, 0.02, 0.0021}, List.of(new LineChart.Series("clean", new double[] {0.9, 0.9, 0.1})), 0, 1)
                .withLogX()));
        Element svg = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(LineChart.svgBeside(png).toFile()).getDocumentElement();
        assertThat(texts(svg)).contains("0.001", "0.01", "0.1", "1");
    }

    private static List<String> texts(Element svg) {
        List<String> texts = new ArrayList<>();
        NodeList nodes = svg.getElementsByTagName("text");
        for (int k = 0; k < nodes.getLength(); k++) {
            texts.add(nodes.item(k).getTextContent());
        }
        return texts;
    }
}
