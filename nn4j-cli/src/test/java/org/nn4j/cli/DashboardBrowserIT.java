package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.io.Json;

/**
 * The dashboard in a real browser: {@code nn4j train --ui} runs from the packaged jar on a CSV file sorted by class,
 * headless Chromium opens the page through ChromeDriver (spoken to in plain WebDriver JSON), watches the loss curve
 * gain points, checks that the boundary view shows both classes, switches the loss axis between linear and log, reads
 * the values under the mouse, presses pause, resume and stop (each button enabled only where it means something),
 * and saves a screenshot as {@code target/dashboard-screenshot.png}. {@code .ci/run} installs
 * Debian's chromium and chromium-driver; without them the test is skipped.
 */
class DashboardBrowserIT {

    private static final Path JAR = Path.of("target", "nn4j.jar").toAbsolutePath();
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

    @TempDir
    Path folder;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private Process nn4j;
    private Thread reader;
    private Process chromedriver;
    private String driver;
    private String session;

    /**
     * 3000 rows of class "a" around (0, 0), then 1000 of class "b" around (8, 8): the first 1000 training rows are all
     * "a", which is all the boundary view showed before it sampled by class. The classes barely overlap, so the loss
     * soon falls more than two decades, where the loss axis turns logarithmic by itself.
     */
    private void sortedByClass() throws IOException {
        Random random = new Random(1);
        StringBuilder csv = new StringBuilder("x,y,class\n");
        for (int i = 0; i < 4000; i++) {
            double centre = i < 3000 ? 0 : 8;
            csv.append(String.format(Locale.ROOT, "%.4f,%.4f,%s%n", centre + random.nextGaussian(),
                    centre + random.nextGaussian(), i < 3000 ? "a" : "b"));
        }
        Files.writeString(folder.resolve("sorted.csv"), csv);
    }

