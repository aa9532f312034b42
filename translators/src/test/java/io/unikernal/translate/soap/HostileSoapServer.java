package io.unikernal.translate.soap;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A "SOAP service" on loopback that answers every call with an envelope declaring a DTD whose external entity names
 * a local file (an XXE attempt): what the translation reads from a service must refuse it, and nothing of the file
 * may reach the caller.
 */
final class HostileSoapServer implements AutoCloseable {

    private final HttpServer server;
    final AtomicInteger calls = new AtomicInteger();

    HostileSoapServer(String secretFile) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            calls.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] reply = ("<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY xxe SYSTEM \"file://" + secretFile
                    + "\">]><s:Envelope xmlns:s=\"" + ShopXml.SOAP11 + "\"><s:Body><p:PlaceOrderResponse xmlns:p=\""
                    + ShopXml.NS + "\"><p:orderId>&xxe;</p:orderId><p:total>1</p:total><p:lineCount>1</p:lineCount>"
                    + "</p:PlaceOrderResponse></s:Body></s:Envelope>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=UTF-8");
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/shop";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
