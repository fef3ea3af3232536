package org.rapport.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import com.atlassian.oai.validator.OpenApiInteractionValidator;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The check every API test goes through finds what it must, on a small document of its own. */
class ApiContractCheckTest {

    private static final String DOC = """
            {"openapi":"3.0.1","info":{"title":"t","version":"1"},"paths":{"/api/v1/things/{id}":{"get":{
              "parameters":[{"name":"id","in":"path","required":true,"schema":{"type":"string"}}],
              "responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Thing"}}}},
                           "404":{"description":"no","content":{"application/problem+json":{"schema":{"type":"object"}}}}}}}},
            "components":{"schemas":{
              "Other":{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]},
              "Thing":{"type":"object","required":["id","kind","other"],"properties":{
                "id":{"type":"string"},
                "kind":{"type":"string","nullable":true,"enum":["A","B",null]},
                "other":{"nullable":true,"allOf":[{"$ref":"#/components/schemas/Other"}]}}}}}}
            """;

    private final OpenApiInteractionValidator validator =
            OpenApiInteractionValidator.createForInlineApiSpecification(DOC).build();

    private java.util.List<String> check(int status, String type, String body) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/things/7");
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.setStatus(status);
        response.setContentType(type);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        return ApiContractCheck.mismatches(validator, request, response, body);
    }

    @Test
    void anAnswerAsDocumentedPassesNullsIncludedWhereTheDocumentAllowsThem() {
        assertThat(check(200, "application/json", "{\"id\":\"7\",\"kind\":\"A\",\"other\":{\"name\":\"x\"}}")).isEmpty();
        assertThat(check(200, "application/json", "{\"id\":\"7\",\"kind\":null,\"other\":null}")).isEmpty();
        assertThat(check(404, "application/problem+json", "{}")).isEmpty();
    }

    @Test
    void anUndocumentedStatusAMissingFieldAnUnknownValueOrANullWhereNoneIsAllowedFail() {
        assertThat(check(409, "application/problem+json", "{}")).singleElement().asString().contains("status.unknown");
        assertThat(check(200, "application/json", "{\"kind\":\"A\",\"other\":null}")).anyMatch(m -> m.contains("required"));
        assertThat(check(200, "application/json", "{\"id\":\"7\",\"kind\":\"C\",\"other\":null}")).isNotEmpty();
        assertThat(check(200, "application/json", "{\"id\":\"7\",\"kind\":\"A\",\"other\":{}}")).isNotEmpty();
        assertThat(check(200, "application/json", "{\"id\":null,\"kind\":\"A\",\"other\":null}")).isNotEmpty();
    }

    @Test
    void anUnknownPathIsNotCheckedButANonApiPathNeverIs() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/nothing-here");
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.setStatus(404);
        assertThat(ApiContractCheck.mismatches(validator, request, response, "")).isEmpty();
        response.setStatus(200);
        assertThat(ApiContractCheck.mismatches(validator, request, response, "")).isNotEmpty();
    }
}
