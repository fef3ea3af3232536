package org.rapport.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import org.junit.jupiter.api.Test;

/**
 * The package rules of issue 15 (ARCHITECTURE.md, "Package rules"), held by ArchUnit over the
 * production classes. Each names what it protects: who may read whom goes through
 * {@code privacy}, and a feature's tables are its own.
 */
class PackageRulesTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.rapport.server");

    private static final String ROOT = "org.rapport.server.";
    private static final String MEMBER_DIRECTORY = ROOT + "member.MemberRepository";
    private static final Set<String> POLICY = Set.of(ROOT + "privacy.VisibilityPolicy", ROOT + "privacy.BlockService",
            ROOT + "privacy.PrivacyService");
    private static final Set<String> MAPPINGS = Set.of(
            "org.springframework.web.bind.annotation.GetMapping", "org.springframework.web.bind.annotation.PostMapping",
            "org.springframework.web.bind.annotation.PutMapping", "org.springframework.web.bind.annotation.PatchMapping",
            "org.springframework.web.bind.annotation.DeleteMapping",
            "org.springframework.web.bind.annotation.RequestMapping");

    /** Blocks and privacy settings are read in one place: nothing outside privacy touches their tables. */
    private static final ArchRule blocksAndSettingsAreReadOnlyInPrivacy = noClasses()
            .that().resideOutsideOfPackage("..privacy..")
            .should().dependOnClassesThat().haveFullyQualifiedName(ROOT + "privacy.BlockRepository")
            .orShould().dependOnClassesThat().haveFullyQualifiedName(ROOT + "privacy.PrivacyRepository")
            .because("who is hidden from whom is answered by privacy.VisibilityPolicy and its per-request memo");

    /** Inside privacy, only the policy and the block service read the block table. */
    private static final ArchRule theBlockTableIsReadByThePolicy = classes()
            .that().haveFullyQualifiedName(ROOT + "privacy.BlockRepository")
            .should().onlyHaveDependentClassesThat()
            .haveNameMatching("org\\.rapport\\.server\\.privacy\\.(VisibilityPolicy|BlockService|BlockRepository)(\\$.*)?");

    /** The block cascade is MemberBlocked listeners in the owning features: privacy writes no other feature's table. */
    private static final ArchRule privacyWritesNoOtherFeaturesTables = classes()
            .that().resideInAPackage(ROOT + "privacy")
            .should(useNoRepositoryOfAnotherFeature())
            .because("a block is published as MemberBlocked and each feature removes its own rows");

    /** Controllers reach other features through their services, never through their repositories. */
    private static final ArchRule controllersUseOnlyTheirOwnRepositories = classes()
            .that().haveSimpleNameEndingWith("Controller").and().resideInAPackage("org.rapport.server..")
            .should(useNoRepositoryOfAnotherFeature())
            .because("another feature's rows reach a page or the API only through that feature's service, "
                    + "which applies the privacy policy");

    /**
     * Every page or API door with {@code /members/{…}} in its path asks the policy: its controller
     * depends on VisibilityPolicy, BlockService or PrivacyService, or on a service that does.
     * Administration is left out (administrators see every account by their role).
     */
    private static final ArchRule everyDoorNamingAMemberAsksThePolicy = classes()
            .that().haveSimpleNameEndingWith("Controller").and().resideOutsideOfPackage("..admin..")
            .and().resideInAPackage("org.rapport.server..")
            .should(askThePolicyWhenAHandlerNamesAMember());

    @Test
    void blocksAndSettingsAreReadOnlyInPrivacy() {
        blocksAndSettingsAreReadOnlyInPrivacy.check(CLASSES);
    }

    @Test
    void theBlockTableIsReadByThePolicy() {
        theBlockTableIsReadByThePolicy.check(CLASSES);
    }

    @Test
    void privacyWritesNoOtherFeaturesTables() {
        privacyWritesNoOtherFeaturesTables.check(CLASSES);
    }

    @Test
    void controllersUseOnlyTheirOwnRepositories() {
        controllersUseOnlyTheirOwnRepositories.check(CLASSES);
    }

    @Test
    void everyDoorNamingAMemberAsksThePolicy() {
        everyDoorNamingAMemberAsksThePolicy.check(CLASSES);
    }

    /** The rules can fail: a controller that reads another feature's rows, or serves a member from the directory alone. */
    @Test
    void theRulesCatchADoorThatSkipsThePolicy() {
        JavaClasses bad = new ClassFileImporter().importClasses(ReadsInvitationsController.class,
                ServesAMemberController.class);
        assertThat(controllersUseOnlyTheirOwnRepositories.evaluate(bad).hasViolation()).isTrue();
        assertThat(everyDoorNamingAMemberAsksThePolicy.evaluate(bad).hasViolation()).isTrue();
        assertThat(memberDoors(CLASSES.get("org.rapport.server.people.PeoplePageController")))
                .contains("/members/{id}");
        long doors = CLASSES.stream().filter(c -> c.getSimpleName().endsWith("Controller"))
                .mapToLong(c -> memberDoors(c).size()).sum();
        assertThat(doors).as("member doors found").isGreaterThan(20);
    }

    @org.springframework.stereotype.Controller
    static class ReadsInvitationsController {
        private final org.rapport.server.invitation.InvitationRepository invitations;

        ReadsInvitationsController(org.rapport.server.invitation.InvitationRepository invitations) {
            this.invitations = invitations;
        }

        Object any() {
            return invitations;
        }
    }

    @org.springframework.stereotype.Controller
    static class ServesAMemberController {
        private final org.rapport.server.member.MemberRepository members;

        ServesAMemberController(org.rapport.server.member.MemberRepository members) {
            this.members = members;
        }

        @org.springframework.web.bind.annotation.GetMapping("/members/{id}/card")
        Object card(@org.springframework.web.bind.annotation.PathVariable long id) {
            return members.findById(id);
        }
    }

    private static ArchCondition<JavaClass> useNoRepositoryOfAnotherFeature() {
        return new ArchCondition<>("use no repository of another feature but the member directory") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = d.getTargetClass();
                    if (target.getName().startsWith(ROOT) && target.getSimpleName().endsWith("Repository")
                            && !target.getPackageName().equals(origin.getPackageName())
                            && !target.getName().equals(MEMBER_DIRECTORY)) {
                        events.add(SimpleConditionEvent.violated(origin, d.getDescription()));
                    }
                }
            }
        };
    }

    private static ArchCondition<JavaClass> askThePolicyWhenAHandlerNamesAMember() {
        return new ArchCondition<>("depend on the privacy policy, directly or through a service, when a handler "
                + "names a member") {
            @Override
            public void check(JavaClass controller, ConditionEvents events) {
                List<String> doors = memberDoors(controller);
                if (doors.isEmpty()) {
                    return;
                }
                boolean asks = false;
                for (JavaClass used : dependencies(controller)) {
                    if (POLICY.contains(used.getName())) {
                        asks = true;
                    } else if (used.getName().startsWith(ROOT) && used.getSimpleName().endsWith("Service")) {
                        asks |= dependencies(used).stream().anyMatch(c -> POLICY.contains(c.getName()));
                    }
                }
                events.add(new SimpleConditionEvent(controller, asks, controller.getName() + " serves " + doors
                        + (asks ? " and asks the policy" : " without asking privacy's policy")));
            }
        };
    }

    private static Set<JavaClass> dependencies(JavaClass c) {
        Set<JavaClass> out = new java.util.HashSet<>();
        for (Dependency d : c.getDirectDependenciesFromSelf()) {
            out.add(d.getTargetClass());
        }
        return out;
    }

    private static List<String> memberDoors(JavaClass controller) {
        List<String> prefixes = paths(controller.getAnnotations());
        if (prefixes.isEmpty()) {
            prefixes = List.of("");
        }
        List<String> doors = new ArrayList<>();
        for (JavaMethod m : controller.getMethods()) {
            for (String p : paths(m.getAnnotations())) {
                for (String prefix : prefixes) {
                    String path = prefix + p;
                    if (path.contains("/members/{")) {
                        doors.add(path);
                    }
                }
            }
        }
        return doors;
    }

    private static List<String> paths(Set<? extends JavaAnnotation<?>> annotations) {
        List<String> out = new ArrayList<>();
        for (JavaAnnotation<?> a : annotations) {
            if (!MAPPINGS.contains(a.getRawType().getName())) {
                continue;
            }
            for (String attribute : List.of("value", "path")) {
                Object v = a.get(attribute).orElse(null);
                if (v instanceof Object[] array) {
                    for (Object o : array) {
                        out.add(String.valueOf(o));
                    }
                }
            }
        }
        return out;
    }
}
