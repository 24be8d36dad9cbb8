use std::io::Read;

use super::*;
use crate::model::{ArticleMeta, Edit, TextSpan};

const HOSTILE: &str = "<script>alert('x')</script> & \"quotes\" | pipes, commas;\n<img src=x onerror=alert(1)> ]]> *bold* # 🚀 قالت";

fn hostile_session() -> Session {
    let mut session = Session::new();
    let first = session.parties()[0].clone();
    session
        .apply(Edit::ReplaceParty(crate::model::Party {
            name: format!("US {HOSTILE}"),
            aliases: vec![HOSTILE.to_owned()],
            ..first
        }))
        .expect("rename");
    let text = format!("Headline {HOSTILE}\nThe ministry said {HOSTILE} and Дамаск ответил 🚀.");
    let article = session.new_article(
        ArticleMeta {
            title: format!("Title {HOSTILE}"),
            outlet: format!("Outlet {HOSTILE}"),
            published: chrono::NaiveDate::from_ymd_opt(2016, 9, 18),
            source: format!("javascript:alert(1)//{HOSTILE}"),
            encoding: String::new(),
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

fn options(title: &str) -> ExportOptions {
    ExportOptions {
        generated: "2026-11-26T12:00:00Z".parse().expect("time"),
        ..ExportOptions::titled(title)
    }
}

fn render(session: &Session, format: Format, options: &ExportOptions) -> String {
    String::from_utf8(format.render(session, options).expect("renders")).expect("text format")
}

#[test]
fn html_escapes_every_user_string() {
    let session = hostile_session();
    let html = render(
        &session,
        Format::Html,
        &options(&format!("Report {HOSTILE}")),
    );
    assert!(!html.contains("<script>"), "a live script tag");
    assert!(!html.contains("<img"), "a live img tag");
    assert!(!html.contains("onerror=alert(1)>"));
    assert!(
        !html.contains("href=\"javascript:"),
        "only web addresses become links"
    );
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(html.contains("default-src 'none'"));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no remote resources"
    );
    for needle in ["Title ", "Outlet ", "Fact ", "Note ", "US ", "Report "] {
        assert!(
            html.contains(&format!("{needle}&lt;script&gt;")),
            "{needle} missing or unescaped"
        );
    }
    assert!(html.contains("Дамаск ответил 🚀"));
}

#[test]
fn html_shows_status_matrix_narratives_notes_and_silence() {
    let session = hostile_session();
    let html = render(&session, Format::Html, &options("R"));
    assert!(html.contains("<tr class=\"disputed\">"));
    assert!(html.contains("<span class=\"status\">disputed</span>"));
    assert!(html.contains("<span class=\"silent\">silent</span>"));
    assert!(html.contains("Claims not linked to a fact"));
    assert!(html.contains("<strong>1</strong> disputed"));
    assert!(html.contains("Agreement between parties"));
    assert!(html.contains("<span class=\"dispute\">≠ 1</span>"));
    assert!(html.contains("in reading order"));
    assert!(html.contains("Analyst notes"));
    // Web addresses become links that leak no referrer.
    let mut linked = session.clone();
    let article = linked.articles()[0].clone();
    linked
        .apply(Edit::SetArticleMeta {
            article: article.id,
            meta: ArticleMeta {
                source: "https://example.org/a?b=1&c=2".into(),
                ..article.meta
            },
        })
        .expect("meta");
    let html = render(&linked, Format::Html, &options("R"));
    assert!(
        html.contains("href=\"https://example.org/a?b=1&amp;c=2\" rel=\"noreferrer noopener\"")
    );
}

#[test]
fn options_leave_out_parties_statuses_and_notes_without_changing_statuses() {
    let session = crate::sample::load().expect("sample");
    let us = session.parties()[0].id;
    let only_us = ExportOptions {
        parties: vec![us],
        statuses: vec![FactStatus::Disputed],
        include_notes: false,
        ..options("R")
    };
    let comparison = Comparison::new(&session, &only_us);
    assert_eq!(comparison.parties.len(), 1);
    assert!(
        comparison
            .rows
            .iter()
            .all(|r| r.status == FactStatus::Disputed)
    );
    assert!(!comparison.rows.is_empty());
    assert!(comparison.claims.iter().all(|c| c.party == us));
    let md = render(&session, Format::Markdown, &only_us);
    assert!(
        md.lines().any(|l| l == "| Fact | Status | US |"),
        "only the US column"
    );
    assert!(!md.contains("Note:"), "notes left out");
    assert!(md.contains("DISPUTED"), "statuses are the whole session's");
    let json: serde_json::Value =
        serde_json::from_str(&render(&session, Format::Json, &only_us)).expect("json");
    assert_eq!(json["session"]["parties"].as_array().map(Vec::len), Some(1));
}

#[test]
fn markdown_table_cells_cannot_break_the_table() {
    let session = hostile_session();
    let md = render(&session, Format::Markdown, &options("Report"));
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
}

#[test]
fn csv_round_trips_hostile_text_exactly() {
    let session = hostile_session();
    let bytes = Format::Csv
        .render(&session, &options("R"))
        .expect("renders");
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let header = reader.headers().expect("header").clone();
    assert_eq!(header.iter().collect::<Vec<_>>(), csv_export::HEADER);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 3);
    let ministry = rows
        .iter()
        .find(|r| r[3].starts_with("The ministry"))
        .expect("the US claim");
    assert_eq!(&ministry[1], format!("US {HOSTILE}"));
    assert_eq!(&ministry[4], format!("Fact {HOSTILE}"));
    assert_eq!(&ministry[5], "disputed");
    assert_eq!(&ministry[12], format!("Note {HOSTILE}"));
    // Offsets are code points of the article text.
    let text = &session.articles()[0].text;
    let (start, end): (usize, usize) = (
        ministry[10].parse().expect("n"),
        ministry[11].parse().expect("n"),
    );
    let quote: String = text.chars().skip(start).take(end - start).collect();
    assert_eq!(quote, ministry[3]);
}

#[test]
fn annotations_carry_both_selectors_in_code_points() {
    let session = hostile_session();
    let json: serde_json::Value =
        serde_json::from_str(&render(&session, Format::Annotations, &options("R"))).expect("json");
    assert_eq!(json["type"], "AnnotationCollection");
    let items = json["first"]["items"].as_array().expect("items");
    assert_eq!(items.len(), 3);
    let text = &session.articles()[0].text;
    for item in items {
        let selectors = item["target"]["selector"].as_array().expect("selectors");
        let exact = selectors[0]["exact"].as_str().expect("exact");
        let start = usize::try_from(selectors[1]["start"].as_u64().expect("start")).expect("n");
        let end = usize::try_from(selectors[1]["end"].as_u64().expect("end")).expect("n");
        let quoted: String = text.chars().skip(start).take(end - start).collect();
        assert_eq!(quoted, exact);
        assert!(
            item["id"]
                .as_str()
                .is_some_and(|id| id.starts_with("urn:uuid:"))
        );
    }
    let noted = items
        .iter()
        .flat_map(|i| i["body"].as_array().cloned().unwrap_or_default())
        .find(|b| b["purpose"] == "commenting")
        .expect("a note body");
    assert_eq!(noted["value"], format!("Note {HOSTILE}"));
}

fn read_qdpx(bytes: &[u8]) -> (String, std::collections::HashMap<String, String>) {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut project = String::new();
    archive
        .by_name("project.qde")
        .expect("project.qde")
        .read_to_string(&mut project)
        .expect("utf-8");
    let mut sources = std::collections::HashMap::new();
    for index in 0..archive.len() {
        let mut file = archive.by_index(index).expect("entry");
        let name = file.name().to_owned();
        if let Some(rest) = name.strip_prefix("sources/")
            && !rest.is_empty()
        {
            let mut text = String::new();
            file.read_to_string(&mut text).expect("utf-8 source");
            sources.insert(rest.to_owned(), text);
        }
    }
    (project, sources)
}

fn is_guid(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    parts.iter().map(|p| p.len()).collect::<Vec<_>>() == [8, 4, 4, 4, 12]
        && text.chars().all(|c| c == '-' || c.is_ascii_hexdigit())
}

#[test]
fn qdpx_selections_quote_their_source_exactly() {
    for session in [hostile_session(), crate::sample::load().expect("sample")] {
        let bytes = Format::Qdpx
            .render(&session, &options("R"))
            .expect("renders");
        let (project, sources) = read_qdpx(&bytes);
        assert!(!project.starts_with('\u{feff}'), "no byte-order mark");
        let document = roxmltree::Document::parse(&project).expect("well-formed XML");
        let root = document.root_element();
        assert_eq!(root.tag_name().namespace(), Some("urn:QDA-XML:project:1.0"));
        // Children of Project in the schema's order.
        let order = [
            "Users",
            "CodeBook",
            "Variables",
            "Cases",
            "Sources",
            "Notes",
            "Links",
            "Sets",
        ];
        let children: Vec<usize> = root
            .children()
            .filter(roxmltree::Node::is_element)
            .map(|n| {
                order
                    .iter()
                    .position(|o| *o == n.tag_name().name())
                    .expect("known child")
            })
            .collect();
        assert!(children.windows(2).all(|w| w[0] < w[1]), "{children:?}");
        let mut selections = 0;
        for source in root.descendants().filter(|n| n.has_tag_name("TextSource")) {
            let path = source.attribute("plainTextPath").expect("path");
            let file = path.strip_prefix("internal://").expect("internal path");
            assert!(is_guid(file.trim_end_matches(".txt")));
            let text = sources.get(file).expect("source file in the archive");
            assert!(!text.contains('\r'));
            for selection in source
                .children()
                .filter(|n| n.has_tag_name("PlainTextSelection"))
            {
                let start: usize = selection
                    .attribute("startPosition")
                    .expect("start")
                    .parse()
                    .expect("n");
                let end: usize = selection
                    .attribute("endPosition")
                    .expect("end")
                    .parse()
                    .expect("n");
                let quoted: String = text.chars().skip(start).take(end - start).collect();
                assert_eq!(Some(quoted.as_str()), selection.attribute("name"));
                let codes = selection
                    .descendants()
                    .filter(|n| n.has_tag_name("CodeRef"))
                    .count();
                assert!(codes >= 1);
                selections += 1;
            }
        }
        assert_eq!(selections, session.claims().len());
        for node in root.descendants().filter(|n| n.attribute("guid").is_some()) {
            assert!(is_guid(node.attribute("guid").expect("guid")));
        }
        // Stable across exports of the same session.
        let again = read_qdpx(
            &Format::Qdpx
                .render(&session, &options("R"))
                .expect("renders"),
        )
        .0;
        assert_eq!(again, project);
    }
}

#[test]
fn format_names_parse() {
    for format in Format::ALL {
        assert_eq!(Format::parse(format.name()), Some(format));
    }
    assert_eq!(Format::parse("HTML"), Some(Format::Html));
    assert_eq!(Format::parse("pdf"), None);
}

#[test]
fn csv_cells_a_spreadsheet_would_run_as_formulas_are_neutralised_unless_raw() {
    let mut session = Session::new();
    let text = "=HYPERLINK(\"http://x.example\",\"click\") said the ministry.".to_owned();
    let article = session.new_article(
        ArticleMeta {
            title: "+1 killed".into(),
            outlet: "@outlet".into(),
            ..ArticleMeta::default()
        },
        text.clone(),
    );
    let article_id = article.id;
    session
        .apply(Edit::InsertArticle { index: 0, article })
        .expect("article");
    let fact = session.new_fact("-62 soldiers");
    let fact_id = fact.id;
    session
        .apply(Edit::InsertFact { index: 0, fact })
        .expect("fact");
    let party = session.parties()[0].id;
    let mut claim = session
        .new_claim(article_id, TextSpan::new(0, text.len()), party)
        .expect("claim");
    claim.fact = Some(fact_id);
    claim.note = "\t=1+1".into();
    session.apply(Edit::InsertClaim(claim)).expect("claim");
    let row = |raw: bool| {
        let mut options = options("R");
        options.raw_csv = raw;
        let bytes = Format::Csv.render(&session, &options).expect("renders");
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        reader.records().next().expect("a row").expect("parses")
    };
    let safe = row(false);
    assert_eq!(&safe[3], format!("'{text}"));
    assert_eq!(&safe[4], "'-62 soldiers");
    assert_eq!(&safe[6], "'+1 killed");
    assert_eq!(&safe[7], "'@outlet");
    assert_eq!(&safe[12], "'\t=1+1");
    assert!(safe[1].starts_with("US"), "a plain cell is unchanged");
    let raw = row(true);
    assert_eq!(&raw[3], text);
    assert_eq!(&raw[12], "\t=1+1");
}

#[test]
fn reports_name_a_source_file_without_the_analysts_folders() {
    assert_eq!(
        super::shown_source("/home/ana/investigations/deir-ez-zor/reuters.html"),
        "reuters.html"
    );
    assert_eq!(
        super::shown_source("C:\\Users\\ana\\Desktop\\sana.pdf"),
        "sana.pdf"
    );
    assert_eq!(
        super::shown_source("https://example.org/news/2016/09/17/strike"),
        "https://example.org/news/2016/09/17/strike"
    );
    assert_eq!(super::shown_source("clipboard"), "clipboard");
    let mut session = Session::new();
    let article = session.new_article(
        ArticleMeta {
            title: "A wire report".into(),
            source: "/home/ana/secret-project/wire.txt".into(),
            ..ArticleMeta::default()
        },
        "The ministry said the strike was a mistake.".to_owned(),
    );
    session
        .apply(Edit::InsertArticle { index: 0, article })
        .expect("article");
    for format in [Format::Html, Format::Markdown] {
        let text = render(&session, format, &options("R"));
        assert!(text.contains("wire.txt"), "{format:?}");
        assert!(
            !text.contains("secret-project"),
            "{format:?} leaks the folder"
        );
    }
}
