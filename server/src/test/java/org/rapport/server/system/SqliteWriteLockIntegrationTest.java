package org.rapport.server.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.Test;
import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.profileview.ProfileViewRecorder;
import org.rapport.server.support.ApiIntegrationContract;
import org.rapport.server.support.SqliteSpringTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 14: a write that cannot get SQLite's write lock within the busy timeout is refused with
 * 503 and {@code Retry-After}, stores nothing, and leaves every pooled connection transactional.
 * Another connection, outside the pool, holds the lock past the (here 1 s) busy timeout.
 */
@SqliteSpringTest
@TestPropertySource(properties = {"rapport.db.busy-timeout=1s", "rapport.disk.min-free=1000000TB"})
class SqliteWriteLockIntegrationTest extends ApiIntegrationContract {

    @Autowired
    Database database;
    @Autowired
    DataSource dataSource;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    ProfileViewRecorder views;
    @Autowired
    MemberRepository memberRepository;

    @Test
    void writeThatWaitsOutTheBusyTimeoutIsRefusedWith503AndEveryPooledConnectionStaysTransactional()
            throws SQLException {
        Caller author = caller("Lock", "Waiter");
        HikariDataSource pool = (HikariDataSource) dataSource;
        int poolSize = pool.getMaximumPoolSize();
        long postsBefore = postsBy(author);

        try (Connection holder = DriverManager.getConnection(database.url())) {
            holder.setAutoCommit(false);
            holder.createStatement().executeUpdate(SqliteTransactionManager.TAKE_WRITE_LOCK);

            // Over the API: refused, with Retry-After, after about the busy timeout, nothing stored.
            long start = System.nanoTime();
            var refused = post(author, "/posts", Map.of("text", "written while the database is locked"))
                    .expectProblem(503);
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(refused.problemType()).endsWith("/database-busy");
            assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 5L);
            assertThat(tookMillis).as("waited the busy timeout, not 30 s").isBetween(900L, 4_000L);

            // Every pooled connection goes through the refused begin (the old failure: the driver
            // believed a transaction open that SQLite never began).
            List<Connection> all = checkOutAll(pool, poolSize);
            try {
                for (Connection c : all) {
                    assertThatThrownBy(() -> on(c, () -> tx.executeWithoutResult(s -> insertMarker(1))))
                            .isInstanceOf(DatabaseBusyException.class);
                    assertThat(c.getAutoCommit()).as("connection back in auto-commit after the refusal").isTrue();
                }
            } finally {
                holder.rollback();
                for (Connection c : all) {
                    c.close();
                }
            }
        }
        assertThat(postsBy(author)).as("the refused post was not stored").isEqualTo(postsBefore);
        assertThat(markers()).isZero();

        // Lock released: through every pooled connection, a write rolled back leaves nothing (it
        // ran inside its transaction) and a write committed is kept.
        List<Connection> all = checkOutAll(pool, poolSize);
        try {
            int id = 100;
            for (Connection c : all) {
                int first = id++;
                int second = id++;
                assertThatThrownBy(() -> on(c, () -> tx.executeWithoutResult(s -> {
                    insertMarker(first);
                    insertMarker(second);
                    throw new IllegalStateException("second step failed");
                }))).hasMessage("second step failed");
                assertThat(markers()).as("a rolled-back transaction left nothing").isZero();
                on(c, () -> tx.executeWithoutResult(s -> insertMarker(first)));
                assertThat(markers()).isEqualTo(1);
                on(c, () -> tx.executeWithoutResult(s -> jdbc.sql("DELETE FROM write_lock").update()));
                assertThat(markers()).isZero();
                assertThat(c.getAutoCommit()).isTrue();
            }
        } finally {
            for (Connection c : all) {
                c.close();
            }
        }

        var created = post(author, "/posts", Map.of("text", "written after the lock was released")).expect(201);
        assertThat(postsBy(author)).isEqualTo(postsBefore + 1);
        get(author, "/posts/" + created.text("id")).expect(200);
    }

    @Test
    void pageWriteRefusedWithA503PageThatSaysSo() throws Exception {
        Caller author = caller("Page", "Writer");
        long before = postsBy(author);
        var principal = new MemberPrincipal(author.id(), memberRepository.findSecurityStamp(author.id()).orElseThrow());
        try (Connection holder = lockedElsewhere()) {
            var response = mvc.perform(MockMvcRequestBuilders.post("/posts").param("text", "from the page")
                    .with(SecurityMockMvcRequestPostProcessors.authentication(
                            UsernamePasswordAuthenticationToken.authenticated(principal, null,
                                    List.of(new SimpleGrantedAuthority("ROLE_MEMBER")))))
                    .with(SecurityMockMvcRequestPostProcessors.csrf())).andReturn().getResponse();
            assertThat(response.getStatus()).isEqualTo(503);
            assertThat(response.getHeader("Retry-After")).isNotBlank();
            assertThat(response.getContentAsString()).contains("nothing was changed", "try again");
            holder.rollback();
        }
        assertThat(postsBy(author)).isEqualTo(before);
    }

    @Test
    void profileViewBatchRefusedByABusyDatabaseIsKeptAndWrittenLater() throws SQLException {
        var viewer = members.create("Viewer", "Busy");
        var viewed = members.create("Viewed", "Busy");
        try (Connection holder = lockedElsewhere()) {
            views.record(viewer.id(), viewed.id());
            assertThatThrownBy(views::flush).isInstanceOf(DatabaseBusyException.class);
            holder.rollback();
        }
        views.flush();
        assertThat(jdbc.sql("SELECT count(*) FROM profile_views WHERE viewer_id = :a AND viewed_id = :b")
                .param("a", viewer.id()).param("b", viewed.id()).query(Long.class).single()).isEqualTo(1);
    }

    /** A connection outside the pool holding SQLite's write lock until it rolls back or closes. */
    private Connection lockedElsewhere() throws SQLException {
        Connection holder = DriverManager.getConnection(database.url());
        holder.setAutoCommit(false);
        holder.createStatement().executeUpdate(SqliteTransactionManager.TAKE_WRITE_LOCK);
        return holder;
    }

    /** Holds every connection of the pool at once, so that each is used in turn. */
    private static List<Connection> checkOutAll(HikariDataSource pool, int size) throws SQLException {
        List<Connection> all = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            all.add(pool.getConnection());
        }
        return all;
    }

    /** Runs {@code body} with {@code c} as the thread's connection: the transaction manager uses it. */
    private void on(Connection c, Runnable body) {
        TransactionSynchronizationManager.bindResource(dataSource, new ConnectionHolder(c));
        try {
            body.run();
        } finally {
            TransactionSynchronizationManager.unbindResource(dataSource);
        }
    }

    private void insertMarker(long id) {
        jdbc.sql("INSERT INTO write_lock (id) VALUES (:id)").param("id", id).update();
    }

    /** Read on a connection of its own: the test may hold every pooled one. */
    private long markers() {
        try (Connection c = DriverManager.getConnection(database.url());
             var rs = c.createStatement().executeQuery("SELECT count(*) FROM write_lock")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long postsBy(Caller c) {
        return jdbc.sql("SELECT count(*) FROM posts WHERE author_id = :id").param("id", c.id()).query(Long.class).single();
    }
}
