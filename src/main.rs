//! Starts Rashomon: the window, or a headless command.

use std::process::ExitCode;

use rashomon::cli::{self, Invocation};
use rashomon::ui::{RashomonApp, Startup};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let invocation = match cli::parse(&args) {
        Ok(invocation) => invocation,
        // --help and --version (exit 0, to stdout) or bad usage (exit 2, to stderr).
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
        }
    };
    if let Invocation::ImportWorker { path, encoding } = &invocation {
        return rashomon::import::contained::run_worker(path, encoding.as_deref());
    }
    // Untrusted files are read by this same program started as a contained worker.
    if let Ok(program) = std::env::current_exe() {
        rashomon::import::contained::use_worker(program);
    }
    match invocation {
        Invocation::ImportWorker { .. } => ExitCode::FAILURE,
        Invocation::Completions(shell) => {
            cli::completions(shell, &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        Invocation::InstallDesktop { uninstall } => {
            let result = rashomon::desktop::data_dir().and_then(|data| {
                let program = std::env::current_exe()
                    .map_err(|e| format!("cannot tell where this program is: {e}"))?;
                rashomon::desktop::install(&data, &program, uninstall)
            });
            match result {
                Ok(lines) => {
                    for line in lines {
                        println!("{line}");
                    }
                    ExitCode::SUCCESS
                }
                Err(message) => {
                    eprintln!("rashomon: {message}");
                    ExitCode::FAILURE
                }
            }
        }
        Invocation::Man => match cli::man_page(&mut std::io::stdout()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("rashomon: cannot write the man page: {error}");
                ExitCode::FAILURE
            }
        },
        Invocation::Export {
            session,
            format,
            output,
            filter,
        } => match cli::export(&session, format, output.as_deref(), &filter) {
            Ok(()) => ExitCode::SUCCESS,
            Err(cli::ExportFailure::BadOption(message)) => {
                eprintln!("rashomon: {message}");
                ExitCode::from(2)
            }
            Err(cli::ExportFailure::File(message)) => {
                eprintln!("rashomon: {message}");
                ExitCode::FAILURE
            }
        },
        Invocation::Generate { options, output } => {
            let session = rashomon::generate::generate(&options);
            match rashomon::storage::save(&output, &session) {
                Ok(_) => {
                    println!(
                        "wrote {}: {} articles, {} claims, {} facts",
                        output.display(),
                        session.articles().len(),
                        session.claims().len(),
                        session.facts().len()
                    );
                    ExitCode::SUCCESS
                }
                Err(error) => {
                    eprintln!("rashomon: {error}");
                    ExitCode::FAILURE
                }
            }
        }
        Invocation::Import { paths, session } => {
            match cli::import(&paths, &session, &mut std::io::stdout()) {
                Ok(0) => ExitCode::FAILURE,
                Ok(_) => ExitCode::SUCCESS,
                Err(message) => {
                    eprintln!("rashomon: {message}");
                    ExitCode::FAILURE
                }
            }
        }
        Invocation::Model(action) => match cli::model(&action) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("rashomon: {message}");
                ExitCode::FAILURE
            }
        },
        Invocation::Suggest { paths, json } => {
            match cli::suggest(&paths, json, &mut std::io::stdout()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(message) => {
                    eprintln!("rashomon: {message}");
                    ExitCode::FAILURE
                }
            }
        }
        Invocation::Agreement { a, b, json } => {
            match cli::agreement(&a, &b, json, &mut std::io::stdout()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(message) => {
                    eprintln!("rashomon: {message}");
                    ExitCode::FAILURE
                }
            }
        }
        Invocation::Merge {
            base,
            sessions,
            output,
        } => match cli::merge(base.as_deref(), &sessions, &output, &mut std::io::stdout()) {
            cli::MergeEnd::Done => ExitCode::SUCCESS,
            cli::MergeEnd::Conflicts => ExitCode::FAILURE,
            cli::MergeEnd::Usage(message) => {
                eprintln!("rashomon: {message}");
                ExitCode::from(2)
            }
            cli::MergeEnd::Failed(message) => {
                eprintln!("rashomon: {message}");
                ExitCode::FAILURE
            }
        },
        Invocation::Gui { paths } => run_window(paths),
    }
}

/// The name eframe keeps the window state and autosave under.
const APP_NAME: &str = "Rashomon";

fn run_window(paths: Vec<std::path::PathBuf>) -> ExitCode {
    let mut viewport = egui::ViewportBuilder::default();
    // The window icon is the one the desktop entry installs (256 px).
    if let Ok(icon) = eframe::icon_data::from_png_bytes(rashomon::desktop::PNGS[5].1) {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport: viewport
            .with_title("Rashomon")
            .with_app_id("rashomon")
            .with_inner_size([1366.0, 800.0])
            .with_min_inner_size([900.0, 560.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    let startup = Startup {
        sample: paths.is_empty(),
        paths,
        recovery_dir: eframe::storage_dir(APP_NAME).map(|dir| dir.join("recovery")),
        legacy_recovery_file: eframe::storage_dir(APP_NAME)
            .map(|dir| dir.join("recovery.rashomon")),
        autosave_delay: None,
        save_answer: None,
        pace_frames: true,
    };
    match eframe::run_native(
        APP_NAME,
        options,
        Box::new(|cc| Ok(Box::new(RashomonApp::new(cc, startup)))),
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("rashomon: could not open a window: {error}");
            ExitCode::FAILURE
        }
    }
}
