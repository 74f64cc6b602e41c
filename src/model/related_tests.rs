//! Related articles: shared tags first, then headline words, newest first among ties.

use super::tests::{article, config};
use super::*;

fn site(articles: Vec<Article>) -> Site {
    let now = chrono::Utc::now();
    build_site(articles, &config(), now).0
}

fn titles_related_to(site: &Site, title: &str) -> Vec<String> {
    let i = site
        .articles
        .iter()
        .position(|e| e.article.title == title)
        .expect("article");
    site.related[i]
        .iter()
        .map(|j| site.articles[*j].article.title.clone())
        .collect()
}

#[test]
fn related_articles_rank_shared_tags_then_headline_words_then_newest() {
    let s = site(vec![
        article(
            "a.md",
            "Banjir rob di Jakarta",
            (2020, 1, 1, 9),
            &["banjir", "jakarta"],
        ),
        article("b.md", "Harga beras naik", (2020, 1, 2, 9), &["ekonomi"]),
        article(
            "c.md",
            "Banjir lagi di Jakarta",
            (2020, 1, 3, 9),
            &["banjir"],
        ),
        article(
            "d.md",
            "Jakarta banjir besar",
            (2020, 1, 4, 9),
            &["banjir", "jakarta"],
        ),
        article("e.md", "Rob di pesisir", (2020, 1, 5, 9), &["banjir"]),
        article("f.md", "Pasar saham", (2020, 1, 6, 9), &["ekonomi"]),
    ]);
    // d shares both tags; c and e one tag, c two headline words, e one (`rob`); b, f nothing.
    assert_eq!(
        titles_related_to(&s, "Banjir rob di Jakarta"),
        [
            "Jakarta banjir besar",
            "Banjir lagi di Jakarta",
            "Rob di pesisir"
        ]
    );
    assert_eq!(titles_related_to(&s, "Harga beras naik"), ["Pasar saham"]);
}

#[test]
fn related_articles_follow_the_setting_and_never_list_the_article_itself() {
    let articles: Vec<Article> = (1..=9)
        .map(|d| {
            article(
                &format!("{d}.md"),
                &format!("Sidang ke-{d}"),
                (2021, 3, d, 8),
                &["sidang"],
            )
        })
        .collect();
    let s = site(articles.clone());
    for (i, list) in s.related.iter().enumerate() {
        assert_eq!(list.len(), 5);
        assert!(!list.contains(&i));
        // All tie on one tag and one word: newest first.
        assert!(list.windows(2).all(|w| w[0] < w[1]));
    }
    let mut none = config();
    none.related_articles = 0;
    let (s, _) = build_site(articles, &none, chrono::Utc::now());
    assert!(s.related.iter().all(Vec::is_empty));
}
