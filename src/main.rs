//! The `arsip` command: parse arguments, run the library, report, and exit with
//! 0 (success), 1 (content, configuration or template errors) or 2 (usage).

use std::process::ExitCode;

use arsip::cli::{BuildArgs, CheckArgs, Cli, Command, ImportArgs, InitArgs, NewArgs, ServeArgs};
use arsip::config::{Config, Overrides};
use arsip::error::{EXIT_FAILURE, format_error};
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

// Ends the process with `code` once the output is out. On Unix this skips the exit handlers:
// the allocator's handler hands every free page back to the kernel, one `madvise` call per
// region (some 400 after a build of 10,000 articles), for a process about to end anyway.
fn exit_now(code: i32) -> ExitCode {
    use std::io::Write;
    let code = u8::try_from(code).unwrap_or(1);
    #[cfg(unix)]
    {
        let _ = std::io::stdout().flush();
        let _ = std::io::stderr().flush();
        // SAFETY: `_exit` only ends the process; everything it skips (exit handlers, thread
        // destructors) has nothing left to save, the standard streams being flushed.
        unsafe { libc::_exit(i32::from(code)) }
    }
    #[cfg(not(unix))]
    ExitCode::from(code)
}

// Printing into a closed pipe (`arsip check | head -1`) ends the process quietly, as it
// does other command-line tools, where Rust's default made `println!` panic. `serve` keeps
// the default: a browser closing its connection must not stop the server.
fn end_quietly_on_closed_pipes() {
    // SAFETY: called before any other thread starts; resets one signal to its default.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn print_timings(timings: &arsip::timings::Timings) {
    eprintln!("  wall ms    cpu ms  phase");
    for phase in timings.phases() {
        eprintln!(
            "{:>9.1} {:>9.1}  {}",
            phase.wall.as_secs_f64() * 1000.0,
            phase.cpu.as_secs_f64() * 1000.0,
            phase.name
        );
    }
}

fn build(args: BuildArgs) -> i32 {
    let options = arsip::BuildOptions { clean: args.clean };
    let overrides = Overrides {
        output: args.output,
        base_url: args.base_url,
        drafts: args.drafts,
        file_urls: args.file_urls,
    };
    let config = match Config::load(&args.root, &overrides) {
        Ok(config) => config,
        Err(error) => {
            eprintln!("{}", format_error(&error));
            return EXIT_FAILURE;
        }
    };
    match arsip::build_with(&config, &options) {
        Ok(report) => {
            for warning in &report.warnings {
                eprintln!("{warning}");
            }
            let skipped = if report.skipped > 0 {
                format!(", {} drafts or future articles left out", report.skipped)
            } else {
                String::new()
            };
            println!(
                "Built {} articles into {} pages ({} files) in {} ms{skipped} -> {}",
                report.articles,
                report.pages,
                report.files,
                report.elapsed.as_millis(),
                config.output.display()
            );
            if args.timings {
                if report.incremental {
                    eprintln!(
                        "incremental: {} of {} files rendered and written",
                        report.written, report.files
                    );
                }
                print_timings(&report.timings);
            }
            0
        }
        Err(failure) => {
            for warning in &failure.warnings {
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

fn serve(args: ServeArgs) -> i32 {
    use arsip::serve::Event;
    let options = arsip::serve::ServeOptions {
        root: args.root,
        bind: args.bind,
        port: args.port,
        drafts: args.drafts,
    };
    let changes = |changed: &[std::path::PathBuf]| match changed {
        [] => String::new(),
        [one] => format!(" after a change to {}", one.display()),
        [one, rest @ ..] => format!(
            " after changes to {} and {} more",
            one.display(),
            rest.len()
        ),
    };
    let mut report = |event: Event| match event {
        Event::Listening { url, output } => {
            println!("Serving {} at {url} (Ctrl-C to stop)", output.display());
        }
        Event::Built { report, changed } => {
            for warning in &report.warnings {
                eprintln!("{warning}");
            }
            println!(
                "Built {} articles into {} pages in {} ms ({} of {} files written){}",
                report.articles,
                report.pages,
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
                "error: build failed{} with {} error(s); still serving the last good site",
                changes(changed),
                errors.len()
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
    match arsip::scaffold::init(&args.dir, args.templates, chrono::Utc::now()) {
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
    let report = arsip::check::check(&config);
    for warning in &report.warnings {
        eprintln!("{warning}");
    }
    for problem in &report.problems {
        eprintln!("{}", format_error(problem));
    }
    match report.problems.len() {
        0 => {
            println!("Checked {} articles: no problems found", report.articles);
            0
        }
        n => {
            eprintln!(
                "error: check found {n} problem{} in {} articles",
                if n == 1 { "" } else { "s" },
                report.articles
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
    let config = match Config::load(&args.root, &Overrides::default()) {
        Ok(config) => config,
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
        Ok(count) if args.out.is_some() => {
            println!(
                "Imported {count} article{}",
                if count == 1 { "" } else { "s" }
            );
            0
        }
        Ok(_) => 0,
        Err(errors) => report(errors),
    }
}
