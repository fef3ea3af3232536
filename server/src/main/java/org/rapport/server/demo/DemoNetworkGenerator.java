package org.rapport.server.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.rapport.server.member.Education;
import org.rapport.server.member.Position;
import org.rapport.server.system.Text;

/**
 * Generates a professional community from a seed: people with careers (companies and titles with
 * years), studies, skills, interests and a home city, connected the way professional networks
 * grow: colleagues who overlapped at a company, classmates of nearby years, people in the same
 * city, a few well-connected hubs (preferential attachment gives the heavy tail real networks
 * show), and some random acquaintances. Same seed, same network. No database: see
 * {@link DemoNetworkLoader}.
 */
public final class DemoNetworkGenerator {

    /** A generated person. {@code index} 0 is the demo sign-in member. */
    public record Person(int index, String firstName, String lastName, String email, String headline,
                         String location, String industry, List<Position> positions, List<Education> education,
                         List<String> skills, List<String> interests, Instant joinedAt) {
    }

    /** A connection (or, for invitations, sender → recipient; for views, viewer → viewed) made at a time. */
    public record Link(int from, int to, Instant at, String note) {
    }

    public record Network(List<Person> people, List<Link> connections, List<Link> invitations, List<Link> views,
                          List<Link> updates) {
    }

    private record Industry(String name, List<String> companies, List<String> titles, List<String> skills) {
    }

