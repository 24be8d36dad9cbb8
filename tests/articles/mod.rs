//! Articles in every format Rashomon reads, written by the project for its tests: a saved
//! web page with boilerplate around the story, a PDF, a Word and an OpenDocument file, and
//! texts in the encodings Russian and Arabic outlets use.
#![allow(dead_code, reason = "each test file uses some of them")]

use std::path::{Path, PathBuf};

use rashomon::import::fixtures;

pub const RUSSIAN: &str = "Минобороны: удар был следствием отказа от координации\n\nМинистерство обороны России заявило, что удар коалиции по позициям сирийской армии стал следствием отказа Вашингтона координировать действия с Москвой.\n\nВ ведомстве потребовали созвать Совет Безопасности ООН.";
pub const ARABIC: &str = "دمشق: الغارة دليل على دعم التنظيم\n\nقالت القيادة العامة للجيش السوري إن الغارة كانت متعمدة وإنها دليل قاطع على دعم الولايات المتحدة لتنظيم الدولة الإسلامية.\n\nوأضافت أن مقاتلي التنظيم تقدموا بعد الغارة مباشرة.";

pub const PAGE: &str = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Raid near the airport | Harbour Times</title>
<meta property="og:title" content="Raid near the airport">
<meta property="og:site_name" content="Harbour Times">
<meta property="article:published_time" content="2016-09-18T09:00:00Z">
<script>var tracker = "SCRIPT TEXT";</script>
</head><body>
<header><nav><a href="/">Front page</a> <a href="/world">World</a> <a href="/opinion">Opinion</a></nav></header>
<div class="promo">Sign up to our newsletter today</div>
<main><article>
<h1>Raid near the airport</h1>
<p>Officials in three capitals gave three accounts of the raid near the airport on Saturday evening, and none of them agreed on what had gone wrong.</p>
<p>Washington said the aircraft had been told the positions belonged to the Islamic State and that the raid stopped as soon as the warning came through the hotline.</p>
<p>Moscow said the coalition had never shared its targets and that the raid was the price of that refusal, and it called for an urgent meeting in New York.</p>
</article></main>
<section class="comments"><p>COMMENT: this is outrageous</p></section>
<footer>© Harbour Times · Terms · Privacy</footer>
</body></html>"#;

/// Writes one article of each kind into `dir`; returns their paths by name.
pub fn write_all(dir: &Path) -> Vec<PathBuf> {
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        std::fs::write(&path, bytes).expect("write fixture");
        path
    };
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(RUSSIAN);
    let (cp1256, _, _) = encoding_rs::WINDOWS_1256.encode(ARABIC);
    vec![
        write("raid.html", PAGE.as_bytes()),
        write("russian-1251.txt", &cp1251),
        write("arabic-1256.txt", &cp1256),
        write(
            "statement.pdf",
            &fixtures::pdf_with_lines(&[
                "US statement on the raid",
                "",
                "The coalition aircraft believed they were striking Islamic State fight-",
                "ers and stopped as soon as Russian officers warned them through the",
                "hotline that the positions belonged to the Syrian army, officials said.",
            ]),
        ),
        write(
            "briefing.docx",
            &fixtures::docx_of(
                &[
                    "Briefing on the raid",
                    "Russia says the raid followed a refusal to share targets.",
                ],
                "Ministry briefing",
            ),
        ),
        write(
            "analysis.odt",
            &fixtures::odt(
                &["Three accounts", "Syria says the raid was deliberate."],
                "Analysis of three accounts",
            ),
        ),
    ]
}
