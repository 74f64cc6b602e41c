//! Unit tests of [`super::preprocess`]: each translated form, tags left alone in code, and
//! hostile input.

use super::*;

fn pre(body: &str) -> (String, Vec<LeftTag>) {
    let out = preprocess(body, Path::new("content/_posts/2011-01-02-b.md"));
    (out.text.into_owned(), out.left)
}

#[test]
fn text_without_tags_is_borrowed() {
    let out = preprocess("Teks {biasa} `{x}`", Path::new("content/a.md"));
    assert!(matches!(out.text, Cow::Borrowed(_)));
}

#[test]
fn highlight_becomes_a_fenced_code_block() {
    let (text, left) = pre(
        "Sebelum\n{% highlight ruby linenos %}\n# komentar\nputs 1\n{%- endhighlight -%}\nSesudah\n",
    );
    assert_eq!(text, "Sebelum\n```ruby\n# komentar\nputs 1\n```\nSesudah\n");
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn highlight_holding_backticks_gets_a_longer_fence() {
    let (text, _) = pre("{% highlight md %}\n```\nx\n```\n{% endhighlight %}\n");
    assert_eq!(text, "````md\n```\nx\n```\n````\n");
}

#[test]
fn highlight_in_a_list_keeps_its_indent() {
    let (text, _) = pre("- a\n\n    {% highlight sh %}\n    ls\n    {% endhighlight %}\n");
    assert_eq!(text, "- a\n\n    ```sh\n    ls\n    ```\n");
}

#[test]
fn raw_keeps_its_text_literally() {
    let (text, left) = pre("{% raw %}{{ page.title }} {% if x %}{% endraw %} lalu");
    assert_eq!(text, "{{ page.title }} {% if x %} lalu");
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn site_addresses_become_site_links() {
    let (text, left) = pre(
        "[a]({{ site.baseurl }}/2010/a.html) ![b]({{site.url}}/img/b.png) <img src=\"{{ site.baseurl }}/c.png\"> [home]({{ site.baseurl }}) [d]({{ '/d.pdf' | relative_url }})\n",
    );
    assert_eq!(
        text,
        "[a](@/2010/a.html) ![b](@/img/b.png) <img src=\"@/c.png\"> [home](@/) [d](@/d.pdf)\n"
    );
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn site_address_in_prose_is_left_and_reported() {
    let (text, left) = pre("Kunjungi {{ site.url }} sekarang");
    assert_eq!(text, "Kunjungi {{ site.url }} sekarang");
    assert_eq!(left.len(), 1);
}

#[test]
fn post_url_and_link_name_the_source_file() {
    let (text, _) = pre("[a]({% post_url 2010-07-21-nama %}) [b]({% link about.md %})");
    assert_eq!(text, "[a](@/_posts/2010-07-21-nama.md) [b](@/about.md)");
    let out = preprocess(
        "{% post_url 2010-07-21-x %}",
        Path::new("content/blog/a.markdown"),
    );
    assert_eq!(out.text, "@/blog/2010-07-21-x.markdown");
}

#[test]
fn hugo_refs_name_the_source_file() {
    let out = preprocess(
        "[a]({{< ref \"/posts/a.md\" >}}) [b]({{< relref \"b\" >}}) [c]({{% ref path=\"c.md#bagian\" %}}) [d]({{< ref \"#atas\" >}})",
        Path::new("content/posts/x/index.md"),
    );
    assert_eq!(
        out.text,
        "[a](@/posts/a.md) [b](@/posts/x/b.md) [c](@/posts/x/c.md#bagian) [d](#atas)"
    );
    assert!(out.left.is_empty(), "{:?}", out.left);
}

#[test]
fn figure_becomes_html_with_escaped_values() {
    let (text, _) = pre(
        "{{< figure src=\"/img/a.png\" caption=\"Peta <b>\\\"baru\\\"</b>\" class=\"lebar\" link=\"https://e.org\" >}}\n",
    );
    assert_eq!(
        text,
        "<figure class=\"lebar\"><a href=\"https://e.org\"><img src=\"@/img/a.png\" alt=\"Peta &lt;b&gt;&quot;baru&quot;&lt;/b&gt;\"></a><figcaption>Peta &lt;b&gt;&quot;baru&quot;&lt;/b&gt;</figcaption></figure>\n"
    );
}

#[test]
fn other_tags_stay_as_text_and_are_reported_at_their_line() {
    let (text, left) =
        pre("a\n\n{% include note.html %}\nb {{< youtube abc >}} {{ page.title }}\n");
    assert_eq!(
        text,
        "a\n\n{% include note.html %}\nb {{< youtube abc >}} {{ page.title }}\n"
    );
    let found: Vec<(usize, &str)> = left.iter().map(|l| (l.line, l.tag.as_str())).collect();
    assert_eq!(
        found,
        [
            (3, "{% include note.html %}"),
            (4, "{{< youtube abc >}}"),
            (4, "{{ page.title }}")
        ]
    );
}

#[test]
fn tags_in_code_are_untouched() {
    let body = "`{{ site.url }}` ``a ` {% include x %}``\n\n```liquid\n{% include x %}\n{% highlight r %}\n```\n\n~~~~\n{{< ref \"a\" >}}\n~~~~\n";
    let (text, left) = pre(body);
    assert_eq!(text, body);
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn raw_markers_in_code_are_dropped_as_jekyll_drops_them() {
    let (text, left) = pre(
        "Tulis `{% raw %}{% include x %}{%- endraw -%}`.\n\n```\n{% raw %}\n{{ a }} {% rawish %}\n{% endraw %}\n```\n",
    );
    assert_eq!(
        text,
        "Tulis `{% include x %}`.\n\n```\n\n{{ a }} {% rawish %}\n\n```\n"
    );
    assert!(left.is_empty(), "{left:?}");
    let (text, _) = pre("`{% raw %}{% raw %}{% endraw %}` dan `{% raw %}{{ x }}{% endraw %}`");
    assert_eq!(text, "`{% raw %}` dan `{{ x }}`");
}

#[test]
fn unclosed_tags_are_left_as_text() {
    let body = "{% highlight ruby %}\nputs 1\n\n{% raw %} x {{ a\n{% if\n";
    let (text, left) = pre(body);
    assert_eq!(text, body);
    let reasons: Vec<&str> = left.iter().map(|l| l.reason).collect();
    assert_eq!(
        reasons,
        [
            "a block tag without its end tag",
            "a block tag without its end tag"
        ]
    );
}

#[test]
fn nested_highlight_takes_the_first_end() {
    let (text, _) =
        pre("{% highlight a %}\n{% highlight b %}\nx\n{% endhighlight %}\n{% endhighlight %}\n");
    assert_eq!(
        text,
        "```a\n{% highlight b %}\nx\n```\n{% endhighlight %}\n"
    );
}

#[test]
fn hostile_input_stays_linear() {
    let n = 200_000;
    let cases = [
        "{%".repeat(n),
        "{{".repeat(n),
        "{{<".repeat(n),
        "` `` ``` {% x".repeat(n / 10),
        "{% highlight x %}\n".repeat(n / 10),
        "{% raw %}".repeat(n / 10),
        format!("{}{}", "`".repeat(n), "{% x %}"),
        format!("`{}raw`", "{%".repeat(n)),
        format!("```\n{}raw %}}\n", "{% ".repeat(n)),
    ];
    let start = std::time::Instant::now();
    for body in &cases {
        let out = preprocess(body, Path::new("content/a.md"));
        assert!(out.text.len() >= body.len() / 2);
    }
    assert!(start.elapsed().as_secs() < 5, "{:?}", start.elapsed());
}

#[test]
fn site_values_come_from_the_extra_table_and_others_stay_named() {
    let mut extra = toml::Table::new();
    extra.insert(
        "repository".into(),
        toml::Value::String("kantor/arsip".into()),
    );
    extra.insert("tahun".into(), toml::Value::Integer(2016));
    extra.insert("daftar".into(), toml::Value::Array(Vec::new()));
    let body = "[isu](https://git.example/{{ site.repository }}/issues/1) sejak {{site.tahun}}, {{ site.daftar }} {{ site.judul }}\n";
    let out = preprocess_with(body, Path::new("content/a.md"), &extra);
    assert_eq!(
        out.text,
        "[isu](https://git.example/kantor/arsip/issues/1) sejak 2016, {{ site.daftar }} {{ site.judul }}\n"
    );
    let left: Vec<&str> = out.left.iter().map(|l| l.tag.as_str()).collect();
    assert_eq!(left, ["{{ site.daftar }}", "{{ site.judul }}"]);
}
