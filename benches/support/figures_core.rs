//! The measurements behind the performance figures: shared by `cargo bench` (full sizes) and a
//! small-size run in `cargo test` that keeps the code compiling and the figures sane.
#![allow(
    dead_code,
    reason = "the bench uses the full sizes, the test the small ones"
)]

use std::time::{Duration, Instant};

use egui::{Key, Modifiers};
use rashomon::export::{ExportOptions, Format};
use rashomon::generate::{GenerateOptions, generate};
use rashomon::model::{Analysis, TextSpan};
use rashomon::ui::actions::ComparisonLayout;
use rashomon::ui::{RashomonApp, Startup};

pub struct Sizes {
    pub big_article_bytes: usize,
    pub big_article_claims: usize,
    pub big_article_facts: usize,
    pub session_articles: usize,
    pub session_article_bytes: usize,
    pub session_claims: usize,
    /// Claims of each analyst's session in the team figures (spread over 5 articles).
    pub team_claims: usize,
    pub frames: usize,
}

pub const FULL: Sizes = Sizes {
    big_article_bytes: 1_000_000,
    big_article_claims: 10_000,
    big_article_facts: 2_000,
    session_articles: 200,
    session_article_bytes: 100_000,
    session_claims: 50_000,
    team_claims: 800,
    frames: 12,
};

pub const SMALL: Sizes = Sizes {
    big_article_bytes: 20_000,
    big_article_claims: 200,
    big_article_facts: 40,
    session_articles: 5,
    session_article_bytes: 5_000,
    session_claims: 300,
    team_claims: 100,
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

/// Runs the app the way eframe does, without a window: input in, one egui pass, shapes out.
/// (kittest would also build and compare an AccessKit tree every pass, which eframe does
/// only while a screen reader asks for one.)
struct Driver {
    ctx: egui::Context,
    app: RashomonApp,
    frame: eframe::Frame,
    input: egui::RawInput,
    shapes: Vec<egui::epaint::ClippedShape>,
}

impl Driver {
    fn new(startup: Startup) -> Self {
        let ctx = egui::Context::default();
        ctx.all_styles_mut(|style| {
            // Scrolling lands in one frame, so each frame measured shows a new place.
            style.scroll_animation = egui::style::ScrollAnimation::none();
            style.animation_time = 0.0;
        });
        let app = RashomonApp::new(&eframe::CreationContext::_new_kittest(ctx.clone()), startup);
        let mut input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1600.0, 1000.0),
            )),
            ..Default::default()
        };
        if let Some(viewport) = input.viewports.get_mut(&egui::ViewportId::ROOT) {
            viewport.native_pixels_per_point = Some(1.0);
        }
        Self {
            ctx,
            app,
            frame: eframe::Frame::_new_kittest(),
            input,
            shapes: Vec::new(),
        }
    }

    /// Opens a session file and runs until it is shown.
    fn on(path: std::path::PathBuf) -> Self {
        let mut driver = Self::new(Startup {
            paths: vec![path],
            ..Startup::default()
        });
        driver.step();
        driver.app.finish_tasks();
        for _ in 0..3 {
            driver.step();
        }
        driver
    }

    /// One egui pass, as eframe runs it.
    fn step(&mut self) {
        let mut input = self.input.take();
        input.predicted_dt = 1.0 / 60.0;
        let Self {
            ctx, app, frame, ..
        } = self;
        let mut output = ctx.run_ui(input, |ui| {
            eframe::App::logic(app, ui, frame);
            eframe::App::ui(app, ui, frame);
        });
        // No GPU to upload the font atlas to.
        output.textures_delta.clear();
        self.shapes = output.shapes;
    }

    /// One frame: the egui pass and the tessellation of its shapes.
    fn frame(&mut self) -> Duration {
        let start = Instant::now();
        self.step();
        let shapes = std::mem::take(&mut self.shapes);
        let _ = self.ctx.tessellate(shapes, self.ctx.pixels_per_point());
        start.elapsed()
    }

    /// One frame, and what the GPU gets from it: vertices, triangles, and the area the
    /// triangles paint inside their clip rectangles over the window's area (how many times
    /// each pixel is painted on average: the cost of a frame to a software renderer).
    pub fn frame_mesh(&mut self) -> Mesh {
        self.step();
        let shapes = std::mem::take(&mut self.shapes);
        let primitives = self.ctx.tessellate(shapes, self.ctx.pixels_per_point());
        let mut mesh = Mesh::default();
        for clipped in &primitives {
            let egui::epaint::Primitive::Mesh(m) = &clipped.primitive else {
                continue;
            };
            let clip = clipped.clip_rect;
            mesh.vertices += m.vertices.len();
            mesh.triangles += m.indices.len() / 3;
            for triangle in m.indices.chunks_exact(3) {
                let [a, b, c] = [0, 1, 2].map(|i| m.vertices[triangle[i] as usize].pos);
                let area = ((b - a).x * (c - a).y - (b - a).y * (c - a).x).abs() / 2.0;
                let bounds = egui::Rect::from_points(&[a, b, c]);
                let inside = bounds.intersect(clip);
                if inside.is_positive() && bounds.area() > 0.0 {
                    mesh.painted += f64::from(area * inside.area() / bounds.area());
                }
                if !inside.is_positive() {
                    mesh.clipped_away += 1;
                }
            }
        }
        let screen = self.ctx.content_rect().area();
        mesh.painted /= f64::from(screen.max(1.0));
        mesh
    }

    fn key(&mut self, modifiers: Modifiers, key: Key, pressed: bool) {
        self.input
            .events
            .push(egui::Event::ModifiersChanged(modifiers));
        self.input.events.push(egui::Event::Key {
            key,
            physical_key: Some(key),
            pressed,
            repeat: false,
            modifiers,
        });
    }

    /// Presses a key: the frame that gets the press, then the one that gets the release.
    fn press(&mut self, modifiers: Modifiers, key: Key) -> [Duration; 2] {
        self.key(modifiers, key, true);
        let down = self.frame();
        self.key(modifiers, key, false);
        let up = self.frame();
        self.input
            .events
            .push(egui::Event::ModifiersChanged(Modifiers::NONE));
        [down, up]
    }

    /// Presses a key `times` times: each press with its release, one sample each.
    fn press_times(&mut self, modifiers: Modifiers, key: Key, times: usize) -> Vec<Duration> {
        (0..times)
            .map(|_| {
                let [down, up] = self.press(modifiers, key);
                down + up
            })
            .collect()
    }

    /// Turns the mouse wheel over `at` by `points` (down).
    fn wheel(&mut self, at: egui::Pos2, points: f32) {
        let events = &mut self.input.events;
        events.push(egui::Event::PointerMoved(at));
        events.push(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -points),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: Modifiers::NONE,
        });
    }
}

