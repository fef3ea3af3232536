package org.rapport.server.web;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;

/**
 * The OpenAPI document as the server really behaves, made here once for every operation so that
 * an endpoint added later is described without annotations of its own (issue 19):
 * <ul>
 * <li>title, version and description; one bearer scheme, required by every operation that does not
 * say {@code @SecurityRequirements} (no security: sign-up and sign-in);</li>
 * <li>operation ids {@code <feature><Method>} ({@code groupJoin}), so none needs a {@code _1};</li>
 * <li>the refusals every operation can meet, as {@code application/problem+json} with the
 * {@code Problem} schema: 400 (with parameters or a body), 401 and 403 (when signed in), 404 (with
 * an id in the path), 429 and 503 with {@code Retry-After}; an operation's own annotations (a 409,
 * say) are kept;</li>
 * <li>path ids as strings of ASCII digits, as the API spells them everywhere else.</li>
 * </ul>
 * {@code OpenApiDocumentIntegrationTest} fails, with the list, when an operation lacks any of it.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String BEARER = "bearer";
    static final String PROBLEM = "Problem";
    private static final String PROBLEM_JSON = "application/problem+json";

    @Bean
    OpenAPI rapportOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Rapport API").version("v1")
                        .description("""
                                The JSON API of Rapport, a self-hostable professional network. Sign in with \
                                `POST /api/v1/tokens` and send `Authorization: Bearer <token>`. Errors are RFC 9457 \
                                `application/problem+json`; lists are `{items, nextCursor}` with `?limit=` and an opaque \
                                `cursor`; member ids are strings; times are ISO-8601 UTC.""")
                        .license(new License().name("Proprietary").identifier("LicenseRef-Rapport")))
                .servers(List.of(new Server().url("/").description("This server")))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("A token from POST /api/v1/tokens")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /**
     * Schema names for records nested in a controller: the feature's name first unless the record's
     * name already starts with it ({@code GroupApiController.PostJson} is {@code GroupPostJson},
     * {@code PostApiController.PostJson} stays {@code PostJson}). Without it two records of one
     * simple name became one schema, and a client sending the documented body was refused.
     */
    @Bean
    ModelConverter featureSchemaNames() {
        return (AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) -> {
            Class<?> raw = type.getType() == null ? null : Json.mapper().constructType(type.getType()).getRawClass();
            if (raw != null && tools.jackson.databind.JsonNode.class.isAssignableFrom(raw)) {
                // Jackson's tree model is any JSON value, not an object with Jackson's getters.
                return new Schema<>().description("Any JSON value");
            }
            if (type.getName() == null && raw != null) {
                Class<?> outer = raw.getEnclosingClass();
                if (outer != null && outer.getSimpleName().endsWith("Controller")) {
                    String feature = outer.getSimpleName().replace("ApiController", "").replace("Controller", "");
                    type.name(raw.getSimpleName().startsWith(feature) ? raw.getSimpleName() : feature + raw.getSimpleName());
                }
            }
            return chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
        };
    }

    /** Operation ids named for the feature and the method: unique without suffixes. */
    @Bean
    OperationCustomizer featureOperationIds() {
        return (Operation operation, HandlerMethod handler) -> {
            String controller = handler.getBeanType().getSimpleName().replace("ApiController", "").replace("Controller", "");
            String method = handler.getMethod().getName();
            operation.setOperationId(Character.toLowerCase(controller.charAt(0)) + controller.substring(1)
                    + Character.toUpperCase(method.charAt(0)) + method.substring(1));
            return operation;
        };
    }

    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((verb, op) -> describe(path, verb, op)));
            problemSchemas(openApi);
        };
    }

    private static void describe(String path, PathItem.HttpMethod verb, Operation op) {
        boolean signedIn = op.getSecurity() == null || !op.getSecurity().isEmpty();
        List<Parameter> parameters = op.getParameters() == null ? List.of() : op.getParameters();
        boolean pathIds = false;
        for (Parameter p : parameters) {
            if ("path".equals(p.getIn())) {
                pathIds = true;
                if (p.getSchema() != null && ("integer".equals(p.getSchema().getType())
                        || (p.getSchema().getTypes() != null && p.getSchema().getTypes().contains("integer")))) {
                    p.setSchema(new StringSchema().pattern("^(0|[1-9][0-9]*)$").example("42"));
                }
            }
        }
        ApiResponses responses = op.getResponses() == null ? new ApiResponses() : op.getResponses();
        op.setResponses(responses);
        if (!parameters.isEmpty() || op.getRequestBody() != null) {
            problem(responses, 400, "Invalid input: `errors` names each field and what is wrong with it");
        }
        if (signedIn) {
            problem(responses, 401, "No valid bearer token");
            problem(responses, 403, "Signed in, but not allowed to do this");
        }
        if (pathIds) {
            problem(responses, 404, "Nothing with this id, or nothing the caller may see");
        }
        problem(responses, 429, "Too many requests: try again after `Retry-After` seconds")
                .addHeaderObject("Retry-After", retryAfter());
        problem(responses, 503, "Briefly unavailable: try again after `Retry-After` seconds")
                .addHeaderObject("Retry-After", retryAfter());
        // Annotated refusals (a 409, say) come with springdoc's guessed media type: make them problems.
        responses.forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                response.setContent(problemContent());
            }
        });
        if (op.getTags() == null || op.getTags().isEmpty()) {
            op.addTagsItem(path.split("/").length > 3 ? capitalise(path.split("/")[3]) : "API");
        }
        if (op.getSummary() == null) {
            op.setSummary(verb.name() + " " + path);
        }
    }

    /** The problem schemas, added after springdoc has collected the schemas of the controllers. */
    private static void problemSchemas(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        openApi.getComponents()
                .addSchemas("FieldError", new ObjectSchema()
                        .addProperty("field", new StringSchema().description("The field, as a path: `positions[0].company`"))
                        .addProperty("message", new StringSchema().description("What is wrong, in words"))
                        .required(List.of("field", "message")))
                .addSchemas(PROBLEM, new ObjectSchema()
                        .description("An RFC 9457 problem")
                        .addProperty("type", new StringSchema().format("uri-reference").example("/problems/validation"))
                        .addProperty("title", new StringSchema().example("Invalid input"))
                        .addProperty("status", new IntegerSchema().example(400))
                        .addProperty("detail", new StringSchema().example("text has the wrong type or format."))
                        .addProperty("instance", new StringSchema().format("uri-reference"))
                        .addProperty("errors", new ArraySchema()
                                .items(new Schema<>().$ref("#/components/schemas/FieldError")))
                        .required(List.of("type", "title", "status", "detail")));
    }

    private static ApiResponse problem(ApiResponses responses, int status, String description) {
        return responses.computeIfAbsent(Integer.toString(status), k -> new ApiResponse().description(description));
    }

    private static Content problemContent() {
        return new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
    }

    private static Header retryAfter() {
        return new Header().description("Seconds to wait before trying again").schema(new IntegerSchema().minimum(
                java.math.BigDecimal.ZERO));
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

}
