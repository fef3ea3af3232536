package org.rapport.server.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;


/**
 * What Tomcat answers by itself, before any servlet runs: a path with {@code %2F} or {@code %00}
 * in it, a request head past {@code server.max-http-request-header-size}, a malformed request
 * line. Tomcat's own error report valve writes an HTML page for those; this one replaces it and
 * writes a problem+json under {@code /api/} (and {@code /v3/}), leaving Tomcat's plain page,
 * without server details, for the rest.
 */
@Component
class ContainerErrorValve implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {


    @Override
    public int getOrder() {
        // After Spring Boot's own customizer, which adds the stock valve.
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
                host.getPipeline().addValve(new ProblemReportValve());
            }
        });
    }

    static final class ProblemReportValve extends ErrorReportValve {

        ProblemReportValve() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            String uri = request.getCoyoteRequest().requestURI().toString();
            // No URI at all: the request line itself could not be read; a problem suits any client.
            boolean api = uri.isEmpty() || uri.startsWith("/api/") || uri.startsWith("/v3/");
            if (!api || status < 400 || response.getContentWritten() > 0) {
                super.report(request, response, throwable);
                return;
            }
            if (!response.setErrorReported()) {
                return;
            }
            // Written by hand: nothing here may fail, and no request data goes into it.
            String body = "{\"type\":\"/problems/" + ApiErrorHandler.slug(status) + "\",\"title\":\""
                    + ErrorPages.title(status) + "\",\"status\":" + status + ",\"detail\":\"" + detail(status) + "\"}";
            try {
                response.setContentType("application/problem+json");
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(body);
                    response.finishResponse();
                }
            } catch (IOException | RuntimeException e) {
                // The client is gone or the response was committed: nothing more to say.
            }
        }

        private static String detail(int status) {
            return switch (status) {
                case 400 -> "The server could not read this request: its address holds an encoded slash, backslash or"
                        + " NUL, or is not UTF-8, or its headers and query string are longer than the server accepts.";
                default -> ErrorPages.detail(status);
            };
        }
    }
}