/// The big article with its claims and facts (the same in every figure that uses it).
fn big_article(sizes: &Sizes) -> rashomon::model::Session {
    generate(&GenerateOptions {
        articles: 1,
        claims: sizes.big_article_claims,
        facts: sizes.big_article_facts,
        seed: 1,
        article_bytes: sizes.big_article_bytes,
    })
}

/// What one frame hands the GPU.
#[derive(Clone, Copy, Debug, Default)]
pub struct Mesh {
    pub vertices: usize,
    pub triangles: usize,
    /// Triangles wholly outside their clip rectangle (sent, then thrown away).
    pub clipped_away: usize,
    /// Area painted over the window's area.
    pub painted: f64,
}

/// The frame of the big session while the analyst scrolls its article: what it hands the GPU.
/// Before this was measured, the panels' fills and the suggestions' dashed outlines made a
/// frame paint 1.65 times the window with 31,652 triangles (1,184 of its shapes were dashes).
pub fn scrolling_mesh(sizes: &Sizes) -> Mesh {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.rashomon");
    let big = big_article(sizes);
    rashomon::storage::save(&path, &big).expect("save");
    let mut driver = Driver::on(path);
    driver.wheel(egui::pos2(500.0, 500.0), 2_000.0);
    let _ = driver.frame_mesh();
    driver.frame_mesh()
}

pub fn print_mesh(mesh: &Mesh) {
    println!(
        "{:<58} {:>9} vertices, {} triangles ({} clipped away), painted {:.2}× the window",
        "frame while scrolling the big article",
        mesh.vertices,
        mesh.triangles,
        mesh.clipped_away,
        mesh.painted
    );
}

pub fn resident_megabytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kilobytes: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kilobytes / 1024)
}

