//! The `arsip` command: parse arguments, run the library, report, and exit with
//! 0 (success), 1 (content, configuration or template errors) or 2 (usage).

use std::process::ExitCode;

use arsip::cli::{BuildArgs, Cli, Command};
use arsip::config::{Config, Overrides};
use arsip::error::{EXIT_FAILURE, format_error};
use clap::Parser;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Build(args) => build(args),
    };
    ExitCode::from(u8::try_from(code).unwrap_or(1))
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
