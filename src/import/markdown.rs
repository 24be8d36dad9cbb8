//! Markdown shown as readable text: headings, paragraphs and list items stay, the markup
//! (`#`, `*`, link targets, code fences) goes.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::{ImportedArticle, Problem, decode, normalize, paragraphs};

pub fn from_markdown(bytes: &[u8]) -> Result<ImportedArticle, Problem> {
    let (source, encoding) = decode(bytes)?;
    from_markdown_text(&source, encoding)
}

/// Markdown already decoded.
pub fn from_markdown_text(
    source: &str,
    encoding: &'static str,
) -> Result<ImportedArticle, Problem> {
    let source = normalize(source);
    let mut text = String::with_capacity(source.len());
    let mut title = None;
    let mut heading: Option<String> = None;
    for event in Parser::new(&source) {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => {
                if title.is_none() {
                    title = heading.take();
                }
                heading = None;
                text.push_str("\n\n");
            }
            Event::Start(Tag::Item) => text.push_str("• "),
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::CodeBlock | TagEnd::BlockQuote(_),
            ) => {
                text.push_str("\n\n");
            }
            Event::Text(part) | Event::Code(part) => {
                text.push_str(&part);
                if let Some(heading) = &mut heading {
                    heading.push_str(&part);
                }
            }
            Event::SoftBreak => text.push(' '),
            Event::HardBreak => text.push('\n'),
            Event::Rule => text.push_str("\n\n"),
            _ => {}
        }
    }
    let text = paragraphs(&text);
    if text.is_empty() {
        return Err(Problem::Empty);
    }
    Ok(super::titled(text, title.as_deref(), true, encoding))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_goes_and_the_words_stay() {
        let source = "# Strike near *Deir ez-Zor*\n\nThe **coalition** said the strike was\na [mistake](https://example.org/a).\n\n- Moscow: `deliberate`\n- Damascus: proof\n\n```\ncode line\n```\n";
        let article = from_markdown(source.as_bytes()).expect("imports");
        assert_eq!(article.meta.title, "Strike near Deir ez-Zor");
        assert_eq!(
            article.text,
            "Strike near Deir ez-Zor\n\nThe coalition said the strike was a mistake.\n\n• Moscow: deliberate\n\n• Damascus: proof\n\ncode line"
        );
    }
}
