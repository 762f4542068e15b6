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
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.io.Json;

/**
 * The dashboard in a real browser: {@code nn4j train --ui} runs from the packaged jar, headless Chromium opens the
 * page through ChromeDriver (spoken to in plain WebDriver JSON), watches the loss curve gain points, presses pause,
 * resume and stop, and saves a screenshot as {@code target/dashboard-screenshot.png}. {@code .ci/run} installs
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
    private String driver;
    private String session;

    @Test
    void aTrainingRunCanBeWatchedPausedResumedAndStoppedFromTheBrowser() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
                "needs Debian's chromium and chromium-driver (installed by .ci/run)");
        Path model = folder.resolve("watched.nn4j");
        Process training = new ProcessBuilder("java", "--add-modules", "jdk.incubator.vector", "-jar", JAR.toString(),
                "train", "--dataset", "moons", "--samples", "400", "--epochs", "100000", "--early-stopping", "0",
                "--ui", "--ui-port", "0", "--save", model.toString())
                .directory(folder.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(training.getInputStream(),
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
        Process chromedriver = null;
        try {
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

            long first = awaitNumber("return window.nn4jDashboard ? window.nn4jDashboard.lossPoints() : 0",
                    n -> n >= 3);
            awaitNumber("return window.nn4jDashboard.lossPoints()", n -> n > first + 2);

            click("#pause");
            awaitText("return window.nn4jDashboard.status()", "paused");
            long atPause = number("return window.nn4jDashboard.lossPoints()");
            Thread.sleep(1500);
            // At most the epoch in flight when the button was pressed arrives after it.
            assertThat(number("return window.nn4jDashboard.lossPoints()")).isLessThanOrEqualTo(atPause + 1);

            click("#resume");
            awaitText("return window.nn4jDashboard.status()", "running");
            awaitNumber("return window.nn4jDashboard.lossPoints()", n -> n > atPause + 3);

            click("#stop");
            awaitText("return window.nn4jDashboard.status()", "stopped");
            assertThat(text("return document.getElementById('diagnoses').textContent")).isNotBlank();
            Map<String, Object> shot = call("GET", "/session/" + session + "/screenshot", null);
            Path screenshot = Path.of("target", "dashboard-screenshot.png");
            Files.write(screenshot, Base64.getDecoder().decode((String) shot.get("value")));
            assertThat(Files.size(screenshot)).isGreaterThan(10_000);

            training.getOutputStream().close();   // "press Enter": the dashboard closes, the process ends
            assertThat(training.waitFor(60, TimeUnit.SECONDS)).isTrue();
            reader.join(5000);
            assertThat(training.exitValue()).as(String.join("\n", lines)).isZero();
            assertThat(lines).anyMatch(l -> l.startsWith("Stopped from the dashboard after "));
            assertThat(model).exists();
        } finally {
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
            training.destroyForcibly();
        }
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

    private void click(String css) throws IOException, InterruptedException {
        Map<String, Object> found = call("POST", "/session/" + session + "/element",
                Map.of("using", "css selector", "value", css));
        String id = (String) ((Map<?, ?>) found.get("value")).get(ELEMENT);
        call("POST", "/session/" + session + "/element/" + id + "/click", Map.of());
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
