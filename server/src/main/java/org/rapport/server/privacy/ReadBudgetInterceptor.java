package org.rapport.server.privacy;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.rapport.server.account.MemberPrincipal;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Spends the signed-in member's {@link ReadBudget} before every handler marked {@link Budgeted},
 * page or API alike. The refusal is thrown from here so that the handler's own error handling
 * answers it: problem+json with {@code Retry-After} for the API, the message on an error page.
 */
@Configuration(proxyBeanMethods = false)
class ReadBudgetInterceptor implements HandlerInterceptor, WebMvcConfigurer {

    private final ReadBudgets budgets;

    ReadBudgetInterceptor(ReadBudgets budgets) {
        this.budgets = budgets;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method) {
            Budgeted budgeted = method.getMethodAnnotation(Budgeted.class);
            Authentication auth = SecurityContextHolder.getContext().getAuthentication();
            if (budgeted != null && auth != null && auth.getPrincipal() instanceof MemberPrincipal me) {
                budgets.spend(me.memberId(), budgeted.value());
            }
        }
        return true;
    }
}