pub struct Report {
    pub figures: Vec<Figure>,
    /// egui's own frame for a 1 MB label in a scroll area, unchanged, in the same run: the
    /// unit that makes figures of different machines and hours compare.
    pub floor: Duration,
    /// How many claims the reader figure stepped through.
    pub claims_stepped: usize,
    /// Whether the comparison figures measured the by-fact arrangement.
    pub by_fact: bool,
    /// How many of the spans tagged in the tagging figure became claims.
    pub claims_tagged: usize,
    pub resident_mb: Option<u64>,
    /// How many claims the finder suggested in the wire-style article.
    pub suggestions: usize,
}

pub fn measure(sizes: &Sizes) -> Report {
    let mut figures = Vec::new();
    let dir = tempfile::tempdir().expect("temp dir");

    // Start to first frame with the sample session.
    let ((), first) = time(|| {
        let mut driver = Driver::new(Startup {
            sample: true,
            ..Startup::default()
        });
        driver.frame();
    });
    figures.push(figure("start to first frame (sample session)", vec![first]));

    // A big article with many claims.
    let big = big_article(sizes);
    let (_, analysis) = time(|| Analysis::new(&big));
    figures.push(figure(
        "analysis (statuses, reading order) of the big article",
        vec![analysis],
    ));
    let big_path = dir.path().join("big.rashomon");
    rashomon::storage::save(&big_path, &big).expect("save");

    let mut driver = Driver::on(big_path);
    // Reader: step through claims (each scrolls the reader to a new place): the frame with
    // the key press and the one after.
    let mut samples = Vec::new();
    let mut claims_stepped = std::collections::BTreeSet::new();
    for _ in 0..sizes.frames {
        samples.extend(driver.press(Modifiers::NONE, Key::J));
        claims_stepped.extend(driver.app.selection().claim);
    }
    figures.push(figure(
        "reader frame, big article, scrolled to claims",
        samples,
    ));
    // Reader: the mouse wheel, a page a frame, through text not yet laid out.
    let mut samples = Vec::new();
    for _ in 0..sizes.frames * 2 {
        driver.wheel(egui::pos2(600.0, 600.0), 900.0);
        samples.push(driver.frame());
    }
    figures.push(figure("reader frame, big article, scrolling", samples));

    // Comparison, by fact, all rows: the first frame (its glyphs and rows new), then
    // scrolling through the rows.
    // The press switches at the end of its frame: the next one is the first to show facts.
    let [_, first] = driver.press(Modifiers::ALT, Key::Num2);
    let by_fact = driver.app.layout() == ComparisonLayout::ByFact;
    figures.push(figure(
        "comparison frame, by fact, first after switching",
        vec![first],
    ));
    let mut samples = Vec::new();
    for _ in 0..sizes.frames * 2 {
        driver.wheel(egui::pos2(1300.0, 600.0), 700.0);
        samples.push(driver.frame());
    }
    figures.push(figure(
        "comparison frame, by fact, all rows, scrolling",
        samples,
    ));

    // Tagging a new span, in the reader: edit, statuses, next frame.
    driver.press(Modifiers::ALT, Key::Num1);
    let mut samples = Vec::new();
    let claims_before = driver.app.document().session().claims().count();
    let article = big.articles()[0].id;
    let text = &big.articles()[0].text;
    for n in 0..sizes.frames {
        let start = rashomon::model::span::floor_char_boundary(text, n * 7_919 % text.len());
        let end = rashomon::model::span::floor_char_boundary(text, start + 40);
        let ((), took) = time(|| {
            driver
                .app
                .tag_span(article, TextSpan::new(start, end), n % 3);
        });
        let next = driver.frame();
        if std::env::var_os("RASHOMON_BENCH_DETAIL").is_some() {
            println!("tag {took:?} + frame {next:?}");
        }
        samples.push(took + next);
    }
    figures.push(figure("tag a span (edit + statuses) + next frame", samples));
    let claims_tagged = driver.app.document().session().claims().count() - claims_before;

    stance_and_idle_figures(&mut driver, sizes, &mut figures);
    drop(driver);

    // Suggestions: the claim finder on a wire-style article of the big article's size (the
    // evaluation articles, written for the tests, one after another), and on the synthetic
    // big article; the fact ranking for one claim among the big article's facts.
    let wire = wire_text(sizes.big_article_bytes);
    let mut session = rashomon::model::Session::new();
    let article = session.new_article(rashomon::model::ArticleMeta::default(), wire);
    let suggester = rashomon::suggest::Suggester::new(session.parties());
    let (found, took) = time(|| suggester.claims(&article));
    figures.push(figure(
        "suggest claims, wire-style article (1 MB)",
        vec![took],
    ));
    let suggestions = found.len();
    let (_, took) =
        time(|| rashomon::suggest::Suggester::new(big.parties()).claims(&big.articles()[0]));
    figures.push(figure("suggest claims, big synthetic article", vec![took]));
    let (index, took) = time(|| rashomon::suggest::FactIndex::new(&big));
    figures.push(figure(
        "fact ranking: index the big article's facts and claims",
        vec![took],
    ));
    let claims: Vec<&rashomon::model::Claim> = big.claims().take(sizes.frames).collect();
    let samples = claims
        .iter()
        .map(|claim| time(|| index.rank(&big, claim)).1)
        .collect();
    figures.push(figure(
        "fact ranking: rank the facts for one claim",
        samples,
    ));

    // A big session.
    let session = generate(&GenerateOptions {
        articles: sizes.session_articles,
        claims: sizes.session_claims,
        facts: sizes.big_article_facts,
        seed: 2,
        article_bytes: sizes.session_article_bytes,
    });
    let path = dir.path().join("session.rashomon");
    let (_, save) = time(|| rashomon::storage::save(&path, &session).expect("save"));
    figures.push(figure("save the big session", vec![save]));
    let (loaded, open) = time(|| rashomon::storage::load(&path).expect("load"));
    figures.push(figure("open the big session", vec![open]));
    let (_, export) = time(|| {
        Format::Html
            .render(&loaded.session, &ExportOptions::titled("bench"))
            .expect("renders")
    });
    figures.push(figure("HTML export of the big session", vec![export]));
    team_figures(sizes, &big, &mut figures);
    figures.push(figure(
        "re-anchor 2,000 claims in an edited article (1 MB)",
        vec![reanchor(sizes.big_article_bytes)],
    ));

    let resident_mb = resident_megabytes();
    let floor = figure(
        "egui's floor: a 1 MB label in a scroll area, unchanged",
        egui_floor(&big.articles()[0].text, sizes.frames),
    );
    Report {
        floor: floor.median,
        figures,
        claims_stepped: claims_stepped.len(),
        by_fact,
        claims_tagged,
        resident_mb,
        suggestions,
    }
}

