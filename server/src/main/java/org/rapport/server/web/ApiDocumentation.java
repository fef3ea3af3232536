package org.rapport.server.web;

import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
                        .license(new License().name("Proprietary").url("https://rapport.example/license")))
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
            if (type.getName() == null && raw != null && raw.isRecord() && raw.getTypeParameters().length == 1) {
                // Page<GroupApiController.PostJson> and Page<PostApiController.PostJson> were both
                // "PagePostJson": name the wrapper after its element's feature name too.
                var element = Json.mapper().constructType(type.getType()).getBindings().getBoundType(0);
                if (element != null && featureName(element.getRawClass()) != null) {
                    type.name(raw.getSimpleName() + featureName(element.getRawClass()));
                }
            }
            if (type.getName() == null && raw != null) {
                Class<?> outer = raw.getEnclosingClass();
                if (outer != null && outer.getSimpleName().endsWith("Controller")) {
                    String feature = outer.getSimpleName().replace("ApiController", "").replace("Controller", "");
                    type.name(raw.getSimpleName().startsWith(feature) ? raw.getSimpleName() : feature + raw.getSimpleName());
                }
            }
            Schema<?> resolved = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
            if (resolved != null && raw != null && raw.isRecord()) {
                Schema<?> model = resolved.get$ref() == null ? resolved
                        : context.getDefinedModels().get(resolved.get$ref().substring(resolved.get$ref().lastIndexOf('/') + 1));
                if (model != null) {
                    recordComponents(raw, model);
                }
            }
            return resolved;
        };
    }

    /** The schema name of a record nested in a controller, or null for any other class. */
    private static String featureName(Class<?> raw) {
        Class<?> outer = raw.getEnclosingClass();
        if (outer == null || !outer.getSimpleName().endsWith("Controller")) {
            return null;
        }
        String feature = outer.getSimpleName().replace("ApiController", "").replace("Controller", "");
        return raw.getSimpleName().startsWith(feature) ? raw.getSimpleName() : feature + raw.getSimpleName();
    }

    /**
     * What a record says about its JSON: every component is always written (the API writes nulls),
     * so {@link #problemResponses()} lists them all as required in answers. Which may be
     * {@code null}: a primitive, a collection, a map or an array never is (lists are {@code []});
     * nor is a component called {@code id}, nor one annotated {@code @NonNull} (any annotation of
     * that simple name); any other reference may be, and is documented {@code nullable} (with
     * {@code null} among an enum's values, and a {@code $ref} wrapped in {@code allOf}, since in
     * OpenAPI 3.0 a {@code $ref} ignores the keywords beside it).
     */
    static void recordComponents(Class<?> record, Schema<?> model) {
        if (model.getProperties() == null) {
            return;
        }
        List<String> always = new java.util.ArrayList<>();
        for (RecordComponent c : record.getRecordComponents()) {
            Schema<?> property = model.getProperties().get(jsonName(c));
            if (property == null) {
                continue;
            }
            always.add(jsonName(c));
            if (mayBeNull(c)) {
                if (property.get$ref() != null) {
                    Schema<?> wrapped = new ObjectSchema().nullable(true).allOf(List.of(new Schema<>().$ref(property.get$ref())));
                    model.getProperties().put(jsonName(c), wrapped);
                } else {
                    property.setNullable(true);
                    if (property.getEnum() != null && !property.getEnum().contains(null)) {
                        @SuppressWarnings("unchecked")
                        List<Object> values = (List<Object>) property.getEnum();
                        values.add(null);
                    }
                }
            }
        }
        model.addExtension(ALWAYS_PRESENT, always);
    }

    private static boolean mayBeNull(RecordComponent c) {
        Class<?> t = c.getType();
        if (t.isPrimitive() || t.isArray() || java.util.Collection.class.isAssignableFrom(t)
                || Map.class.isAssignableFrom(t) || c.getName().equals("id")) {
            return false;
        }
        return !annotated(c, "NonNull");
    }

    /** The extension that carries a record's component names to {@link #problemResponses()}, removed there. */
    static final String ALWAYS_PRESENT = "x-rapport-always-present";

    private static boolean annotated(RecordComponent c, String simpleName) {
        for (Annotation a : c.getAnnotations()) {
            if (a.annotationType().getSimpleName().equals(simpleName)) {
                return true;
            }
        }
        for (Annotation a : c.getAnnotatedType().getAnnotations()) {
            if (a.annotationType().getSimpleName().equals(simpleName)) {
                return true;
            }
        }
        return false;
    }

    private static String jsonName(RecordComponent c) {
        com.fasterxml.jackson.annotation.JsonProperty named =
                c.getAccessor().getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
        if (named == null) {
            named = c.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
        }
        return named != null && !named.value().isEmpty() ? named.value() : c.getName();
    }

    /** Operation ids named for the feature and the method: unique without suffixes. */
    @Bean
    OperationCustomizer featureOperationIds() {
        return (Operation operation, HandlerMethod handler) -> {
            String controller = handler.getBeanType().getSimpleName().replace("ApiController", "").replace("Controller", "");
            String method = handler.getMethod().getName();
            operation.setOperationId(Character.toLowerCase(controller.charAt(0)) + controller.substring(1)
                    + Character.toUpperCase(method.charAt(0)) + method.substring(1));
            noContent(operation, handler);
            return operation;
        };
    }

    /**
     * A handler that answers {@code ResponseEntity<Void>} (or {@code void}) without
     * {@code @ResponseStatus} sends no body: {@code 204 No Content}, not springdoc's {@code 200}.
     * Handlers that create say so with {@code @ResponseStatus(CREATED)} or {@code (ACCEPTED)},
     * which springdoc reads (the entity they return carries the same status).
     */
    private static void noContent(Operation operation, HandlerMethod handler) {
        if (handler.hasMethodAnnotation(org.springframework.web.bind.annotation.ResponseStatus.class)
                || operation.getResponses() == null) {
            return;
        }
        // A handler that takes the servlet response writes its own body (a CSV, a file): not a 204.
        for (Class<?> parameter : handler.getMethod().getParameterTypes()) {
            if (jakarta.servlet.http.HttpServletResponse.class.isAssignableFrom(parameter)) {
                return;
            }
        }
        java.lang.reflect.Type returned = handler.getMethod().getGenericReturnType();
        boolean empty = returned == void.class || (returned instanceof java.lang.reflect.ParameterizedType pt
                && pt.getRawType() == org.springframework.http.ResponseEntity.class
                && pt.getActualTypeArguments()[0] == Void.class);
        if (empty && operation.getResponses().containsKey("200")) {
            operation.getResponses().remove("200");
            operation.getResponses().addApiResponse("204", new ApiResponse().description("Done; nothing to say"));
        }
    }

    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((verb, op) -> describe(path, verb, op)));
            requiredInAnswers(openApi);
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
        if (op.getRequestBody() != null) {
            // BodyLimitFilter (JSON) and the multipart limit; Spring's refusal of another media type.
            problem(responses, 413, "The request body (or the file) is too large");
            problem(responses, 415, "The request body is not of a media type this operation reads");
        }
        // A bearer token that is wrong, expired or revoked is a 401 wherever it is sent, and so is
        // a failed sign-in; a suspended account (or a member without the right) is a 403.
        problem(responses, 401, signedIn ? "No valid bearer token" : "Not signed in: a wrong password, code or token");
        problem(responses, 403, "Not allowed to do this (or the account is suspended)");
        if (pathIds || op.getRequestBody() != null || path.startsWith("/api/v1/admin")) {
            // The administration is a 404 to members: it does not say it exists.
            problem(responses, 404, "Nothing with this id (in the path or the body), or nothing the caller may see");
        }
        if (verb != PathItem.HttpMethod.GET) {
            // ConflictException: the change does not fit the current state (already done, already taken…).
            problem(responses, 409, "Conflicts with the current state: `detail` says how");
            // StorageFullException: the database's disk is full; nothing was stored.
            problem(responses, 507, "The server's storage is full; nothing was changed: try again after `Retry-After` seconds")
                    .addHeaderObject("Retry-After", retryAfter());
        }
        // 304 Not Modified never has a body, whatever the operation produces.
        if (responses.get("304") != null) {
            responses.get("304").setContent(null);
        }
        if (parameters.stream().anyMatch(p -> "path".equals(p.getIn()) && "token".equals(p.getName()))) {
            problem(responses, 410, "The link has expired or was used");
        }
        if (op.getRequestBody() != null && op.getRequestBody().getContent() != null
                && op.getRequestBody().getContent().keySet().stream().anyMatch(t -> t.startsWith("multipart/"))) {
            problem(responses, 422, "The file was read but cannot be imported: `detail` says why");
        }
        if (responses.entrySet().stream().anyMatch(e -> e.getKey().startsWith("2") && e.getValue().getContent() != null
                && e.getValue().getContent().keySet().stream().noneMatch(t -> t.contains("json")))) {
            // A file (CSV, vCard) asked for as JSON: Spring's refusal, as a problem.
            problem(responses, 406, "This answer is a file: ask for its own media type in `Accept`");
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

    /**
     * Schemas that only answers use (reached from a 2xx response, never from a request body) list
     * every record component as required: the API writes each one, {@code null} included.
     * Request schemas keep what springdoc found: their fields may be left out.
     */
    private static void requiredInAnswers(OpenAPI openApi) {
        Map<String, Schema> schemas = openApi.getComponents() == null || openApi.getComponents().getSchemas() == null
                ? Map.of() : openApi.getComponents().getSchemas();
        Set<String> answers = new HashSet<>();
        Set<String> requests = new HashSet<>();
        openApi.getPaths().values().forEach(item -> item.readOperations().forEach(op -> {
            if (op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
                op.getRequestBody().getContent().values().forEach(m -> reach(m.getSchema(), schemas, requests));
            }
            if (op.getResponses() != null) {
                op.getResponses().forEach((code, r) -> {
                    if (code.startsWith("2") && r.getContent() != null) {
                        r.getContent().values().forEach(m -> reach(m.getSchema(), schemas, answers));
                    }
                });
            }
        }));
        schemas.forEach((name, schema) -> {
            Object always = schema.getExtensions() == null ? null : schema.getExtensions().remove(ALWAYS_PRESENT);
            if (schema.getExtensions() != null && schema.getExtensions().isEmpty()) {
                schema.setExtensions(null);
            }
            if (always instanceof List<?> names && answers.contains(name) && !requests.contains(name) && !names.isEmpty()) {
                schema.setRequired(names.stream().map(Object::toString).toList());
            }
        });
    }

    @SuppressWarnings("rawtypes")
    private static void reach(Schema<?> schema, Map<String, Schema> schemas, Set<String> seen) {
        if (schema == null) {
            return;
        }
        if (schema.get$ref() != null) {
            String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
            if (seen.add(name)) {
                reach(schemas.get(name), schemas, seen);
            }
            return;
        }
        reach(schema.getItems(), schemas, seen);
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(p -> reach(p, schemas, seen));
        }
        if (schema.getAdditionalProperties() instanceof Schema<?> extra) {
            reach(extra, schemas, seen);
        }
        for (List<Schema> group : java.util.Arrays.asList(schema.getAllOf(), schema.getOneOf(), schema.getAnyOf())) {
            if (group != null) {
                group.forEach(s -> reach(s, schemas, seen));
            }
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
