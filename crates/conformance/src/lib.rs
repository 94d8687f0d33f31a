//! Conformance checks for twostep backends: does a running server speak the
//! contract of `docs/protocol.md`? Run it with
//! `cargo xtask conformance --base-url URL [--user EMAIL] [--api-key KEY]
//! [--dev] [--totp-secret BASE32] [--issuer URL] [--audience AUD]`.

mod assertion;
mod checks;
mod client;
mod limits;
mod options;
mod secrecy;
mod sessions;

pub use checks::{Outcome, Verdict, run};
pub use client::{Client, Reply};
pub use options::Options;

/// Prints one line per outcome and the closing "N passed, N failed" line;
/// returns true when nothing failed.
pub fn report(outcomes: &[Outcome]) -> bool {
    let (mut passed, mut failed, mut skipped) = (0, 0, 0);
    for o in outcomes {
        match &o.verdict {
            Verdict::Pass => {
                passed += 1;
                println!("PASS  {}", o.name);
            }
            Verdict::Fail(why) => {
                failed += 1;
                println!("FAIL  {}: {why}", o.name);
            }
            Verdict::Skip(why) => {
                skipped += 1;
                println!("SKIP  {}: {why}", o.name);
            }
        }
    }
    println!(
        "conformance: {} checks: {passed} passed, {failed} failed, {skipped} skipped",
        outcomes.len()
    );
    failed == 0
}
