package org.rapport.server.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rapport.server.member.ConnectionsVisibility;
import org.rapport.server.member.Member;
import org.rapport.server.privacy.BlockService;
import org.rapport.server.system.ValidationException;
import org.rapport.server.support.IntegrationContract;
import org.springframework.beans.factory.annotation.Autowired;

/** VIPs (F3) on both databases: connections only, at most ten, in order; the showcase follows privacy. */
abstract class VipServiceContract extends IntegrationContract {

    @Autowired
    VipService vips;
    @Autowired
    ConnectionService connections;
    @Autowired
    BlockService blocks;

    @Test
    void pinConnectionsInOrderUpToTenAndNobodyElse() {
        Member me = members.create("Pinner");
        List<Member> friends = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            Member f = members.create("Friend" + i);
            connect(me, f);
            friends.add(f);
        }
        for (int i = 0; i < 10; i++) {
            vips.pin(me.id(), friends.get(i).id());
        }
        vips.pin(me.id(), friends.get(0).id());
        assertThat(vips.mine(me.id())).extracting(c -> c.member().id())
                .containsExactlyElementsOf(friends.subList(0, 10).stream().map(Member::id).toList());
        assertThatThrownBy(() -> vips.pin(me.id(), friends.get(10).id()))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.messageFor("memberIds")).isEqualTo("Pin at most 10 VIPs."));
        Member stranger = members.create("Stranger");
        assertThatThrownBy(() -> vips.replace(me.id(), List.of(stranger.id())))
                .isInstanceOf(ValidationException.class);
        vips.replace(me.id(), List.of(friends.get(2).id(), friends.get(1).id(), friends.get(2).id()));
        assertThat(vips.mine(me.id())).extracting(c -> c.member().id())
                .containsExactly(friends.get(2).id(), friends.get(1).id());
        vips.unpin(me.id(), friends.get(2).id());
        assertThat(vips.mine(me.id())).extracting(c -> c.member().id()).containsExactly(friends.get(1).id());
    }

    @Test
    void theShowcaseFollowsConnectionVisibilityAndRemovingOrBlockingUnpins() {
        Member me = members.create("Showcase");
        Member vip = members.create("Vip");
        Member other = members.create("OtherVip");
        Member outsider = members.create("Outsider");
        connect(me, vip);
        connect(me, other);
        vips.replace(me.id(), List.of(vip.id(), other.id()));
        assertThat(vips.showcase(outsider.id(), me.id())).as("connections hidden from outsiders by default").isEmpty();
        assertThat(vips.showcase(vip.id(), me.id())).hasSize(2);
        connectionsVisibility(me, ConnectionsVisibility.EVERYONE);
        assertThat(vips.showcase(outsider.id(), me.id())).hasSize(2);

        connections.remove(me.id(), vip.id());
        blocks.block(me.id(), other.id());
        assertThat(vips.mine(me.id())).isEmpty();
    }
}
