//! `twostep-conformance --base-url URL [OPTIONS]`

use std::process::ExitCode;

use twostep_conformance::Options;

const USAGE: &str = "usage: twostep-conformance --base-url URL [OPTIONS]
Checks the backend at URL (the part before /v1/...) against twostep's HTTP
contract and prints PASS, FAIL or SKIP for each check.

OPTIONS:
    --user EMAIL          a test user the backend knows
                          [default: alex@contoso.example, of the reference server]
    --api-key KEY         a host's API key: sessions start server to server
                          (POST /v1/sessions) [default: none]
    --dev                 the backend runs in development mode: a browser start from
                          a user_hint must work (without --dev it must be refused)
    --totp-secret BASE32  the test user's authenticator-app secret, to complete a
                          verification and check the assertion [default: the
                          backend's GET /dev/totp if it has one, else those checks skip]
    --issuer URL          the iss the assertion must carry [default: any]
    --audience AUD        the aud the assertion must carry [default: any]
    -h, --help            print this help

Without --api-key, the checks need --dev to start a session at all.";

fn parse(args: impl Iterator<Item = String>) -> Result<Option<Options>, String> {
    let mut options = Options::new("", "alex@contoso.example");
    let mut base = None;
    let mut args = args;
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .filter(|v| !v.is_empty())
                .ok_or_else(|| format!("{arg} needs a value"))
        };
        match arg.as_str() {
            "--base-url" => base = Some(value()?),
            "--user" => options.user = value()?,
            "--api-key" => options.api_key = Some(value()?),
            "--totp-secret" => options.totp_secret = Some(value()?),
            "--issuer" => options.issuer = Some(value()?),
            "--audience" => options.audience = Some(value()?),
            "--dev" => options.dev = true,
            "-h" | "--help" => return Ok(None),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    options.base_url = base.ok_or("--base-url is required")?;
    Ok(Some(options))
}

fn main() -> ExitCode {
    match parse(std::env::args().skip(1)) {
        Ok(None) => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Ok(Some(options)) => {
            if twostep_conformance::report(&twostep_conformance::run(&options)) {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            eprintln!("{e}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}
