//! The `arsip` command: parse arguments, run the library, report, and exit with
//! 0 (success), 1 (content, configuration or template errors) or 2 (usage).

use std::io::IsTerminal;
use std::process::ExitCode;

use arsip::cli::{BuildArgs, CheckArgs, Cli, Command, ImportArgs, InitArgs, NewArgs, ServeArgs};
use arsip::config::{Config, Overrides};
use arsip::error::{EXIT_FAILURE, format_error, terminal_safe};
use clap::Parser;

// A build makes and frees a few hundred thousand small strings on two threads. Under glibc's
// allocator a one-edit build of 10,000 articles took ~15,000 page faults and ~1,100 `mprotect`
// calls as the per-thread heaps grew; mimalloc takes its memory in large (huge-page) regions:
// ~300 faults, a third less time for that build (202 to 128 ms), more resident memory.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if !matches!(cli.command, Command::Serve(_)) {
        end_quietly_on_closed_pipes();
    }
    let code = match cli.command {
        Command::Build(args) => build(args),
        Command::Serve(args) => serve(args),
        Command::Init(args) => init(args),
        Command::New(args) => new(args),
        Command::Check(args) => check(args),
        Command::Import(args) => import(args),
    };
    exit_now(code)
}

// Ends the process with `code` once the output is out, skipping the exit handlers: the
// allocator's handler hands every free page back to the kernel, for a process about to end.
fn exit_now(code: i32) -> ExitCode {
    arsip::sys::exit_now(u8::try_from(code).unwrap_or(1))
}

// Printing into a closed pipe (`arsip check | head -1`) ends the process quietly, as it
// does other command-line tools, where Rust's default made `println!` panic. `serve` keeps
// the default: a browser closing its connection must not stop the server.
fn end_quietly_on_closed_pipes() {
    arsip::sys::end_quietly_on_closed_pipes();
}

/// A build shorter than this shows no progress line.
const PROGRESS_AFTER: std::time::Duration = std::time::Duration::from_secs(1);

// Redraws the progress line on standard error (a terminal) every 100 ms once the build has
// taken PROGRESS_AFTER, until it is done; then clears it, so the summary takes its place.
fn show_progress(progress: &arsip::progress::Progress, started: std::time::Instant) {
    use std::io::Write;
    let tick = std::time::Duration::from_millis(50);
    let mut drawn = false;
    let mut last = started;
    while !progress.is_done() {
        std::thread::sleep(tick);
        let now = std::time::Instant::now();
        if now - started < PROGRESS_AFTER || (drawn && now - last < 2 * tick) {
            continue;
        }
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K{}", progress.line(now - started));
        let _ = err.flush();
        drawn = true;
        last = now;
    }
    if drawn {
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K");
        let _ = err.flush();
    }
}

// Warnings about the configuration itself, before the build's own.
fn print_config_notes(config: &Config) {
    if let Some(note) = arsip::i18n::language_note(&config.language, &config.strings) {
        let warning = arsip::error::Warning {
            path: arsip::config::CONFIG_FILE.into(),
            location: None,
            message: note,
        };
        eprintln!("{warning}");
    }
}

/// `1 article`, `2 articles`: the command line speaks English.
fn count(n: usize, one: &str, other: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { other })
}

fn print_timings(timings: &arsip::timings::Timings) {
    eprintln!("  wall ms    cpu ms  phase");
    for phase in timings.phases() {
        let cpu = phase.cpu.map_or("-".to_string(), |cpu| {
            format!("{:.1}", cpu.as_secs_f64() * 1000.0)
        });
        eprintln!(
            "{:>9.1} {:>9}  {}",
            phase.wall.as_secs_f64() * 1000.0,
            cpu,
            phase.name
        );
    }
}

