package org.victimmonitor.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Debian's Chromium, headless, driven over the Chrome DevTools Protocol with the JDK's own
 * WebSocket client: no driver binary and no browser download. Started with the flags this machine
 * needs (no sandbox as root, no background networking) and a fresh profile; it records every
 * console message, uncaught exception and network request of the pages it opens.
 */
final class HeadlessChromium implements AutoCloseable {
  static final Path BINARY =
      Path.of(System.getenv().getOrDefault("CHROMIUM_BINARY", "/usr/bin/chromium"));
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();

  private HeadlessChromium(Process process, String endpoint) throws Exception {
    this.process = process;
    this.socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .connectTimeout(TIMEOUT)
            .buildAsync(URI.create(endpoint), new Listener())
            .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  static boolean available() {
    return Files.isExecutable(BINARY);
  }

  /** Starts the browser with a new profile in {@code profile} (its log goes there too). */
  static HeadlessChromium start(Path profile) throws Exception {
    Files.createDirectories(profile);
    List<String> command =
        List.of(
            BINARY.toString(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-default-apps",
            "--mute-audio",
            "--hide-scrollbars",
            "--window-size=1280,900",
            "--user-data-dir=" + profile,
            "--remote-debugging-port=0",
            "about:blank");
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(profile.resolve("chromium.log").toFile())
            .start();
    // Chromium writes the port it chose and the browser's path to DevToolsActivePort.
    Path active = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      if (Files.isRegularFile(active)) {
        List<String> lines = Files.readAllLines(active);
        if (lines.size() >= 2 && !lines.get(1).isBlank()) {
          return new HeadlessChromium(
              p, "ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
        }
      }
      if (!p.isAlive() || System.nanoTime() > deadline) {
        p.destroyForcibly();
        throw new IllegalStateException(
            "Chromium did not start (exit "
                + (p.isAlive() ? "none" : p.exitValue())
                + "); see "
                + profile.resolve("chromium.log"));
      }
      Thread.sleep(50);
    }
  }

  /** A new tab of the given size, with console, network and page events on. */
  Page newPage(int width, int height) throws Exception {
    String target =
        call("Target.createTarget", params().put("url", "about:blank"), null)
            .get("targetId")
            .asText();
    String session =
        call("Target.attachToTarget", params().put("targetId", target).put("flatten", true), null)
            .get("sessionId")
            .asText();
    Page page = new Page(session);
    for (String domain : List.of("Runtime", "Log", "Network", "Page")) {
      call(domain + ".enable", params(), session);
    }
    call(
        "Emulation.setDeviceMetricsOverride",
        params()
            .put("width", width)
            .put("height", height)
            .put("deviceScaleFactor", 1)
            .put("mobile", false),
        session);
    return page;
  }

  final class Page {
    final String session;

    Page(String session) {
      this.session = session;
    }

    /** Opens the URL and waits for its load event. */
    void open(String url) throws Exception {
      int mark = events.size();
      call("Page.navigate", params().put("url", url), session);
      waitForEvent(mark, e -> "Page.loadEventFired".equals(e.path("method").asText()));
    }

    /** Evaluates an expression (awaiting a promise) and returns its value as JSON. */
    JsonNode eval(String expression) throws Exception {
      JsonNode r =
          call(
              "Runtime.evaluate",
              params()
                  .put("expression", expression)
                  .put("returnByValue", true)
                  .put("awaitPromise", true),
              session);
      if (r.has("exceptionDetails")) {
        throw new AssertionError(
            "page script failed: " + r.get("exceptionDetails").toString() + "\n" + expression);
      }
      return r.path("result").path("value");
    }

    void waitUntil(String condition) throws Exception {
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (!eval("Boolean(" + condition + ")").asBoolean()) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("timed out waiting for " + condition);
        }
        Thread.sleep(25);
      }
    }

    /** Console errors and warnings, uncaught exceptions and browser log errors of this page. */
    List<String> problems() {
      List<String> out = new ArrayList<>();
      for (JsonNode e : ofSession()) {
        JsonNode p = e.path("params");
        switch (e.path("method").asText()) {
          case "Runtime.consoleAPICalled" -> {
            String type = p.path("type").asText();
            if (type.equals("error") || type.equals("warning") || type.equals("assert")) {
              out.add("console." + type + ": " + p.path("args").toString());
            }
          }
          case "Runtime.exceptionThrown" -> out.add("exception: " + p.path("exceptionDetails"));
          case "Log.entryAdded" -> {
            String level = p.path("entry").path("level").asText();
            if (level.equals("error") || level.equals("warning")) {
              out.add("log." + level + ": " + p.path("entry").path("text").asText());
            }
          }
          default -> {}
        }
      }
      return out;
    }

    /** Every URL this page asked for, the page itself included. */
    List<String> requests() {
      List<String> out = new ArrayList<>();
      for (JsonNode e : ofSession()) {
        if ("Network.requestWillBeSent".equals(e.path("method").asText())) {
          out.add(e.path("params").path("request").path("url").asText());
        }
      }
      return out;
    }

    /** A PNG of the whole page (not only the viewport). */
    void screenshot(Path png) throws Exception {
      JsonNode size = call("Page.getLayoutMetrics", params(), session).path("cssContentSize");
      ObjectNode clip =
          params()
              .put("x", 0)
              .put("y", 0)
              .put("width", size.path("width").asDouble())
              .put("height", size.path("height").asDouble())
              .put("scale", 1);
      ObjectNode p = params().put("format", "png").put("captureBeyondViewport", true);
      p.set("clip", clip);
      JsonNode shot = call("Page.captureScreenshot", p, session);
      Files.createDirectories(png.getParent());
      Files.write(png, Base64.getDecoder().decode(shot.get("data").asText()));
    }

    /** The page as printed (A4, print media), to check the print style. */
    void pdf(Path file) throws Exception {
      JsonNode r =
          call(
              "Page.printToPDF",
              params()
                  .put("paperWidth", 8.27)
                  .put("paperHeight", 11.69)
                  .put("printBackground", true),
              session);
      Files.createDirectories(file.getParent());
      Files.write(file, Base64.getDecoder().decode(r.get("data").asText()));
    }

    private List<JsonNode> ofSession() {
      return events.stream().filter(e -> session.equals(e.path("sessionId").asText())).toList();
    }
  }

  private void waitForEvent(int from, Predicate<JsonNode> which) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      for (int i = from; i < events.size(); i++) {
        if (which.test(events.get(i))) {
          return;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for a DevTools event");
      }
      Thread.sleep(10);
    }
  }

  private static ObjectNode params() {
    return JSON.createObjectNode();
  }

  private synchronized JsonNode call(String method, ObjectNode params, String session)
      throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", params);
    if (session != null) {
      message.put("sessionId", session);
    }
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    socket
        .sendText(JSON.writeValueAsString(message), true)
        .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    JsonNode r = reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (r.has("error")) {
      throw new IllegalStateException(method + " failed: " + r.get("error"));
    }
    return r.path("result");
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          JsonNode message = JSON.readTree(partial.toString());
          if (message.has("id")) {
            CompletableFuture<JsonNode> reply = pending.remove(message.get("id").asInt());
            if (reply != null) {
              reply.complete(message);
            }
          } else {
            events.add(message);
          }
        } catch (IOException e) {
          pending.values().forEach(f -> f.completeExceptionally(e));
        }
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }
  }

  @Override
  public void close() throws Exception {
    try {
      socket.sendText("{\"id\":" + ids.incrementAndGet() + ",\"method\":\"Browser.close\"}", true);
    } catch (RuntimeException e) {
      // the browser may already be gone; it is stopped below either way
    }
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
