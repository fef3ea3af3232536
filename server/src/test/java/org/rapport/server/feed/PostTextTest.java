package org.rapport.server.feed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostTextTest {

    @Test
    void escapesEveryMarkupCharacter() {
        assertThat(PostText.html("<script>alert('x')</script> & \"quotes\""))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;");
    }

    @Test
    void linksHttpAndHttpsAddressesAndLeavesTrailingPunctuationOut() {
        assertThat(PostText.html("Read https://example.com/a?b=1&c=2. Then (http://x.org/y)!"))
                .isEqualTo("Read <a href=\"https://example.com/a?b=1&amp;c=2\" rel=\"nofollow noopener noreferrer ugc\">"
                        + "https://example.com/a?b=1&amp;c=2</a>. Then (<a href=\"http://x.org/y\" "
                        + "rel=\"nofollow noopener noreferrer ugc\">http://x.org/y</a>)!");
    }

    @Test
    void neverLinksOtherSchemesOrBreaksOutOfTheAttribute() {
        assertThat(PostText.html("javascript:alert(1) data:text/html,x")).doesNotContain("<a");
        String html = PostText.html("https://evil.example/\"onmouseover=\"alert(1)");
        assertThat(html).startsWith("<a href=\"https://evil.example/\" ");
        assertThat(html).contains("&quot;onmouseover=&quot;alert(1)");
        assertThat(PostText.html("https://")).isEqualTo("https://");
    }

    @Test
    void keepsLineBreaks() {
        assertThat(PostText.html("one\r\ntwo\nthree")).isEqualTo("one<br>two<br>three");
    }
}