fn build(args: BuildArgs) -> i32 {
    // A progress line only where someone watches: on a terminal, and not with --quiet.
    let progress = (!args.quiet && std::io::stderr().is_terminal())
        .then(|| std::sync::Arc::new(arsip::progress::Progress::default()));
    let options = arsip::BuildOptions {
        clean: args.clean,
        progress: progress.clone(),
    };
    let overrides = Overrides {
        output: args.output,
        base_url: args.base_url,
        drafts: args.drafts,
        file_urls: args.file_urls,
        strict: args.strict,
    };
    let config = match Config::load(&args.root, &overrides) {
        Ok(config) => config,
        Err(error) => {
            eprintln!("{}", format_error(&error));
            return EXIT_FAILURE;
        }
    };
    if args.strict && refuse_incomplete(&config) {
        return EXIT_FAILURE;
    }
    let links_outside = arsip::build::assets::links_outside(&config.root);
    print_config_notes(&config);
    let shown = progress.map(|p| {
        let started = std::time::Instant::now();
        std::thread::spawn(move || show_progress(&p, started))
    });
    let result = arsip::build_with(&config, &options);
    if let (Some(progress), Some(shown)) = (&options.progress, shown) {
        progress.finish();
        let _ = shown.join();
    }
    match result {
        Ok(report) => {
            for warning in report.warnings.iter().chain(&links_outside) {
                eprintln!("{warning}");
            }
            let skipped = if report.skipped > 0 {
                format!(
                    ", {} left out",
                    count(
                        report.skipped,
                        "draft or future article",
                        "drafts or future articles"
                    )
                )
            } else {
                String::new()
            };
            let left_out = count_left_out(&report.warnings);
            if !args.quiet {
                println!(
                    "Built {} into {} ({}) in {} ms{skipped} -> {}{}",
                    count(report.articles, "article", "articles"),
                    count(report.pages, "page", "pages"),
                    count(report.files, "file", "files"),
                    report.elapsed.as_millis(),
                    config.output.display(),
                    incomplete(left_out)
                );
            }
            if args.timings {
                if report.incremental {
                    eprintln!(
                        "incremental: {} of {} files rendered and written",
                        report.written, report.files
                    );
                }
                print_timings(&report.timings);
            }
            if args.strict && left_out > 0 {
                // Only when a folder became unreadable during the build: checked before it.
                eprintln!("error: the site is incomplete (--strict)");
                return EXIT_FAILURE;
            }
            0
        }
        Err(failure) => {
            for warning in failure.warnings.iter().chain(&links_outside) {
                eprintln!("{warning}");
            }
            for error in &failure.errors {
                eprintln!("{}", format_error(error));
            }
            eprintln!(
                "error: build failed with {} error{}; nothing was written",
                failure.errors.len(),
                if failure.errors.len() == 1 { "" } else { "s" }
            );
            EXIT_FAILURE
        }
    }
}

// How many warnings say that something under content/ was left out, unread.
fn count_left_out(warnings: &[arsip::error::Warning]) -> usize {
    warnings
        .iter()
        .filter(|w| arsip::load::leaves_content_out(w))
        .count()
}

// The end of a summary line for a site built or checked without `left_out` unread parts.
fn incomplete(left_out: usize) -> String {
    match left_out {
        0 => String::new(),
        n => format!(
            "; INCOMPLETE: {n} folder{} or file{} under content/ could not be read and {} left \
             out (see the warnings above; --strict makes this an error)",
            if n == 1 { "" } else { "s" },
            if n == 1 { "" } else { "s" },
            if n == 1 { "is" } else { "are" }
        ),
    }
}

fn into_error(warning: arsip::error::Warning) -> arsip::error::Error {
    arsip::error::Error::content(warning.path, warning.location, warning.message)
}

// `--strict`: finds what under content/ cannot be read before building, and reports it as
// errors; true when the build must not run.
fn refuse_incomplete(config: &Config) -> bool {
    let unreadable: Vec<_> = arsip::load::scan(&config.root)
        .warnings
        .into_iter()
        .filter(arsip::load::leaves_content_out)
        .collect();
    for warning in &unreadable {
        eprintln!("{}", format_error(&into_error(warning.clone())));
    }
    if !unreadable.is_empty() {
        eprintln!(
            "error: build failed: {} folder(s) or file(s) under content/ cannot be read \
             (--strict); nothing was written",
            unreadable.len()
        );
    }
    !unreadable.is_empty()
}

/// The port `serve` tries first when `--port` is not given.
const DEFAULT_PORT: u16 = 1111;

fn serve(args: ServeArgs) -> i32 {
    use arsip::serve::Event;
    let requested = args.port;
    let options = arsip::serve::ServeOptions {
        root: args.root.clone(),
        bind: args.bind,
        port: args.port.unwrap_or(DEFAULT_PORT),
        exact_port: args.port.is_some(),
        drafts: args.drafts,
    };
    // File names reach the terminal escaped, as in every diagnostic.
    let name = |path: &std::path::Path| terminal_safe(&path.to_string_lossy(), false).into_owned();
    let changes = |changed: &[std::path::PathBuf]| match changed {
        [] => String::new(),
        [one] => format!(" after a change to {}", name(one)),
        [one, rest @ ..] => format!(" after changes to {} and {} more", name(one), rest.len()),
    };
    let mut report = |event: Event| match event {
        Event::Listening { url, output } => {
            if requested.is_none() && !url.ends_with(&format!(":{DEFAULT_PORT}/")) {
                println!("Port {DEFAULT_PORT} is taken; using the next free one.");
            }
            println!("Serving {} at {url} (Ctrl-C to stop)", output.display());
        }
        Event::Built { report, changed } => {
            let links_outside = arsip::build::assets::links_outside(&args.root);
            for warning in report.warnings.iter().chain(&links_outside) {
                eprintln!("{warning}");
            }
            println!(
                "Built {} into {} in {} ms ({} of {} files written){}",
                count(report.articles, "article", "articles"),
                count(report.pages, "page", "pages"),
                report.elapsed.as_millis(),
                report.written,
                report.files,
                changes(changed)
            );
        }
        Event::Failed {
            errors,
            warnings,
            changed,
        } => {
            for warning in warnings {
                eprintln!("{warning}");
            }
            for error in errors {
                eprintln!("{}", format_error(error));
            }
            eprintln!(
                "error: build failed{} with {}; still serving the last good site",
                changes(changed),
                count(errors.len(), "error", "errors")
            );
        }
        Event::Stopped => println!("Stopped."),
    };
    match arsip::serve::serve(&options, &mut report) {
        Ok(()) => 0,
        Err(error) => {
            eprintln!("{}", format_error(&error));
            EXIT_FAILURE
        }
    }
}

