package dev.gan4j.cli.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gan4j.Gan4jException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The live dashboard: a small web server (the JDK's {@code com.sun.net.httpserver}) over a folder
 * of runs. The page lists the runs and, for the ones ticked, draws loss and D-output curves, metric
 * panels beside their real-data references, collapse alarms, the newest sample grid with a slider
 * through earlier ones, config and provenance; it polls the server once a second, so curves and
 * grids of a run that is training update without a reload. Only GET and HEAD; only files of the runs
 * inside the folder ({@link RunsFolder}); when bound to a loopback address, only requests that name
 * a loopback host (a page from elsewhere cannot reach it through DNS rebinding).
 *
 * <pre>{@code try (Dashboard d = Dashboard.start(Path.of("runs"), "127.0.0.1", 8765)) { ... }}</pre>
 *
 * <p>Routes: {@code /} the page, {@code /assets/*} its script, style and uPlot, {@code /api/runs}
 * the runs, {@code /api/run?name=N[&since=V]} one run ({@link RunView}; {@code {"unchanged":true}}
 * while its version is still V), {@code /file?run=N&sample=step-00000250.png} a sample picture.
 */
public final class Dashboard implements AutoCloseable {
  /** The default port of {@code gan4j ui} and {@code gan4j train --ui}. */
  public static final int DEFAULT_PORT = 8765;

  private static final Map<String, String> ASSETS =
      Map.of(
          "app.js", "text/javascript; charset=utf-8",
          "app.css", "text/css; charset=utf-8",
          "uPlot.iife.min.js", "text/javascript; charset=utf-8",
          "uPlot.min.css", "text/css; charset=utf-8");

  private final RunsFolder folder;
  private final HttpServer server;
  private final ExecutorService executor;
  private final boolean loopback;

  private Dashboard(
      RunsFolder folder, HttpServer server, ExecutorService executor, boolean loopback) {
    this.folder = folder;
    this.server = server;
    this.executor = executor;
    this.loopback = loopback;
  }

  /**
   * Starts serving {@code runsDir} on {@code host:port} (port 0: any free port).
   *
   * @throws Gan4jException when the folder is missing, the host unknown, the port out of range or
   *     already in use
   */
  public static Dashboard start(Path runsDir, String host, int port) {
    RunsFolder folder = new RunsFolder(runsDir);
    if (port < 0 || port > 65535) {
      throw new dev.gan4j.InvalidConfigException("--port must be in [0, 65535], got " + port);
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new dev.gan4j.InvalidConfigException("--host: unknown host '" + host + "'");
    }
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(address, port), 16);
    } catch (BindException e) {
      throw new Gan4jException("cannot listen on " + host + ":" + port + ": " + e.getMessage()
          + "; choose another --port (0: any free port)", e);
    } catch (IOException e) {
      throw new Gan4jException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    ExecutorService executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "gan4j-dashboard");
              t.setDaemon(true);
              return t;
            });
    Dashboard d = new Dashboard(folder, server, executor, address.isLoopbackAddress());
    server.createContext("/", d::handle);
    server.setExecutor(executor);
    server.start();
    return d;
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The page's address, showing the run {@code run} when it is not null. */
  public URI url(String run) {
    String host = server.getAddress().getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    String fragment = run == null
        ? "" : "#run=" + java.net.URLEncoder.encode(run, StandardCharsets.UTF_8).replace("+", "%20");
    return URI.create("http://" + host + ":" + port() + "/" + fragment);
  }

  /** Stops serving at once. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        ex.getResponseHeaders().set("Allow", "GET, HEAD");
        send(ex, 405, "text/plain; charset=utf-8", bytes("only GET and HEAD\n"));
        return;
      }
      if (loopback && !loopbackHost(ex.getRequestHeaders().getFirst("Host"))) {
        send(ex, 403, "text/plain; charset=utf-8",
            bytes("the dashboard answers only to a loopback host\n"));
        return;
      }
      String path = ex.getRequestURI().getRawPath();
      Map<String, String> query = query(ex.getRequestURI().getRawQuery());
      if (path.equals("/")) {
        send(ex, 200, "text/html; charset=utf-8", Assets.own("dashboard.html"));
      } else if (path.startsWith("/assets/") && ASSETS.containsKey(path.substring(8))) {
        String name = path.substring(8);
        byte[] body = name.startsWith("uPlot") ? Assets.uplot(name) : Assets.own(name);
        send(ex, 200, ASSETS.get(name), body);
      } else if (path.equals("/api/runs")) {
        sendJson(ex, runs());
      } else if (path.equals("/api/run")) {
        Optional<Path> run = folder.run(query.get("name"));
        if (run.isEmpty()) {
          notFound(ex);
        } else if (RunView.version(folder, run.get()).equals(query.get("since"))) {
          sendJson(ex, RunView.JSON.createObjectNode().put("unchanged", true));
        } else {
          sendJson(ex, RunView.of(folder, query.get("name"), run.get()));
        }
      } else if (path.equals("/file")) {
        Optional<Path> file =
            folder.run(query.get("run")).flatMap(r -> folder.samplePicture(r, query.get("sample")));
        if (file.isEmpty()) {
          notFound(ex);
        } else {
          send(ex, 200, "image/png", Files.readAllBytes(file.get()));
        }
      } else {
        notFound(ex);
      }
    } catch (RuntimeException e) {
      send(ex, 500, "text/plain; charset=utf-8", bytes("error: " + e.getMessage() + "\n"));
    }
  }

  private ArrayNode runs() {
    ArrayNode list = RunView.JSON.createArrayNode();
    folder.runs().forEach(
        (name, run) -> {
          ObjectNode r = list.addObject().put("name", name);
          try {
            r.put("modified", Files.getLastModifiedTime(run.resolve("metrics.csv")).toMillis());
          } catch (IOException e) {
            r.putNull("modified");
          }
        });
    return list;
  }

  private static boolean loopbackHost(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    h = h.startsWith("[") ? h.substring(0, h.indexOf(']') + 1) : h.replaceFirst(":\\d*$", "");
    return h.equals("localhost") || h.equals("[::1]") || h.matches("127\\.\\d+\\.\\d+\\.\\d+");
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new HashMap<>();
    if (raw == null) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        try {
          q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          // a malformed escape: the parameter is left out, and the lookup answers 404
        }
      }
    }
    return q;
  }

  private static void notFound(HttpExchange ex) throws IOException {
    send(ex, 404, "text/plain; charset=utf-8", bytes("not found\n"));
  }

  private static void sendJson(HttpExchange ex, Object json) throws IOException {
    send(ex, 200, "application/json", RunView.JSON.writeValueAsBytes(json));
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
