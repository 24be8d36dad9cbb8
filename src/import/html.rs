//! Saved web pages: the article's main text is extracted the way Firefox's Reader View does
//! it (dom_smoothie, a port of readability.js), so navigation, ads, scripts and comments
//! are left out; title, outlet and publication date come from the page's metadata
//! (OpenGraph, `article:published_time`, JSON-LD), with `<time datetime>` as a fallback.
//! Nothing in the page is run or fetched: the HTML is only parsed.

use chrono::NaiveDate;

use super::{ImportedArticle, Problem, decode, normalize, paragraphs};

/// Pages with more elements than this are refused rather than parsed for long.
const MAX_ELEMENTS: usize = 200_000;

pub fn from_html(bytes: &[u8]) -> Result<ImportedArticle, Problem> {
    let (html, encoding) = decode_html(bytes)?;
    from_html_text(&html, encoding)
}

/// How deep containers may nest. Real pages stay under a few hundred; pages nested a hundred
/// thousand deep are built to make parsers take minutes.
const MAX_DEPTH: usize = 5_000;

/// How deep the page's containers (`div`, `section`, `span`, lists, tables, quotes…) nest, by
/// a quick scan of its tags — elements the HTML parser closes by themselves (`p`, `li`, `td`)
/// are not counted, so old pages that never close them are not taken for deep ones.
fn container_depth(html: &str) -> usize {
    const CONTAINERS: [&str; 12] = [
        "div",
        "span",
        "section",
        "article",
        "main",
        "aside",
        "blockquote",
        "ul",
        "ol",
        "table",
        "font",
        "center",
    ];
    let bytes = html.as_bytes();
    let (mut depth, mut deepest, mut at) = (0usize, 0usize, 0usize);
    while let Some(offset) = memchr_lt(&bytes[at..]) {
        at += offset + 1;
        let closing = bytes.get(at) == Some(&b'/');
        let start = at + usize::from(closing);
        let name_len = bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let name = &html[start..start + name_len];
        if CONTAINERS.iter().any(|c| c.eq_ignore_ascii_case(name)) {
            if closing {
                depth = depth.saturating_sub(1);
            } else {
                depth += 1;
                deepest = deepest.max(depth);
            }
        }
    }
    deepest
}

fn memchr_lt(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'<')
}

/// A page already decoded.
pub fn from_html_text(html: &str, encoding: &'static str) -> Result<ImportedArticle, Problem> {
    if container_depth(html) > MAX_DEPTH {
        return Err(Problem::NestedTooDeeply);
    }
    let config = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        max_elements_to_parse: MAX_ELEMENTS,
        ..dom_smoothie::Config::default()
    };
    let mut readability =
        dom_smoothie::Readability::new(html, None, Some(config)).map_err(|e| problem(&e))?;
    let article = readability.parse().map_err(|e| problem(&e))?;
    let text = paragraphs(&normalize(&article.text_content));
    if text.trim().is_empty() {
        return Err(Problem::NoArticle);
    }
    let published = article
        .published_time
        .as_deref()
        .and_then(parse_date)
        .or_else(|| time_element(html));
    let mut imported = super::titled(text, Some(&article.title), false, encoding);
    article
        .site_name
        .unwrap_or_default()
        .trim()
        .clone_into(&mut imported.meta.outlet);
    imported.meta.published = published;
    Ok(imported)
}

/// What a failed parse means for the user: a page too large to read is not a page without
/// an article.
fn problem(error: &dom_smoothie::ReadabilityError) -> Problem {
    match error {
        dom_smoothie::ReadabilityError::TooManyElements(found, limit) => Problem::TooManyElements {
            found: *found,
            limit: *limit,
        },
        _ => Problem::NoArticle,
    }
}

/// Like plain text, but a page that is not UTF-8 usually says what it is in a
/// `<meta charset>`; that wins over guessing.
fn decode_html(bytes: &[u8]) -> Result<(String, &'static str), Problem> {
    let has_bom = bytes.starts_with(&[0xef, 0xbb, 0xbf])
        || bytes.starts_with(&[0xff, 0xfe])
        || bytes.starts_with(&[0xfe, 0xff]);
    if has_bom || std::str::from_utf8(bytes).is_ok() {
        return decode(bytes);
    }
    if let Some(encoding) = declared_charset(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        return Ok((text.into_owned(), encoding.name()));
    }
    decode(bytes)
}