fn init(args: InitArgs) -> i32 {
    match arsip::scaffold::init(&args.dir, &args.theme, args.templates, chrono::Utc::now()) {
        Ok(files) => {
            for file in &files {
                println!("created {}", args.dir.join(file).display());
            }
            println!(
                "New site in {}; try `arsip serve` there.",
                args.dir.display()
            );
            0
        }
        Err(error) => {
            eprintln!("{}", format_error(&error));
            EXIT_FAILURE
        }
    }
}

fn new(args: NewArgs) -> i32 {
    let created = Config::load(&args.root, &Overrides::default()).and_then(|config| {
        arsip::scaffold::new_article(
            &config,
            &args.headline,
            &args.tags,
            args.txt,
            chrono::Utc::now(),
        )
    });
    match created {
        Ok(path) => {
            println!("{}", path.display());
            0
        }
        Err(error) => {
            eprintln!("{}", format_error(&error));
            EXIT_FAILURE
        }
    }
}

fn check(args: CheckArgs) -> i32 {
    let overrides = Overrides {
        drafts: args.drafts,
        ..Overrides::default()
    };
    let config = match Config::load(&args.root, &overrides) {
        Ok(config) => config,
        Err(error) => {
            eprintln!("{}", format_error(&error));
            return EXIT_FAILURE;
        }
    };
    print_config_notes(&config);
    let mut report = arsip::check::check(&config);
    report
        .warnings
        .extend(arsip::build::assets::links_outside(&config.root));
    if args.strict {
        let (unreadable, others) = report
            .warnings
            .into_iter()
            .partition(arsip::load::leaves_content_out);
        report.warnings = others;
        report
            .problems
            .extend(unreadable.into_iter().map(into_error));
        arsip::error::sort_errors(&mut report.problems);
    }
    for warning in &report.warnings {
        eprintln!("{warning}");
    }
    for problem in &report.problems {
        eprintln!("{}", format_error(problem));
    }
    match report.problems.len() {
        0 => {
            println!(
                "Checked {}: no problems found{}",
                count(report.articles, "article", "articles"),
                incomplete(count_left_out(&report.warnings))
            );
            0
        }
        n => {
            eprintln!(
                "error: check found {} in {}",
                count(n, "problem", "problems"),
                count(report.articles, "article", "articles")
            );
            EXIT_FAILURE
        }
    }
}

fn import(args: ImportArgs) -> i32 {
    let report = |errors: Vec<arsip::error::Error>| {
        for error in &errors {
            eprintln!("{}", format_error(error));
        }
        EXIT_FAILURE
    };
    // Import needs no site: without an arsip.toml, the defaults give timezone and auto_tags.
    let config = match Config::load_optional(&args.root, &Overrides::default()) {
        Ok(Some(config)) => config,
        Ok(None) => match Config::from_raw(&args.root, Default::default(), &Overrides::default()) {
            Ok(config) => config,
            Err(error) => return report(vec![error]),
        },
        Err(error) => return report(vec![error]),
    };
    let options = arsip::import::ImportOptions {
        timezone: config.timezone,
        auto_tags: config.auto_tags,
        tag_aliases: &config.tag_aliases,
        outlets: &config.outlets,
    };
    let jobs = match arsip::import::plan(&args.inputs, args.out.as_deref()) {
        Ok(jobs) => jobs,
        Err(errors) => return report(errors),
    };
    match arsip::import::run(&jobs, options, &mut std::io::stdout().lock()) {
        Ok(imported) if args.out.is_some() => {
            for note in &imported.notes {
                eprintln!("{note}");
            }
            let count = imported.written;
            println!(
                "Imported {count} article{}",
                if count == 1 { "" } else { "s" }
            );
            for (path, c) in &imported.exports {
                println!(
                    "{}: {} items read, {} posts written ({} draft{}), {} items not imported",
                    path.display(),
                    c.read,
                    c.written,
                    c.drafts,
                    if c.drafts == 1 { "" } else { "s" },
                    c.skipped
                );
            }
            0
        }
        Ok(_) => 0,
        Err(errors) => report(errors),
    }
}