    @Test
    void aTrainingRunCanBeWatchedPausedResumedAndStoppedFromTheBrowser() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
                "needs Debian's chromium and chromium-driver (installed by .ci/run)");
        Path model = folder.resolve("watched.nn4j");
        sortedByClass();
        start("train", "--data", "sorted.csv", "--label", "class", "--epochs", "100000",
                "--early-stopping", "0", "--ui", "--ui-port", "0", "--save", model.toString());
        openBrowser();

        long first = awaitNumber("return window.nn4jDashboard ? window.nn4jDashboard.lossPoints() : 0",
                n -> n >= 3);
        awaitNumber("return window.nn4jDashboard.lossPoints()", n -> n > first + 2);

        // The boundary view samples by class: both classes of the sorted file, at most 1000 points.
        awaitNumber("return window.nn4jDashboard.pointCount()", n -> n > 0);
        assertThat(number("return window.nn4jDashboard.pointCount()")).isLessThanOrEqualTo(1000);
        assertThat(text("return window.nn4jDashboard.pointClasses().join(',')")).isEqualTo("0,1");

        awaitNumber("return window.nn4jDashboard.lossSpan()", n -> n > 100);
        assertThat(buttons()).isEqualTo("pause stop");
        click("#pause");
        awaitText("return window.nn4jDashboard.status()", "paused");
        assertThat(buttons()).isEqualTo("resume stop");
        long atPause = number("return window.nn4jDashboard.lossPoints()");
        Thread.sleep(1500);
        // At most the epoch in flight when the button was pressed arrives after it.
        assertThat(number("return window.nn4jDashboard.lossPoints()")).isLessThanOrEqualTo(atPause + 1);

        // The loss spans more than two decades, so its axis is logarithmic (ticks 1e-3, 1e-2, …) until the user
        // unticks the log-scale box; ticking it again brings the log axis back.
        assertThat(text("return window.nn4jDashboard.lossAxis()")).isEqualTo("log");
        String ticks = text("return window.nn4jDashboard.lossTicks().join(' ')");
        assertThat(ticks).matches("(1e-?\\d+ ?)+");
        assertThat(text("return document.getElementById('loss-log').checked")).isEqualTo("true");
        click("#loss-log");
        awaitText("return window.nn4jDashboard.lossAxis()", "linear");
        assertThat(text("return window.nn4jDashboard.lossTicks().join(' ')")).isNotEqualTo(ticks)
                .doesNotContain("e");
        click("#loss-log");
        awaitText("return window.nn4jDashboard.lossAxis()", "log");

        // The mouse over the loss chart reads the epoch and the loss there.
        execute("const c = document.getElementById('loss'), r = c.getBoundingClientRect();"
                + "c.dispatchEvent(new MouseEvent('mousemove', {clientX: r.left + r.width / 2,"
                + " clientY: r.top + r.height / 2}));");
        assertThat(text("return window.nn4jDashboard.lossHover()")).matches("epoch \\d+, training loss .+");

        click("#resume");
        awaitText("return window.nn4jDashboard.status()", "running");
        awaitNumber("return window.nn4jDashboard.lossPoints()", n -> n > atPause + 3);

        click("#stop");
        awaitText("return window.nn4jDashboard.status()", "stopped");
        assertThat(buttons()).as("no pause, resume or stop after stop").isEmpty();
        assertThat(text("return document.getElementById('diagnoses').textContent")).isNotBlank();
        // The 64 hidden units are drawn as 24, and the page says so.
        assertThat(text("return document.getElementById('network-subset').textContent"))
                .isEqualTo("Showing layer 1: 24 of 64 units.");
        Map<String, Object> shot = call("GET", "/session/" + session + "/screenshot", null);
        Path screenshot = Path.of("target", "dashboard-screenshot.png");
        Files.write(screenshot, Base64.getDecoder().decode((String) shot.get("value")));
        assertThat(Files.size(screenshot)).isGreaterThan(10_000);

        nn4j.getOutputStream().close();   // "press Enter": the dashboard closes, the process ends
        assertThat(nn4j.waitFor(60, TimeUnit.SECONDS)).isTrue();
        reader.join(5000);
        assertThat(nn4j.exitValue()).as(String.join("\n", lines)).isZero();
        assertThat(lines).anyMatch(l -> l.startsWith("Stopped from the dashboard after "));
        assertThat(model).exists();
    }

    @Test
    void thePlaygroundIsIdleUntilARunAndNamesAWrongFieldInThePage() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
                "needs Debian's chromium and chromium-driver (installed by .ci/run)");
        start("ui", "--port", "0");
        openBrowser();
        // Before: "connecting" for as long as no run had started, with all three buttons enabled.
        awaitText("return window.nn4jDashboard.status()", "idle");
        assertThat(buttons()).isEmpty();

        // Before: "error: For input string: \"abc\"" from the server.
        type("input[name=layers]", "abc");
        click("#train");
        assertThat(text("return document.getElementById('form-message').textContent")).isEqualTo(
                "error: layers should be up to 4 hidden layer sizes from 1 to 64, separated by commas, such as 16,16; "
                + "got 'abc'");
        assertThat(text("return document.querySelector('input[name=layers]').className")).isEqualTo("wrong");

        type("input[name=layers]", "8");
        type("input[name=epochs]", "30");
        click("#train");
        awaitText("return window.nn4jDashboard.status()", "finished");
        assertThat(text("return document.getElementById('form-message').textContent")).startsWith("started: ");
        assertThat(buttons()).as("nothing to pause, resume or stop after the run").isEmpty();
        assertThat(text("return document.getElementById('train').disabled")).isEqualTo("false");
    }

    /** Runs the packaged CLI with {@code arguments} and collects its standard output. */
    private void start(String... arguments) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("java", "--add-modules", "jdk.incubator.vector",
                "-jar", JAR.toString()));
        command.addAll(List.of(arguments));
        nn4j = new ProcessBuilder(command).directory(folder.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(nn4j.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        reader.start();
    }

    /** Starts ChromeDriver and headless Chromium, and opens the address the CLI printed. */
    private void openBrowser() throws IOException, InterruptedException {
        String url = awaitLine(lines, l -> l.startsWith("Dashboard: ")).split(" ")[1];
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        chromedriver = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        driver = "http://127.0.0.1:" + port;
        awaitDriver();
        Path profile = Files.createDirectory(folder.resolve("chromium-profile"));
        Map<String, Object> options = Map.of("binary", CHROMIUM.toString(), "args", List.of("--headless",
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--window-size=1400,1000", "--user-data-dir=" + profile));
        Map<String, Object> created = call("POST", "/session", Map.of("capabilities", Map.of("alwaysMatch",
                Map.of("browserName", "chrome", "goog:chromeOptions", options))));
        session = (String) ((Map<?, ?>) created.get("value")).get("sessionId");
        call("POST", "/session/" + session + "/url", Map.of("url", url));
    }

    @AfterEach
    void closeBrowserAndCli() {
        if (session != null) {
            try {
                call("DELETE", "/session/" + session, null);
            } catch (IOException | InterruptedException e) {
                // the browser is going anyway
            }
        }
        if (chromedriver != null) {
            chromedriver.destroyForcibly();
        }
        if (nn4j != null) {
            nn4j.destroyForcibly();
        }
    }

    /** The control buttons that can be pressed now. */
    private String buttons() throws IOException, InterruptedException {
        return text("return ['pause', 'resume', 'stop'].filter((id) => !document.getElementById(id).disabled)"
                + ".join(' ')");
    }

    private static String awaitLine(List<String> lines, Predicate<String> wanted) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            for (String line : lines) {
                if (wanted.test(line)) {
                    return line;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No such line in 60 s: " + lines);
    }

    private void awaitDriver() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try {
                call("GET", "/status", null);
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("ChromeDriver did not start");
    }

    private String element(String css) throws IOException, InterruptedException {
        Map<String, Object> found = call("POST", "/session/" + session + "/element",
                Map.of("using", "css selector", "value", css));
        return (String) ((Map<?, ?>) found.get("value")).get(ELEMENT);
    }

    private void click(String css) throws IOException, InterruptedException {
        call("POST", "/session/" + session + "/element/" + element(css) + "/click", Map.of());
    }

    /** Replaces the text of an input field, as a user typing would. */
    private void type(String css, String text) throws IOException, InterruptedException {
        String id = element(css);
        call("POST", "/session/" + session + "/element/" + id + "/clear", Map.of());
        call("POST", "/session/" + session + "/element/" + id + "/value", Map.of("text", text));
    }

    private Object execute(String script) throws IOException, InterruptedException {
        return call("POST", "/session/" + session + "/execute/sync", Map.of("script", script, "args", List.of()))
                .get("value");
    }

    private long number(String script) throws IOException, InterruptedException {
        Object v = execute(script);
        return v instanceof Number n ? n.longValue() : -1;
    }

    private String text(String script) throws IOException, InterruptedException {
        return String.valueOf(execute(script));
    }

    private long awaitNumber(String script, Predicate<Long> wanted) throws IOException, InterruptedException {
        long last = -1;
        for (int i = 0; i < 300; i++) {
            last = number(script);
            if (wanted.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("'" + script + "' stayed at " + last + " for 30 s");
    }

    private void awaitText(String script, String wanted) throws IOException, InterruptedException {
        String last = null;
        for (int i = 0; i < 300; i++) {
            last = text(script);
            if (wanted.equals(last)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("'" + script + "' stayed '" + last + "' for 30 s, expected '" + wanted + "'");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> call(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(driver + path)).timeout(Duration.ofSeconds(60));
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 400) {
            throw new AssertionError("WebDriver " + method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        Object parsed = Json.parse(response.body());
        return parsed instanceof Map ? (Map<String, Object>) parsed : new java.util.LinkedHashMap<>();
    }
}