/// The charset a page declares in its head (`<meta charset=…>` or the http-equiv form).
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(8192)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    let encoding = encoding_rs::Encoding::for_label(label.as_bytes())?;
    // A page that says UTF-16 but was not read as such is lying about it.
    (encoding != encoding_rs::UTF_16LE && encoding != encoding_rs::UTF_16BE).then_some(encoding)
}

/// A publication date as pages write it: ISO 8601 with or without a time, or RFC 2822.
pub fn parse_date(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    if let Ok(time) = chrono::DateTime::parse_from_rfc3339(value) {
        return Some(time.date_naive());
    }
    if let Ok(time) = chrono::DateTime::parse_from_rfc2822(value) {
        return Some(time.date_naive());
    }
    let date = value.get(..10)?;
    NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()
}

/// The first `<time datetime="…">` in the page that holds a date.
fn time_element(html: &str) -> Option<NaiveDate> {
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find("<time") {
        let start = from + at;
        let end = lower[start..].find('>').map_or(lower.len(), |e| start + e);
        let tag = &html[start..end];
        let tag_lower = &lower[start..end];
        if let Some(attr) = tag_lower.find("datetime=") {
            let value = &tag[attr + "datetime=".len()..];
            let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'');
            let value = match quote {
                Some(q) => value[1..].split(q).next().unwrap_or(""),
                None => value.split_whitespace().next().unwrap_or(""),
            };
            if let Some(date) = parse_date(value) {
                return Some(date);
            }
        }
        from = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Strike near the airport | The Evening Ledger</title>
<meta property="og:title" content="Strike near the airport">
<meta property="og:site_name" content="The Evening Ledger">
<meta property="article:published_time" content="2016-09-18T07:45:00+03:00">
<script>window.tracking = "do not read me";</script>
<style>.nav { color: red }</style>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="ad-banner">Subscribe now for only one pound a week!</div>
<article>
<h1>Strike near the airport</h1>
<p>Coalition aircraft struck positions near the airport on Saturday, officials in three capitals said, each telling a different story about what had happened and why.</p>
<p>Washington called the strike a mistake and said its pilots had believed they were attacking fighters of the Islamic State. A spokesman promised a review.</p>
<p>Moscow said the strike showed what happens when the coalition refuses to share its targets, and asked for an urgent meeting of the Security Council.</p>
<p>Damascus said the strike was deliberate and proved that the coalition was helping the jihadists, whose fighters advanced soon after the bombing ended.</p>
</article>
<aside class="comments"><h3>Comments</h3><p>First!</p></aside>
<footer>Copyright The Evening Ledger. All rights reserved. Privacy. Cookies. Contact us.</footer>
</body></html>"#;

    #[test]
    fn a_page_nested_a_hundred_thousand_deep_is_refused_at_once_and_old_unclosed_paragraphs_are_not()
     {
        for page in [
            format!("<html><body>{}Officials said so.", "<div>".repeat(100_000)),
            format!(
                "<body>{}Officials said so.{}",
                "<span>".repeat(100_000),
                "</span>".repeat(100_000)
            ),
        ] {
            assert_eq!(
                from_html_text(&page, "UTF-8").err(),
                Some(Problem::NestedTooDeeply)
            );
        }
        let old = format!(
            "<html><body><h1>Raid</h1>{}</body></html>",
            "<p>The ministry said the strike on the hill was a deliberate act of aggression. "
                .repeat(6_000)
        );
        assert!(container_depth(&old) == 0);
        assert!(from_html_text(&old, "UTF-8").is_ok());
    }

    #[test]
    fn a_page_over_the_element_limit_says_it_is_too_large_not_empty() {
        let mut page = String::from("<html><head><title>Huge</title></head><body><article>");
        page.push_str(&"<p>Officials said the strike was a mistake.</p>".repeat(MAX_ELEMENTS + 10));
        page.push_str("</article></body></html>");
        match from_html_text(&page, "UTF-8") {
            Err(Problem::TooManyElements { found, limit }) => {
                assert_eq!(limit, MAX_ELEMENTS);
                assert!(found > MAX_ELEMENTS);
            }
            other => panic!("{:?}", other.map(|a| a.meta.title)),
        }
        let error = Problem::TooManyElements {
            found: 200_014,
            limit: MAX_ELEMENTS,
        }
        .in_file(
            std::path::Path::new("page.html"),
            super::super::Format::Html,
        );
        assert!(error.to_string().contains("too large to read"), "{error}");
        assert!(error.to_string().contains("200000"), "{error}");
    }

    #[test]
    fn the_article_text_and_metadata_come_out_and_the_boilerplate_stays_behind() {
        let article = from_html(PAGE.as_bytes()).expect("imports");
        assert_eq!(article.meta.title, "Strike near the airport");
        assert_eq!(article.meta.outlet, "The Evening Ledger");
        assert_eq!(article.meta.published, NaiveDate::from_ymd_opt(2016, 9, 18));
        assert_eq!(article.encoding, "UTF-8");
        let text = &article.text;
        assert!(
            text.contains("Washington called the strike a mistake"),
            "{text}"
        );
        assert!(text.contains("whose fighters advanced soon after the bombing ended."));
        for boilerplate in [
            "Subscribe",
            "Home",
            "do not read me",
            "color: red",
            "First!",
            "Copyright",
        ] {
            assert!(!text.contains(boilerplate), "{boilerplate} in {text}");
        }
        // Paragraphs stay paragraphs.
        assert!(
            text.contains("different story about what had happened and why.\n\nWashington"),
            "{text}"
        );
    }

    #[test]
    fn a_declared_legacy_charset_is_honoured_and_json_ld_gives_the_date() {
        let body = "<p>Министерство обороны России заявило, что удар по сирийским войскам стал следствием отказа Вашингтона от координации действий с Москвой. Об этом сообщили в понедельник.</p>\
            <p>В заявлении говорится, что российская сторона требует созвать Совет Безопасности ООН и провести расследование.</p>\
            <p>Американская сторона назвала удар ошибкой и пообещала провести проверку.</p>";
        let page = format!(
            r#"<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">
<title>Удар у аэропорта</title>
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle","headline":"Удар у аэропорта","datePublished":"2016-09-19","publisher":{{"@type":"Organization","name":"Северная газета"}}}}</script>
</head><body><article>{body}</article></body></html>"#
        );
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(&page);
        let article = from_html(&bytes).expect("imports");
        assert_eq!(article.encoding, "windows-1251");
        assert_eq!(article.meta.title, "Удар у аэропорта");
        assert_eq!(article.meta.published, NaiveDate::from_ymd_opt(2016, 9, 19));
        assert_eq!(article.meta.outlet, "Северная газета");
        assert!(article.text.contains("отказа Вашингтона от координации"));
    }

    #[test]
    fn a_time_element_gives_the_date_when_the_metadata_does_not() {
        let page = "<html><head><title>Raid</title></head><body><article>\
            <p>Published <time datetime='2016-09-17T20:00:00Z'>Saturday</time></p>\
            <p>Officials said the raid was called off as soon as the warning came, and that the review would take weeks. Nobody would say more than that on the record.</p>\
            <p>Another official, who asked not to be named, said the intelligence had been checked twice before the aircraft took off from their base.</p>\
            </article></body></html>";
        let article = from_html(page.as_bytes()).expect("imports");
        assert_eq!(article.meta.published, NaiveDate::from_ymd_opt(2016, 9, 17));
    }

    #[test]
    fn dates_in_the_forms_pages_use() {
        for (value, expected) in [
            ("2016-09-17", (2016, 9, 17)),
            ("2016-09-17T23:30:00-04:00", (2016, 9, 17)),
            ("Sat, 17 Sep 2016 18:30:00 +0000", (2016, 9, 17)),
            ("2016-09-17T18:30", (2016, 9, 17)),
        ] {
            let (y, m, d) = expected;
            assert_eq!(
                parse_date(value),
                NaiveDate::from_ymd_opt(y, m, d),
                "{value}"
            );
        }
        assert_eq!(parse_date("last Saturday"), None);
    }

    #[test]
    fn a_page_with_nothing_to_read_is_refused() {
        assert_eq!(
            from_html(b"<html><head><title>Empty</title></head><body></body></html>"),
            Err(Problem::NoArticle)
        );
    }
}