/// Flipping the stance of the selected claim (S), and a frame with no input, on the big
/// session.
fn stance_and_idle_figures(driver: &mut Driver, sizes: &Sizes, figures: &mut Vec<Figure>) {
    let samples = driver.press_times(Modifiers::NONE, Key::S, sizes.frames);
    figures.push(figure("flip a stance (S) + next frame", samples));

    // Undoing and redoing those edits (the tags and flips above): each edit's inverse goes
    // through the same incremental update.
    let before = driver.app.document().session().clone();
    let samples = driver.press_times(Modifiers::COMMAND, Key::Z, sizes.frames);
    figures.push(figure("undo (Ctrl+Z) + next frame", samples));
    assert!(
        *driver.app.document().session() != before,
        "undo changed the session"
    );
    let samples = driver.press_times(Modifiers::COMMAND, Key::Y, sizes.frames);
    figures.push(figure("redo (Ctrl+Y) + next frame", samples));
    assert!(
        *driver.app.document().session() == before,
        "redo brought every undone edit back"
    );

    // A frame with no input at all, the big session shown: what a repaint costs when
    // nothing changed (an idle window asks for none; this is its price if one comes).
    let mut samples = Vec::new();
    for _ in 0..sizes.frames {
        samples.push(driver.frame());
    }
    figures.push(figure("idle frame, no input (big session shown)", samples));
}