    /** First names of generated people; also used to name the members of a SNAP import. */
    public static final List<String> FIRST = List.of(
            "Ada", "Ahmed", "Aiko", "Alejandro", "Amara", "Amelia", "Anders", "Ana", "Arjun", "Astrid",
            "Ben", "Bianca", "Carlos", "Chen", "Chloé", "Dara", "David", "Diego", "Elena", "Emeka",
            "Emma", "Farah", "Fatima", "Felix", "Gabriel", "Grace", "Hannah", "Hiro", "Ibrahim", "Ines",
            "Isaac", "Ivana", "Jack", "Jamal", "Jana", "Javier", "Jin", "Joanna", "Jonas", "José",
            "Julia", "Kai", "Kamala", "Karin", "Kofi", "Lara", "Leila", "Leo", "Lina", "Lucas",
            "Luis", "Maja", "Malik", "Maria", "Mariam", "Mateo", "Maya", "Mei", "Mohammed", "Nadia",
            "Naomi", "Nikhil", "Nina", "Noah", "Nora", "Olga", "Omar", "Oscar", "Paolo", "Priya",
            "Rafael", "Rahul", "Rania", "Rosa", "Ruth", "Sakura", "Samuel", "Sara", "Sebastian", "Sofia",
            "Sven", "Tariq", "Thomas", "Tomás", "Valentina", "Victor", "Wei", "Yara", "Yusuf", "Zoë");
    /** Last names of generated people; also used to name the members of a SNAP import. */
    public static final List<String> LAST = List.of(
            "Abara", "Andersson", "Bakker", "Banerjee", "Becker", "Bianchi", "Brown", "Castillo", "Chen",
            "Cohen", "Costa", "Dubois", "Eriksen", "Fernández", "Fischer", "Garcia", "Gonzalez", "Gupta",
            "Haddad", "Hansen", "Hoffmann", "Huang", "Ivanova", "Jansen", "Johnson", "Kaur", "Kim",
            "Kowalski", "Kumar", "Larsen", "Lee", "Lindqvist", "Lopez", "Mbeki", "Meyer", "Moreau",
            "Müller", "Nakamura", "Nguyen", "Novak", "Okafor", "Olsen", "O'Brien", "Patel", "Pereira",
            "Petrov", "Popescu", "Qureshi", "Rahman", "Ramirez", "Rossi", "Santos", "Sato", "Schmidt",
            "Silva", "Singh", "Smith", "Sokolova", "Suzuki", "Tanaka", "Taylor", "Thompson", "Wagner",
            "Wang", "Williams", "Wójcik", "Yamamoto", "Yilmaz", "Zhang", "Zimmermann");
    private static final List<String> CITIES = List.of(
            "Amsterdam, Netherlands", "Berlin, Germany", "London, United Kingdom", "Paris, France",
            "Madrid, Spain", "Stockholm, Sweden", "Warsaw, Poland", "Lisbon, Portugal", "Dublin, Ireland",
            "Zurich, Switzerland", "New York, United States", "San Francisco, United States",
            "Toronto, Canada", "São Paulo, Brazil", "Lagos, Nigeria", "Nairobi, Kenya",
            "Bangalore, India", "Singapore", "Tokyo, Japan", "Sydney, Australia");
    private static final List<String> SCHOOLS = List.of(
            "Northbridge University", "Lakeside Institute of Technology", "St. Aldric College",
            "University of Eastmoor", "Harborview School of Business", "Kingsford Polytechnic",
            "Westhaven University", "Riverside College of Design", "Alder Valley University",
            "Meridian School of Economics", "Greyfield Technical University", "Solway University",
            "Brightwater Academy", "Copperleaf University", "Ashcombe Medical School",
            "Fairmont Institute", "Stonegate University", "Ironwood College", "Bluehaven University",
            "Thornbury Law School");
    private static final List<String> DEGREES = List.of(
            "BSc Computer Science", "BA Economics", "MBA", "MSc Data Science", "BEng Mechanical Engineering",
            "BA Communication", "MSc Finance", "BSc Biology", "MA Design", "LLB Law", "MD Medicine",
            "BSc Physics", "MSc Supply Chain Management", "BA Psychology");
    private static final List<String> INTERESTS = List.of(
            "Open source", "Sustainability", "Mentoring", "Public speaking", "Photography", "Running",
            "Chess", "Climate tech", "Product design", "Behavioural economics", "Cycling", "Jazz",
            "Urban planning", "Machine learning", "Entrepreneurship", "Diversity in tech", "Hiking",
            "Cooking", "Writing", "Board games", "Education reform", "Remote work", "Sailing", "History");
    private static final List<Industry> INDUSTRIES = List.of(
            new Industry("Software Development",
                    List.of("Northwind Software", "Bluepeak Labs", "Quillstack", "Tessellate", "Orbitware", "Kestrel Systems"),
                    List.of("Junior Developer", "Software Engineer", "Senior Software Engineer", "Staff Engineer", "Engineering Manager", "CTO"),
                    List.of("Java", "Kotlin", "TypeScript", "PostgreSQL", "Distributed systems", "Kubernetes", "System design", "Go")),
            new Industry("Financial Services",
                    List.of("Harbor Lane Capital", "Ledgerwise", "Granite Bank", "Aurum Partners", "Finch Payments"),
                    List.of("Analyst", "Associate", "Senior Analyst", "Vice President", "Director", "Managing Director"),
                    List.of("Financial modelling", "Risk management", "Excel", "Valuation", "Compliance", "Payments", "Python")),
            new Industry("Hospital & Health Care",
                    List.of("Mercy Vale Health", "Clearwater Clinics", "Helix Care", "Evergreen Hospital"),
                    List.of("Resident", "Nurse", "Physician", "Senior Physician", "Head of Department", "Medical Director"),
                    List.of("Patient care", "Clinical research", "Cardiology", "Healthcare management", "Epidemiology")),
            new Industry("Higher Education",
                    List.of("Northbridge University", "Westhaven University", "Open Learning Trust"),
                    List.of("Research Assistant", "Lecturer", "Senior Lecturer", "Associate Professor", "Professor", "Dean"),
                    List.of("Teaching", "Research", "Curriculum design", "Grant writing", "Statistics")),
            new Industry("Industrial Manufacturing",
                    List.of("Forgeline Industries", "Atlas Components", "Corvid Motors", "Steelbrook"),
                    List.of("Process Engineer", "Production Engineer", "Quality Manager", "Plant Manager", "Operations Director"),
                    List.of("Lean manufacturing", "Six Sigma", "CAD", "Supply chain", "Quality assurance")),
            new Industry("Retail",
                    List.of("Marigold Stores", "Cartwheel", "Juniper & Co", "Pebble Market"),
                    List.of("Store Associate", "Buyer", "Category Manager", "Head of E-commerce", "Retail Director"),
                    List.of("Merchandising", "E-commerce", "Customer experience", "Negotiation", "Pricing")),
            new Industry("Management Consulting",
                    List.of("Crestmoor Consulting", "Parallax Advisory", "Sterling & Wade"),
                    List.of("Business Analyst", "Consultant", "Senior Consultant", "Manager", "Principal", "Partner"),
                    List.of("Strategy", "Change management", "Stakeholder management", "Market research", "PowerPoint")),
            new Industry("Media Production",
                    List.of("Lanternfish Media", "Bright Reel Studios", "Signal & Noise"),
                    List.of("Production Assistant", "Editor", "Producer", "Senior Producer", "Head of Content"),
                    List.of("Storytelling", "Video editing", "Copywriting", "Social media", "Journalism")),
            new Industry("Renewable Energy",
                    List.of("Sunfield Energy", "Tidewater Power", "Gridline Renewables"),
                    List.of("Field Engineer", "Project Engineer", "Project Manager", "Head of Projects", "COO"),
                    List.of("Solar", "Wind energy", "Energy storage", "Project management", "Grid integration")),
            new Industry("Logistics & Supply Chain",
                    List.of("Waypoint Freight", "Mosaic Logistics", "Anchor Line Shipping"),
                    List.of("Coordinator", "Planner", "Logistics Manager", "Head of Operations", "VP Supply Chain"),
                    List.of("Logistics", "Forecasting", "SAP", "Procurement", "Warehouse management")),
            new Industry("Government Administration",
                    List.of("City of Eastmoor", "National Digital Service", "Regional Transport Authority"),
                    List.of("Policy Officer", "Senior Policy Officer", "Programme Manager", "Head of Unit", "Director General"),
                    List.of("Public policy", "Procurement", "Programme management", "Regulation", "Service design")),
            new Industry("Biotechnology",
                    List.of("Helixa Bio", "Verdant Therapeutics", "Cellforge"),
                    List.of("Lab Technician", "Scientist", "Senior Scientist", "Principal Scientist", "Head of R&D"),
                    List.of("Molecular biology", "CRISPR", "Bioinformatics", "Drug discovery", "Clinical trials")));

