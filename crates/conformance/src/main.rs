//! `twostep-conformance --base-url URL [--user EMAIL]`

use std::process::ExitCode;

const USAGE: &str = "usage: twostep-conformance --base-url URL [--user EMAIL]
Checks the backend at URL (the part before /v1/...) against twostep's HTTP
contract and prints PASS, FAIL or SKIP for each check. USER is a test user
the backend knows (default: alex@contoso.example, of the reference server).";

fn main() -> ExitCode {
    let mut base = None;
    let mut user = "alex@contoso.example".to_string();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--base-url" => base = args.next(),
            "--user" => user = args.next().unwrap_or_default(),
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => {
                eprintln!("unknown argument {other:?}\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let Some(base) = base else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    if twostep_conformance::report(&twostep_conformance::run(&base, &user)) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
