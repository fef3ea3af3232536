package org.rapport.server.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;
import org.rapport.server.network.Degree;

/** The blended score and the year distance of colleagues and classmates, without a database. */
class PeopleSearchServiceTest {

    @Test
    void score_blendsRelevanceProximityAndMutualConnections() {
        assertThat(PeopleSearchService.score(1.0, Degree.OUT_OF_NETWORK, 0)).isCloseTo(1.0, offset(1e-9));
        assertThat(PeopleSearchService.score(1.0, Degree.FIRST, 0)).isCloseTo(1.3, offset(1e-9));
        assertThat(PeopleSearchService.score(0.5, Degree.SECOND, 5)).isCloseTo(0.75, offset(1e-9));
        assertThat(PeopleSearchService.score(0.5, Degree.SECOND, 500)).as("mutuals count up to 10")
                .isCloseTo(0.8, offset(1e-9));
        assertThat(PeopleSearchService.score(0, Degree.THIRD, 0)).isCloseTo(0.1, offset(1e-9));
        // a clearly better text match is not overturned by closeness
        assertThat(PeopleSearchService.score(1.0, Degree.OUT_OF_NETWORK, 0))
                .isGreaterThan(PeopleSearchService.score(0.5, Degree.FIRST, 10));
    }

    @Test
    void gap_isNegativeForLongOverlapsAndCountsYearsApart() {
        assertThat(PeopleSearchService.gap(place(2015, 2020), place(2016, 2018), 2026)).isEqualTo(-2);
        assertThat(PeopleSearchService.gap(place(2015, 2020), place(2020, 2022), 2026)).isZero();
        assertThat(PeopleSearchService.gap(place(2008, 2012), place(2014, 2016), 2026)).isEqualTo(2);
        assertThat(PeopleSearchService.gap(place(2020, null), place(2024, null), 2026)).isEqualTo(-2);
        assertThat(PeopleSearchService.gap(place(null, null), place(2024, null), 2026)).isEqualTo(1_000);
    }

    private static SearchRepository.Place place(Integer from, Integer to) {
        return new SearchRepository.Place(1, "acme", "Acme", from, to);
    }
}