    private final Random random;
    private final Instant now;
    private final int currentYear;

    public DemoNetworkGenerator(long seed, Instant now) {
        this.random = new Random(seed);
        this.now = now;
        this.currentYear = Year.from(now.atZone(ZoneOffset.UTC)).getValue();
    }

    public Network generate(int size) {
        if (size < 10) {
            throw new IllegalArgumentException("a demo network needs at least 10 members, not " + size);
        }
        List<Person> people = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            people.add(person(i));
        }
        Set<Long> edges = new HashSet<>();
        List<Link> links = new ArrayList<>();
        int[] degree = new int[size];
        List<Integer> endpoints = new ArrayList<>();

        // Colleagues who overlapped at a company.
        Map<String, List<int[]>> stints = new HashMap<>();
        for (Person p : people) {
            for (Position pos : p.positions()) {
                stints.computeIfAbsent(pos.company(), k -> new ArrayList<>())
                        .add(new int[] {p.index(), pos.from(), pos.to() == null ? currentYear : pos.to()});
            }
        }
        for (List<int[]> cohort : stints.values()) {
            for (int[] s : cohort) {
                for (int k = 0; k < 5; k++) {
                    int[] t = cohort.get(random.nextInt(cohort.size()));
                    if (t[0] != s[0] && t[1] <= s[2] && s[1] <= t[2]) {
                        link(s[0], t[0], people, edges, links, degree, endpoints);
                    }
                }
            }
        }
        // Classmates of nearby years.
        Map<String, List<int[]>> classes = new HashMap<>();
        for (Person p : people) {
            for (Education e : p.education()) {
                classes.computeIfAbsent(e.school(), k -> new ArrayList<>()).add(new int[] {p.index(), e.to()});
            }
        }
        for (List<int[]> cohort : classes.values()) {
            for (int[] s : cohort) {
                for (int k = 0; k < 6; k++) {
                    int[] t = cohort.get(random.nextInt(cohort.size()));
                    if (t[0] != s[0] && Math.abs(t[1] - s[1]) <= 2) {
                        link(s[0], t[0], people, edges, links, degree, endpoints);
                    }
                }
            }
        }
        // Neighbours in the same city.
        Map<String, List<Integer>> cities = new HashMap<>();
        for (Person p : people) {
            cities.computeIfAbsent(p.location(), k -> new ArrayList<>()).add(p.index());
        }
        for (Person p : people) {
            List<Integer> city = cities.get(p.location());
            for (int k = 0; k < 2; k++) {
                link(p.index(), city.get(random.nextInt(city.size())), people, edges, links, degree, endpoints);
            }
        }
        // Preferential attachment: well-connected people attract more connections.
        for (Person p : people) {
            for (int k = 0; k < 3 && !endpoints.isEmpty(); k++) {
                link(p.index(), endpoints.get(random.nextInt(endpoints.size())), people, edges, links, degree,
                        endpoints);
            }
        }
        // A few super-connectors (recruiters, community organisers) and some random acquaintances.
        for (int h = 0; h < Math.max(1, size / 150); h++) {
            int hub = 1 + random.nextInt(size - 1);
            int extra = 60 + random.nextInt(180);
            for (int k = 0; k < extra; k++) {
                link(hub, random.nextInt(size), people, edges, links, degree, endpoints);
            }
        }
        for (Person p : people) {
            if (random.nextInt(3) == 0) {
                link(p.index(), random.nextInt(size), people, edges, links, degree, endpoints);
            }
        }
        List<Link> invitations = invitationsFor(people, edges, links);
        return new Network(people, links, invitations, viewsFor(people, links), updatesFor(people));
    }

    private static final List<String> UPDATES = List.of(
            "Excited to share that I have started a new role as %s at %s!",
            "Three things I learned this quarter at %2$s: measure first, write it down, and ask for help early.",
            "We are hiring at %2$s. If you know someone great, send them my way.",
            "Great discussion today on where %3$s is heading. Slides are on our team page: https://example.com/talks",
            "Proud of the team at %2$s for shipping this week. Small steps, every week, add up.",
            "Looking for recommendations: what is the best book you read this year about %3$s?",
            "Celebrating five years in %3$s today. Thank you to everyone who helped along the way.",
            "Heading to the %3$s meetup next Thursday. Who else is going?");

    /** A few hundred updates over the last month, from about one member in eight, the demo member included. */
    private List<Link> updatesFor(List<Person> people) {
        List<Link> updates = new ArrayList<>();
        for (Person p : people) {
            if (p.index() != 0 && random.nextInt(8) != 0) {
                continue;
            }
            Position job = p.positions().isEmpty() ? null : p.positions().get(0);
            String title = job == null ? "consultant" : job.title();
            String company = job == null ? "my company" : job.company();
            String text = String.format(Locale.ENGLISH, pick(UPDATES), title, company, p.industry());
            Instant at = now.minus(Duration.ofMinutes(30 + random.nextInt(30 * 24 * 60)));
            updates.add(new Link(p.index(), p.index(), at, text));
        }
        return updates;
    }

    /**
     * Profile views over the last 90 days, shaped like browsing: a member opens the profile of
     * someone two steps away, then one to three profiles related to them (their colleagues or
     * connections), so People Also Viewed has real co-views to find. The demo member gets a steady
     * trickle of viewers.
     */
    private List<Link> viewsFor(List<Person> people, List<Link> links) {
        int size = people.size();
        List<List<Integer>> adjacency = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            adjacency.add(new ArrayList<>());
        }
        for (Link l : links) {
            adjacency.get(l.from()).add(l.to());
            adjacency.get(l.to()).add(l.from());
        }
        Map<String, List<Integer>> employers = new HashMap<>();
        for (Person p : people) {
            for (Position pos : p.positions()) {
                if (pos.to() == null) {
                    employers.computeIfAbsent(pos.company(), k -> new ArrayList<>()).add(p.index());
                }
            }
        }
        List<Link> views = new ArrayList<>();
        for (Person viewer : people) {
            List<Integer> friends = adjacency.get(viewer.index());
            int sessions = random.nextInt(4);
            for (int s = 0; s < sessions && !friends.isEmpty(); s++) {
                List<Integer> theirs = adjacency.get(friends.get(random.nextInt(friends.size())));
                int target = theirs.get(random.nextInt(theirs.size()));
                Instant at = now.minus(Duration.ofMinutes(5 + random.nextInt(90 * 24 * 60)));
                views.add(new Link(viewer.index(), target, at, null));
                Person t = people.get(target);
                List<Integer> related = t.positions().isEmpty() || t.positions().get(0).to() != null
                        ? adjacency.get(target)
                        : employers.getOrDefault(t.positions().get(0).company(), adjacency.get(target));
                for (int k = 1 + random.nextInt(3); k > 0 && !related.isEmpty(); k--) {
                    int next = related.get(random.nextInt(related.size()));
                    views.add(new Link(viewer.index(), next, at.plus(Duration.ofMinutes(k)), null));
                }
            }
        }
        for (int k = 0; k < 30; k++) {
            int viewer = 1 + random.nextInt(size - 1);
            views.add(new Link(viewer, 0, now.minus(Duration.ofMinutes(5 + random.nextInt(84 * 24 * 60))), null));
        }
        views.removeIf(v -> v.from() == v.to());
        return views;
    }

    /**
     * A few pending invitations to and from the demo member, from people two steps away (they share
     * connections, as real invitations mostly do).
     */
    private List<Link> invitationsFor(List<Person> people, Set<Long> edges, List<Link> links) {
        Set<Integer> friends = new HashSet<>();
        for (Link l : links) {
            if (l.from() == 0) {
                friends.add(l.to());
            } else if (l.to() == 0) {
                friends.add(l.from());
            }
        }
        List<Integer> secondDegree = new ArrayList<>();
        for (Link l : links) {
            if (friends.contains(l.from()) && l.to() != 0 && !friends.contains(l.to())) {
                secondDegree.add(l.to());
            } else if (friends.contains(l.to()) && l.from() != 0 && !friends.contains(l.from())) {
                secondDegree.add(l.from());
            }
        }
        List<String> notes = List.of(
                "Hi Alex, we met at the Amsterdam product meetup last month. Would be great to stay in touch!",
                "Hello! I saw your talk on distributed systems and would love to connect.",
                "We were both at Northbridge around the same time. Let's connect.",
                "");
        List<Link> invitations = new ArrayList<>();
        for (int tries = 0; tries < 1000 && invitations.size() < 6 && !secondDegree.isEmpty(); tries++) {
            int candidate = secondDegree.get(random.nextInt(secondDegree.size()));
            if (!edges.add(key(0, candidate))) {
                continue;
            }
            Instant at = now.minus(Duration.ofHours(2 + random.nextInt(24 * 20)));
            int made = invitations.size();
            if (made < 4) {
                String note = notes.get(made);
                invitations.add(new Link(candidate, 0, at, note.isEmpty() ? null : note));
            } else {
                invitations.add(new Link(0, candidate, at, null));
            }
        }
        return invitations;
    }

    private void link(int a, int b, List<Person> people, Set<Long> edges, List<Link> links, int[] degree,
                      List<Integer> endpoints) {
        if (a == b || !edges.add(key(a, b))) {
            return;
        }
        Instant later = people.get(a).joinedAt().isAfter(people.get(b).joinedAt())
                ? people.get(a).joinedAt() : people.get(b).joinedAt();
        long span = Math.max(1, Duration.between(later, now).toMinutes());
        Instant at = later.plus(Duration.ofMinutes((long) (span * Math.pow(random.nextDouble(), 0.7))));
        links.add(new Link(a, b, at, null));
        degree[a]++;
        degree[b]++;
        endpoints.add(a);
        endpoints.add(b);
    }

    private static long key(int a, int b) {
        return ((long) Math.min(a, b) << 32) | Math.max(a, b);
    }

    private Person person(int index) {
        String first = index == 0 ? "Alex" : pick(FIRST);
        String last = index == 0 ? "Morgan" : pick(LAST);
        Industry industry = index == 0 ? INDUSTRIES.get(0) : pick(INDUSTRIES);
        String city = index == 0 ? "Amsterdam, Netherlands" : weightedCity();
        int graduated = index == 0 ? currentYear - 12 : currentYear - 1 - random.nextInt(36);
        List<Education> education = new ArrayList<>();
        String school = index == 0 ? "Northbridge University" : pick(SCHOOLS);
        education.add(new Education(school, pick(DEGREES), graduated - 3 - random.nextInt(2), graduated));
        if (random.nextInt(10) < 3) {
            education.add(new Education(pick(SCHOOLS), "MSc " + pick(List.of("Management", "Engineering",
                    "Data Science", "Public Policy", "Finance")), graduated + 1, graduated + 2));
        }
        List<Position> positions = new ArrayList<>();
        int year = graduated + (education.size() > 1 ? 2 : 0);
        int level = 0;
        while (year <= currentYear && positions.size() < 5) {
            Industry at = random.nextInt(10) < 8 ? industry : pick(INDUSTRIES);
            String company = pick(at.companies());
            int length = 1 + random.nextInt(6);
            int end = year + length;
            String title = at.titles().get(Math.min(level, at.titles().size() - 1));
            if (end >= currentYear || positions.size() == 4) {
                positions.add(0, new Position(company, title, year, null));
                break;
            }
            positions.add(0, new Position(company, title, year, end));
            year = end;
            level += random.nextInt(10) < 6 ? 1 : 0;
        }
        if (positions.isEmpty()) {
            positions.add(new Position(pick(industry.companies()), industry.titles().get(0), currentYear, null));
        }
        Position current = positions.get(0);
        String headline = current.to() == null
                ? current.title() + " at " + current.company()
                : "Open to opportunities · " + industry.name();
        List<String> skills = sample(industry.skills(), 3 + random.nextInt(4));
        List<String> interests = sample(INTERESTS, 2 + random.nextInt(3));
        Instant joined = now.minus(Duration.ofDays(30 + random.nextInt(4 * 365)));
        String email = index == 0 ? "demo@rapport.test"
                : (ascii(first) + "." + ascii(last) + "." + index + "@demo.rapport.test");
        return new Person(index, first, last, email, headline, city, industry.name(), positions, education, skills,
                interests, joined);
    }

    private String weightedCity() {
        // The first cities are the community's centres: half of everyone lives in the first five.
        return random.nextBoolean() ? CITIES.get(random.nextInt(5)) : pick(CITIES);
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private List<String> sample(List<String> from, int n) {
        List<String> copy = new ArrayList<>(from);
        List<String> out = new ArrayList<>();
        while (out.size() < n && !copy.isEmpty()) {
            out.add(copy.remove(random.nextInt(copy.size())));
        }
        return out;
    }

    private static String ascii(String name) {
        return Text.key(name).replaceAll("[^a-z]", "").toLowerCase(Locale.ROOT);
    }
}