/// egui's own cost for what the reader shows: a 1 MB label in a vertical scroll area, the
/// same every frame, run and tessellated as the app's frames are (the first frames, which lay
/// the text out, left out).
fn egui_floor(text: &str, frames: usize) -> Vec<Duration> {
    let ctx = egui::Context::default();
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1600.0, 1000.0),
        )),
        ..Default::default()
    };
    let mut samples = Vec::new();
    for n in 0..frames + 3 {
        let start = Instant::now();
        let mut output = ctx.run_ui(input.clone(), |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                ui.label(text);
            });
        });
        // No GPU to upload the font atlas to.
        output.textures_delta.clear();
        let _ = ctx.tessellate(output.shapes, ctx.pixels_per_point());
        if n >= 3 {
            samples.push(start.elapsed());
        }
    }
    samples
}

/// Team work: a second analyst's version of a session (a fifth of the claims dropped, a
/// fifth given another party, a fifth with another end, some new), compared with the first,
/// merged into it, and merged three ways against their common base; and the big article
/// against a second analyst's version of it.
fn team_figures(sizes: &Sizes, big: &rashomon::model::Session, figures: &mut Vec<Figure>) {
    let alice = generate(&GenerateOptions {
        articles: 5,
        claims: sizes.team_claims,
        facts: sizes.team_claims / 10,
        seed: 3,
        article_bytes: 40_000,
    });
    let bob = second_analyst(&alice);
    let (report, took) = time(|| rashomon::team::agreement::compare(&alice, &bob));
    assert!(report.overall.counts.matched > 0);
    figures.push(figure("agreement of two analysts' sessions", vec![took]));
    let (_, took) = time(|| rashomon::team::merge::merge_all(&alice, std::slice::from_ref(&bob)));
    figures.push(figure("merge two analysts' sessions", vec![took]));
    let (_, took) = time(|| rashomon::team::merge::three_way(&alice, &alice, &bob));
    figures.push(figure("three-way merge (git driver)", vec![took]));
    let big_bob = second_analyst(big);
    let (_, took) = time(|| rashomon::team::agreement::compare(big, &big_bob));
    figures.push(figure(
        "agreement, big article against a second analyst's",
        vec![took],
    ));
}

/// Places 2,000 claims again in an article its outlet edited: a word inserted about every
/// 400 characters, one letter changed in the middle of every other quote.
fn reanchor(article_bytes: usize) -> Duration {
    reanchor_sized(2_000, article_bytes)
}

/// [`reanchor`] with this many claims.
fn reanchor_sized(claims: usize, article_bytes: usize) -> Duration {
    let session = generate(&GenerateOptions {
        articles: 1,
        claims,
        facts: 100,
        seed: 7,
        article_bytes,
    });
    let article = &session.articles()[0];
    let edited = crate::cliffs::outlet_edit(&session);
    let (_, took) = time(|| session.replace_text_edit(article.id, edited));
    took
}

/// Another analyst's version of `session`, deterministically: of every five claims one is
/// dropped, one gets another party, one another end, two stay; one claim in ten is new.
fn second_analyst(session: &rashomon::model::Session) -> rashomon::model::Session {
    use rashomon::model::Edit;
    let mut other = session.clone().with_id_origin(0xb0b);
    let parties: Vec<_> = other.parties().iter().map(|p| p.id).collect();
    let claims: Vec<_> = other.claims().cloned().collect();
    let mut edits = Vec::new();
    for (i, claim) in claims.iter().enumerate() {
        match i % 5 {
            0 => edits.push(Edit::RemoveClaim { claim: claim.id }),
            1 => {
                let mut changed = claim.clone();
                let at = parties.iter().position(|&p| p == claim.party).unwrap_or(0);
                changed.party = parties[(at + 1) % parties.len()];
                edits.push(Edit::ReplaceClaim(changed));
            }
            2 => {
                let span = claim.anchor.span;
                let end = rashomon::model::span::floor_char_boundary(
                    &other.article(claim.article).expect("article").text,
                    span.end
                        .0
                        .saturating_sub(span.len() / 4)
                        .max(span.start.0 + 1),
                );
                if let Some(changed) =
                    other.claim_with_span(claim.id, TextSpan::new(span.start.0, end))
                {
                    edits.push(Edit::ReplaceClaim(changed));
                }
            }
            _ => {}
        }
        if i % 10 == 3 {
            let text = &other.article(claim.article).expect("article").text;
            let start = rashomon::model::span::floor_char_boundary(
                text,
                (claim.anchor.span.end.0 + 50) % text.len(),
            );
            let end = rashomon::model::span::floor_char_boundary(text, start + 30);
            if let Some(new) = other.new_claim(
                claim.article,
                TextSpan::new(start, end),
                parties[i % parties.len()],
            ) {
                edits.push(Edit::InsertClaim(new));
            }
        }
    }
    other.apply(Edit::Batch(edits)).expect("second analyst");
    other
}

