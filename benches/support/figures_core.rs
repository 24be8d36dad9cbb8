//! The measurements behind the performance figures: shared by `cargo bench` (full sizes) and a
//! small-size run in `cargo test` that keeps the code compiling and the figures sane.
#![allow(
    dead_code,
    reason = "the bench uses the full sizes, the test the small ones"
)]

use std::time::{Duration, Instant};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use rashomon::export::{ExportOptions, Format};
use rashomon::generate::{GenerateOptions, generate};
use rashomon::model::{Analysis, TextSpan};
use rashomon::ui::{RashomonApp, Startup};

pub struct Sizes {
    pub big_article_bytes: usize,
    pub big_article_claims: usize,
    pub big_article_facts: usize,
    pub session_articles: usize,
    pub session_article_bytes: usize,
    pub session_claims: usize,
    pub frames: usize,
}

pub const FULL: Sizes = Sizes {
    big_article_bytes: 1_000_000,
    big_article_claims: 10_000,
    big_article_facts: 2_000,
    session_articles: 200,
    session_article_bytes: 100_000,
    session_claims: 50_000,
    frames: 12,
};

pub const SMALL: Sizes = Sizes {
    big_article_bytes: 20_000,
    big_article_claims: 200,
    big_article_facts: 40,
    session_articles: 5,
    session_article_bytes: 5_000,
    session_claims: 300,
    frames: 4,
};

pub struct Figure {
    pub name: &'static str,
    pub median: Duration,
    pub worst: Duration,
}

fn figure(name: &'static str, mut samples: Vec<Duration>) -> Figure {
    samples.sort_unstable();
    Figure {
        name,
        median: samples[samples.len() / 2],
        worst: samples[samples.len() - 1],
    }
}

fn time<T>(work: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let value = work();
    (value, start.elapsed())
}

fn harness_on(path: std::path::PathBuf) -> Harness<'static, RashomonApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .with_max_steps(1_000)
        .build_eframe(move |cc| {
            RashomonApp::new(
                cc,
                Startup {
                    paths: vec![path],
                    ..Startup::default()
                },
            )
        });
    harness.run();
    harness.state_mut().finish_tasks();
    harness.run();
    harness
}

/// One frame: the egui pass and tessellation of its shapes.
fn frame(harness: &mut Harness<'static, RashomonApp>) -> Duration {
    let start = Instant::now();
    harness.step();
    let shapes = harness.output().shapes.clone();
    let pixels_per_point = harness.ctx.pixels_per_point();
    let _ = harness.ctx.tessellate(shapes, pixels_per_point);
    start.elapsed()
}

/// Turns the mouse wheel over `at` by `points` (down).
fn wheel(harness: &mut Harness<'static, RashomonApp>, at: egui::Pos2, points: f32) {
    let events = &mut harness.input_mut().events;
    events.push(egui::Event::PointerMoved(at));
    events.push(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, -points),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: Modifiers::NONE,
    });
}

fn resident_megabytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kilobytes: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kilobytes / 1024)
}

pub struct Report {
    pub figures: Vec<Figure>,
    /// How many of the spans tagged in the tagging figure became claims.
    pub claims_tagged: usize,
    pub resident_mb: Option<u64>,
}

