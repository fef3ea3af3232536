package org.rapport.server.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.rapport.server.account.MemberSignedUp;
import org.rapport.server.member.Education;
import org.rapport.server.member.Position;
import org.rapport.server.member.ProfileChanged;
import org.rapport.server.system.RapportProperties;
import org.rapport.server.system.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The embedded Lucene index of member profiles: one document per member, an index of the
 * {@code members} and {@code member_*} tables as the graph index is of {@code connections}.
 *
 * <p><b>Fields.</b> Full text, analysed by {@link #ANALYZER} (standard tokens, lower case, accents
 * folded): {@code name}, {@code headline}, {@code place} (location and industry) are public;
 * {@code skills}, {@code positions} (company and title) and {@code schools} (school and degree) are
 * what a member may keep to their network. Exact-match keys ({@link Text#key}) for the filters,
 * display values as sorted-set doc values for the facets, and numeric doc values for the member
 * id, the limited flag and {@code members.updated_at}.
 *
 * <p><b>How it stays equal to the database.</b> Every transaction that changes what can be found of
 * a member publishes {@link ProfileChanged} (sign-up publishes {@link MemberSignedUp}). After the
 * commit the index re-reads that member and replaces or deletes the document, holding a lock
 * striped by member, then refreshes the searcher before the service returns: the member's next
 * request finds the change. As with the graph index, the last reconciliation of a member starts
 * after the last commit, so the index converges. Lucene commits (the durable part) run every
 * {@code rapport.search.commit-interval} and at shutdown; at start-up the index is compared with
 * the table (member count, highest id, highest {@code updated_at}) and rebuilt when missing,
 * stale (a crash, an import, a restored backup) or of an older layout. {@code rapport search
 * reindex} rebuilds it on demand.
 *
 * <p><b>Thread-safety.</b> Readers take a searcher from Lucene's {@link SearcherManager} and never
 * block; reconciliations share a read lock that a rebuild takes exclusively.
 *
 * <p><b>Cost.</b> A reconciliation is four primary-key range queries and a near-real-time reopen
 * (a small segment flush). A rebuild reads members in batches of 2,000 ids.
 */
@Component
@DependsOnDatabaseInitialization
public class PeopleIndex implements SmartInitializingSingleton, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PeopleIndex.class);

    /** Bumped when the document layout changes: an index of another layout is rebuilt. */
    static final String LAYOUT = "2";
    private static final String LAYOUT_KEY = "rapport.layout";
    /** Commit data: every search change log row created before this time (epoch ms) is in the index. */
    private static final String APPLIED_KEY = "rapport.applied-through";
    private static final int STRIPES = 64;
    private static final int BATCH = 2_000;

    static final String ID = "id";
    static final String MEMBER = "member";
    static final String MEMBER_POINT = "member_point";
    static final String LIMITED = "limited";
    static final String UPDATED = "updated";
    static final String NAME = "name";
    static final String HEADLINE = "headline";
    static final String PLACE = "place";
    static final String SKILLS = "skills";
    static final String POSITIONS = "positions";
    static final String SCHOOLS = "schools";
    static final String KEY_LOCATION = "k_location";
    static final String KEY_INDUSTRY = "k_industry";
    static final String KEY_CURRENT = "k_current";
    static final String KEY_PAST = "k_past";
    static final String KEY_SCHOOL = "k_school";
    static final String FACET_LOCATION = "f_location";
    static final String FACET_INDUSTRY = "f_industry";
    static final String FACET_CURRENT = "f_current";
    static final String FACET_PAST = "f_past";
    static final String FACET_SCHOOL = "f_school";

    /** Tokens of names and profile text: standard word breaks, lower case, accents folded ("Zoë" finds "zoe"). */
    static final Analyzer ANALYZER = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer tokens = new StandardTokenizer();
            return new TokenStreamComponents(tokens, new ASCIIFoldingFilter(new LowerCaseFilter(tokens)));
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new ASCIIFoldingFilter(new LowerCaseFilter(in));
        }
    };

    private final SearchRepository repository;
    private final RapportProperties properties;
    private final ReentrantReadWriteLock rebuildLock = new ReentrantReadWriteLock();
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private final AtomicBoolean dirty = new AtomicBoolean();
    private volatile long appliedThrough = -1;
    private final boolean buildInBackground;
    private volatile boolean building;
    /** Members whose change arrived while a background rebuild held the index; applied after it. */
    private final java.util.Set<Long> changedDuringBuild = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile IndexWriter writer;
    private volatile SearcherManager searchers;
    private ScheduledExecutorService committer;

    /** An index built at start-up in the foreground (commands, tests). */
    PeopleIndex(SearchRepository repository, RapportProperties properties) {
        this(repository, properties, false, false);
    }

    @org.springframework.beans.factory.annotation.Autowired
    PeopleIndex(SearchRepository repository, RapportProperties properties,
                @org.springframework.beans.factory.annotation.Value("${rapport.scheduling.enabled:true}") boolean serving,
                @org.springframework.beans.factory.annotation.Value("${rapport.search.build-in-background:true}") boolean background) {
        this.repository = repository;
        this.properties = properties;
        this.buildInBackground = serving && background;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!properties.search().openAtStartUp()) {
            return;
        }
        open();
        if (!buildInBackground) {
            rebuildIfStale();
        } else if (!isFresh()) {
            // A new node, or one down for longer than the change log keeps: build from the database
            // while the server starts; readiness says OUT_OF_SERVICE ("search") until it is done.
            building = true;
            Thread t = new Thread(() -> {
                try {
                    rebuild();
                } catch (RuntimeException e) {
                    log.error("The search index could not be rebuilt; search answers from what it held", e);
                } finally {
                    building = false;
                    applyChangesMadeDuringBuild();
                }
            }, "search-index-build");
            t.setDaemon(true);
            t.start();
        }
    }

    /** Whether a background rebuild is under way (the node is not ready to search). */
    public boolean building() {
        return building;
    }

    private void applyChangesMadeDuringBuild() {
        for (Long member : List.copyOf(changedDuringBuild)) {
            changedDuringBuild.remove(member);
            reconcileQuietly(member);
        }
    }

    /** Opens the index directory (creating it), unless open already. Fails when another process holds it. */
    public synchronized void open() {
        if (writer != null) {
            return;
        }
        Path dir = properties.searchIndexDir();
        try {
            Files.createDirectories(dir);
            IndexWriterConfig config = new IndexWriterConfig(ANALYZER)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setCommitOnClose(true);
            IndexWriter w = new IndexWriter(FSDirectory.open(dir), config);
            searchers = new SearcherManager(w, null);
            writer = w;
        } catch (org.apache.lucene.store.LockObtainFailedException e) {
            throw new IllegalStateException("the search index " + dir.toAbsolutePath()
                    + " is in use by another process (a running server?)", e);
        } catch (org.apache.lucene.index.CorruptIndexException | org.apache.lucene.index.IndexFormatTooOldException
                 | org.apache.lucene.index.IndexFormatTooNewException e) {
            // The index is only a copy of the database: start it again, empty, and let the rebuild fill it.
            log.warn("The search index {} cannot be read ({}); starting it again", dir.toAbsolutePath(), e.getMessage());
            openEmpty(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index " + dir.toAbsolutePath(), e);
        }
        Duration every = properties.search().commitInterval();
        committer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "search-index-commit");
            t.setDaemon(true);
            return t;
        });
        committer.scheduleWithFixedDelay(this::commitIfDirty, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void openEmpty(Path dir) {
        try {
            // The directory holds only index files (its own, by configuration): remove them all.
            try (var files = Files.list(dir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Files.delete(f);
                }
            }
            IndexWriter w = new IndexWriter(FSDirectory.open(dir), new IndexWriterConfig(ANALYZER)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE).setCommitOnClose(true));
            searchers = new SearcherManager(w, null);
            writer = w;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the search index again in " + dir.toAbsolutePath(), e);
        }
    }

    /** Rebuilds the index when it does not match the database; true when it did. */
    public boolean rebuildIfStale() {
        open();
        if (isFresh()) {
            return false;
        }
        rebuild();
        return true;
    }

    /** Whether the index holds the layout of this version and as many members, as recent, as the table. */
    public boolean isFresh() {
        open();
        try {
            Map<String, String> data = writer.getLiveCommitData() == null ? Map.of() : toMap(writer.getLiveCommitData());
            if (!LAYOUT.equals(data.get(LAYOUT_KEY))) {
                return false;
            }
        } catch (RuntimeException e) {
            return false;
        }
        SearchRepository.Fingerprint db = repository.fingerprint();
        return db.equals(withSearcher(PeopleIndex::fingerprintOf));
    }

    /** Replaces the whole index with what the database holds now; returns how many members it indexed. */
    public long rebuild() {
        open();
        long started = System.nanoTime();
        long[] count = {0};
        rebuildLock.writeLock().lock();
        try {
            writer.deleteAll();
            repository.forEach(BATCH, batch -> {
                List<Document> docs = new ArrayList<>(batch.size());
                for (PersonDocument p : batch) {
                    docs.add(document(p));
                }
                try {
                    writer.addDocuments(docs);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                count[0] += batch.size();
            });
            commit();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rebuild the search index", e);
        } finally {
            rebuildLock.writeLock().unlock();
        }
        log.info("Search index rebuilt: {} members in {} ms", count[0], (System.nanoTime() - started) / 1_000_000);
        return count[0];
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ProfileChanged event) {
        reconcileQuietly(event.memberId());
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(MemberSignedUp event) {
        reconcileQuietly(event.memberId());
    }

    /**
     * After a commit the change stands whatever the index does: a failure here is logged, not
     * thrown at the member, and the next start-up finds the index stale and rebuilds it.
     */
    private void reconcileQuietly(long memberId) {
        try {
            reconcile(memberId);
        } catch (RuntimeException e) {
            log.error("The search index could not take member {}'s change; it is rebuilt at the next start-up", memberId, e);
        }
    }

    /** Makes the member's document equal to the committed rows: replaced, added or deleted. */
    public void reconcile(long memberId) {
        if (writer == null) {
            return; // a one-shot command that does not search; the next start-up sees the index is stale
        }
        if (building) {
            // Do not hold the member's request for the length of a rebuild: note the change and
            // apply it once the rebuild ends (it may have read this member before the change).
            changedDuringBuild.add(memberId);
            if (building) {
                return;
            }
            changedDuringBuild.remove(memberId);
        }
        rebuildLock.readLock().lock();
        ReentrantLock stripe = stripes[(int) Math.floorMod(memberId, (long) STRIPES)];
        stripe.lock();
        try {
            Term id = new Term(ID, Long.toString(memberId));
            var found = repository.find(memberId);
            if (found.isPresent()) {
                writer.updateDocument(id, document(found.get()));
            } else {
                writer.deleteDocuments(id);
            }
            dirty.set(true);
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update the search index for member " + memberId, e);
        } finally {
            stripe.unlock();
            rebuildLock.readLock().unlock();
        }
    }

    /** Runs {@code f} on a current searcher, released afterwards. */
    <T> T withSearcher(Function<IndexSearcher, T> f) {
        open();
        IndexSearcher searcher;
        try {
            searcher = searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return f.apply(searcher);
        } finally {
            try {
                searchers.release(searcher);
            } catch (IOException e) {
                log.warn("could not release a searcher", e);
            }
        }
    }

    private void commitIfDirty() {
        if (dirty.getAndSet(false)) {
            try {
                commit();
            } catch (IOException | RuntimeException e) {
                dirty.set(true);
                log.warn("could not commit the search index; will retry", e);
            }
        }
    }

    /** Notes that every search change logged before {@code epochMillis} has been applied (see SearchChangeFollower). */
    void appliedThrough(long epochMillis) {
        appliedThrough = epochMillis;
        dirty.set(true);
    }

    /** When the index last knew itself to be up to date with the change log; -1 if never. */
    long committedAppliedThrough() {
        open();
        try {
            Map<String, String> data = writer.getLiveCommitData() == null ? Map.of() : toMap(writer.getLiveCommitData());
            return Long.parseLong(data.getOrDefault(APPLIED_KEY, "-1"));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private void commit() throws IOException {
        Map<String, String> data = new java.util.HashMap<>();
        data.put(LAYOUT_KEY, LAYOUT);
        if (appliedThrough >= 0) {
            data.put(APPLIED_KEY, Long.toString(appliedThrough));
        }
        writer.setLiveCommitData(data.entrySet());
        writer.commit();
    }

    @Override
    public synchronized void destroy() throws IOException {
        if (writer == null) {
            return;
        }
        committer.shutdownNow();
        searchers.close();
        commit();
        writer.close();
        writer = null;
    }

    // ---------------------------------------------------------------- documents

    static Document document(PersonDocument p) {
        Document d = new Document();
        d.add(new StringField(ID, Long.toString(p.id()), Field.Store.NO));
        d.add(new NumericDocValuesField(MEMBER, p.id()));
        d.add(new LongPoint(MEMBER_POINT, p.id()));
        d.add(new NumericDocValuesField(LIMITED, p.limited() ? 1 : 0));
        d.add(new NumericDocValuesField(UPDATED, p.updatedAt()));
        d.add(new TextField(NAME, p.firstName() + " " + p.lastName(), Field.Store.NO));
        d.add(new TextField(HEADLINE, p.headline(), Field.Store.NO));
        d.add(new TextField(PLACE, p.location() + " \n " + p.industry(), Field.Store.NO));
        keyAndFacet(d, KEY_LOCATION, FACET_LOCATION, p.location());
        keyAndFacet(d, KEY_INDUSTRY, FACET_INDUSTRY, p.industry());
        for (String skill : p.skills()) {
            d.add(new TextField(SKILLS, skill, Field.Store.NO));
        }
        for (Position position : p.positions()) {
            d.add(new TextField(POSITIONS, position.company() + " \n " + position.title(), Field.Store.NO));
            if (position.current()) {
                keyAndFacet(d, KEY_CURRENT, FACET_CURRENT, position.company());
            } else {
                keyAndFacet(d, KEY_PAST, FACET_PAST, position.company());
            }
        }
        for (Education e : p.education()) {
            d.add(new TextField(SCHOOLS, e.school() + " \n " + e.degree(), Field.Store.NO));
            keyAndFacet(d, KEY_SCHOOL, FACET_SCHOOL, e.school());
        }
        return d;
    }

    private static void keyAndFacet(Document d, String keyField, String facetField, String value) {
        String key = Text.key(value);
        if (key.isEmpty()) {
            return;
        }
        for (String start : wordStarts(key)) {
            d.add(new StringField(keyField, start, Field.Store.NO));
        }
        d.add(new SortedSetDocValuesField(facetField, new BytesRef(Text.clean(value))));
    }

    /**
     * The key from each of its words on ("london, united kingdom", "united kingdom", "kingdom"):
     * a filter matches any of them by prefix, so "London", "United Kingdom" and "Lond" all find
     * "London, United Kingdom" and "Northwind" finds "Northwind Software" (layout 2).
     */
    static List<String> wordStarts(String key) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < key.length(); i++) {
            boolean wordChar = Character.isLetterOrDigit(key.charAt(i));
            if (wordChar && (i == 0 || !Character.isLetterOrDigit(key.charAt(i - 1)))) {
                out.add(key.substring(i));
            }
        }
        if (out.isEmpty()) {
            out.add(key);
        }
        return out;
    }

    /** The analysed tokens of a text, as the index has them. */
    static List<String> tokens(String field, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream stream = ANALYZER.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                out.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    // ---------------------------------------------------------------- reading

    /** Every document a query matches, with its member id, score and limited flag, in document order. */
    static final class Hits extends SimpleCollector {
        int size;
        int[] docs = new int[64];
        long[] members = new long[64];
        float[] scores = new float[64];
        boolean[] limited = new boolean[64];
        private int docBase;
        private NumericDocValues memberValues;
        private NumericDocValues limitedValues;
        private Scorable scorer;

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            docBase = context.docBase;
            memberValues = DocValues.getNumeric(context.reader(), MEMBER);
            limitedValues = DocValues.getNumeric(context.reader(), LIMITED);
        }

        @Override
        public void setScorer(Scorable scorer) {
            this.scorer = scorer;
        }

        @Override
        public void collect(int doc) throws IOException {
            if (size == docs.length) {
                int n = size * 2;
                docs = java.util.Arrays.copyOf(docs, n);
                members = java.util.Arrays.copyOf(members, n);
                scores = java.util.Arrays.copyOf(scores, n);
                limited = java.util.Arrays.copyOf(limited, n);
            }
            docs[size] = docBase + doc;
            members[size] = memberValues.advanceExact(doc) ? memberValues.longValue() : -1;
            limited[size] = limitedValues.advanceExact(doc) && limitedValues.longValue() == 1;
            scores[size] = scorer.score();
            size++;
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE;
        }
    }

    static Hits collect(IndexSearcher searcher, Query query) {
        Hits hits = new Hits();
        try {
            searcher.search(query, hits);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hits;
    }

    /**
     * The facet values of each of the given documents (global ids, ascending) in one field:
     * {@code sink.accept(i, value)} for the i-th document.
     */
    static void facetValues(IndexSearcher searcher, int[] docs, String field, java.util.function.ObjIntConsumer<String> sink) {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        int leafIndex = -1;
        SortedSetDocValues values = null;
        LeafReaderContext leaf = null;
        // Each distinct value is decoded once per segment: a facet over tens of thousands of matches
        // has a few thousand distinct values.
        java.util.Map<Long, String> decoded = new java.util.HashMap<>();
        try {
            for (int i = 0; i < docs.length; i++) {
                int doc = docs[i];
                int li = ReaderUtil.subIndex(doc, leaves);
                if (li != leafIndex) {
                    leafIndex = li;
                    leaf = leaves.get(li);
                    values = DocValues.getSortedSet(leaf.reader(), field);
                    decoded.clear();
                }
                if (values.advanceExact(doc - leaf.docBase)) {
                    for (int k = 0; k < values.docValueCount(); k++) {
                        long ord = values.nextOrd();
                        String value = decoded.get(ord);
                        if (value == null) {
                            value = values.lookupOrd(ord).utf8ToString();
                            decoded.put(ord, value);
                        }
                        sink.accept(value, i);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SearchRepository.Fingerprint fingerprintOf(IndexSearcher searcher) {
        long count = 0;
        long maxId = 0;
        long maxUpdated = 0;
        try {
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                var live = leaf.reader().getLiveDocs();
                NumericDocValues ids = DocValues.getNumeric(leaf.reader(), MEMBER);
                NumericDocValues updated = DocValues.getNumeric(leaf.reader(), UPDATED);
                for (int doc = ids.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = ids.nextDoc()) {
                    if (live != null && !live.get(doc)) {
                        continue;
                    }
                    count++;
                    maxId = Math.max(maxId, ids.longValue());
                    if (updated.advanceExact(doc)) {
                        maxUpdated = Math.max(maxUpdated, updated.longValue());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SearchRepository.Fingerprint(count, maxId, maxUpdated);
    }

    private static Map<String, String> toMap(Iterable<Map.Entry<String, String>> entries) {
        Map<String, String> map = new java.util.HashMap<>();
        for (Map.Entry<String, String> e : entries) {
            map.put(e.getKey(), e.getValue());
        }
        return map;
    }

    /** For tests: the directory the index lives in. */
    Path directory() {
        return properties.searchIndexDir();
    }
}
