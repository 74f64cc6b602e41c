//! The `arsip` command: parse arguments, run the library, report, and exit with
//! 0 (success), 1 (content, configuration or template errors) or 2 (usage).

use std::process::ExitCode;

use arsip::cli::{BuildArgs, Cli, Command, ImportArgs};
use arsip::config::{Config, Overrides};
use arsip::error::{EXIT_FAILURE, format_error};
use clap::Parser;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Build(args) => build(args),
        Command::Import(args) => import(args),
    };
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

fn build(args: BuildArgs) -> i32 {
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
    match arsip::build(&config) {
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