/// The evaluation articles of `tests/suggestions/` (their markup taken out), one after
/// another until the text is about `bytes` long.
fn wire_text(bytes: usize) -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/suggestions");
    let mut articles: Vec<String> = ["en-wire.txt", "en-moscow.txt", "en-damascus.txt"]
        .iter()
        .map(|name| {
            let raw = std::fs::read_to_string(dir.join(name)).expect("an evaluation article");
            let body: String = raw
                .lines()
                .filter(|l| !l.starts_with('#'))
                .collect::<Vec<_>>()
                .join("\n");
            let mut clean = String::with_capacity(body.len());
            let mut rest = body.as_str();
            while let Some(open) = rest.find("{{") {
                clean.push_str(&rest[..open]);
                let after = &rest[open + 2..];
                let colon = after.find(": ").map_or(0, |c| c + 2);
                rest = &after[colon..];
                if let Some(close) = rest.find("}}") {
                    clean.push_str(&rest[..close]);
                    rest = &rest[close + 2..];
                }
            }
            clean.push_str(rest);
            clean
        })
        .collect();
    articles.retain(|a| !a.is_empty());
    let mut text = String::with_capacity(bytes + 4096);
    while text.len() < bytes {
        for article in &articles {
            text.push_str(article);
            text.push('\n');
        }
    }
    text
}

pub fn print(report: &Report) {
    let floor = report.floor.as_secs_f64().max(1e-9);
    println!(
        "{:<58} {:>12} {:>12} {:>9}",
        "figure", "median", "worst", "× floor"
    );
    println!(
        "{:<58} {:>9.2} ms {:>12} {:>9}",
        "egui's floor: a 1 MB label in a scroll area, unchanged",
        floor * 1000.0,
        "",
        "1"
    );
    for figure in &report.figures {
        println!(
            "{:<58} {:>9.2} ms {:>9.2} ms {:>9.1}",
            figure.name,
            figure.median.as_secs_f64() * 1000.0,
            figure.worst.as_secs_f64() * 1000.0,
            figure.median.as_secs_f64() / floor
        );
    }
    if let Some(mb) = report.resident_mb {
        println!("{:<58} {mb:>9} MB", "resident memory at the end");
    }
}

/// One path measured at three sizes, each twice the one before.
pub struct Scaling {
    pub name: &'static str,
    pub times: [Duration; 3],
}

impl Scaling {
    /// How much longer the largest size took than the middle one: about 2 for a linear
    /// path, about 4 for a quadratic one.
    pub fn growth(&self) -> f64 {
        self.times[2].as_secs_f64() / self.times[1].as_secs_f64().max(1e-9)
    }
}

