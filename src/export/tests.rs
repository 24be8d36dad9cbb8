use super::*;
use crate::model::{ArticleMeta, Edit, TextSpan};

const HOSTILE: &str =
    "<script>alert('x')</script> & \"quotes\" | pipes | <img src=x onerror=alert(1)>";

fn hostile_session() -> Session {
    let mut session = Session::new();
    let first = session.parties()[0].clone();
    session
        .apply(Edit::ReplaceParty(crate::model::Party {
            name: format!("US {HOSTILE}"),
            ..first
        }))
        .expect("rename");
    let text = format!("Headline {HOSTILE}\nThe ministry said {HOSTILE} and Дамаск ответил 🚀.");
    let article = session.new_article(
        ArticleMeta {
            title: format!("Title {HOSTILE}"),
            outlet: format!("Outlet {HOSTILE}"),
            published: None,
            source: format!("/tmp/{HOSTILE}.txt"),
        },
        text.clone(),
    );
    let article_id = article.id;
    session
        .apply(Edit::InsertArticle { index: 0, article })
        .expect("article");
    let fact = session.new_fact(&format!("Fact {HOSTILE}"));
    let fact_id = fact.id;
    session
        .apply(Edit::InsertFact { index: 0, fact })
        .expect("fact");
    let parties: Vec<_> = session.parties().iter().map(|p| p.id).collect();
    let start = text.find("The ministry").expect("in text");
    let mut claim = session
        .new_claim(article_id, TextSpan::new(start, text.len()), parties[0])
        .expect("claim");
    claim.fact = Some(fact_id);
    claim.note = format!("Note {HOSTILE}");
    session.apply(Edit::InsertClaim(claim)).expect("claim");
    let start = text.find("Дамаск").expect("in text");
    let mut claim = session
        .new_claim(article_id, TextSpan::new(start, text.len()), parties[2])
        .expect("claim");
    claim.fact = Some(fact_id);
    claim.stance = crate::model::Stance::Denies;
    session.apply(Edit::InsertClaim(claim)).expect("claim");
    let start = text.find("Headline").expect("in text");
    let claim = session
        .new_claim(article_id, TextSpan::new(start, start + 8), parties[1])
        .expect("claim");
    session.apply(Edit::InsertClaim(claim)).expect("claim");
    session
}

#[test]
fn html_escapes_every_user_string() {
    let session = hostile_session();
    let html = to_html(&Comparison::new(&session, &format!("Report {HOSTILE}")));
    assert!(!html.contains("<script>"), "a live script tag");
    assert!(!html.contains("<img"), "a live img tag");
    assert!(!html.contains("onerror=alert(1)>"));
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(html.contains("Content-Security-Policy"));
    assert!(html.contains("default-src 'none'"));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no remote resources"
    );
    // Each kind of user text is there, escaped.
    for needle in ["Title ", "Outlet ", "Fact ", "Note ", "US ", "Report "] {
        assert!(
            html.contains(&format!("{needle}&lt;script&gt;")),
            "{needle} missing or unescaped"
        );
    }
    assert!(html.contains("Дамаск ответил 🚀"));
}

#[test]
fn html_shows_status_table_and_silence() {
    let session = hostile_session();
    let html = to_html(&Comparison::new(&session, "R"));
    assert!(html.contains("<tr class=\"disputed\">"));
    assert!(html.contains("<span class=\"status\">disputed</span>"));
    // Russia is silent on the fact; its only claim is unlinked.
    assert!(html.contains("<span class=\"silent\">silent</span>"));
    assert!(html.contains("Claims not linked to a fact"));
    assert!(html.contains("<strong>1</strong> disputed"));
}

#[test]
fn markdown_table_cells_cannot_break_the_table() {
    let session = hostile_session();
    let md = to_markdown(&Comparison::new(&session, "Report"));
    assert!(!md.contains("<script>"));
    let table: Vec<&str> = md
        .lines()
        .skip_while(|line| !line.starts_with("| Fact | Status"))
        .take_while(|line| line.starts_with('|'))
        .collect();
    assert_eq!(table.len(), 3, "header, rule and one fact row:\n{md}");
    let columns = |line: &str| line.replace("\\|", "").matches('|').count();
    assert!(table.iter().all(|line| columns(line) == columns(table[0])));
    assert!(table[2].contains("DISPUTED"));
    assert!(table[2].contains("✖ “Дамаск ответил 🚀.”"));
    assert!(md.contains("## Sources"));
}

#[test]
fn format_names_parse() {
    assert_eq!(Format::parse("HTML"), Some(Format::Html));
    assert_eq!(Format::parse("md"), Some(Format::Markdown));
    assert_eq!(Format::parse("pdf"), None);
}
