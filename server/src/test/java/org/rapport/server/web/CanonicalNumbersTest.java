package org.rapport.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.TypeMismatchException;
import org.springframework.web.bind.WebDataBinder;

class CanonicalNumbersTest {

    @Test
    void onlyCanonicalAsciiDigitsBindToLongAndInt() {
        WebDataBinder binder = new WebDataBinder(null);
        new CanonicalNumbers().canonicalWholeNumbers(binder);
        assertThat(binder.convertIfNecessary("12", long.class)).isEqualTo(12L);
        assertThat(binder.convertIfNecessary("-1", Long.class)).isEqualTo(-1L);
        assertThat(binder.convertIfNecessary("0", int.class)).isZero();
        assertThat(binder.convertIfNecessary("", Long.class)).isNull();
        for (String bad : new String[] {"\u0661\u0662", "\uff11\uff12", "+12", "0012", "0x10", " 12", "12 ", "1e3", "#12"}) {
            assertThatThrownBy(() -> binder.convertIfNecessary(bad, long.class)).as(bad).isInstanceOf(TypeMismatchException.class);
            assertThatThrownBy(() -> binder.convertIfNecessary(bad, Integer.class)).as(bad).isInstanceOf(TypeMismatchException.class);
        }
    }
}