/// The paths that grow with the data, at `claims`, twice and four times as many claims
/// (and as much text): opening a session, the analysis, the HTML export, placing claims
/// again in an edited article, and comparing two analysts. A quadratic path shows up as a
/// growth factor near 4, not as a hang.
pub fn scaling(claims: usize) -> Vec<Scaling> {
    let mut open = [Duration::ZERO; 3];
    let mut analysis = [Duration::ZERO; 3];
    let mut export = [Duration::ZERO; 3];
    let mut reanchoring = [Duration::ZERO; 3];
    let mut agreement = [Duration::ZERO; 3];
    let mut merge = [Duration::ZERO; 3];
    let mut pdf_page = [Duration::ZERO; 3];
    let mut pdf_pages = [Duration::ZERO; 3];
    let dir = tempfile::tempdir().expect("temp dir");
    for (i, factor) in [1, 2, 4].into_iter().enumerate() {
        let n = claims * factor;
        let session = generate(&GenerateOptions {
            articles: 4 * factor,
            claims: n,
            facts: n / 10,
            seed: 11,
            article_bytes: 50_000,
        });
        let path = dir.path().join(format!("scale-{factor}.rashomon"));
        rashomon::storage::save(&path, &session).expect("save");
        let (loaded, took) = time(|| rashomon::storage::load(&path).expect("load"));
        open[i] = took;
        analysis[i] = time(|| Analysis::new(&loaded.session)).1;
        export[i] = time(|| {
            Format::Html
                .render(&loaded.session, &ExportOptions::titled("scale"))
                .expect("renders")
        })
        .1;
        let second = second_analyst(&session);
        agreement[i] = time(|| rashomon::team::agreement::compare(&session, &second)).1;
        merge[i] = time(|| {
            rashomon::team::merge::merge_all(&session, std::slice::from_ref(&second))
                .expect("merges")
        })
        .1;
        reanchoring[i] = reanchor_sized(n / 4, 250_000 * factor);
        pdf_page[i] = read_pdf(&one_page_pdf(n / 4));
        pdf_pages[i] = read_pdf(&many_pages_pdf(n / 50));
    }
    vec![
        Scaling {
            name: "open a session",
            times: open,
        },
        Scaling {
            name: "analysis (statuses, reading order)",
            times: analysis,
        },
        Scaling {
            name: "HTML export",
            times: export,
        },
        Scaling {
            name: "re-anchor claims in an edited article",
            times: reanchoring,
        },
        Scaling {
            name: "agreement of two analysts",
            times: agreement,
        },
        Scaling {
            name: "merge two analysts' sessions",
            times: merge,
        },
        Scaling {
            name: "read a PDF: one page of claims/4 lines",
            times: pdf_page,
        },
        Scaling {
            name: "read a PDF: claims/50 pages of 40 lines",
            times: pdf_pages,
        },
    ]
}

const PDF_LINE: &str = "The coalition said the strike near Deir ez-Zor was a mistake, officials";

/// A PDF of one page that holds `lines` lines (a machine-made page: a log, a table dump).
pub fn one_page_pdf(lines: usize) -> Vec<u8> {
    rashomon::import::fixtures::pdf_with_lines(&vec![PDF_LINE; lines])
}

/// A PDF of `pages` pages of 40 lines each, a paragraph every eight lines (each line says
/// in letters where it is, so no line comes back on every page as a running head would).
pub fn many_pages_pdf(pages: usize) -> Vec<u8> {
    use rashomon::import::fixtures::{PdfLine, pdf_laid_out};
    let texts: Vec<Vec<String>> = (0..pages)
        .map(|page| {
            (0..40)
                .map(|row| format!("{PDF_LINE} {}", in_letters(page * 40 + row)))
                .collect()
        })
        .collect();
    let laid_out: Vec<Vec<PdfLine>> = texts
        .iter()
        .map(|page| {
            (0_u32..)
                .zip(page)
                .map(|(row, text)| PdfLine {
                    x: if row % 8 == 0 { 90.0 } else { 72.0 },
                    y: 72.0 + 15.0 * f64::from(row),
                    size: 11.0,
                    word_spacing: 0.0,
                    text,
                })
                .collect()
        })
        .collect();
    pdf_laid_out(&laid_out, None)
}

/// A number written in letters (digits would be read as page numbers, which vary).
fn in_letters(mut n: usize) -> String {
    let mut out = String::new();
    loop {
        out.push(char::from(b'a' + u8::try_from(n % 26).unwrap_or(0)));
        n /= 26;
        if n == 0 {
            return out;
        }
    }
}

/// How long reading a PDF's text takes, and that it was read.
pub fn read_pdf(bytes: &[u8]) -> Duration {
    let (article, took) = time(|| {
        rashomon::import::import_format(bytes, rashomon::import::Format::Pdf).expect("reads")
    });
    assert!(article.text.contains("Deir ez-Zor"));
    took
}

pub fn print_scaling(rows: &[Scaling], claims: usize) {
    println!();
    println!(
        "{:<58} {:>10} {:>10} {:>10} {:>7}",
        format!("scaling ({claims}, {}, {} claims)", claims * 2, claims * 4),
        "1x",
        "2x",
        "4x",
        "growth"
    );
    for row in rows {
        println!(
            "{:<58} {:>7.1} ms {:>7.1} ms {:>7.1} ms {:>7.2}",
            row.name,
            row.times[0].as_secs_f64() * 1000.0,
            row.times[1].as_secs_f64() * 1000.0,
            row.times[2].as_secs_f64() * 1000.0,
            row.growth()
        );
    }
}
