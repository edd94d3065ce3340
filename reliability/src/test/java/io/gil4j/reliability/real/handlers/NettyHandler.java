package io.gil4j.reliability.real.handlers;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;

/**
 * Netty 4.2 handler for {@code /cpu}, {@code /io} and {@code /lock}; one per channel. The work blocks (socket
 * I/O, sleeps, a contended monitor), so it runs on {@code workers}, not on the event loop, and the response is
 * written from there (Netty hands the write to the channel's event loop).
 */
public final class NettyHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final int slowPort;
    private final Executor workers;

    public NettyHandler(int slowPort, Executor workers) {
        this.slowPort = slowPort;
        this.workers = workers;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        String uri = req.uri();
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        workers.execute(() -> respond(ctx, uri, keepAlive));
    }

    private void respond(ChannelHandlerContext ctx, String uri, boolean keepAlive) {
        int q = uri.indexOf('?');
        String path = new QueryStringDecoder(uri).path();
        HttpResponseStatus status = HttpResponseStatus.OK;
        String body;
        try {
            body = Work.answer(path, q < 0 ? null : uri.substring(q + 1), slowPort);
        } catch (Exception e) {
            status = e instanceof RuntimeException ? HttpResponseStatus.BAD_REQUEST : HttpResponseStatus.INTERNAL_SERVER_ERROR;
            body = e.toString();
        }
        FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        resp.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        HttpUtil.setContentLength(resp, resp.content().readableBytes());
        HttpUtil.setKeepAlive(resp, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(resp);
        } else {
            ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        cause.printStackTrace();
        ctx.close();
    }
}
