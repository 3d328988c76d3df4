package aicr.cli.fakecluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fake API server's request handling: fabric8's CRUD dispatcher, plus server-side apply
 * (create when absent, JSON merge when present), SelfSubjectAccessReviews, {@code /version},
 * pod logs, failure injection, and a record of every request.
 */
public final class FakeApi extends KubernetesCrudDispatcher {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LOG_PATH = Pattern.compile("^/api/v1/namespaces/([^/]+)/pods/([^/?]+)/log(\\?.*)?$");

    /** One request as received: method, path with query, content type and body. */
    public record Request(String method, String path, String contentType, String body) {
        /** The path without the query string. */
        public String resource() {
            int q = path.indexOf('?');
            return q < 0 ? path : path.substring(0, q);
        }

        public boolean serverSideApply() {
            return method.equals("PATCH") && contentType != null && contentType.contains("apply-patch");
        }
    }

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Set<String> denied = ConcurrentHashMap.newKeySet();
    private final Map<String, String> failing = new ConcurrentHashMap<>();
    private final Map<String, String> logs = new ConcurrentHashMap<>();
    private final Map<String, Long> slow = new ConcurrentHashMap<>();

    List<Request> requests() {
        return List.copyOf(requests);
    }

    void deny(String verb, String resource) {
        denied.add(verb + " " + resource);
    }

    private final Map<String, Integer> failCodes = new ConcurrentHashMap<>();

    void fail(String method, String pathPrefix) {
        failing.put(pathPrefix, method == null ? "*" : method);
    }

    void slow(String method, String pathPrefix, long millis) {
        slow.put(method + " " + pathPrefix, millis);
    }

    void forbid(String method, String pathPrefix) {
        failCodes.put(pathPrefix, 403);
        failing.put(pathPrefix, method == null ? "*" : method);
    }

    void putLogs(String namespace, String pod, String text) {
        logs.put(namespace + "/" + pod, text);
    }

    @Override
    public MockResponse dispatch(RecordedRequest r) {
        String body = r.getBody() == null ? "" : new String(r.getBody().getBytes(), StandardCharsets.UTF_8);
        Request req = new Request(r.getMethod(), r.getPath(), r.getHeader("Content-Type"), body);
        requests.add(req);
        for (Map.Entry<String, Long> d : slow.entrySet()) {
            if ((req.method() + " " + req.path()).startsWith(d.getKey())) {
                try {
                    Thread.sleep(d.getValue()); // the request is handled, late
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        for (Map.Entry<String, String> f : failing.entrySet()) {
            if (req.path().startsWith(f.getKey()) && (f.getValue().equals("*") || f.getValue().equals(req.method()))) {
                if (failCodes.get(f.getKey()) != null) {
                    return json(403, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":"
                            + "\"" + req.resource().substring(req.resource().lastIndexOf('/') + 1) + " is forbidden: User "
                            + "\\\"tester\\\" cannot patch this resource\",\"reason\":\"Forbidden\",\"code\":403}");
                }
                return json(500, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":"
                        + "\"injected failure\",\"reason\":\"InternalError\",\"code\":500}");
            }
        }
        if (req.method().equals("GET") && req.resource().equals("/version")) {
            return json(200, "{\"major\":\"1\",\"minor\":\"33\",\"gitVersion\":\"v1.33.5-eks-3025e55\","
                    + "\"platform\":\"linux/amd64\",\"goVersion\":\"go1.24.6\"}");
        }
        if (req.method().equals("POST") && req.resource().endsWith("/selfsubjectaccessreviews")) {
            return accessReview(body);
        }
        Matcher m = LOG_PATH.matcher(req.path());
        if (req.method().equals("GET") && m.matches()) {
            String text = logs.get(m.group(1) + "/" + m.group(2));
            return text == null ? json(404, notFound("pods", m.group(2))) : new MockResponse().setResponseCode(200).setBody(text);
        }
        if (req.serverSideApply()) {
            return apply(req);
        }
        return super.dispatch(r);
    }

    /** Server-side apply as the CRUD store can do it: create the object, or merge-patch the existing one. */
    private MockResponse apply(Request req) {
        String path = req.resource();
        MockResponse existing = super.dispatch(request(HttpMethod.GET, path, null, ""));
        if (existing.code() == 404) {
            String collection = path.substring(0, path.lastIndexOf('/'));
            MockResponse created = super.dispatch(request(HttpMethod.POST, collection, "application/json", req.body()));
            if (created.code() == 201 || created.code() == 200) {
                created.setResponseCode(201);
            }
            return created;
        }
        return super.dispatch(request(HttpMethod.PATCH, path, "application/merge-patch+json", req.body()));
    }

    private MockResponse accessReview(String body) {
        try {
            ObjectNode review = (ObjectNode) JSON.readTree(body);
            var attrs = review.path("spec").path("resourceAttributes");
            boolean allowed = !denied.contains(attrs.path("verb").asText() + " " + attrs.path("resource").asText());
            ObjectNode status = review.putObject("status");
            status.put("allowed", allowed);
            if (!allowed) {
                status.put("reason", "denied by the fake cluster");
            }
            return json(201, JSON.writeValueAsString(review));
        } catch (Exception e) {
            return json(400, "{\"kind\":\"Status\",\"code\":400,\"message\":\"bad review\"}");
        }
    }

    private static String notFound(String resource, String name) {
        return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"" + resource + " \\\"" + name
                + "\\\" not found\",\"reason\":\"NotFound\",\"code\":404}";
    }

    private static RecordedRequest request(HttpMethod method, String path, String contentType, String body) {
        Headers.Builder h = Headers.builder();
        if (contentType != null) {
            h.add("Content-Type", contentType);
        }
        return new RecordedRequest("HTTP/1.1", method, path, h.build(), new Buffer(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
    }

    /** Requests of a method whose path (without query) starts with {@code prefix}. */
    public static List<Request> matching(List<Request> all, String method, String prefix) {
        List<Request> out = new ArrayList<>();
        for (Request r : all) {
            if (r.method().equals(method) && r.resource().startsWith(prefix)) {
                out.add(r);
            }
        }
        return out;
    }
}
