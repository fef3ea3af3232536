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
        Member often = members.create("Often");
        Member fewer = members.create("Fewer");
        Member once = members.create("Once");
        Member unrelated = members.create("Unrelated");
        Member stranger = members.create("StrangerViewer");
        List<Member> browsers = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Member v = members.create("Browser" + i);
            browsers.add(v);
            views.recordView(v.id(), profile.id());
            views.recordView(v.id(), often.id());
            if (i < 5) {
                views.recordView(v.id(), fewer.id());
            }
        }
        Member v1 = browsers.get(0);
        views.recordView(v1.id(), once.id());
        views.recordView(v1.id(), me.id());
        views.recordView(me.id(), profile.id());
        views.recordView(me.id(), unrelated.id());
        views.recordView(stranger.id(), unrelated.id());
        recorder.flush();

        List<ProfileViewService.AlsoViewed> also = views.alsoViewed(me.id(), profile.id(), 8);

        // "Once" and "me" were co-viewed by one browser only: below the 5 viewers it takes (issue 15).
        assertThat(also).extracting(a -> a.card().member().id()).containsExactly(often.id(), fewer.id());
        assertThat(also).extracting(ProfileViewService.AlsoViewed::kind)
                .containsOnly(ProfileViewService.AlsoViewed.Kind.CO_VIEWED);
        assertThat(also.get(0).detail()).isEqualTo("Also viewed by 6 viewers of this profile");
    }

    @Test
    void oneViewersBrowsingIsNeverShownAndViewersWhoTurnedItOffLendNoViews() {
        Member her = members.create("Watched");
        Member target = members.create("Browsed");
        Member me = members.create("Snoop");
        List<Member> viewers = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Member v = members.create("CoViewer" + i);
            viewers.add(v);
            views.recordView(v.id(), her.id());
            if (i > 0) {
                views.recordView(v.id(), target.id());
            }
        }
        recorder.flush();
        // Four viewers behind "Browsed": not enough to hide whose browsing it is.
        assertThat(views.alsoViewed(me.id(), her.id(), 8)).isEmpty();

        views.recordView(viewers.get(0).id(), target.id());
        recorder.flush();
        assertThat(views.alsoViewed(me.id(), her.id(), 8)).extracting(a -> a.card().member().id())
                .containsExactly(target.id());

        // One of the five turns People Also Viewed off: their views no longer count, so four remain.
        privacy.update(viewers.get(2).id(), new org.rapport.server.privacy.PrivacyChanges(null, null, null, null, null,
                null, false));
        assertThat(views.alsoViewed(me.id(), her.id(), 8)).isEmpty();
        // "Who viewed my profile" is not affected.
        assertThat(views.stats(target.id(), 10).recentViewers()).extracting(c -> c.member().id())
                .contains(viewers.get(2).id());
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
        Member coViewed = members.create("CoViewed");
        for (int i = 0; i < 5; i++) {
            Member viewer = members.create("Viewer" + i);
            views.recordView(viewer.id(), profile.id());
            views.recordView(viewer.id(), coViewed.id());
        }
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