pub fn measure(sizes: &Sizes) -> Report {
    let mut figures = Vec::new();
    let dir = tempfile::tempdir().expect("temp dir");

    // Start to first frame with the sample session.
    let ((), first) = time(|| {
        let mut harness = Harness::builder()
            .with_size(egui::vec2(1600.0, 1000.0))
            .build_eframe(|cc| {
                RashomonApp::new(
                    cc,
                    Startup {
                        sample: true,
                        ..Startup::default()
                    },
                )
            });
        harness.step();
    });
    figures.push(figure("start to first frame (sample session)", vec![first]));

    // A big article with many claims.
    let big = generate(&GenerateOptions {
        articles: 1,
        claims: sizes.big_article_claims,
        facts: sizes.big_article_facts,
        seed: 1,
        article_bytes: sizes.big_article_bytes,
    });
    let (_, analysis) = time(|| Analysis::new(&big));
    figures.push(figure(
        "analysis (statuses, reading order) of the big article",
        vec![analysis],
    ));
    let big_path = dir.path().join("big.rashomon");
    rashomon::storage::save(&big_path, &big).expect("save");

    let mut harness = harness_on(big_path);
    // Reader: step through claims (each scrolls the reader to a new place).
    let mut samples = Vec::new();
    for _ in 0..sizes.frames {
        harness.key_press(Key::J);
        samples.push(frame(&mut harness));
        samples.push(frame(&mut harness));
    }
    figures.push(figure(
        "reader frame, big article, scrolled to claims",
        samples,
    ));
    // Reader: the mouse wheel, a page a frame, through text not yet laid out.
    let mut samples = Vec::new();
    for _ in 0..sizes.frames * 2 {
        wheel(&mut harness, egui::pos2(600.0, 600.0), 900.0);
        samples.push(frame(&mut harness));
    }
    figures.push(figure("reader frame, big article, scrolling", samples));

    // Comparison, by fact, all rows: the first frame (its glyphs and rows new), then
    // scrolling through the rows.
    harness.key_press_modifiers(Modifiers::ALT, Key::Num2);
    let first = frame(&mut harness);
    figures.push(figure(
        "comparison frame, by fact, first after switching",
        vec![first],
    ));
    let mut samples = Vec::new();
    for _ in 0..sizes.frames * 2 {
        wheel(&mut harness, egui::pos2(1300.0, 600.0), 700.0);
        samples.push(frame(&mut harness));
    }
    figures.push(figure(
        "comparison frame, by fact, all rows, scrolling",
        samples,
    ));

    // Tagging a new span, in the reader: edit, statuses, next frame.
    harness.key_press_modifiers(Modifiers::ALT, Key::Num1);
    frame(&mut harness);
    let mut samples = Vec::new();
    let claims_before = harness.state().document().session().claims().count();
    let article = big.articles()[0].id;
    let text = &big.articles()[0].text;
    for n in 0..sizes.frames {
        let start = rashomon::model::span::floor_char_boundary(text, n * 7_919 % text.len());
        let end = rashomon::model::span::floor_char_boundary(text, start + 40);
        let ((), took) = time(|| {
            harness
                .state_mut()
                .tag_span(article, TextSpan::new(start, end), n % 3);
        });
        let next = frame(&mut harness);
        if std::env::var_os("RASHOMON_BENCH_DETAIL").is_some() {
            println!("tag {took:?} + frame {next:?}");
        }
        samples.push(took + next);
    }
    figures.push(figure("tag a span (edit + statuses) + next frame", samples));
    let claims_tagged = harness.state().document().session().claims().count() - claims_before;
    drop(harness);

    // A big session.
    let session = generate(&GenerateOptions {
        articles: sizes.session_articles,
        claims: sizes.session_claims,
        facts: sizes.big_article_facts,
        seed: 2,
        article_bytes: sizes.session_article_bytes,
    });
    let path = dir.path().join("session.rashomon");
    let ((), save) = time(|| rashomon::storage::save(&path, &session).expect("save"));
    figures.push(figure("save the big session", vec![save]));
    let (loaded, open) = time(|| rashomon::storage::load(&path).expect("load"));
    figures.push(figure("open the big session", vec![open]));
    let (_, export) =
        time(|| Format::Html.render(&loaded.session, &ExportOptions::titled("bench")));
    figures.push(figure("HTML export of the big session", vec![export]));
    let resident_mb = resident_megabytes();
    Report {
        figures,
        claims_tagged,
        resident_mb,
    }
}

pub fn print(report: &Report) {
    println!("{:<58} {:>12} {:>12}", "figure", "median", "worst");
    for figure in &report.figures {
        println!(
            "{:<58} {:>9.2} ms {:>9.2} ms",
            figure.name,
            figure.median.as_secs_f64() * 1000.0,
            figure.worst.as_secs_f64() * 1000.0
        );
    }
    if let Some(mb) = report.resident_mb {
        println!("{:<58} {mb:>9} MB", "resident memory at the end");
    }
}
