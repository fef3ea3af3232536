package org.rapport.server.profileview;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rapport.server.account.AccountService;
import org.rapport.server.member.ConnectionsVisibility;
import org.rapport.server.member.Member;
import org.rapport.server.support.IntegrationContract;
import org.springframework.beans.factory.annotation.Autowired;

/** Profile views (C8) and People Also Viewed (C7) on both databases. */
abstract class ProfileViewServiceContract extends IntegrationContract {

    @Autowired
    ProfileViewService views;
    @Autowired
    ProfileViewRecorder recorder;
    @Autowired
    AccountService accounts;

    @Test
    void aViewerCountsOncePerDayAndNobodyViewsThemselves() {
        Member me = members.create("Viewed");
        Member a = members.create("ViewerA");
        Member b = members.create("ViewerB");
        views.recordView(a.id(), me.id());
        views.recordView(a.id(), me.id());
        views.recordView(me.id(), me.id());
        views.recordView(b.id(), me.id());
        clock.advance(Duration.ofDays(1));
        views.recordView(a.id(), me.id());
        recorder.flush();

        ProfileViewService.Stats stats = views.stats(me.id(), 10);

        assertThat(stats.viewers()).isEqualTo(2);
        assertThat(stats.weeks()).hasSize(ProfileViewService.WEEKS);
        assertThat(stats.weeks().stream().mapToInt(WeekCount::views).sum()).as("viewer-days").isEqualTo(3);
        assertThat(stats.recentViewers()).extracting(c -> c.member().id()).containsExactly(a.id(), b.id());
        assertThat(jdbc.sql("SELECT count(*) FROM profile_views WHERE viewer_id = viewed_id").query(Long.class).single())
                .isZero();
    }

    @Test
    void viewsOlderThanTheWindowDropOutOfTheStatistics() {
        Member me = members.create("Forgotten");
        Member a = members.create("OldViewer");
        views.recordView(a.id(), me.id());
        recorder.flush();
        clock.advance(Duration.ofDays(ProfileViewService.WINDOW_DAYS + 1));
        ProfileViewService.Stats stats = views.stats(me.id(), 10);
        assertThat(stats.viewers()).isZero();
        assertThat(stats.recentViewers()).isEmpty();
        assertThat(stats.weeks().stream().mapToInt(WeekCount::views).sum()).isZero();
    }

    @Test
    void alsoViewedListsWhatTheProfilesViewersAlsoViewedMostSharedFirst() {
        Member profile = members.create("Popular");
        Member me = members.create("Curious");
        Member v1 = members.create("Browser1");
        Member v2 = members.create("Browser2");
        Member often = members.create("Often");
        Member once = members.create("Once");
        Member unrelated = members.create("Unrelated");
        Member stranger = members.create("StrangerViewer");
        for (Member v : List.of(v1, v2)) {
            views.recordView(v.id(), profile.id());
            views.recordView(v.id(), often.id());
        }
        views.recordView(v1.id(), once.id());
        views.recordView(v1.id(), me.id());
        views.recordView(me.id(), profile.id());
        views.recordView(me.id(), unrelated.id());
        views.recordView(stranger.id(), unrelated.id());
        recorder.flush();

        List<ProfileViewService.AlsoViewed> also = views.alsoViewed(me.id(), profile.id(), 8);

        assertThat(also).extracting(a -> a.card().member().id()).containsExactly(often.id(), once.id());
        assertThat(also).extracting(ProfileViewService.AlsoViewed::kind)
                .containsOnly(ProfileViewService.AlsoViewed.Kind.CO_VIEWED);
        assertThat(also.get(0).detail()).isEqualTo("Also viewed by 2 viewers of this profile");
    }

    @Test
    void newConnectionsComeFirstOnlyWhenTheViewerMaySeeConnectionsAndTheSettingTurnsItAllOff() {
        Member profile = members.create("Connector");
        Member me = members.create("Onlooker");
        Member old = members.create("OldFriend");
        connect(profile, old);
        clock.advance(Duration.ofDays(ProfileViewService.NEW_CONNECTION_DAYS + 1));
        Member fresh = members.create("FreshFriend");
        connect(profile, fresh);
        Member viewer = members.create("Viewer");
        Member coViewed = members.create("CoViewed");
        views.recordView(viewer.id(), profile.id());
        views.recordView(viewer.id(), coViewed.id());
        recorder.flush();

        connectionsVisibility(profile, ConnectionsVisibility.EVERYONE);
        assertThat(views.alsoViewed(me.id(), profile.id(), 8)).extracting(a -> a.card().member().id())
                .containsExactly(fresh.id(), coViewed.id());
        assertThat(views.alsoViewed(me.id(), profile.id(), 8).get(0).detail()).isEqualTo("New connection of Connector");

        connectionsVisibility(profile, ConnectionsVisibility.CONNECTIONS);
        assertThat(views.alsoViewed(me.id(), profile.id(), 8)).extracting(a -> a.card().member().id())
                .containsExactly(coViewed.id());

        privacy.update(profile.id(), new org.rapport.server.privacy.PrivacyChanges(null, null, null, null, null, null, false));
        assertThat(privacy.settings(profile.id()).showAlsoViewed()).isFalse();
        assertThat(views.alsoViewed(me.id(), profile.id(), 8)).isEmpty();
    }

    @Test
    void viewsOfADeletedMemberAreDroppedNotFailed() {
        Member gone = members.create("Gone");
        Member viewer = members.create("LateViewer");
        views.recordView(viewer.id(), gone.id());
        accounts.delete(gone.id());
        recorder.flush();
        assertThat(jdbc.sql("SELECT count(*) FROM profile_views WHERE viewed_id = :id").param("id", gone.id())
                .query(Long.class).single()).isZero();
    }
}
