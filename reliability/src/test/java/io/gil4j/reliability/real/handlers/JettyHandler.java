package io.gil4j.reliability.real.handlers;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Jetty 12 core handler for {@code /cpu}, {@code /io} and {@code /lock}; blocking (runs on Jetty's pool threads). */
public final class JettyHandler extends Handler.Abstract {
    private final int slowPort;

    public JettyHandler(int slowPort) {
        this.slowPort = slowPort;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String body;
        try {
            body = Work.answer(Request.getPathInContext(request), request.getHttpURI().getQuery(), slowPort);
        } catch (RuntimeException e) {
            Response.writeError(request, response, callback, 400, e.toString());
            return true;
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}
