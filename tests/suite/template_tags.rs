//! Liquid tags and Hugo shortcodes in Markdown through the real binary (issue 17): the build
//! translates the ones it knows and `check` names every other one with its file and line.

use crate::harness::Site;

const POST: &str = "---\ntitle: Catatan Ruby\ndate: 2016-03-01\n---\nKode:\n\n{% highlight ruby linenos %}\n# bukan judul\nputs 1\n{% endhighlight %}\n\nLihat [kabar lain]({% post_url 2016-03-02-lain %}) dan ![peta]({{ site.baseurl }}/peta.png).\n\n{% include iklan.html %}\n\n`{% include dalam-kode.html %}`\n";

const OTHER: &str = "---\ntitle: Kabar Lain\ndate: 2016-03-02\n---\n{{< figure src=\"/peta.png\" caption=\"Peta\" >}}\n";

fn site() -> Site {
    let site = Site::from_fixture("basic");
    site.write("content/_posts/2016-03-01-ruby.md", POST);
    site.write("content/_posts/2016-03-02-lain.md", OTHER);
    site.write("static/peta.png", "png");
    site
}

#[test]
fn known_template_tags_are_translated_in_the_page() {
    let site = site();
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page =
        std::fs::read_to_string(site.public().join("2016/03/01/ruby/index.html")).expect("page");
    // A fenced block now, highlighted: the `#` comment is code, not a heading.
    assert!(
        page.contains("<pre class=\"highlight\"><code class=\"language-ruby\">"),
        "{page}"
    );
    assert!(
        page.contains("<span class=\"hl-comment hl-line hl-number-sign hl-ruby\"><span class=\"hl-punctuation hl-definition hl-comment hl-ruby\">#</span> bukan judul\n"),
        "{page}"
    );
    assert!(!page.contains("<h1 id=\"bukan-judul\""), "{page}");
    assert!(
        page.contains("<a href=\"../../../../2016/03/02/lain/\">kabar lain</a>"),
        "{page}"
    );
    assert!(
        page.contains("<img src=\"../../../../peta.png\" alt=\"peta\" />"),
        "{page}"
    );
    assert!(page.contains("{% include iklan.html %}"), "{page}");
    let other =
        std::fs::read_to_string(site.public().join("2016/03/02/lain/index.html")).expect("page");
    assert!(
        other.contains("<figure><img src=\"../../../../peta.png\" alt=\"Peta\"><figcaption>Peta</figcaption></figure>"),
        "{other}"
    );
}

#[test]
fn check_names_each_template_tag_left_as_text() {
    let site = site();
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "content/_posts/2016-03-01-ruby.md:14:1: warning: `{% include iklan.html %}` is a template tag arsip does not run: it is shown as text\n",
    );
}
